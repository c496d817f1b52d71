// AWS data services whose endpoint gets an internet address from one setting: a boolean flag, or Amazon MSK's
// public-access type.
import { bool, isUnknown, obj } from "../../lib/values";
import { unverifiable, violation } from "./findings";
import { Check } from "./rule";

/**
 * A public-endpoint flag: true gives the endpoint an internet address. `publicByDefault`: the service makes it public
 * when the flag is absent (a DMS instance profile), so only false closes it.
 */
export function publicFlag(field: string, publicByDefault = false): Check<unknown> {
  return (p) => {
    if (isUnknown(p[field])) return [unverifiable(field)];
    const value = bool(p[field]);
    if (value === true) return [violation(`${field} is true: the endpoint gets a public address`)];
    if (value === undefined && publicByDefault)
      return [violation(`${field} is not set and defaults to true: the endpoint gets a public address`)];
    return [];
  };
}

const MSK_PUBLIC_ACCESS = ["brokerNodeGroupInfo", "connectivityInfo", "publicAccess", "type"];

/**
 * Amazon MSK: `brokerNodeGroupInfo.connectivityInfo.publicAccess.type` SERVICE_PROVIDED_EIPS gives every broker an
 * Elastic IP. Any step of that path unknown at preview may be it; DISABLED or no block keeps the brokers private.
 */
export const mskPublicAccess: Check<unknown> = (p) => {
  let value: unknown = p;
  for (let i = 0; i < MSK_PUBLIC_ACCESS.length; i++) {
    const field = MSK_PUBLIC_ACCESS[i];
    value = obj(value)?.[field];
    if (isUnknown(value)) return [unverifiable(MSK_PUBLIC_ACCESS.slice(0, i + 1).join("."))];
    if (value === undefined || value === null) return [];
  }
  if (typeof value !== "string" || value.toUpperCase() !== "SERVICE_PROVIDED_EIPS") return [];
  return [
    violation(
      `${MSK_PUBLIC_ACCESS.join(".")} is SERVICE_PROVIDED_EIPS: every broker gets a public address; keep DISABLED and reach the brokers from inside the VPC`,
    ),
  ];
};
