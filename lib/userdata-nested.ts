// Commands that run a command line of their own: `sh -c '…'`, `bash <<< '…'`, `eval …`, `runuser -u u -- cmd`, find's
// `-exec`. The line they run is scanned like the script's own (to a bounded depth, by the caller).
import { ParsedCommand } from "./userdata-destinations";
import { hereStrings } from "./userdata-printed";
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
  if (name === "eval") return args.join(" ");
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

/** A shell given no script (`bash`, `sh -s`, `sudo bash -x`): it runs the commands its input holds. */
export function runsInput({ name, args }: ParsedCommand): boolean {
  return SHELLS.has(name) && readsScriptFromInput(args);
}

function readsScriptFromInput(args: string[]): boolean {
  return !args.some((a) => !a.startsWith("-"));
}

/** `find … -exec sed -i '…' {} \;`: the commands find runs, `;`-separated; undefined when it runs none. */
function findActions(args: string[]): string | undefined {
  const actions: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (!FIND_ACTIONS.has(args[i])) continue;
    const words: string[] = [];
    for (i++; i < args.length && args[i] !== ";" && args[i] !== "+"; i++) words.push(shellQuote(args[i]));
    actions.push(words.join(" "));
  }
  return actions.length > 0 ? actions.join(" ; ") : undefined;
}

/** The argument of `-c` (also bundled, as in `-lc`), the script a shell runs. */
function inlineScript(args: string[]): string | undefined {
  const i = args.findIndex((a) => /^-[a-z]*c$/.test(a));
  return i >= 0 ? args[i + 1] : undefined;
}
