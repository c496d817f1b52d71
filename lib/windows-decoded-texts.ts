// The texts the Windows reader reads out of a value as scripts of their own: the scripts of Windows user data
// (`<powershell>`/`<script>` blocks, a `[powershell]`/`[bat]` body, EC2Launch v2 task contents), and each script a
// statement runs or writes (`-EncodedCommand`'s decoded text, `-Command`, `cmd /c`, Invoke-Expression, a .ps1, .cmd
// or .bat written), found by the reader's own walk through them (windowsNestedScripts). The reader quotes a line of
// these with its passwords masked, so each text's masked lines are handed on too: masking searches for the line as
// quoted. A value that is no Windows user data may still be a script of either language (a run command names its
// language in another field), and is read as each.
import { MASK } from "./mask-secrets";
import { findWindowsLoginWeaknesses, windowsNestedScripts } from "./windows-login-weaknesses";
import {
  maskPasswordsOfEitherLanguage,
  maskPasswordsOfEitherLanguageFully,
  maskWindowsPasswords,
  maskWindowsPasswordsFully,
  mayHoldPassword,
} from "./windows-password-masks";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { windowsStatements } from "./windows-statements";
import { windowsUserDataScripts } from "./windows-user-data";

/** Lines shorter than this are not masked: they are never searched for (secret-script-pieces.ts). */
const MIN_MASKED_LINE = 8;

/**
 * Hands `keep` each text the Windows reader reads apart from `value`, and the lines of each (and of `value`) that
 * spell a password, masked as the reader quotes them. `keep` answers false for a text it does not keep (its budget
 * spent, or kept before): that text's lines are not masked again.
 */
export function windowsDecodedTexts(value: string, keep: (text: string) => boolean): void {
  readDecodedTexts(value, keep, SHORT_READING);
}

/** `windowsDecodedTexts` by the reader's whole reading, every line masked: what the tests hold the short one to. */
export function windowsDecodedTextsFully(value: string, keep: (text: string) => boolean): void {
  readDecodedTexts(value, keep, FULL_READING);
}

/** How the scripts nested in Windows scripts are found and a line's passwords masked. */
interface Reading {
  nestedScripts(scripts: readonly WindowsScript[], onNested: (script: WindowsScript) => void): void;
  /** False for a line no masking changes. */
  mayHoldPassword(line: string): boolean;
  mask(line: string, language: WindowsLanguage): string;
  maskEither(line: string): string;
}

// Only the nested scripts are wanted of the reader, and a line that cannot hold a password is left as it is: the
// same texts, found with less work (windowsNestedScripts, mayHoldPassword say why).
const SHORT_READING: Reading = {
  nestedScripts: windowsNestedScripts,
  mayHoldPassword,
  mask: maskWindowsPasswords,
  maskEither: maskPasswordsOfEitherLanguage,
};

const FULL_READING: Reading = {
  nestedScripts: (scripts, onNested) => void findWindowsLoginWeaknesses(scripts, onNested),
  mayHoldPassword: () => true,
  mask: maskWindowsPasswordsFully,
  maskEither: maskPasswordsOfEitherLanguageFully,
};

function readDecodedTexts(value: string, keep: (text: string) => boolean, reading: Reading): void {
  const keepMasked = (text: string, languages: readonly WindowsLanguage[]) => {
    const masked = maskedLines(text, languages, reading);
    if (masked !== undefined) keep(masked);
  };
  // A script run again (a loop of the same `-EncodedCommand`) is masked once.
  const masked = new Set<string>();
  const take = (script: WindowsScript) => {
    if (masked.has(script.text) || !keep(script.text)) return;
    masked.add(script.text);
    keepMasked(script.text, [script.language]);
  };
  const userData = windowsUserDataScripts(value);
  if (userData !== undefined) {
    userData.forEach(take);
    reading.nestedScripts(userData, take);
    return;
  }
  // Read in each language apart, as a run command reads it.
  keepMasked(value, LANGUAGES);
  for (const language of LANGUAGES) reading.nestedScripts([{ language, text: value }], take);
}

const LANGUAGES: readonly WindowsLanguage[] = ["powershell", "batch"];

/**
 * The lines of `text` whose passwords are masked, as each of `languages` reads them (a statement's reader) and as
 * either does (the other readers), one a line; none when no line spells a password.
 */
function maskedLines(text: string, languages: readonly WindowsLanguage[], reading: Reading): string | undefined {
  const found = new Set<string>();
  // The reader quotes a statement (its comment dropped, continued lines joined), other readers a line as written.
  const statements = new Set([
    ...text.split("\n"),
    ...languages.flatMap((language) => windowsStatements(text, language)),
  ]);
  for (const line of statements) {
    if (line.trim().length < MIN_MASKED_LINE || !reading.mayHoldPassword(line)) continue;
    const byLanguage = new Map<WindowsLanguage, string>();
    for (const language of languages) {
      const masked = reading.mask(line, language);
      byLanguage.set(language, masked);
      if (masked !== line) found.add(masked);
    }
    const masked = maskedInEitherLanguage(line, byLanguage, reading);
    if (masked !== line) found.add(masked);
  }
  return found.size === 0 ? undefined : [...found].join("\n");
}

/**
 * `maskPasswordsOfEitherLanguage(line)`, from each language's own masking where it tells: that applies both
 * languages' spans, and a line one language leaves as it is (holding no mask already, which a span could replace by
 * itself) had no span of that language applied, so the other language's masking is the answer.
 */
function maskedInEitherLanguage(line: string, known: ReadonlyMap<WindowsLanguage, string>, reading: Reading): string {
  if (line.includes(MASK)) return reading.maskEither(line);
  const [first, second] = LANGUAGES.map((language) => known.get(language) ?? reading.mask(line, language));
  if (first === line) return second;
  if (second === line) return first;
  return reading.maskEither(line);
}
