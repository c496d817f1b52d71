// The custom headers the distributions in front of an ALB add to their requests to it (origins[].customHeaders): the
// secret an origin request gate's listener rules must require, since CloudFront's origin-facing prefix list admits
// every distribution, another account's too. Secrets arrive wrapped; the readers here unwrap them.
import { GenericResource, isUnknown, list, prop, str } from "../../lib/reachability/internals";
import { originsReaching } from "./waf-endpoints-cloudfront";

/** What the origins send: each header's values (undefined: unknown at preview) by lower-case name. */
export interface OriginHeaders {
  values: ReadonlyMap<string, readonly (string | undefined)[]>;
  /** The header names as the distributions write them, for messages. */
  names: readonly string[];
  /** A header, its name or an origin's customHeaders is unknown at preview: another name may be sent. */
  open: boolean;
}

/**
 * The headers the origins of `distributions` that may be the ALB send (`originsReaching`). Several origins of unknown
 * domain (an S3 bucket's beside the ALB's) give the union of their headers.
 */
export function originHeaders(
  distributions: readonly GenericResource[],
  targets: readonly GenericResource[],
  hosts: readonly string[],
): OriginHeaders {
  const values = new Map<string, (string | undefined)[]>();
  const names = new Set<string>();
  let open = false;
  const origins = distributions.flatMap((cf) => originsReaching(cf, targets, hosts));
  for (const origin of origins) {
    if (isUnknown(origin)) open = true;
    for (const header of list(prop(origin, "customHeaders"))) {
      const name = str(prop(header, "name"));
      if (isUnknown(header) || name === undefined) {
        open = true;
        continue;
      }
      names.add(name);
      const key = name.toLowerCase();
      values.set(key, [...(values.get(key) ?? []), str(prop(header, "value"))]);
    }
  }
  return { values, names: [...names], open };
}
