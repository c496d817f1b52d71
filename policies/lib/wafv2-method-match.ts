// Which HTTP methods a statement on the request method matches. A rule matching every method an attacker uses is a
// rule matching every attack request, however it is spelled: a regex such as ^[A-Z]+$, or an OR of EXACTLY matches.
// Only the methods CloudFront forwards count (GET, HEAD, OPTIONS, PUT, PATCH, POST, DELETE): a rule matching GET and
// POST alone still leaves the others to the rules after it, so it is not read as every request.
import { containsUnknown, isUnknown, list, obj } from "../../lib/values";
import { field, onlyKey } from "./wafv2-fields";

export const METHODS = ["GET", "HEAD", "OPTIONS", "PUT", "PATCH", "POST", "DELETE"] as const;

/** Transformations that leave an upper-case method name as it is. */
const UNCHANGED = new Set([
  "NONE",
  "COMPRESS_WHITE_SPACE",
  "REMOVE_NULLS",
  "REPLACE_NULLS",
  "URL_DECODE",
  "URL_DECODE_UNI",
  "HTML_ENTITY_DECODE",
]);

const MAX_DEPTH = 32;

/**
 * Regex syntax read alike by WAF and JavaScript: letters, anchors, groups, classes and quantifiers. Escapes and (?...)
 * constructs differ between the two (\A is an anchor to WAF, a letter to JavaScript), so patterns with them are not read.
 */
const PORTABLE = /^[\w^$|()[\]+*?.{},-]*$/;

/** The method as the statement compares it, or undefined when a transformation may change it otherwise. */
function transform(transformations: unknown): ((m: string) => string) | undefined {
  if (containsUnknown(transformations)) return undefined;
  let lower = false;
  for (const t of list(transformations)) {
    const type = field(obj(t), "type");
    if (typeof type !== "string") return undefined;
    if (type.toUpperCase() === "LOWERCASE") lower = true;
    else if (!UNCHANGED.has(type.toUpperCase())) return undefined;
  }
  return lower ? (m) => m.toLowerCase() : (m) => m;
}

function byteMatch(s: Record<string, unknown>): Set<string> | undefined {
  const position = field(s, "positionalConstraint");
  const search = field(s, "searchString");
  const as = transform(field(s, "textTransformations"));
  if (typeof position !== "string" || typeof search !== "string" || isUnknown(search) || !as) return undefined;
  const test: Record<string, (m: string) => boolean> = {
    EXACTLY: (m) => m === search,
    STARTS_WITH: (m) => m.startsWith(search),
    ENDS_WITH: (m) => m.endsWith(search),
    CONTAINS: (m) => m.includes(search),
    CONTAINS_WORD: (m) => m === search,
  };
  const p = position.toUpperCase();
  if (!Object.prototype.hasOwnProperty.call(test, p)) return undefined;
  return new Set(METHODS.filter((m) => test[p](as(m))));
}

function regexMatch(s: Record<string, unknown>): Set<string> | undefined {
  const regex = field(s, "regexString");
  const as = transform(field(s, "textTransformations"));
  if (typeof regex !== "string" || isUnknown(regex) || !as || regex.length > 200) return undefined;
  if (!PORTABLE.test(regex) || regex.includes("(?")) return undefined;
  let pattern: RegExp;
  try {
    // Method names are a few letters long, so no pattern can take long on them.
    pattern = new RegExp(regex);
  } catch {
    return undefined;
  }
  return new Set(METHODS.filter((m) => pattern.test(as(m))));
}

/**
 * The methods (of METHODS) a statement matches when it only inspects the method, through NOT, AND and OR; undefined
 * when it inspects anything else or holds a value unknown at preview.
 */
export function methodsMatched(statement: unknown, depth = 0): Set<string> | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const key = onlyKey(statement);
  const body = key === undefined ? undefined : obj(field(obj(statement), key));
  if (!body || isUnknown(field(obj(statement), key ?? ""))) return undefined;
  if (key === "bytematchstatement" || key === "regexmatchstatement") {
    if (onlyKey(field(body, "fieldToMatch")) !== "method") return undefined;
    return key === "bytematchstatement" ? byteMatch(body) : regexMatch(body);
  }
  if (key === "notstatement") {
    const inner = methodsMatched(field(body, "statement"), depth + 1);
    return inner && new Set(METHODS.filter((m) => !inner.has(m)));
  }
  if (key !== "andstatement" && key !== "orstatement") return undefined;
  const statements = field(body, "statements");
  if (isUnknown(statements)) return undefined;
  const parts = list(statements).map((m) => methodsMatched(m, depth + 1));
  if (parts.length === 0 || parts.some((p) => p === undefined)) return undefined;
  const sets = parts as Set<string>[];
  const keep = (m: string) => (key === "andstatement" ? sets.every((p) => p.has(m)) : sets.some((p) => p.has(m)));
  return new Set(METHODS.filter(keep));
}
