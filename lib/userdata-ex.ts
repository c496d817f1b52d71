// vi and ex run as stream editors: `ex -s -c '%s/^PermitRootLogin no/PermitRootLogin yes/' -c wq FILE`, `vim -c
// ':%s/…/…/g' -c ':wq' FILE`. Their `-c` (and `+`) commands that substitute are read as sed's `s` commands, which
// they spell alike (vim's patterns are close enough to sed's basic ones to name a directive and its value).
import { sedScript } from "./userdata-sed";
import { StreamEdit } from "./userdata-sed-edits";

export const EDITORS = new Set(["ex", "vi", "vim", "nvim", "view"]);
/** An ex command that substitutes, after its `:` and range (`%`, `1,$`, `.`) or `g/re/`; the rest is sed's syntax. */
const SUBSTITUTE = /^:*[%,.$\d]*((?:g\/(?:\\.|[^/\\])*\/)?s[^\w\s\\][^]*)$/;

/** An ex or vi run as a stream edit; undefined for another command, or one that substitutes nothing. */
export function exStreamEdit(name: string, args: string[]): StreamEdit | undefined {
  if (!EDITORS.has(name)) return undefined;
  const commands: string[] = [];
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-c" || a === "--cmd") commands.push(args[++i] ?? "");
    else if (a.startsWith("+")) commands.push(a.slice(1));
    else if (!a.startsWith("-")) files.push(a);
  }
  const substitutions = commands.flatMap((c) => SUBSTITUTE.exec(c)?.[1] ?? []);
  if (substitutions.length === 0) return undefined;
  // The edit reaches the file when a command writes it (`wq`, `x`, `w`); read as in place whatever: it hides nothing.
  return { inPlace: true, files, script: sedScript(substitutions.join("\n"), "basic") };
}
