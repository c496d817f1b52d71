// Commands that run a command line of their own: `sh -c '…'`, `bash <<< '…'`, `eval …`, `runuser -u u -- cmd`, find's
// `-exec`. The line they run is scanned like the script's own (to a bounded depth, by the caller).
import { appendAll } from "./arrays";
import { findMatches } from "./shell-listed-files";
import { substitutionEnd } from "./shell-substitutions";
import { ParsedCommand, parseCommand, parseCommands } from "./userdata-destinations";
import { hereStrings, isPrinter, printedText } from "./userdata-printed";
import { shellQuote } from "./userdata-words";

const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "su", "runuser"]);
/** find's actions that run a command, up to `;` or `+`. */
const FIND_ACTIONS = new Set(["-exec", "-execdir", "-ok", "-okdir"]);

/**
 * The command line a command runs: eval's arguments joined (eval parses them again), the script of a shell's `-c`
 * or here-string, for `runuser -u user -- cmd…` the command after `--`, for find the commands of its -exec actions,
 * each word quoted back. Undefined for other commands.
 */
export function nestedScript({ words, name, args }: ParsedCommand): string | undefined {
  if (name === "eval") return printedScript(args.join(" "));
  if (name === "find") return findActions(args);
  if (!SHELLS.has(name)) return undefined;
  // `bash <<< "$(…)"`: a shell given no script reads its commands from its input.
  if (readsScriptFromInput(args)) return hereStrings(words)[0];
  const script = inlineScript(args);
  const dashes = args.indexOf("--");
  if (script !== undefined || name !== "runuser" || dashes < 0) return script;
  return args
    .slice(dashes + 1)
    .map(shellQuote)
    .join(" ");
}

/**
 * `eval "$(echo '…')"`: eval runs what the substitution prints, which an echo or printf of its own words spells.
 * Any other script, or a substitution of another program (`eval "$(ssh-agent -s)"`), is returned as it is.
 */
function printedScript(script: string): string {
  const inner = wholeSubstitution(script);
  if (inner === undefined) return script;
  const commands = parseCommands(inner);
  if (commands.length !== 1 || !isPrinter(commands[0].name)) return script;
  return printedText(commands[0].name, commands[0].args) ?? script;
}

/** The commands of a substitution that is the whole script (`$(…)`, backquotes), else undefined. */
function wholeSubstitution(script: string): string | undefined {
  const text = script.trim();
  const open = text.startsWith("$(") && !text.startsWith("$((") ? 2 : text.startsWith("`") ? 1 : 0;
  if (open === 0 || substitutionEnd(text, 0) !== text.length) return undefined;
  return text.slice(open, -1);
}

/** The bound on the text an eval's unquoted variables add, as on what a line's variables add (see ShellVariables). */
const MAX_EVAL_GROWTH = 64 * 1024;
const PAST_EVAL_GROWTH = "an eval's unquoted variables expanding past 64 KB";
/** `$NAME` or `${NAME}`, the simple references whose unquoted value is split into words. */
const SIMPLE_REFERENCE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)\})/y;
const BLANKS = /[ \t\n]+/;

/** How an eval command line's variables are read: their known values, and a note of what a bound leaves unread. */
export interface EvalVariables {
  /** The text with the variables it references replaced by their known values (ShellVariables.expand). */
  expand(text: string): string;
  leftUnread(why: string): void;
}

/**
 * The script an eval runs, read from the command as it is `spelt` (before expansion): bash splits an unquoted
 * variable's value into words at blanks, without reading its quotes or backslashes, and eval joins the words with
 * spaces and parses them again (`CMD="sed -i s/a/b\ c/ f"; eval $CMD` runs sed with the script `s/a/b c/`). Each
 * unquoted value is put back as its words, each quoted, so that the command's own parse leaves them as bash does.
 * Undefined when the command holds no unquoted variable with a known value: its expanded words read as they are.
 * One pass; the values added are bounded, past which the rest is noted unread.
 */
