// The `Scheme` of a CloudFormation load balancer (v2 and classic alike) as the provider's `internal` switch.
import { isUnknown, UNKNOWN } from "../../../lib/values";

/** `Scheme`: internet-facing (the default) or internal; absent or unknown at preview stays so. */
export function internal(scheme: unknown): unknown {
  if (scheme === undefined || isUnknown(scheme)) return scheme;
  return typeof scheme === "string" ? scheme.toLowerCase() === "internal" : UNKNOWN;
}
