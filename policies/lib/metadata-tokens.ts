// Whether a launch setting closes IMDSv1: session tokens required, the metadata endpoint off, or (when the setting
// leaves tokens out) a launch template that decides, which the IMDSv2 rule checks as a resource of its own.
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { is } from "./text-values";

export interface TokenSettings {
  /** Prefix for messages, e.g. "metadataOptions.". */
  where: string;
  httpTokens: unknown;
  /** Absent on resources that have no endpoint switch. */
  httpEndpoint?: unknown;
  /** The resource launches from a launch template, whose tokens apply when it sets none of its own. */
  fromTemplate?: boolean;
}

export function tokenFindings({ where, httpTokens, httpEndpoint, fromTemplate }: TokenSettings): Finding[] {
  if (is(httpTokens, "required") || is(httpEndpoint, "disabled")) return [];
  if (isUnknown(httpTokens) || isUnknown(httpEndpoint)) return [unverifiable(`${where}httpTokens`)];
  if ((httpTokens === undefined || httpTokens === null) && fromTemplate) return [];
  const shown = httpTokens === undefined || httpTokens === null ? "not set (defaults to optional)" : `"${httpTokens}"`;
  return [violation(`${where}httpTokens is ${shown}: IMDSv1 stays open`)];
}

/** A launch reference that is present (known or not): a template decides what the resource leaves out. */
export const present = (v: unknown) => v !== undefined && v !== null && v !== "";
