// Safe reading of resource properties at preview. @pulumi/policy wraps props in a proxy that throws on unknown values
// and then silently downgrades a mandatory policy to advisory; reading the raw object instead lets a check see which
// field is unknown and decide itself.

import { boolValue, numValue } from "./scalar-values";

// The sentinels live in @pulumi/policy's proxy module (typed as internal), read at load so they never drift.
const proxy: Record<string, unknown> = require("@pulumi/policy/proxy");
const UNKNOWN_SENTINELS = new Set(
  Object.keys(proxy)
    .filter((k) => /^unknown[A-Z]\w*Value$/.test(k))
    .map((k) => proxy[k]),
);

/** The engine's unknown marker for a string value: used by tests and fixtures to build preview-shaped input. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
  return typeof v === "string" && UNKNOWN_SENTINELS.has(v);
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(v: unknown): boolean {
  if (isUnknown(v)) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
  return false;
}

const PROXY_TARGET = "__getSpecialProxyTarget";

/**
 * The object behind @pulumi/policy's unknown-checking proxy, for reading. During remediation it is itself a
 * secrets-preserving proxy whose reads unwrap secrets, which is what checks want.
 */
export function rawProps(props: unknown): Record<string, unknown> {
  if (props === null || typeof props !== "object") return {};
  const target = (props as Record<string, unknown>)[PROXY_TARGET];
  return (target ?? props) as Record<string, unknown>;
}

/** The innermost plain object behind every proxy, secrets still wrapped: the base for a remediated copy. */
export function innermostProps(props: unknown): Record<string, unknown> {
  let cur = props;
  for (let target = rawTarget(cur); target !== undefined; target = rawTarget(cur)) cur = target;
  return cur !== null && typeof cur === "object" ? (cur as Record<string, unknown>) : {};
}

function rawTarget(v: unknown): unknown {
  return v !== null && typeof v === "object" ? (v as Record<string, unknown>)[PROXY_TARGET] : undefined;
}

/** A nested object, or undefined when absent or not an object (unknown objects are left to the caller). */
export function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/** A list; a single value becomes a one-element list, absent becomes empty. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** Strings of a list field such as `cidrBlocks`, keeping unknown markers so callers can report them. */
export function strings(v: unknown): string[] {
  return list(v).filter((x): x is string => typeof x === "string");
}

/** Booleans as providers send them (see scalar-values.ts). */
export const bool = boolValue;

export const num = numValue;

/** Tag value by key, case-sensitive as clouds store them. */
export function tag(props: Record<string, unknown>, key: string): unknown {
  return obj(props.tags)?.[key];
}
