// Allow statements of a resource policy (a bucket's, a backup vault's) that grant some of a list of actions to
// everyone: Principal "*", {"AWS": "*"} or a list holding "*", or NotPrincipal (everyone but the named), with no
// Condition that narrows the callers (principal-conditions.ts). Named principals, another account's included, are
// not everyone. Only an exact Deny takes a grant back: on every principal, with no condition and no Not* field,
// whose actions and resources cover it. Values unknown at preview, and conditions not read, make notes. Grammars
// differ in how they name everyone and in their condition keys (an OSS bucket policy: oss-policy-dialect.ts).
import { isUnknown, list, obj, strings } from "../../lib/values";
import { patternCovers } from "./access-policy-denies";
import { conditionNarrowing, Narrowing } from "./principal-conditions";
import { matchesEverything, wildcardMatches } from "./wildcard";

export interface OpenGrant {
  /** `Statement[1] (Sid "x")`, for messages. */
  statement: string;
  /** How the statement names everyone. */
  principal: string;
  /** The listed actions it grants, as the list spells them. */
  actions: string[];
  /** Set when the grant may not hold but that cannot be read (unknown at preview, a condition not read): a note. */
  doubt?: string;
}

/** What differs between the grammars of resource policies read here. */
export interface PolicyDialect {
  /** OSS reads an empty Principal list as ["*"]; IAM refuses it. */
  emptyPrincipalIsEveryone: boolean;
  /** Whether statement `at`'s Condition narrows the callers, read in this grammar's keys. */
  narrowing: (condition: unknown, at: string) => Narrowing;
}

/** How a grant to every principal of one kind is named. */
const principalKindLabel = (kind: string) => `Principal {"${kind}": "*"}`;

/**
 * Whether a grant names every AWS service (Principal {"Service": "*"}), not every caller: S3's restrictPublicBuckets
 * leaves AWS service principals what a public statement gives them.
 */
export const grantsToServices = (g: OpenGrant): boolean => g.principal === principalKindLabel("Service");

/** IAM resource policies: S3 bucket, backup vault and Glacier vault policies. */
export const AWS_POLICY: PolicyDialect = { emptyPrincipalIsEveryone: false, narrowing: conditionNarrowing };

type Part<T> = T | { doubt: string };
const isDoubt = <T>(p: Part<T>): p is { doubt: string } => typeof p === "object" && p !== null && "doubt" in p;

/** A document given as JSON text or an object; "unknown" at preview; undefined when absent or not JSON (refused). */
function parse(policy: unknown): Record<string, unknown> | "unknown" | undefined {
  if (isUnknown(policy)) return "unknown";
  if (typeof policy !== "string") return obj(policy);
  if (policy.trim() === "") return undefined;
  try {
    return obj(JSON.parse(policy));
  } catch {
    return undefined;
  }
}

const emptyList = (v: unknown, dialect: PolicyDialect) =>
  dialect.emptyPrincipalIsEveryone && Array.isArray(v) && v.length === 0;

/** "*" as the principal, in a list, or under any principal kind. */
function everyone(principal: unknown, at: string, dialect: PolicyDialect): Part<string | undefined> {
  if (isUnknown(principal)) return { doubt: `${at}.Principal` };
  if (principal === "*" || (Array.isArray(principal) && principal.includes("*"))) return 'Principal "*"';
  if (emptyList(principal, dialect)) return "Principal [] (everyone)";
  const kinds = obj(principal);
  if (!kinds) return Array.isArray(principal) && principal.some(isUnknown) ? { doubt: `${at}.Principal` } : undefined;
  for (const [kind, value] of Object.entries(kinds)) {
    if (isUnknown(value)) return { doubt: `${at}.Principal.${kind}` };
    if (strings(value).includes("*")) return principalKindLabel(kind);
  }
  const unknownEntry = Object.entries(kinds).find(([, v]) => list(v).some(isUnknown));
  return unknownEntry ? { doubt: `an entry of ${at}.Principal.${unknownEntry[0]}` } : undefined;
}

function deniesEveryone(principal: unknown, dialect: PolicyDialect): boolean {
  if (principal === "*" || (Array.isArray(principal) && principal.includes("*"))) return true;
  if (emptyList(principal, dialect)) return true;
  const aws = obj(principal)?.AWS;
  return aws !== undefined && !isUnknown(aws) && strings(aws).includes("*");
}

/** The listed actions a statement's Action grants, or those its NotAction leaves granted. */
function grantedActions(st: Record<string, unknown>, at: string, actions: readonly string[]): Part<string[]> {
  const negated = st.Action === undefined && st.NotAction !== undefined;
  const field = negated ? "NotAction" : "Action";
  if (isUnknown(st[field])) return { doubt: `${at}.${field}` };
  const entries = strings(st[field]);
  const patterns = entries.filter((a) => !isUnknown(a)).map((a) => a.toLowerCase());
  const matched = (a: string) => patterns.some((p) => wildcardMatches(p, a.toLowerCase()));
  const granted = actions.filter((a) => (negated ? !matched(a) : matched(a)));
  // An unknown entry may grant more (Action) or take any of them back (NotAction).
  const unknownEntry = entries.some(isUnknown);
  if (unknownEntry && (negated ? granted.length > 0 : granted.length < actions.length))
    return { doubt: `an entry of ${at}.${field}` };
  return granted;
}

