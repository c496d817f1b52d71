// Checks of boot scripts whose user data sits deeper than a top-level field.
import { isUnknown, list, obj } from "../../lib/values";
import { unverifiable } from "./findings";
import { Check } from "./rule";
import { userDataFindings } from "./script-findings";

/** Spot fleets carry plain user data in each launch specification; any of them may be the one that weakens login. */
export function spotFleetCheck(): Check<unknown> {
  return (p) => {
    const specs = p.launchSpecifications;
    if (isUnknown(specs)) return [unverifiable("launchSpecifications")];
    return list(specs).flatMap((spec, i) => {
      const field = `launchSpecifications[${i}]`;
      if (isUnknown(spec)) return [unverifiable(field)];
      return userDataFindings(`${field}.userData`, obj(spec)?.userData);
    });
  };
}
