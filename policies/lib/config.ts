// Policy configuration: JSON schema for `--policy-pack-config`, and a parser that rejects bad values with a message
// naming the policy, the key, the value and what is allowed (the CLI's own schema check is not always in the path).
import { PolicyConfigSchema } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { parseCidr } from "../../lib/cidr";
import { PolicyConfigError } from "./errors";
import { Exemption, EXEMPTION_SCHEMA, parseExemptions } from "./exemptions";

export { PolicyConfigError };

/** Settings every rule accepts. */
export interface CommonConfig {
  /** Unknown risky values at preview become mandatory failures instead of advisory notes. */
  failClosed?: boolean;
  exemptions: Exemption[];
}

export const COMMON_SCHEMA: PolicyConfigSchema["properties"] = {
  failClosed: {
    type: "boolean",
    description: "Treat a risky value that is unknown at preview as a violation (overrides the pack setting).",
  },
  exemptions: EXEMPTION_SCHEMA,
};

export const PORTS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "integer", minimum: 0, maximum: 65535 },
  uniqueItems: true,
};

export const NAMES_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string", minLength: 1 },
  minItems: 1,
};

export const CIDRS_SCHEMA: PolicyConfigJSONSchema = { type: "array", items: { type: "string", minLength: 1 } };

const PREFIX_LIST_ID = /^pl-[0-9a-f]+$/;

/** Managed prefix list ids, e.g. ["pl-a3a144ca"]. */
export const PREFIX_LIST_IDS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  items: { type: "string", pattern: PREFIX_LIST_ID.source },
  uniqueItems: true,
};

export const PREFIX_SCHEMA = (max: number): PolicyConfigJSONSchema => ({ type: "integer", minimum: 0, maximum: max });

/** Reads and checks typed values out of a raw config object for one policy. */
export class ConfigReader {
  constructor(
    readonly policy: string,
    private readonly raw: Record<string, unknown>,
  ) {}

  common(): CommonConfig {
    const failClosed = this.raw.failClosed;
    if (failClosed !== undefined && typeof failClosed !== "boolean")
      throw new PolicyConfigError(this.policy, "failClosed", failClosed, "true or false");
    return { failClosed, exemptions: parseExemptions(this.policy, this.raw.exemptions) };
  }

  integer(key: string, fallback: number, min: number, max: number): number {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max)
      throw new PolicyConfigError(this.policy, key, v, `an integer from ${min} to ${max}`);
    return v;
  }

  boolean(key: string, fallback: boolean): boolean {
    const v = this.raw[key];
    if (v === undefined) return fallback;
    if (typeof v !== "boolean") throw new PolicyConfigError(this.policy, key, v, "true or false");
    return v;
  }

  ports(key: string, fallback: readonly number[]): number[] {
    const v = this.raw[key];
    if (v === undefined) return [...fallback];
    if (!Array.isArray(v) || v.some((p) => typeof p !== "number" || !Number.isInteger(p) || p < 0 || p > 65535))
      throw new PolicyConfigError(this.policy, key, v, "a list of port numbers 0-65535, e.g. [22, 3389, 5900]");
    return v as number[];
  }

  strings(key: string, fallback: readonly string[]): string[] {
    const v = this.raw[key];
    if (v === undefined) return [...fallback];
    if (!Array.isArray(v) || v.length === 0 || v.some((s) => typeof s !== "string" || s.trim() === ""))
      throw new PolicyConfigError(this.policy, key, v, "a non-empty list of names");
    return v as string[];
  }

  /** Managed prefix list ids (an empty list is allowed: it adds none). */
  prefixListIds(key: string): string[] {
    const v = this.raw[key];
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((id) => typeof id !== "string" || !PREFIX_LIST_ID.test(id)))
      throw new PolicyConfigError(this.policy, key, v, 'a list of prefix list ids, e.g. ["pl-a3a144ca"]');
    return v as string[];
  }

  cidrs(key: string, fallback: readonly string[] = []): string[] {
    const v = this.raw[key];
    if (v === undefined) return [...fallback];
    const bad = Array.isArray(v) ? v.filter((c) => typeof c !== "string" || !parseCidr(c)) : [v];
    if (bad.length > 0)
      throw new PolicyConfigError(
        this.policy,
        key,
        bad,
        'a list of CIDR blocks, e.g. ["203.0.113.0/24", "2001:db8::/48"]',
      );
    return v as string[];
  }
}
