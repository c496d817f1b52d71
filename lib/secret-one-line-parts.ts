// A secret one-line value that a rule splits into entries (a database whitelist given as one string, as
// whitelist-entries.ts reads it) and quotes an entry of: the entries are part of the secret and are masked too. Only
// lists are split: a one-line script's statements and a document's field names are what the pack's messages quote and
// name, and a connection string's keys are field names.
import { isSecretLiteralWord } from "./secret-literal-words";

/** Shorter parts are not masked: they would blank those letters wherever a message uses them as ordinary words. */
export const MIN_PART_LENGTH = 4;

/** Where a list's entries end: the separators whitelist-entries.ts splits on, and quotes around an entry. */
const PART_BREAK = /[\s"'`,;]+/;
/** A JSON document (a policy, a config object) on one line. */
const DOCUMENT = /^\s*[[{]/;
/**
 * A one-line script: PowerShell or batch user data in its tags, a shebang, pipes and `&&`/`||`, redirections and
 * command substitutions.
 */
const SCRIPT = /<\/?(?:powershell|script|persist)>|\[(?:powershell|script)\]|^\s*#!|&&|\|\||\||>|\$\(/i;
/** A statement before or after a `;`: a command word, then its arguments (a list's entries hold no blank-led words). */
const STATEMENT = /^\s*[A-Za-z][\w.-]*\s+\S/;
/** `key=value` settings separated by `;` or `&` (a connection string, a query string): the values are the secret. */
const SETTING = /^\s*[^=;&\s][^=;&]*=([^;&]*)$/;
const VALUE_LIKE = /[^A-Za-z]/;

/** Whether a one-line value's `;` separates commands rather than entries. */
function separatesStatements(value: string): boolean {
  if (!value.includes(";")) return false;
  // A list may mix commas and semicolons; a statement list holds no commas between its commands.
  return value.split(";").some((segment) => !segment.includes(",") && STATEMENT.test(segment));
}

/** The values of a `key=value;…` settings string, or undefined when the value is not one. */
function settingValues(value: string): string[] | undefined {
  if (!value.includes("=")) return undefined;
  const values: string[] = [];
  for (const entry of value.split(/[;&]/)) {
    if (entry.trim() === "") continue;
    const match = SETTING.exec(entry);
    if (!match) return undefined;
    values.push(match[1].trim());
  }
  return values;
}

/**
 * The parts of a secret one-line value to mask, whatever they look like ("mallory", "0.0.0.0"). A value split only by
 * blanks is a list when an entry looks like a value (a digit or a sign): letters-only words then are its entries,
 * without one they are a sentence or a command. Never the literal words (`true`, `null`), which the engine does not
 * search for either.
 */
export function oneLineParts(value: string): string[] {
  if (value.includes("\n") || DOCUMENT.test(value) || SCRIPT.test(value)) return [];
  const settings = settingValues(value);
  if (settings === undefined && separatesStatements(value)) return [];
  const parts = settings ?? value.split(PART_BREAK).filter((p) => p !== "");
  if (parts.length <= 1 && settings === undefined) return [];
  if (settings === undefined && !/[,;]/.test(value) && !parts.some((p) => VALUE_LIKE.test(p))) return [];
  return parts.filter((p) => p.length >= MIN_PART_LENGTH && !isSecretLiteralWord(p));
}
