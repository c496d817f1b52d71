// The passwords a PowerShell or batch line spells, masked for quoting (see mask-secrets.ts): `net user NAME PASSWORD`,
// `ConvertTo-SecureString "…" -AsPlainText`, the password parameters of the account cmdlets (`-Password`,
// `-AccountPassword`, `-NewPassword`, also `-Password:value`), ADSI's `SetPassword("…")` and `Invoke("SetPassword", "…")`,
// auto-logon's DefaultPassword written to the registry, and variables named for a password (`set PW=…`,
// `$AdminPassword = '…'`). Variables and commands stay readable, as each language reads them: batch's `$x` and a leading
// backtick are text of the password, and so is PowerShell's leading backtick; a line of either language is masked as
// both would read it, which may hide a PowerShell variable too.
import { WindowsLanguage } from "./windows-scripts";
import {
  applyMasks,
  commandName,
  commandsOf,
  nameOf,
  namesPassword,
  Span,
  textOf,
  Token,
  tokens,
  valueSpan,
} from "./mask-secrets";
import { appendAll } from "./arrays";
import { isUnknownValue } from "./windows-unknown-values";

const PASSWORD_PARAMETERS = ["-password", "-accountpassword", "-newpassword"];
/**
 * Values a line takes from elsewhere, whole: batch's `%PW%`, `%1`, `!PW!`; PowerShell's `$pw`, `${pw}`, `$env:PW`,
 * `$(…)`, `(…)`. In batch `$` and a backtick are text; in PowerShell a backtick escapes the character after it.
 */
