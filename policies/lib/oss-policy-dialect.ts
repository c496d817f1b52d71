// The grammar of an Alibaba Cloud OSS bucket policy, read with the IAM predicates of open-grants.ts: Principal is a
// list of account or user ids, where ["*"] and the empty list [] both name everyone; Resource is
// acs:oss:*:*:bucket/*; Condition keys are acs:… and oss:…. Each key with an IAM counterpart is read as that key
// (acs:SourceIp as aws:SourceIp: blocks covering the internet narrow no one), Referer and User-Agent tests are
// dropped (the caller writes those headers, so they narrow no one), and any other key stays unreadable: a note.
import { isUnknown, obj } from "../../lib/values";
import { PolicyDialect } from "./open-grants";
import { conditionNarrowing, Narrowing } from "./principal-conditions";

/** OSS condition keys (lower-case) and the IAM keys principal-conditions.ts reads the same way. */
const IAM_COUNTERPARTS: Record<string, string> = {
  "acs:sourceip": "aws:SourceIp",
  "acs:sourcevpc": "aws:SourceVpc",
  // The AccessKey id of the caller: a positive test names the holders of that key.
  "acs:accessid": "aws:userid",
  "acs:securetransport": "aws:SecureTransport",
  "acs:currenttime": "aws:CurrentTime",
  "acs:mfapresent": "aws:MultiFactorAuthPresent",
  "oss:x-oss-acl": "s3:x-amz-acl",
};
/** Headers the caller sets at will. */
const CALLER_HEADERS = new Set(["acs:referer", "acs:useragent"]);

/** The Condition in IAM keys, and each IAM key's OSS spelling, so a note names the key as the policy wrote it. */
function inIamKeys(condition: Record<string, unknown>): {
  condition: Record<string, unknown>;
  spelled: Map<string, string>;
} {
  const spelled = new Map<string, string>();
  const translated: Record<string, unknown> = {};
  for (const [op, block] of Object.entries(condition)) {
    const keys = obj(block);
    if (!keys || isUnknown(block)) {
      translated[op] = block;
      continue;
    }
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(keys)) {
      const lower = key.toLowerCase();
      if (CALLER_HEADERS.has(lower)) continue;
      const iam = IAM_COUNTERPARTS[lower];
      // Two spellings of one key in a block would collide: the second stays as written (unreadable, a note).
      const name = iam !== undefined && !(iam in out) ? iam : key;
      if (name !== key) spelled.set(name, key);
      out[name] = value;
    }
    translated[op] = out;
  }
  return { condition: translated, spelled };
}

function ossNarrowing(condition: unknown, at: string): Narrowing {
  const ops = obj(condition);
  if (!ops || isUnknown(condition)) return conditionNarrowing(condition, at);
  const { condition: iam, spelled } = inIamKeys(ops);
  const verdict = conditionNarrowing(iam, at);
  if (typeof verdict === "string") return verdict;
  let field = verdict.unreadable;
  for (const [name, key] of spelled) field = field.replace(`["${name}"]`, `["${key}"]`);
  return { unreadable: field };
}

export const OSS_POLICY: PolicyDialect = { emptyPrincipalIsEveryone: true, narrowing: ossNarrowing };
