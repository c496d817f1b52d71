// Whether an IAM identity policy forces MFA on whoever it is attached to: an explicit Deny of (almost) every action on
// every resource when the request carries no MFA (`BoolIfExists`/`Bool` aws:MultiFactorAuthPresent "false"). An
// explicit Deny wins over any Allow, so such a statement alone keeps a password without MFA from doing anything but set
// up MFA (CIS AWS Foundations 1.10, AWS FSBP IAM.5; AWS documents the NotAction form in "Allows MFA-authenticated IAM
// users to manage their own MFA device"). `Null` aws:MultiFactorAuthPresent "true" is no such Deny: console sessions
// use temporary credentials, which always carry the key ("false" without MFA), so it selects only requests signed with
// long-term access keys.
import { unwrap } from "../../lib/reachability/resource";
import { isUnknown, list, obj, strings } from "../../lib/values";
import { shown } from "./text-values";
import { matchesEverything } from "./wildcard";

export type MfaDenyVerdict =
  | { kind: "enforces" }
  /** A statement tests MFA but does not deny everything without it. */
  | { kind: "weak"; why: string }
  /** What decides is unknown at preview. */
  | { kind: "unknown"; field: string }
  /** No statement of the document tests MFA. */
  | { kind: "none" };

const MFA_KEY = "aws:multifactorauthpresent";

/**
 * Actions a user without MFA needs to sign in the first time, change the initial password and set up a device; a
 * Deny may leave these out (NotAction) and still force MFA for everything else. Read-only IAM actions (`iam:Get…`,
 * `iam:List…`, which AWS's published versions of the policy also leave out) change nothing either.
 */
const MFA_SETUP_ACTIONS: ReadonlySet<string> = new Set(
  [
    "iam:ChangePassword",
    "iam:GetAccountPasswordPolicy",
    "iam:CreateVirtualMFADevice",
    "iam:DeleteVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:GetMFADevice",
    "iam:GetUser",
    "iam:ListMFADevices",
    "iam:ListVirtualMFADevices",
    "iam:ResyncMFADevice",
    "sts:GetSessionToken",
  ].map((a) => a.toLowerCase()),
);

/** A policy document as the provider takes it: JSON text or an object; unknown at preview stays unknown. */
export function parsePolicyDocument(document: unknown): Record<string, unknown> | undefined | "unknown" {
  const v = unwrap(document);
  if (isUnknown(v)) return "unknown";
  if (typeof v !== "string") return obj(v);
  try {
    // Text that is no JSON object is rejected by IAM: it grants and denies nothing.
    return obj(JSON.parse(v));
  } catch {
    return undefined;
  }
}

/** Whether the statement's condition tests the MFA key at all (in any operator, any case). */
function testsMfa(condition: unknown): boolean | "unknown" {
  if (isUnknown(condition)) return "unknown";
  const blocks = Object.values(obj(condition) ?? {});
  if (blocks.some(isUnknown)) return "unknown";
  return blocks.some((block) => Object.keys(obj(block) ?? {}).some((key) => key.toLowerCase() === MFA_KEY));
}

const READ_ONLY_IAM = /^iam:(get|list)[a-z]*$/;

const exemptable = (action: string) =>
  MFA_SETUP_ACTIONS.has(action.toLowerCase()) || READ_ONLY_IAM.test(action.toLowerCase());

/** Values of one key are ORed: one value that selects requests without MFA is enough. IAM reads "true"/"false". */
const anyValue = (value: unknown, want: boolean) =>
  list(value).some((v) => v === want || (typeof v === "string" && v.toLowerCase() === String(want)));

/**
 * `Bool aws:ViaAWSService "false"` beside the MFA test (AWS's Knowledge Center version) spares only calls a service
 * makes on the user's behalf with the user's own session, which still needed MFA to start.
 */
function onlyServiceCalls(op: string, key: string, value: unknown): boolean {
  const o = op.toLowerCase();
  return (
    (o === "bool" || o === "boolifexists") &&
    key.toLowerCase() === "aws:viaawsservice" &&
    !isUnknown(value) &&
    list(value).length > 0 &&
    list(value).every((v) => v === false || (typeof v === "string" && v.toLowerCase() === "false"))
  );
}

