// Batch's parenthesised group spread over lines (`(`, `echo a`, `echo b`, `) > C:\s.cmd`): cmd reads the lines as one
// command, a line each, whose output the redirection after `)` writes. A group of echoes redirected to a script file
// (windows-script-files.ts) is joined into the one-line form the echo reader reads, `(echo a & echo b) > C:\s.cmd`;
// any other group stays as its lines, read one by one. Each line is held once and given back once: linear.
import { appendAll } from "./arrays";
import { mayBeBatchScriptFile } from "./windows-script-files";

/** An echo command alone on its line; `echo.`, `echo:` and `echo(` print their text too (an empty line when none). */
const ECHO = /^@?echo(?:[\s.:(]|$)/i;
/** The group's closing line: `)`, stdout redirected (`>`, `>>`, `1>`), the path, and what may follow it. */
const CLOSING = /^\)\s*1?>>?\s*("[^"]*"|[^\s"&|<>]+)(?=[\s&|<>]|$)/;

export class BatchGroups {
  /** The group open so far: its opening line and the echo lines after it; undefined when none is open. */
  private open: { opener: string; echoes: string[] } | undefined;

  /** The statements `line` (a batch statement, one line) gives, in order: none while a group of echoes is open. */
  add(line: string): string[] {
    const group = this.open;
    if (group !== undefined) {
      if (isPlainEcho(line)) {
        group.echoes.push(line);
        return [];
      }
      const path = CLOSING.exec(line)?.[1];
      if (path !== undefined && mayBeBatchScriptFile(path) && group.echoes.length > 0) {
        this.open = undefined;
        return [`(${group.echoes.join(" & ")})${line.slice(1)}`];
      }
      const lines = this.end();
      appendAll(lines, this.add(line));
      return lines;
    }
    // `(` alone, or with the group's first echo after it.
    const first = line.slice(1).trim();
    if (!line.startsWith("(") || (first !== "" && !isPlainEcho(first))) return [line];
    this.open = { opener: line, echoes: first === "" ? [] : [first] };
    return [];
  }

  /** The lines of a group left open, as they are: the opening line holds its own first echo. */
  end(): string[] {
    const group = this.open;
    this.open = undefined;
    if (group === undefined) return [];
    const lines = [group.opener];
    appendAll(lines, group.opener === "(" ? group.echoes : group.echoes.slice(1));
    return lines;
  }
}

/** An echo whose line holds no operator outside quotes or a caret's escape: one line of the group's output. */
function isPlainEcho(line: string): boolean {
  const echo = ECHO.exec(line);
  if (echo === null) return false;
  let quoted = false;
  // The mark glued to the echo is none of the group's operators.
  for (let i = echo[0].length; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === "^") i++;
    else if ("&|<>()".includes(c)) return false;
  }
  return true;
}
