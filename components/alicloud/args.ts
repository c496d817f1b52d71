// Argument checks every Alibaba Cloud component shares. Plain-JavaScript callers pass misspelled keys, strings for
// booleans and Outputs where the component must read the value itself (names, CIDRs, rule lists): each is reported
// once, by argument, before any child exists, and weakened defaults are announced with a warning.
import * as pulumi from "@pulumi/pulumi";
import { checkBoolean, checkKnownArguments, isPlain, Problems, unresolvedProblem } from "../validation";
import { checkCallerTags, ResourceTagLimits } from "../resourceTagLimits";

/** The argument a problem is about, without its index or field: `allowedCidrs[2]` and `rateLimit.x` → the key. */
function rootArgument(argument: string): string {
  return argument.split(/[.[]/)[0];
}

/**
 * Problems of a component's arguments. An argument already reported as unknown-at-construction (an Output or a
 * Promise) gets no second problem from the checks that follow, so each bad argument is one line of the error.
 */
export class ArgProblems extends Problems {
  private readonly unplain = new Set<string>();

  override add(argument: string, value: unknown, allowed: string, fix: string): this {
    if (this.unplain.has(rootArgument(argument))) return this;
    return super.add(argument, value, allowed, fix);
  }

  override addAll(problems: Parameters<Problems["addAll"]>[0]): this {
    return super.addAll(problems.filter((p) => !this.unplain.has(rootArgument(p.argument))));
  }

  /**
   * Reports every key of `args` that `known` does not list (a misspelled `lockworm: false` would otherwise be
   * ignored and leave the caller believing it applied), suggesting the closest known key.
   */
  knownKeys(args: object, known: readonly string[], prefix = ""): void {
    checkKnownArguments(this, args, known, prefix);
  }

  /**
   * Reports each listed argument that is an Output or a Promise (also inside a list), and returns a copy of `args`
   * without them so later checks see the default or nothing instead of a value they cannot read.
   */
  plain<T extends object>(args: T, keys: readonly (keyof T & string)[], prefix = ""): T {
    const copy: Record<string, unknown> = { ...(args as Record<string, unknown>) };
    for (const key of keys) {
      const value = copy[key];
      const inner = Array.isArray(value) ? value.findIndex((v) => !isPlain(v)) : -1;
      const bad = !isPlain(value) ? `${prefix}${key}` : inner >= 0 ? `${prefix}${key}[${inner}]` : undefined;
      if (bad === undefined) continue;
      // The same wording as the AWS components (validation.ts).
      const problem = unresolvedProblem(bad, !isPlain(value) ? value : (value as unknown[])[inner]);
      this.add(problem.argument, problem.value, problem.allowed, problem.fix);
      this.unplain.add(rootArgument(`${prefix}${key}`));
      delete copy[key];
    }
    return copy as T;
  }

  /** Booleans must be booleans: the string "false" is truthy and would silently keep (or drop) a safeguard. */
  boolean(argument: string, value: unknown): boolean {
    return checkBoolean(this, argument, value);
  }

  /** Required inputs that may be Outputs: present, and not an empty string. */
  present(argument: string, value: unknown, fix: string): boolean {
    return this.check(
      value !== undefined && value !== null && value !== "",
      argument,
      value,
      "a value (it may be an Output)",
      fix,
    );
  }

  /** An optional input, when given, is not an empty string (which reads as "not given" and silently falls back). */
  notBlank(argument: string, value: unknown, fix: string): boolean {
    return this.check(value !== "" && value !== null, argument, value, "a non-empty value, or omit it", fix);
  }

  /** Reports the second and later occurrence of each plain entry. */
  distinct(argument: string, list: readonly unknown[], fix = "remove the duplicate"): void {
    const seen = new Set<unknown>();
    list.forEach((entry, i) => {
      if (!isPlain(entry)) return;
      if (seen.has(entry)) this.add(`${argument}[${i}]`, entry, "each entry once", fix);
      seen.add(entry);
    });
  }
}

/** Alibaba Cloud tags: at most 20 per resource, keys and values up to 128 characters, no `aliyun`/`acs:` keys. */
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 128;

const ALIBABA_TAG_LIMITS: ResourceTagLimits = {
  cloud: "Alibaba Cloud",
  maxTags: MAX_TAGS,
  maxKeyLength: MAX_TAG_LENGTH,
  maxValueLength: MAX_TAG_LENGTH,
  reservedKey: /^(aliyun|acs:|hardening:|https?:\/\/)/i,
  reservedKeyText: "aliyun, acs:, http(s):// or hardening: (the kit's own)",
};

/**
 * Tags the caller adds. The component adds `reserved` tags of its own under `hardening:`, which marks evidence and
 * roles for the policies: a caller's `hardening:` key would be overwritten, so it is refused rather than ignored.
 */
export function checkTags(problems: Problems, argument: string, tags: unknown, reserved: number): void {
  checkCallerTags(problems, argument, tags, ALIBABA_TAG_LIMITS, reserved);
}

/** Lists the keys of an argument interface so the compiler keeps the list complete. */
export function argumentKeys<T>(keys: Record<keyof T, true>): string[] {
  return Object.keys(keys);
}

/**
 * Announces an explicit argument that is weaker than the component's default. `weaker` decides the direction:
 * a shorter retention, a longer session or idle period.
 */
export function warnIfWeaker(
  component: pulumi.Resource,
  subject: string,
  argument: string,
  value: number,
  defaultValue: number,
  direction: "lower" | "higher",
  consequence: string,
): void {
  const weaker = direction === "lower" ? value < defaultValue : value > defaultValue;
  if (weaker) {
    pulumi.log.warn(
      `${subject}: ${argument} is ${value}, weaker than the default ${defaultValue} (${consequence})`,
      component,
    );
  }
}
