// Turns a rule's metadata and small per-type checks into one ResourceValidationPolicy: a single validateResource
// that dispatches by type (one property conversion per resource), safe reading of unknowns, exemptions, config
// validation, fail-closed handling and optional remediation.
import {
  PolicyConfigSchema,
  PolicyProviderResource,
  ReportViolation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { CommonConfig, ConfigReader } from "./config";
import { reportingCaseStep } from "./case-step";
import { findExemption, isExpired } from "./exemptions";
import { Finding } from "./findings";
import { RuleMetadata } from "./metadata";
import { policyFields } from "./policy-object";
import { reportFindings } from "./report-findings";
import { resourceSecrets } from "./secret-values";
import { innermostProps, rawProps } from "../../lib/values";

export interface CheckContext<C> {
  type: string;
  name: string;
  urn: string;
  config: C;
  /** The resource's provider as the engine sent it (inputs behind the unknown-checking proxy: read with rawProps). */
  provider?: PolicyProviderResource;
}

export type Check<C> = (props: Record<string, unknown>, ctx: CheckContext<C>) => Finding[];
/** Several checks on one type (a cluster's SSH listener and its API server), their findings in order. */
export function allChecks<C>(...checks: Check<C>[]): Check<C> {
  return (props, ctx) => checks.flatMap((check) => check(props, ctx));
}

/** Returns the top-level properties to replace, or undefined when nothing safe can be done. */
export type Remedy<C> = (props: Record<string, unknown>, ctx: CheckContext<C>) => Record<string, unknown> | undefined;

export interface ResourceRuleSpec<C> {
  metadata: Omit<RuleMetadata, "resourceTypes">;
  /** Rule-specific config keys (failClosed and exemptions are added for every rule). */
  configSchema?: PolicyConfigSchema["properties"];
  parseConfig?: (reader: ConfigReader) => C;
  checks: Record<string, Check<C>>;
  remedies?: Record<string, Remedy<C>>;
}

export type HardeningResourcePolicy = ResourceValidationPolicy & { metadata: RuleMetadata };

interface ParsedConfig<C> {
  common: CommonConfig;
  rule: C;
}

export function defineResourceRule<C = Record<string, never>>(spec: ResourceRuleSpec<C>): HardeningResourcePolicy {
  const metadata: RuleMetadata = { ...spec.metadata, resourceTypes: Object.keys(spec.checks) };
  const { name } = metadata;
  const cache = new Map<string, ParsedConfig<C>>();
  let last: LastConfig<ParsedConfig<C>> | undefined;

  // Config is re-read per call (the engine configures after start-up) but parsed once per distinct value.
  const configOf = (args: Pick<ResourceValidationArgs, "getConfig">): ParsedConfig<C> => {
    const raw = args.getConfig<Record<string, unknown>>() ?? {};
    // The SDK copies the same values into a fresh object on every call: those values again are the last config,
    // known without serialising it (an empty one included).
    if (last !== undefined && sameEntries(raw, last)) return last.parsed;
    const key = isEmpty(raw) ? "{}" : JSON.stringify(raw);
    let parsed = cache.get(key);
    if (!parsed) {
      const reader = new ConfigReader(name, raw);
      parsed = { common: reader.common(), rule: spec.parseConfig ? spec.parseConfig(reader) : ({} as C) };
      cache.set(key, parsed);
    }
    last = { ...ownEntries(raw), parsed };
    return parsed;
  };

  const contextOf = (args: ResourceValidationArgs, config: C): CheckContext<C> => ({
    type: args.type,
    name: args.name,
    urn: args.urn,
    config,
    provider: args.provider,
  });

  // A Map: every policy looks up every resource's type, and most types are not in its table.
  const checkByType = new Map(Object.entries(spec.checks));
  const validateResource = (args: ResourceValidationArgs, reportRaw: ReportViolation) => {
    const check = checkByType.get(args.type);
    if (!check) return;
    const { common, rule } = configOf(args);
    const findings = check(rawProps(args.props), contextOf(args, rule));
    // Most resources comply and match no exemption: nothing to report, so no reporter is built.
    if (
      findings.length === 0 &&
      (common.exemptions.length === 0 || !findExemption(common.exemptions, args.urn, args.name))
    )
      return;
    const report = reportingCaseStep(reportRaw, metadata.caseStep);
    // One exemption note covers all of the resource's findings; an expired exemption is a violation of its own.
    const subject = { urn: args.urn, name: args.name, secrets: resourceSecrets(args) };
    reportFindings({ report, policyName: name, common, expired: "notice" }, subject, findings);
  };
  const types = Object.keys(spec.checks);
  // A single-type rule lets @pulumi/policy skip other types before converting their properties.
  if (types.length === 1) (validateResource as { __pulumiType?: string }).__pulumiType = types[0];

  const policy: HardeningResourcePolicy = { ...policyFields(metadata, spec.configSchema), validateResource, metadata };

  if (spec.remedies) {
    const remedyByType = new Map(Object.entries(spec.remedies));
    policy.remediateResource = (args: ResourceValidationArgs) => {
      const remedy = remedyByType.get(args.type);
      if (!remedy) return undefined;
      const { common, rule } = configOf(args);
      const exemption = findExemption(common.exemptions, args.urn, args.name);
      if (exemption && !isExpired(exemption)) return undefined;
      const patch = remedy(rawProps(args.props), contextOf(args, rule));
      // Untouched properties keep their secret wrappers: the copy starts from the innermost object.
      return patch ? { ...innermostProps(args.props), ...patch } : undefined;
    };
  }
  return policy;
}

/** A config as read last: its own keys and their values, in order, and what they parsed to. */
interface LastConfig<P> {
  keys: string[];
  values: unknown[];
  parsed: P;
}

function ownEntries(raw: Record<string, unknown>): { keys: string[]; values: unknown[] } {
  const keys: string[] = [];
  const values: unknown[] = [];
  for (const key in raw)
    if (Object.prototype.hasOwnProperty.call(raw, key)) {
      keys.push(key);
      values.push(raw[key]);
    }
  return { keys, values };
}

/**
 * The same own keys, in the same order, holding the same values (objects by identity: nothing writes to a config's
 * values), without allocating.
 */
function sameEntries<P>(raw: Record<string, unknown>, last: LastConfig<P>): boolean {
  let i = 0;
  for (const key in raw) {
    if (!Object.prototype.hasOwnProperty.call(raw, key)) continue;
    if (i >= last.keys.length || last.keys[i] !== key || !Object.is(last.values[i], raw[key])) return false;
    i++;
  }
  return i === last.keys.length;
}

/** No own enumerable key, without the array Object.keys would allocate on every call. */
function isEmpty(raw: Record<string, unknown>): boolean {
  for (const key in raw) if (Object.prototype.hasOwnProperty.call(raw, key)) return false;
  return true;
}