/** Why the condition fails to select every request without MFA, or "" when it does. */
function conditionGap(condition: unknown, at: string): string | { unknown: string } {
  const tests = Object.entries(obj(condition) ?? {})
    .flatMap(([op, block]) => Object.entries(obj(block) ?? {}).map(([key, value]) => ({ op, key, value })))
    .filter((t) => !onlyServiceCalls(t.op, t.key, t.value));
  // Operators and keys are ANDed: any other test narrows the Deny to the requests it also selects.
  if (tests.length !== 1)
    return `${at}.Condition tests other keys beside aws:MultiFactorAuthPresent, so it denies only the requests they also select`;
  const { op, value } = tests[0];
  if (isUnknown(value) || list(value).some(isUnknown)) return { unknown: `${at}.Condition.${op}` };
  const o = op.toLowerCase();
  if ((o === "boolifexists" || o === "bool") && anyValue(value, false)) return "";
  if (o === "null" && anyValue(value, true))
    return `${at}.Condition Null aws:MultiFactorAuthPresent "true" selects only requests signed with long-term access keys: console sessions always carry the key, so a password without MFA is denied nothing (use BoolIfExists "false")`;
  return `${at}.Condition ${op} aws:MultiFactorAuthPresent ${shown(value)} never selects a request without MFA (use BoolIfExists "false")`;
}

/** Why the actions fall short of everything but MFA set-up, or "" when they cover it. */
function actionGap(st: Record<string, unknown>, at: string): string | { unknown: string } {
  if (st.NotAction !== undefined) {
    if (isUnknown(st.NotAction) || list(st.NotAction).some(isUnknown)) return { unknown: `${at}.NotAction` };
    const exempt = strings(st.NotAction).filter((a) => !exemptable(a));
    return exempt.length === 0 && list(st.NotAction).length === strings(st.NotAction).length
      ? ""
      : `${at}.NotAction also exempts ${exempt.slice(0, 3).join(", ") || "non-text entries"} from the MFA requirement`;
  }
  if (isUnknown(st.Action) || list(st.Action).some(isUnknown)) return { unknown: `${at}.Action` };
  if (strings(st.Action).some(matchesEverything)) return "";
  return `${at}.Action ${shown(st.Action ?? null)} denies only some actions without MFA (use "*")`;
}

function resourceGap(st: Record<string, unknown>, at: string): string | { unknown: string } {
  if (st.NotResource !== undefined) return `${at}.NotResource leaves resources out of the MFA requirement`;
  if (isUnknown(st.Resource) || list(st.Resource).some(isUnknown)) return { unknown: `${at}.Resource` };
  if (strings(st.Resource).some(matchesEverything)) return "";
  return `${at}.Resource ${shown(st.Resource ?? null)} covers only some resources (use "*")`;
}

/** One statement that tests MFA, judged; undefined when it does not test MFA at all. */
function statementVerdict(s: unknown, at: string): MfaDenyVerdict | undefined {
  if (isUnknown(s)) return { kind: "unknown", field: at };
  const st = obj(s);
  if (!st) return undefined;
  const tests = testsMfa(st.Condition);
  if (tests === "unknown") return { kind: "unknown", field: `${at}.Condition` };
  if (!tests) return undefined;
  if (isUnknown(st.Effect)) return { kind: "unknown", field: `${at}.Effect` };
  // An Allow that tests MFA (AWS's policy lets users deactivate their device only with MFA) forces nothing: neutral.
  if (st.Effect !== "Deny") return undefined;
  for (const gap of [conditionGap(st.Condition, at), actionGap(st, at), resourceGap(st, at)]) {
    if (typeof gap !== "string") return { kind: "unknown", field: gap.unknown };
    if (gap !== "") return { kind: "weak", why: gap };
  }
  return { kind: "enforces" };
}

/** The document's verdict: one enforcing statement is enough; otherwise what is unknown, then what falls short. */
export function mfaDenyVerdict(document: unknown, field: string): MfaDenyVerdict {
  const doc = parsePolicyDocument(document);
  if (doc === "unknown") return { kind: "unknown", field };
  if (!doc) return { kind: "none" };
  if (isUnknown(doc.Statement)) return { kind: "unknown", field: `${field}.Statement` };
  const single = !Array.isArray(doc.Statement);
  const verdicts = list(doc.Statement).flatMap((s, i) => {
    const v = statementVerdict(s, single ? `${field}.Statement` : `${field}.Statement[${i}]`);
    return v ? [v] : [];
  });
  return (
    verdicts.find((v) => v.kind === "enforces") ??
    verdicts.find((v) => v.kind === "unknown") ??
    verdicts.find((v) => v.kind === "weak") ?? { kind: "none" }
  );
}
