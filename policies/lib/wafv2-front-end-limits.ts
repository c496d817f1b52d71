// What the front end before a WebACL lets through, which bounds what a size comparison on the URI path can meet.
// CloudFront refuses URLs of more than 8,192 bytes (the URL holds the host name besides the path), so every path a
// CLOUDFRONT web ACL sees is shorter than 8,192 bytes; an Application Load Balancer refuses request lines of 16 KB or
// more (the line holds the method and protocol besides the path), so REGIONAL paths are shorter than 16,384 bytes.
import { ownValue } from "../../lib/own-value";
import { isUnknown } from "../../lib/values";

/** Every URI path the web ACL inspects is shorter than this many bytes; "unknown" when the scope is. */
export interface RequestLimits {
  pathShorterThan?: number | "unknown";
}

/** No bound known: only comparisons that hold for any size are total. */
export const NO_LIMITS: RequestLimits = {};

const PATH_BOUND: Record<string, number> = { CLOUDFRONT: 8192, REGIONAL: 16384 };

/** The bounds of every scope, for a scope unknown at preview. */
export const PATH_BOUNDS: readonly number[] = Object.values(PATH_BOUND);

/** The bounds of a web ACL of the given scope (CLOUDFRONT or REGIONAL). */
export function limitsForScope(scope: unknown): RequestLimits {
  if (isUnknown(scope)) return { pathShorterThan: "unknown" };
  const bound = typeof scope === "string" ? ownValue(PATH_BOUND, scope.toUpperCase()) : undefined;
  return bound === undefined ? NO_LIMITS : { pathShorterThan: bound };
}
