// Databases whose internet endpoint has no whitelist the program can set: turning the endpoint on opens the
// database to every address.
import { bool, isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { Check } from "./rule";

/**
 * Hologres: an `endpoints` entry of type `Internet` turns on the public endpoint (off by default). Its IP whitelist
 * lives in HoloWeb, not in the provider, and an instance without one admits every address, so the public endpoint
 * itself is the opening. An entry whose type or `enabled` is unknown at preview may be that endpoint.
 */
export const hologresInternetEndpoint: Check<unknown> = (p) => {
  const field = "endpoints";
  if (isUnknown(p[field])) return [unverifiable(field)];
  return list(p[field]).flatMap((e, i): Finding[] => {
    const at = `${field}[${i}]`;
    const entry = obj(e);
    if (isUnknown(e) || isUnknown(entry?.type)) return [unverifiable(at)];
    if (typeof entry?.type !== "string" || entry.type.toLowerCase() !== "internet") return [];
    if (isUnknown(entry.enabled)) return [unverifiable(`${at}.enabled`)];
    if (bool(entry.enabled) === false) return [];
    return [
      violation(
        `${at} turns on the Internet endpoint: Hologres admits every address unless a whitelist is set in HoloWeb, which the program cannot show; keep the instance on its VPC endpoint`,
      ),
    ];
  });
};
