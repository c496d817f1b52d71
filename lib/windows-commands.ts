// The commands of a PowerShell or batch statement's words (windows-words.ts), and a cmdlet's arguments bound to its
// parameters by name (`-Name N`, `-Name:N`) or by position. A command ends at an operator word (`;`, `|`, `&`, a
// redirection or a brace); a brace block right after it (`@{Basic="true"}`) is kept beside it, up to the next
// closing brace, so that each word belongs to two commands at most and reading stays linear.
import { endsCommand, unquoted } from "./windows-words";

export interface WindowsCommand {
  /** The command's first word, as written. */
  word: string;
  /** The command's name, unquoted and lower-cased, without a folder (`C:\Windows\System32\reg.exe` is `reg.exe`). */
  name: string;
  /** The words after the name, as written. */
  args: string[];
  /** The words of a brace block that follows the command (a hashtable argument), as written. */
  block: string[];
}

/** The commands of a statement's words, in order. */
export function windowsCommands(words: string[]): WindowsCommand[] {
  const commands: WindowsCommand[] = [];
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    const own = words.slice(start, i);
    start = i + 1;
    if (own.length === 0) continue;
    let end = i + 1;
    // Up to the block's closing brace (`@{A="1";B="2"}` holds a `;`), never past another opening one.
    if (words[i] === "{") while (end < words.length && words[end] !== "}" && words[end] !== "{") end++;
    commands.push({
      word: own[0],
      name: commandName(own[0]),
      args: own.slice(1),
      block: words[i] === "{" ? words.slice(i + 1, end) : [],
    });
  }
  return commands;
}

/**
 * Whether a wildcard (`*`, `?`; any case) matches `name`: the pattern read once, each character against the name's
 * lengths matched so far, so a hostile `*a*a*a…` costs its length times the name's, never a backtrack.
 */
export function wildcardMatches(pattern: string, name: string): boolean {
  const text = name.toLowerCase();
  let reached = new Uint8Array(text.length + 1);
  reached[0] = 1;
  for (const c of pattern.toLowerCase()) {
    const next = new Uint8Array(text.length + 1);
    let any = 0;
    for (let i = 0; i <= text.length; i++) {
      // `*` matches any length from the shortest reached on; another character the name's next one.
      if (c === "*") any = next[i] = any | reached[i];
      else if (i < text.length && reached[i] === 1 && (c === "?" || c === text[i])) any = next[i + 1] = 1;
    }
    if (any === 0) return false;
    reached = next;
  }
  return reached[text.length] === 1;
}

/** A command's name as written in `word`: unquoted, lower-cased, without a folder. */
export function commandName(word: string): string {
  const name = unquoted(word).toLowerCase();
  return name.slice(Math.max(name.lastIndexOf("\\"), name.lastIndexOf("/")) + 1);
}

/**
 * A cmdlet's arguments by lower-cased parameter name: `valued` names the parameters that take a value (the others,
 * `-Force`, `-Confirm:$false`, are switches), `positions` those that unnamed arguments fill, in order.
 */
export function boundArguments(args: string[], valued: ReadonlySet<string>, positions: string[]): Map<string, string> {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const colon = word.indexOf(":");
    const parameter = (colon > 0 && word.startsWith("-") ? word.slice(0, colon) : word).toLowerCase();
    if (valued.has(parameter)) named.set(parameter, colon > 0 ? word.slice(colon + 1) : (args[++i] ?? ""));
    else if (!word.startsWith("-")) positional.push(word);
  }
  for (const parameter of positions)
    if (!named.has(parameter) && positional.length > 0) named.set(parameter, positional.shift() ?? "");
  return named;
}
