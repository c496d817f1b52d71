// Policy pack configuration in the `--policy-pack-config` file format, reconciled with what the pack declares:
// `{"all": "mandatory", "policy-name": "advisory" | {"enforcementLevel": "...", ...properties}}`.
import * as fs from "fs";
import { Validator } from "jsonschema";
import type { EnforcementLevel } from "./model";

export const ENFORCEMENT_LEVELS: EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

export type PolicyPackConfigFile = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

/** What the pack declares about one policy (from GetAnalyzerInfo). */
export interface DeclaredPolicy {
  name: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: { properties: Record<string, unknown>; required: string[] };
}

export interface ResolvedPolicyConfig {
  enforcementLevel: EnforcementLevel;
  properties: Record<string, unknown>;
}

export class PolicyConfigError extends Error {}

export function readPolicyConfigFile(file: string): PolicyPackConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new PolicyConfigError(`--policy-pack-config ${file}: ${(e as Error).message}; expected a JSON object`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new PolicyConfigError(`--policy-pack-config ${file}: expected a JSON object keyed by policy name`);
  }
  return parsed as PolicyPackConfigFile;
}

function checkLevel(where: string, level: unknown): EnforcementLevel | undefined {
  if (level === undefined) return undefined;
  if (!ENFORCEMENT_LEVELS.includes(level as EnforcementLevel)) {
    throw new PolicyConfigError(`${where}: enforcementLevel "${level}" is not one of ${ENFORCEMENT_LEVELS.join(", ")}`);
  }
  return level as EnforcementLevel;
}

function split(where: string, entry: unknown): { level?: EnforcementLevel; properties: Record<string, unknown> } {
  if (typeof entry === "string") return { level: checkLevel(where, entry), properties: {} };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
    throw new PolicyConfigError(
      `${where}: expected an enforcement level string or an object, got ${JSON.stringify(entry)}`,
    );
  }
  const { enforcementLevel, ...properties } = entry as Record<string, unknown>;
  return { level: checkLevel(where, enforcementLevel), properties };
}

/** Top-level schema defaults, as the CLI fills them (`createConfigWithDefaults`): nested defaults are not applied. */
function schemaDefaults(policy: DeclaredPolicy): Record<string, unknown> {
  const defaults: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
    if (schema !== null && typeof schema === "object" && "default" in schema) {
      defaults[key] = (schema as { default: unknown }).default;
    }
  }
  return defaults;
}

/**
 * The subschemas of the keys `config` holds. A property's subschema applies to its own key alone, so the result is
 * the same; jsonschema walks every subschema it is given (two URL parses each), ~15 ms over this kit's pack at a
 * start where most policies get no config at all.
 */
function presentOnly(properties: Record<string, unknown>, config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(config)
      .filter((key) => Object.prototype.hasOwnProperty.call(properties, key))
      .map((key) => [key, properties[key]]),
  );
}

/**
 * Config for every policy of the pack, as the CLI sends it in Configure: level from the file's entry, else "all",
 * else the pack's initial config, else the policy's own; properties = schema defaults, then the pack's initial
 * config, then the file; the result validated against the policy's schema, every error listed.
 */
export function reconcilePolicyConfig(
  packName: string,
  policies: DeclaredPolicy[],
  initial: Record<string, ResolvedPolicyConfig>,
  file: PolicyPackConfigFile = {},
): Record<string, ResolvedPolicyConfig> {
  const known = new Set(policies.map((p) => p.name));
  const unknown = Object.keys(file).filter((k) => k !== "all" && !known.has(k));
  if (unknown.length) {
    throw new PolicyConfigError(
      `policy config for pack "${packName}" names unknown policies: ${unknown.join(", ")}; ` +
        `the pack has: ${[...known].sort().join(", ")}`,
    );
  }
  const all = file.all === undefined ? undefined : split(`policy config "all"`, file.all).level;
  // An interpreting validator: each schema is checked once per preview, so compiling one (ajv: about 4 ms a
  // schema, 300 ms for this kit's pack at start-up) costs far more than it could save.
  const validator = new Validator();
  const errors: string[] = [];
  const result: Record<string, ResolvedPolicyConfig> = {};
  for (const policy of policies) {
    const own =
      file[policy.name] === undefined ? undefined : split(`policy config "${policy.name}"`, file[policy.name]);
    const properties = {
      ...schemaDefaults(policy),
      ...(initial[policy.name]?.properties ?? {}),
      ...(own?.properties ?? {}),
    };
    if (policy.configSchema) {
      const schema = {
        type: "object",
        ...policy.configSchema,
        properties: presentOnly(policy.configSchema.properties, properties),
      } as Parameters<Validator["validate"]>[1];
      for (const err of validator.validate(properties, schema).errors) {
        errors.push(`${policy.name}${err.property.replace(/^instance/, "")}: ${err.message}`);
      }
    } else if (Object.keys(own?.properties ?? {}).length) {
      errors.push(`${policy.name}: takes no configuration, got ${Object.keys(own!.properties).join(", ")}`);
    }
    const level = own?.level ?? all ?? initial[policy.name]?.enforcementLevel ?? policy.enforcementLevel;
    result[policy.name] = { enforcementLevel: level, properties };
  }
  if (errors.length) {
    throw new PolicyConfigError(`policy config for pack "${packName}" is invalid: ${errors.join("; ")}`);
  }
  return result;
}
