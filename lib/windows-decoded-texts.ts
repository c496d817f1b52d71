// The texts the Windows reader reads out of a value as scripts of their own: the scripts of Windows user data
// (`<powershell>`/`<script>` blocks, a `[powershell]`/`[bat]` body, EC2Launch v2 task contents), and each script a
// statement runs or writes (`-EncodedCommand`'s decoded text, `-Command`, `cmd /c`, Invoke-Expression, a .ps1, .cmd
// or .bat written), found by running the reader itself with its hook where it reads them. The reader quotes a line of
// these with its passwords masked, so each text's masked lines are handed on too: masking searches for the line as
// quoted. A value that is no Windows user data may still be a script of either language (a run command names its
// language in another field), and is read as each.
import { MASK } from "./mask-secrets";
import { findWindowsLoginWeaknesses } from "./windows-login-weaknesses";
import { maskPasswordsOfEitherLanguage, maskWindowsPasswords } from "./windows-password-masks";
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
  const keepMasked = (text: string, languages: readonly WindowsLanguage[]) => {
    const masked = maskedLines(text, languages);
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
    findWindowsLoginWeaknesses(userData, take);
    return;
  }
  // Read in each language apart, as a run command reads it.
  keepMasked(value, LANGUAGES);
  for (const language of LANGUAGES) findWindowsLoginWeaknesses([{ language, text: value }], take);
}

const LANGUAGES: readonly WindowsLanguage[] = ["powershell", "batch"];

/**
 * The lines of `text` whose passwords are masked, as each of `languages` reads them (a statement's reader) and as
 * either does (the other readers), one a line; none when no line spells a password.
 */
function maskedLines(text: string, languages: readonly WindowsLanguage[]): string | undefined {
  const found = new Set<string>();
  // The reader quotes a statement (its comment dropped, continued lines joined), other readers a line as written.
  const statements = new Set([
    ...text.split("\n"),
    ...languages.flatMap((language) => windowsStatements(text, language)),
  ]);
  for (const line of statements) {
    if (line.trim().length < MIN_MASKED_LINE) continue;
    const byLanguage = new Map<WindowsLanguage, string>();
    for (const language of languages) {
      const masked = maskWindowsPasswords(line, language);
      byLanguage.set(language, masked);
      if (masked !== line) found.add(masked);
    }
    const masked = maskedInEitherLanguage(line, byLanguage);
    if (masked !== line) found.add(masked);
  }
  return found.size === 0 ? undefined : [...found].join("\n");
}

/**
 * `maskPasswordsOfEitherLanguage(line)`, from each language's own masking where it tells: that applies both
 * languages' spans, and a line one language leaves as it is (holding no mask already, which a span could replace by
 * itself) had no span of that language applied, so the other language's masking is the answer.
 */
function maskedInEitherLanguage(line: string, known: ReadonlyMap<WindowsLanguage, string>): string {
  if (line.includes(MASK)) return maskPasswordsOfEitherLanguage(line);
  const [first, second] = LANGUAGES.map((language) => known.get(language) ?? maskWindowsPasswords(line, language));
  if (first === line) return second;
  if (second === line) return first;
  return maskPasswordsOfEitherLanguage(line);
}
