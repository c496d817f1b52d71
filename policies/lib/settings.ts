// Pack-wide settings. @pulumi/policy only hands a policy its own config, so the settings travel as the config of a
// policy that reports nothing and runs first for every resource, publishing what it read to the rules after it.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { PolicyConfigError } from "./errors";

export interface PackSettings {
  failClosed: boolean;
}

export const SETTINGS_POLICY_NAME = "configure-hardening-kit-pack";

/** The offline engine and CI can also fail closed through the environment, without a config file. */
const fromEnvironment = (): PackSettings => ({
  failClosed: /^(1|true|yes)$/i.test(process.env.HARDENING_KIT_FAIL_CLOSED ?? ""),
});

/** Read once: the environment of a pack process does not change, and this runs for every resource. */
const environment: PackSettings = fromEnvironment();

let current: PackSettings = environment;

export function packSettings(): PackSettings {
  return current;
}

export function applyPackSettings(raw: Record<string, unknown>): PackSettings {
  if (Object.keys(raw).length === 0) return (current = environment);
  const { failClosed, ...extra } = raw;
  if (Object.keys(extra).length > 0)
    throw new PolicyConfigError(SETTINGS_POLICY_NAME, Object.keys(extra).join(","), extra, "only failClosed");
  if (failClosed !== undefined && typeof failClosed !== "boolean")
    throw new PolicyConfigError(SETTINGS_POLICY_NAME, "failClosed", failClosed, "true or false");
  current = failClosed === undefined ? environment : { failClosed };
  return current;
}

export const packSettingsPolicy: ResourceValidationPolicy = {
  name: SETTINGS_POLICY_NAME,
  description:
    "Publishes the pack-wide settings and reports nothing; failClosed: true turns every 'cannot be verified at preview' note of every policy into a violation.",
  enforcementLevel: "advisory",
  severity: "low",
  configSchema: {
    properties: {
      failClosed: { type: "boolean", description: "Unknown risky values at preview fail every policy of the pack." },
    },
  },
  validateResource: (args) => {
    applyPackSettings(args.getConfig<Record<string, unknown>>());
  },
};
