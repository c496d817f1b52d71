// Redirections among a statement's words (windows-words.ts), where stdout goes: `> F`, `>> F`, `N> F` for handle N
// (1 is stdout, the default), `N>&M` (handle N joins handle M: no file), `< F` (input). The words split `2>&1` as `2`,
// `>`, `&`, `1`: that `&` duplicates a handle and ends no command. A digit before `>` is taken as a handle whether
// glued or not: the words do not keep the blank, and a command named `2` is no echo.
import { endsCommand, unquoted } from "./windows-words";

/** One redirection: the handle it redirects, the file it names (none for `N>&M`) and the index after it. */
export interface Redirection {
  handle: string;
  target: string | undefined;
  end: number;
}

/** The redirection starting at `words[at]`; undefined when none starts there. */
export function redirectionAt(words: readonly string[], at: number): Redirection | undefined {
  let i = at;
  let handle: string | undefined;
  if (/^\d$/.test(words[i] ?? "") && (words[i + 1] === ">" || words[i + 1] === "<")) handle = words[i++];
  const operator = words[i];
  if (operator !== ">" && operator !== "<") return undefined;
  handle ??= operator === ">" ? "1" : "0";
  i++;
  if (operator === ">" && words[i] === ">") i++;
  if (words[i] === "&") return { handle, target: undefined, end: /^\d$/.test(words[i + 1] ?? "") ? i + 2 : i + 1 };
  const word = words[i];
  if (word === undefined || endsCommand(word)) return { handle, target: undefined, end: i };
  return { handle, target: unquoted(word), end: i + 1 };
}

/** Whether `words[at]` ends a command: an operator that is no redirection, nor the `&` of `N>&M`. */
export function separatesCommands(words: readonly string[], at: number): boolean {
  const word = words[at];
  if (!endsCommand(word) || word === ">" || word === "<") return false;
  return !(word === "&" && words[at - 1] === ">");
}