const REFERENCES: Record<WindowsLanguage, RegExp> = {
  batch: /^(?:%[^%\s]+%|%~?[\d*]|![^!\s]+!)$/,
  powershell: /^(?:\$\(|\(|\$\{[^{}]*\}$|\$[A-Za-z_][\w:]*$)/,
};
/** Operators the tokens split a word at that are text of a password glued to them (`Ab1)zq9` in batch). */
const GLUED_OPERATORS = new Set(["(", ")", ",", "{", "}"]);

/** How deep quoted text is read as a command line of its own (`cmd /c "net user …"`, `powershell -c '…'`). */
const MAX_QUOTED_DEPTH = 2;

/** `line` with the passwords it spells masked, also in a command line quoted in it that it runs. */
export function maskWindowsPasswords(line: string, language: WindowsLanguage): string {
  return mayHoldPassword(line) ? maskWindowsPasswordsFully(line, language) : line;
}

/**
 * `line`, of a language not known, with what either language reads as a password masked: batch's `Xq7^&leak` and
 * `Xq7;leak` are one word, PowerShell's `'a b'` is one too.
 */
export function maskPasswordsOfEitherLanguage(line: string): string {
  return mayHoldPassword(line) ? maskPasswordsOfEitherLanguageFully(line) : line;
}

/** `maskWindowsPasswords` reading every line: what the tests hold `mayHoldPassword` to. */
export function maskWindowsPasswordsFully(line: string, language: WindowsLanguage): string {
  return applyMasks(line, passwordSpans(line, language, 0));
}

/** `maskPasswordsOfEitherLanguage` reading every line. */
export function maskPasswordsOfEitherLanguageFully(line: string): string {
  return applyMasks(line, [...passwordSpans(line, "powershell", 0), ...passwordSpans(line, "batch", 0)]);
}

/**
 * False only for a line in which `passwordSpans` finds nothing, so that it need not split the line into words. Each
 * way it finds a password names it in letters of the line: `namesPassword` (pass, pwd, secret, pw), the password
 * parameters, DefaultPassword and SetPassword (pass), ConvertTo-SecureString, `net user` (net and user); a quoted
 * command line it reads is part of the line. It compares a word lower-cased (`nameOf`), which lower-cases each
 * character as the whole line's lower-casing does (only a Greek sigma looks at its neighbours, and stays Greek), or
 * with a case-blind pattern, which matches an ASCII letter only to an ASCII letter: either way the line lower-cased
 * holds the word's letters in a row. A new way of finding a password must add its word here.
 */
export function mayHoldPassword(line: string): boolean {
  const lower = line.toLowerCase();
  return (
    lower.includes("pass") ||
    lower.includes("pw") ||
    lower.includes("secret") ||
    lower.includes("securestring") ||
    (lower.includes("net") && lower.includes("user"))
  );
}

function passwordSpans(line: string, language: WindowsLanguage, depth: number): Span[] {
  const all = tokens(line, language);
  const spans: Span[] = [...adsiPasswords(line, all, language), ...secureStrings(line, all, language)];
  for (const command of commandsOf(all))
    for (const found of [
      netUserPassword(line, command, language),
      parameterPasswords(line, command, language),
      assigned(line, command, language),
      autologonPassword(line, command, language),
    ])
      appendAll(spans, found);
  // A line quoted past where the reader unwraps nested scripts is quoted whole: its passwords are masked all the same.
  if (depth < MAX_QUOTED_DEPTH)
    for (const t of all) {
      // `cmd /c"…"` glues its switch to the quoted command: the quote opens two characters in.
      const open = /^\/[ck]"/i.test(line.slice(t.start, t.start + 3)) ? t.start + 2 : t.start;
      const quote = line[open];
      if (t.op !== undefined || t.end - open < 3 || (quote !== '"' && quote !== "'") || line[t.end - 1] !== quote)
        continue;
      const inner = passwordSpans(line.slice(open + 1, t.end - 1), language, depth + 1);
      appendAll(
        spans,
        inner.map((span) => ({ start: span.start + open + 1, end: span.end + open + 1 })),
      );
    }
  return spans;
}

/**
 * `net user NAME PASSWORD [/options]`: the second word that is not an option; `*` prompts for it. Batch's echo glued
 * to its mark prints the line (`echo.net user …`), masked as `echo net user …` is. The password runs on over
 * parentheses and words glued to it: cmd reads `Ab1)zq9` as one word outside a group.
 */
function netUserPassword(line: string, command: Token[], language: WindowsLanguage): Span[] {
  const at = command.findIndex(
    (t, i) => /^(?:@?echo[.:])?net1?$/.test(commandName(line, t)) && /^users?$/.test(nameOf(line, command[i + 1] ?? t)),
  );
  if (at < 0) return [];
  const positional: number[] = [];
  for (let i = at + 2; i < command.length; i++)
    if (command[i].op === undefined && !nameOf(line, command[i]).startsWith("/")) positional.push(i);
  const index = positional[1];
  if (index === undefined || nameOf(line, command[index]) === "*") return [];
  let start = index;
  while (start > at + 2 && isGluedBefore(command, start)) start--;
  let end = index;
  while (end + 1 < command.length && isGluedBefore(command, end + 1)) end++;
  // Operators alone glued to it (`Ab1)` closing a group, `$pw)`) are no part of it; a word beyond them is.
  const words = command.slice(start, end + 1).filter((t) => t.op === undefined).length;
  if (words === 1) return secretIn(line, command[index], language);
  return [{ start: command[start].start, end: command[end].end }];
}

/** Whether `command[i]` starts where the token before it ends, and one of them is an operator glued into a word. */
function isGluedBefore(command: Token[], i: number): boolean {
  const [before, token] = [command[i - 1], command[i]];
  if (before === undefined || before.end !== token.start) return false;
  const glues = (t: Token) => t.op === undefined || GLUED_OPERATORS.has(t.op);
  return glues(before) && glues(token) && (before.op !== undefined || token.op !== undefined);
}

/** The span of `[start, end)` to mask, inside its quotes; none when it is empty or a reference whole. */
function secretIn(line: string, span: Span, language: WindowsLanguage): Span[] {
  const inner = valueSpan(line, span);
  const value = line.slice(inner.start, inner.end);
  return value === "" || REFERENCES[language].test(value) || isUnknownValue(value) ? [] : [inner];
}

/**
 * Auto-logon's plain-text password: `Set-ItemProperty … -Name DefaultPassword -Value 'x'` (`-Value:'x'`, or the word
 * after the name when given by position) and `reg add … /v DefaultPassword /d x`.
 */
function autologonPassword(line: string, command: Token[], language: WindowsLanguage): Span[] {
  const words = command.filter((t) => t.op === undefined);
  const named = words.findIndex((t) => /^(?:-name:)?defaultpassword$/.test(nameOf(line, t)));
  if (named < 0) return [];
  const spans: Span[] = [];
  words.forEach((t, i) => {
    const word = nameOf(line, t);
    const next = words[i + 1];
    if ((word === "-value" || word === "/d") && next) appendAll(spans, secretIn(line, next, language));
    else if (word.startsWith("-value:")) appendAll(spans, secretIn(line, { start: t.start + 7, end: t.end }, language));
  });
  const after = words[named + 1];
  const positional = after && !/^[-/]/.test(nameOf(line, after)) && nameOf(line, words[named - 1] ?? after) !== "/v";
  if (positional) appendAll(spans, secretIn(line, after, language));
  return spans;
}

/** `-Password 'x'`, `-AccountPassword:'x'`: a literal; a variable or `(ConvertTo-SecureString …)` is read elsewhere. */
function parameterPasswords(line: string, command: Token[], language: WindowsLanguage): Span[] {
  const spans: Span[] = [];
  command.forEach((t, i) => {
    if (t.op !== undefined) return;
    const word = nameOf(line, t);
    const next = command[i + 1];
    if (PASSWORD_PARAMETERS.includes(word) && next && next.op === undefined)
      appendAll(spans, secretIn(line, next, language));
    const colon = word.indexOf(":");
    if (colon > 0 && PASSWORD_PARAMETERS.includes(word.slice(0, colon)) && colon + 1 < word.length)
      appendAll(spans, secretIn(line, { start: t.start + colon + 1, end: t.end }, language));
  });
  return spans;
}

/** The words given to ConvertTo-SecureString up to the end of its call or pipeline, its options left. */
function secureStrings(line: string, all: Token[], language: WindowsLanguage): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].op !== undefined || nameOf(line, all[i]) !== "convertto-securestring") continue;
    for (i++; i < all.length && all[i].op === undefined; i++) {
      const word = nameOf(line, all[i]);
      if (word === "-key" || word === "-securekey") i++;
      else if (!word.startsWith("-")) appendAll(spans, secretIn(line, all[i], language));
    }
  }
  return spans;
}

