// Whether an Allow statement's Condition narrows who may use it to some principals: a positive test on a key naming
// the caller, its account or organization, or the network it calls from, with a value that is not a wildcard. Keys
// absent from an anonymous request fail such a test, so anonymous callers are kept out too. A test that admits a
// caller without the key (IfExists, ForAllValues, a negated operator, Null) narrows nothing, nor does a wildcard id
// anyone's id matches ("vpc-*", "o-*"); a key or operator not
// read here is unreadable, which is a note, never a pass. A source-IP test whose blocks together cover every IPv4 or
// every IPv6 address narrows no one (any caller can use that family); a narrower one cannot be told here: a note.
import { coversInternet } from "../../lib/cidr";
import { isUnknown, obj, strings } from "../../lib/values";
import { conditionOperator } from "./condition-operators";

/** "narrowed" keeps everyone out but the named principals; "open" narrows no one; otherwise the field not read. */
export type Narrowing = "narrowed" | "open" | { unreadable: string };

const PRINCIPAL_KEYS = new Set([
  "aws:principalorgid",
  "aws:principalorgpaths",
  "aws:principalaccount",
  "aws:principalarn",
  "aws:sourceaccount",
  "aws:sourcearn",
  "aws:sourceorgid",
  "aws:sourceorgpaths",
  "aws:sourcevpc",
  "aws:sourcevpce",
  "aws:userid",
]);
const ARN_KEYS = new Set(["aws:principalarn", "aws:sourcearn"]);
const POSITIVE_OPS = new Set(["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"]);
const LIKE_OPS = new Set(["stringlike", "arnlike"]);
/** Keys that say nothing about who calls: a test on them narrows no one, and is read as such. */
const UNRELATED_KEYS = new Set([
  "aws:securetransport",
  "aws:multifactorauthpresent",
  "aws:requestedregion",
  "aws:currenttime",
  "aws:epochtime",
  "s3:x-amz-acl",
  "s3:x-amz-server-side-encryption",
  "s3:x-amz-server-side-encryption-aws-kms-key-id",
  "s3:signatureversion",
  "s3:authtype",
  "s3:tlsversion",
]);
const WILDCARD = /[*?]/;

type KeyVerdict = "narrowed" | "open" | "unreadable";

const ORG_PATH_KEYS = new Set(["aws:principalorgpaths", "aws:sourceorgpaths"]);
const ORG_ID_KEYS = new Set(["aws:principalorgid", "aws:sourceorgid"]);
const ONLY_WILDCARDS = /^[*?]+$/;
const ANY_ORGANIZATION = /^(o-)?[*?]+$/i;
/** Network ids anyone can create: "vpc-*" matches every VPC of every account, "vpce-*" every endpoint. */
const ANY_NETWORK: Record<string, RegExp> = {
  "aws:sourcevpc": /^(vpc-)?[*?]+$/i,
  "aws:sourcevpce": /^(vpce-)?[*?]+$/i,
};

/**
 * A Like value narrows when the part that identifies the caller is literal: an ARN's account field (every field
 * before it literal too), an organization path's organization id. Any other wildcard value cannot be told narrow here.
 */
function likeValue(key: string, value: string): KeyVerdict {
  if (!WILDCARD.test(value)) return "narrowed";
  if (ONLY_WILDCARDS.test(value)) return "open";
  // "o-*" matches every organization, "vpc-*" every VPC, "arn:aws:iam::*:…" a principal of every account: anyone
  // can own one.
  if (ANY_NETWORK[key]?.test(value)) return "open";
  if (ORG_ID_KEYS.has(key)) return ANY_ORGANIZATION.test(value) ? "open" : "unreadable";
  if (ORG_PATH_KEYS.has(key)) {
    if (ANY_ORGANIZATION.test(value.split("/")[0])) return "open";
    return /^[^*?/]+\//.test(value) ? "narrowed" : "unreadable";
  }
  if (!ARN_KEYS.has(key)) return "unreadable";
  const account = value.split(":")[4];
  if (account !== undefined && ONLY_WILDCARDS.test(account)) return "open";
  const head = value.split(":").slice(0, 5);
  return head.length === 5 && head[4] !== "" && !head.some((f) => WILDCARD.test(f)) ? "narrowed" : "unreadable";
}

const SOURCE_IP = "aws:sourceip";

/**
 * An IpAddress test on aws:SourceIp (IfExists or not): blocks whose union is the whole IPv4 or IPv6 internet admit
 * every caller of that family, so anyone; whether narrower blocks, or a NotIpAddress, keep callers out is not read.
 */
function sourceIpVerdict(base: string, value: unknown): KeyVerdict {
  if (base !== "ipaddress" || isUnknown(value)) return "unreadable";
  const values = strings(value);
  if (values.length === 0 || values.some(isUnknown)) return "unreadable";
  const covered = coversInternet(values);
  return covered.ipv4 || covered.ipv6 ? "open" : "unreadable";
}

/** One key's test. Values of a key are ORed: one that admits everyone opens it. */
function keyVerdict(op: string, key: string, value: unknown): KeyVerdict {
  const k = key.toLowerCase();
  if (UNRELATED_KEYS.has(k)) return "open";
  if (k === SOURCE_IP) return sourceIpVerdict(conditionOperator(op).base, value);
  if (!PRINCIPAL_KEYS.has(k)) return "unreadable";
  const { base, ifExists, forAllValues } = conditionOperator(op);
  // A caller without the key passes these: anonymous callers and every other account among them.
  if (ifExists || forAllValues || base === "null" || base.includes("not")) return "open";
  if (!POSITIVE_OPS.has(base) || isUnknown(value)) return "unreadable";
  const values = strings(value);
  if (values.length === 0) return "unreadable";
  const each = values.map((v): KeyVerdict => {
    if (isUnknown(v)) return "unreadable";
    return LIKE_OPS.has(base) ? likeValue(k, v) : "narrowed";
  });
  if (each.includes("open")) return "open";
  return each.includes("unreadable") ? "unreadable" : "narrowed";
}

/** The Condition of statement `at`: operators and keys are ANDed, so one narrowing test narrows the statement. */
export function conditionNarrowing(condition: unknown, at: string): Narrowing {
  const field = `${at}.Condition`;
  if (condition === undefined || condition === null) return "open";
  if (isUnknown(condition)) return { unreadable: field };
  const ops = obj(condition);
  if (!ops) return { unreadable: field };
  let unreadable: string | undefined;
  for (const [op, block] of Object.entries(ops)) {
    const keys = obj(block);
    if (!keys) {
      unreadable ??= `${field}.${op}`;
      continue;
    }
    for (const [key, value] of Object.entries(keys)) {
      const verdict = keyVerdict(op, key, value);
      if (verdict === "narrowed") return "narrowed";
      if (verdict === "unreadable") unreadable ??= `${field}.${op}["${key}"]`;
    }
  }
  return unreadable ? { unreadable } : "open";
}