/** The action patterns of an exact Deny (lower-case) and the resources it covers; undefined for any other statement. */
function exactDeny(s: unknown, dialect: PolicyDialect): { actions: string[]; resources: string[] } | undefined {
  const st = obj(s);
  if (!st || st.Effect !== "Deny" || st.NotPrincipal !== undefined) return undefined;
  if (st.NotAction !== undefined || st.NotResource !== undefined) return undefined;
  // Only "*" and {"AWS": "*"} name every caller; "*" under Service, Federated or CanonicalUser names only those kinds.
  if (!deniesEveryone(st.Principal, dialect)) return undefined;
  const c = st.Condition;
  if (c !== undefined && c !== null && !(obj(c) && Object.keys(obj(c)!).length === 0)) return undefined;
  const actions = strings(st.Action);
  const resources = strings(st.Resource);
  if ([...actions, ...resources].some(isUnknown) || isUnknown(st.Action) || isUnknown(st.Resource)) return undefined;
  return { actions: actions.map((a) => a.toLowerCase()), resources };
}

/** Whether a Deny's resources cover every resource the Allow names (NotResource or unknown: only a match-all does). */
function coversResources(deny: string[], allow: Record<string, unknown>): boolean {
  const named = strings(allow.Resource);
  if (allow.NotResource !== undefined || isUnknown(allow.Resource) || named.length === 0 || named.some(isUnknown))
    return deny.some(matchesEverything);
  return named.every((r) => deny.some((d) => patternCovers(d, r)));
}

function label(st: Record<string, unknown>, at: string): string {
  return typeof st.Sid === "string" && st.Sid !== "" && !isUnknown(st.Sid) ? `${at} (Sid "${st.Sid}")` : at;
}

function statementGrant(
  s: unknown,
  at: string,
  actions: readonly string[],
  denies: ReturnType<typeof exactDeny>[],
  dialect: PolicyDialect,
): OpenGrant | undefined {
  // An exact Deny of an action on every resource takes it back whatever the statement turns out to be.
  const denied = (st: Record<string, unknown>, a: string) =>
    denies.some(
      (d) => d && coversResources(d.resources, st) && d.actions.some((p) => wildcardMatches(p, a.toLowerCase())),
    );
  if (isUnknown(s)) {
    const left = actions.filter((a) => !denied({}, a));
    return left.length > 0 ? { statement: at, principal: "an unknown principal", actions: left, doubt: at } : undefined;
  }
  const st = obj(s);
  if (!st) return undefined;
  const doubts: string[] = [];
  if (isUnknown(st.Effect)) doubts.push(`${at}.Effect`);
  else if (st.Effect !== "Allow") return undefined;
  const who = st.NotPrincipal !== undefined ? "NotPrincipal (everyone not named)" : everyone(st.Principal, at, dialect);
  if (who === undefined) return undefined;
  if (isDoubt(who)) doubts.push(who.doubt);
  const granted = grantedActions(st, at, actions);
  if (isDoubt(granted)) doubts.push(granted.doubt);
  const narrowing = dialect.narrowing(st.Condition, at);
  if (narrowing === "narrowed") return undefined;
  if (narrowing !== "open") doubts.push(`whether ${narrowing.unreadable} narrows the callers`);
  const candidates = isDoubt(granted) ? [...actions] : granted;
  const left = candidates.filter((a) => !denied(st, a));
  if (left.length === 0) return undefined;
  const principal = isDoubt(who) ? "an unknown principal" : who;
  return { statement: label(st, at), principal, actions: left, ...(doubts.length > 0 ? { doubt: doubts[0] } : {}) };
}

/**
 * The statements of `policy` that grant some of `actions` to everyone. A document unknown at preview as a whole is
 * "unknown": the caller decides (a bucket policy always names its bucket's ARN, so its text is unknown until then).
 */
export function openGrants(
  policy: unknown,
  actions: readonly string[],
  dialect: PolicyDialect = AWS_POLICY,
): OpenGrant[] | "unknown" {
  const doc = parse(policy);
  if (doc === "unknown") return "unknown";
  if (!doc) return [];
  if (isUnknown(doc.Statement))
    return [{ statement: "Statement", principal: "an unknown principal", actions: [...actions], doubt: "Statement" }];
  const statements = list(doc.Statement);
  const at = (i: number) => (Array.isArray(doc.Statement) ? `Statement[${i}]` : "Statement");
  const denies = statements.map((s) => exactDeny(s, dialect));
  return statements.flatMap((s, i) => {
    const grant = statementGrant(s, at(i), actions, denies, dialect);
    return grant ? [grant] : [];
  });
}
