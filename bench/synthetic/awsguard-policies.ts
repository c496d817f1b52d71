// The peer pack's policies, read without constructing AwsGuard (which would start its gRPC server): every area
// module of @pulumi/awsguard exports the policy objects it registers.
import * as path from "path";
import { repoRoot } from "./repo-root";

const AREAS = ["apiGateway", "compute", "database", "elasticsearch", "network", "security", "storage"];

export const PEER_DIR = path.join(repoRoot(), "bench", "peer");
export const PEER_PACK_DIR = path.join(PEER_DIR, "awsguard-pack");

interface PolicyLike {
  name: string;
  validateResource?: unknown;
  validateStack?: unknown;
  configSchema?: { properties?: Record<string, { default?: unknown }> };
}

type Validate = ((args: { getConfig: () => unknown }, report: unknown) => unknown) & { __pulumiType?: string };

const isPolicy = (v: unknown): v is PolicyLike =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as PolicyLike).name === "string" &&
  ((v as PolicyLike).validateResource !== undefined || (v as PolicyLike).validateStack !== undefined);

/**
 * In-process there is no Configure call, so `getConfig()` returns `{}` and awsguard policies that read a config
 * value without a fallback throw (redshift-cluster-configuration). Under the CLI the engine sends the schema's
 * defaults; this hands each policy those same defaults, keeping the type shortcut @pulumi/policy relies on.
 */
function withSchemaDefaults(policy: PolicyLike): PolicyLike {
  const properties = policy.configSchema?.properties;
  if (!properties || policy.validateResource === undefined) return policy;
  const defaults = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.default]));
  const wrap = (fn: Validate): Validate => {
    const wrapped: Validate = (args, report) => fn({ ...args, getConfig: () => defaults }, report);
    if (fn.__pulumiType) wrapped.__pulumiType = fn.__pulumiType;
    return wrapped;
  };
  const v = policy.validateResource as Validate | Validate[];
  return { ...policy, validateResource: Array.isArray(v) ? v.map(wrap) : wrap(v) };
}

export function loadAwsGuardPolicies(): PolicyLike[] {
  const entry = require.resolve("@pulumi/awsguard", { paths: [PEER_PACK_DIR] });
  const byName = new Map<string, PolicyLike>();
  for (const area of AREAS) {
    for (const value of Object.values(require(path.join(path.dirname(entry), area)))) {
      if (isPolicy(value)) byName.set(value.name, value);
    }
  }
  return [...byName.values()].map(withSchemaDefaults);
}