/** The literals in the parentheses of `.SetPassword(…)` and `.Invoke("SetPassword", …)`. */
function adsiPasswords(line: string, all: Token[], language: WindowsLanguage): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i + 1 < all.length; i++) {
    const word = all[i].op === undefined ? nameOf(line, all[i]) : "";
    const call = word.endsWith(".setpassword") || word.endsWith(".invoke");
    if (!call || all[i + 1].op !== "(") continue;
    const invoke = word.endsWith(".invoke");
    if (invoke && nameOf(line, all[i + 2] ?? all[i]) !== "setpassword") continue;
    for (i += invoke ? 3 : 2; i < all.length && all[i].op !== ")"; i++)
      if (all[i].op === undefined) appendAll(spans, secretIn(line, all[i], language));
  }
  return spans;
}

/**
 * `set PW=x`, `set "ADMIN_PASSWORD=x"` (batch's value runs to the command's end), `$AdminPassword = 'x'`,
 * `$pw='x'`: a variable named for a password given a literal.
 */
function assigned(line: string, command: Token[], language: WindowsLanguage): Span[] {
  const spans: Span[] = [];
  const last = command.filter((t) => t.op === undefined).pop();
  command.forEach((t, i) => {
    if (t.op !== undefined) return;
    const word = line.slice(t.start, t.end);
    const next = command[i + 1]?.op === undefined ? command[i + 1] : undefined;
    if (i > 0 && nameOf(line, command[i - 1]) === "set") {
      const quoted = word.startsWith('"') ? 1 : 0;
      const eq = word.indexOf("=");
      if (eq <= quoted || !namesPassword(word.slice(quoted, eq))) return;
      const end = quoted ? (word.endsWith('"') ? t.end - 1 : t.end) : (last?.end ?? t.end);
      appendAll(spans, secretIn(line, { start: t.start + eq + 1, end }, language));
    } else if (word.startsWith("$")) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      if (!namesPassword(name)) return;
      if (eq > 0 && isLiteral(word.slice(eq + 1)))
        appendAll(spans, secretIn(line, { start: t.start + eq + 1, end: t.end }, language));
      else if (eq < 0 && next && textOf(line, next) === "=") {
        const value = command[i + 2];
        if (value?.op === undefined && value && isLiteral(textOf(line, value)))
          appendAll(spans, secretIn(line, value, language));
      }
    }
  });
  return spans;
}

/** A PowerShell string literal: a value, not a command whose output is assigned. */
const isLiteral = (word: string): boolean => word.startsWith("'") || word.startsWith('"');
