// The passwords a PowerShell or batch line spells, masked for quoting (see mask-secrets.ts): `net user NAME PASSWORD`,
// `ConvertTo-SecureString "…" -AsPlainText`, the password parameters of the account cmdlets (`-Password`,
// `-AccountPassword`, `-NewPassword`, also `-Password:value`), ADSI's `SetPassword("…")` and `Invoke("SetPassword", "…")`,
// auto-logon's DefaultPassword written to the registry, and variables named for a password (`set PW=…`,
// `$AdminPassword = '…'`). Variables and commands stay readable.
import { WindowsLanguage } from "./windows-scripts";
import {
  applyMasks,
  commandName,
  commandsOf,
  nameOf,
  namesPassword,
  secretIn,
  Span,
  textOf,
  Token,
  tokens,
} from "./mask-secrets";
import { appendAll } from "./arrays";

const PASSWORD_PARAMETERS = ["-password", "-accountpassword", "-newpassword"];

/** How deep quoted text is read as a command line of its own (`cmd /c "net user …"`, `powershell -c '…'`). */
const MAX_QUOTED_DEPTH = 2;

/** `line` with the passwords it spells masked, also in a command line quoted in it that it runs. */
export function maskWindowsPasswords(line: string, language: WindowsLanguage): string {
  return applyMasks(line, passwordSpans(line, language, 0));
}

/**
 * `line`, of a language not known, with what either language reads as a password masked: batch's `Xq7^&leak` and
 * `Xq7;leak` are one word, PowerShell's `'a b'` is one too.
 */
export function maskPasswordsOfEitherLanguage(line: string): string {
  return applyMasks(line, [...passwordSpans(line, "powershell", 0), ...passwordSpans(line, "batch", 0)]);
}

function passwordSpans(line: string, language: WindowsLanguage, depth: number): Span[] {
  const all = tokens(line, language);
  const spans: Span[] = [...adsiPasswords(line, all), ...secureStrings(line, all)];
  for (const command of commandsOf(all))
    for (const found of [
      netUserPassword(line, command),
      parameterPasswords(line, command),
      assigned(line, command),
      autologonPassword(line, command),
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

/** `net user NAME PASSWORD [/options]`: the second word that is not an option; `*` prompts for it. */
function netUserPassword(line: string, command: Token[]): Span[] {
  const at = command.findIndex(
    (t, i) => /^net1?$/.test(commandName(line, t)) && /^users?$/.test(nameOf(line, command[i + 1] ?? t)),
  );
  if (at < 0) return [];
  const positional = command.slice(at + 2).filter((t) => t.op === undefined && !nameOf(line, t).startsWith("/"));
  const password = positional[1];
  return password && nameOf(line, password) !== "*" ? secretIn(line, password) : [];
}

/**
 * Auto-logon's plain-text password: `Set-ItemProperty … -Name DefaultPassword -Value 'x'` (`-Value:'x'`, or the word
 * after the name when given by position) and `reg add … /v DefaultPassword /d x`.
 */
function autologonPassword(line: string, command: Token[]): Span[] {
  const words = command.filter((t) => t.op === undefined);
  const named = words.findIndex((t) => /^(?:-name:)?defaultpassword$/.test(nameOf(line, t)));
  if (named < 0) return [];
  const spans: Span[] = [];
  words.forEach((t, i) => {
    const word = nameOf(line, t);
    const next = words[i + 1];
    if ((word === "-value" || word === "/d") && next) appendAll(spans, secretIn(line, next));
    else if (word.startsWith("-value:")) appendAll(spans, secretIn(line, { start: t.start + 7, end: t.end }));
  });
  const after = words[named + 1];
  const positional = after && !/^[-/]/.test(nameOf(line, after)) && nameOf(line, words[named - 1] ?? after) !== "/v";
  if (positional) appendAll(spans, secretIn(line, after));
  return spans;
}

/** `-Password 'x'`, `-AccountPassword:'x'`: a literal; a variable or `(ConvertTo-SecureString …)` is read elsewhere. */
function parameterPasswords(line: string, command: Token[]): Span[] {
  const spans: Span[] = [];
  command.forEach((t, i) => {
    if (t.op !== undefined) return;
    const word = nameOf(line, t);
    const next = command[i + 1];
    if (PASSWORD_PARAMETERS.includes(word) && next && next.op === undefined) appendAll(spans, secretIn(line, next));
    const colon = word.indexOf(":");
    if (colon > 0 && PASSWORD_PARAMETERS.includes(word.slice(0, colon)) && colon + 1 < word.length)
      appendAll(spans, secretIn(line, { start: t.start + colon + 1, end: t.end }));
  });
  return spans;
}

/** The words given to ConvertTo-SecureString up to the end of its call or pipeline, its options left. */
function secureStrings(line: string, all: Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i < all.length; i++) {
    if (all[i].op !== undefined || nameOf(line, all[i]) !== "convertto-securestring") continue;
    for (i++; i < all.length && all[i].op === undefined; i++) {
      const word = nameOf(line, all[i]);
      if (word === "-key" || word === "-securekey") i++;
      else if (!word.startsWith("-")) appendAll(spans, secretIn(line, all[i]));
    }
  }
  return spans;
}

/** The literals in the parentheses of `.SetPassword(…)` and `.Invoke("SetPassword", …)`. */
function adsiPasswords(line: string, all: Token[]): Span[] {
  const spans: Span[] = [];
  for (let i = 0; i + 1 < all.length; i++) {
    const word = all[i].op === undefined ? nameOf(line, all[i]) : "";
    const call = word.endsWith(".setpassword") || word.endsWith(".invoke");
    if (!call || all[i + 1].op !== "(") continue;
    const invoke = word.endsWith(".invoke");
    if (invoke && nameOf(line, all[i + 2] ?? all[i]) !== "setpassword") continue;
    for (i += invoke ? 3 : 2; i < all.length && all[i].op !== ")"; i++)
      if (all[i].op === undefined) appendAll(spans, secretIn(line, all[i]));
  }
  return spans;
}

/**
 * `set PW=x`, `set "ADMIN_PASSWORD=x"` (batch's value runs to the command's end), `$AdminPassword = 'x'`,
 * `$pw='x'`: a variable named for a password given a literal.
 */
function assigned(line: string, command: Token[]): Span[] {
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
      appendAll(spans, secretIn(line, { start: t.start + eq + 1, end }));
    } else if (word.startsWith("$")) {
      const eq = word.indexOf("=");
      const name = eq < 0 ? word : word.slice(0, eq);
      if (!namesPassword(name)) return;
      if (eq > 0 && isLiteral(word.slice(eq + 1)))
        appendAll(spans, secretIn(line, { start: t.start + eq + 1, end: t.end }));
      else if (eq < 0 && next && textOf(line, next) === "=") {
        const value = command[i + 2];
        if (value?.op === undefined && value && isLiteral(textOf(line, value))) appendAll(spans, secretIn(line, value));
      }
    }
  });
  return spans;
}

/** A PowerShell string literal: a value, not a command whose output is assigned. */
const isLiteral = (word: string): boolean => word.startsWith("'") || word.startsWith('"');