export function evalScript(spelt: string, piped: boolean, variables: EvalVariables): string | undefined {
  if (!spelt.includes("$")) return undefined;
  let out = "";
  let copied = 0;
  let grown = 0;
  let quote = "";
  for (let i = 0; i < spelt.length; i++) {
    const c = spelt[i];
    if (quote === "'" || quote === "$'") {
      if (c === "'") quote = "";
      else if (c === "\\" && quote === "$'") i++;
    } else if (c === "\\") i++;
    else if (c === "'" && quote === "") quote = spelt[i - 1] === "$" ? "$'" : "'";
    else if (c === '"') quote = quote === '"' ? "" : '"';
    else if ((c === "$" && spelt[i + 1] === "(") || c === "`") {
      // A substitution's own words are its commands', read when it runs: skipped whole.
      const end = substitutionEnd(spelt, i);
      if (end < 0) break;
      i = end - 1;
    } else if (c === "$" && quote === "") {
      SIMPLE_REFERENCE.lastIndex = i;
      const m = SIMPLE_REFERENCE.exec(spelt);
      if (!m) continue;
      const reference = m[0];
      const value = variables.expand(reference);
      if (value === reference) continue;
      const words = splitWords(value);
      if (grown + words.length > MAX_EVAL_GROWTH) {
        variables.leftUnread(PAST_EVAL_GROWTH);
        break;
      }
      grown += words.length;
      out += spelt.slice(copied, i) + words;
      copied = i + reference.length;
      i = copied - 1;
    }
  }
  if (copied === 0) return undefined;
  const parsed = parseCommand({ text: variables.expand(out + spelt.slice(copied)), piped });
  return parsed.name === "eval" ? nestedScript(parsed) : undefined;
}

/** An unquoted value as the words bash splits it into, each quoted; a blank at either end still ends a word. */
function splitWords(value: string): string {
  const words = value.split(BLANKS).filter((w) => w !== "");
  if (words.length === 0) return value === "" ? "" : " ";
  const before = BLANKS.test(value[0]) ? " " : "";
  const after = BLANKS.test(value[value.length - 1]) ? " " : "";
  return before + words.map(shellQuote).join(" ") + after;
}

/** A shell given no script (`bash`, `sh -s`, `sudo bash -x`): it runs the commands its input holds. */
export function runsInput({ name, args }: ParsedCommand): boolean {
  return SHELLS.has(name) && readsScriptFromInput(args);
}

function readsScriptFromInput(args: string[]): boolean {
  return !args.some((a) => !a.startsWith("-"));
}

/**
 * `find … -exec sed -i '…' {} \;`: the commands find runs, `;`-separated; undefined when it runs none. A `{}` standing
 * as a word is the files find matches (see findMatches: `/etc/ssh/**\/sshd_config` for `find /etc/ssh -name
 * sshd_config`), each a word; inside a word (`sh -c 'echo … >> {}'`) it is the one file matched, when find matches
 * one pattern, else left as it is (a file the reader cannot name).
 */
function findActions(args: string[]): string | undefined {
  const actions: string[] = [];
  let matched: string[] | undefined | null = null;
  for (let i = 0; i < args.length; i++) {
    if (!FIND_ACTIONS.has(args[i])) continue;
    const words: string[] = [];
    for (i++; i < args.length && args[i] !== ";" && args[i] !== "+"; i++) {
      const word = args[i];
      if (!word.includes("{}")) {
        words.push(shellQuote(word));
        continue;
      }
      if (matched === null) matched = findMatches(args);
      if (word === "{}" && matched !== undefined) appendAll(words, matched.map(shellQuote));
      else if (matched?.length === 1) words.push(shellQuote(word.split("{}").join(matched[0])));
      else words.push(shellQuote(word));
    }
    actions.push(words.join(" "));
  }
  return actions.length > 0 ? actions.join(" ; ") : undefined;
}

/** The argument of `-c` (also bundled, as in `-lc`), the script a shell runs. */
function inlineScript(args: string[]): string | undefined {
  const i = args.findIndex((a) => /^-[a-z]*c$/.test(a));
  return i >= 0 ? args[i + 1] : undefined;
}
