// Whether a launch setting closes IMDSv1: session tokens required, the metadata endpoint off, or (when the setting
// leaves tokens out) a launch template that decides, which the IMDSv2 rule checks as a resource of its own (and, when
// the stack does not declare it, notes across the stack: outside-launch-templates.ts).
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { is, shown } from "./text-values";

export interface TokenSettings {
  /** Prefix for messages, e.g. "metadataOptions.". */
  where: string;
  httpTokens: unknown;
  /** Absent on resources that have no endpoint switch. */
  httpEndpoint?: unknown;
  /**
   * The resource launches from a launch template, whose tokens apply when it sets none of its own. One that turns on
   * the endpoint the template switches off, or names another image, is judged across the stack
   * (imds-template-overrides.ts): only there is the template's verdict in sight.
   */
  fromTemplate?: boolean;
  /** Tokens left out fall to the account's instance metadata defaults, which the rule's stack part judges. */
  accountDecides?: boolean;
}

export function tokenFindings(settings: TokenSettings): Finding[] {
  const { where, httpTokens, httpEndpoint, fromTemplate, accountDecides } = settings;
  if (is(httpTokens, "required") || is(httpEndpoint, "disabled")) return [];
  if (isUnknown(httpTokens) || isUnknown(httpEndpoint)) return [unverifiable(`${where}httpTokens`)];
  const unset = httpTokens === undefined || httpTokens === null;
  if (unset && (fromTemplate || accountDecides)) return [];
  return [violation(`${where}httpTokens is ${unset ? UNSET : shown(httpTokens)}: IMDSv1 stays open`)];
}

export const UNSET = "not set (defaults to optional)";

/** Tokens left to whatever launches the resource decides: unset, the endpoint on, and no launch template. */
export function leavesTokensOut(settings: Omit<TokenSettings, "where" | "accountDecides">): boolean {
  const { httpTokens, httpEndpoint, fromTemplate } = settings;
  if (fromTemplate || isUnknown(httpEndpoint) || is(httpEndpoint, "disabled")) return false;
  return httpTokens === undefined || httpTokens === null;
}

/** A launch reference that is present (known or not): a template decides what the resource leaves out. */
export const present = (v: unknown) => v !== undefined && v !== null && v !== "";
