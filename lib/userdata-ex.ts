// vi and ex run as stream editors: `ex -s -c '%s/^PermitRootLogin no/PermitRootLogin yes/' -c wq FILE`, `vim -c
// ':%s/…/…/g' -c ':wq' FILE`. Their `-c` (and `+`) commands that substitute are read as sed's `s` commands, which
// they spell alike (vim's patterns are close enough to sed's basic ones to name a directive and its value). Global
// deletes, `g/re/d` and `v/re/d` (or `g!/re/d`), are sed's `/re/d` and `/re/!d`; deletes at one address or a range
// (`:/re/d|x`, `:5d`, `:$d`, `:%d`) are sed's deletes at the same address (see userdata-ex-deletes).
import { exAddressDeletions } from "./userdata-ex-deletes";
import { sedScript } from "./userdata-sed";
import { StreamEdit } from "./userdata-sed-edits";

export const EDITORS = new Set(["ex", "vi", "vim", "nvim", "view"]);
/** An ex command that substitutes, after its `:` and range (`%`, `1,$`, `.`) or `g/re/`; the rest is sed's syntax. */
const SUBSTITUTE = /^:*[%,.$\d]*((?:g\/(?:\\.|[^/\\])*\/)?s[^\w\s\\][^]*)$/;
/**
 * A global command that deletes the lines it picks: `g/re/d`, `global!/re/delete`, `v#re#d _`, maybe after `|`
 * other commands (`g/re/d|x`). Groups: the command, its delimiter, its pattern.
 */
const GLOBAL_DELETE =
  /^:*\s*%?\s*(g(?:lobal)?!?|v(?:global)?)\s*([^\w\s\\"|])((?:\\.|(?!\2)[^\\])*)\2\s*d(?:e(?:l(?:e(?:t(?:e)?)?)?)?)?\s*_?\s*(?:\||$)/;
/** ex's short options that take the next word as a command: `-c CMD`, grouped as in `-sc CMD`. */
const COMMAND_OPTION = /^-[a-zA-Z]*c$/;

/** An ex or vi run as a stream edit; undefined for another command, or one that substitutes or deletes nothing. */
export function exStreamEdit(name: string, args: string[]): StreamEdit | undefined {
  if (!EDITORS.has(name)) return undefined;
  const commands: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (COMMAND_OPTION.test(a) || a === "--cmd") commands.push(args[++i] ?? "");
    else if (a.startsWith("+")) commands.push(a.slice(1));
    else if (!a.startsWith("-")) files.push(a);
  }
  const edits = commands.flatMap((c) => SUBSTITUTE.exec(c)?.[1] ?? globalDeletion(c) ?? exAddressDeletions(c));
  if (edits.length === 0) return undefined;
  // The edit reaches the file when a command writes it (`wq`, `x`, `w`); read as in place whatever: it hides nothing.
  return { inPlace: true, files, script: sedScript(edits.join("\n"), "basic") };
}

/**
 * A global delete as sed's deletion: `/re/d`, or `/re/!d` for the lines that do not match. Its pattern keeps its
 * delimiter (sed's `\#re#d`), so what it escapes stays escaped.
 */
function globalDeletion(command: string): string | undefined {
  const m = GLOBAL_DELETE.exec(command);
  if (!m) return undefined;
  const [, which, delimiter, pattern] = m;
  const address = delimiter === "/" ? `/${pattern}/` : `\\${delimiter}${pattern}${delimiter}`;
  const inverted = which.startsWith("v") || which.endsWith("!");
  return `${address}${inverted ? "!" : ""}d`;
}
