// The statements of a PowerShell or batch script, as the Windows reader reads them: comments dropped (PowerShell's
// `#` and `<# … #>`, batch's `rem` and `::`), continued lines joined (PowerShell's trailing backtick or pipe, batch's
// caret) and a PowerShell here-string kept with the line that opens it, so that what it writes is read with where;
// batch's group of echo lines redirected to a script file is joined into one statement (windows-batch-groups.ts), and
// so are PowerShell's values over lines inside parentheses left open (`-Value @(`, a line each, `)`:
// windows-open-parentheses.ts).
// One pass over the text: scripts may be hostile.
import { appendAll } from "./arrays";
import { BatchGroups } from "./windows-batch-groups";
import { OpenParentheses } from "./windows-open-parentheses";
import { WindowsLanguage } from "./windows-scripts";

/** The statements of `text`, trimmed, in order; a here-string's lines joined with newlines. */
export function windowsStatements(text: string, language: WindowsLanguage): string[] {
  const statements: string[] = [];
  let current: string[] = [];
  let hereStringEnd: string | undefined;
  let inBlockComment = false;
  const groups = language === "batch" ? new BatchGroups() : new OpenParentheses();
  const finish = () => {
    const statement = current.join(" ").trim();
    current = [];
    if (statement !== "") appendAll(statements, groups.add(statement));
  };
  for (const raw of text.split(/\r?\n/)) {
    let line = raw;
    if (hereStringEnd !== undefined) {
      // PowerShell ends a here-string at its terminator at the start of a line; what follows continues the statement.
      // The body's quotes are text, not quoting: dropped, so the statement's words split as PowerShell's do.
      if (!raw.trimStart().startsWith(hereStringEnd)) {
        current.push(`\n${raw.replace(/["']/g, "")}`);
        continue;
      }
      current.push(`\n${hereStringEnd[0]}`);
      line = raw.trimStart().slice(hereStringEnd.length);
      hereStringEnd = undefined;
    }
    if (language === "powershell") {
      if (inBlockComment) {
        const end = line.indexOf("#>");
        if (end < 0) continue;
        inBlockComment = false;
        line = line.slice(end + 2);
      }
      if (line.trimStart().startsWith("<#")) {
        const end = line.indexOf("#>");
        if (end < 0) {
          inBlockComment = true;
          continue;
        }
        line = line.slice(end + 2);
      }
      line = withoutPowerShellComment(line);
    } else if (isBatchComment(line)) continue;
    const trimmed = line.trimEnd();
    const opener = language === "powershell" ? /@(["'])$/.exec(trimmed) : null;
    if (opener) {
      current.push(trimmed);
      hereStringEnd = `${opener[1]}@`;
      continue;
    }
    const continued = language === "powershell" ? /[`|]$/.test(trimmed) : trimmed.endsWith("^");
    current.push(continued && !trimmed.endsWith("|") ? trimmed.slice(0, -1) : trimmed);
    if (!continued) finish();
  }
  finish();
  appendAll(statements, groups.end());
  return statements;
}

/** `rem …`, `@rem …` and `:: …` lines. */
function isBatchComment(line: string): boolean {
  const start = line.trimStart().toLowerCase();
  return start.startsWith("::") || /^@?rem(?:[\s.:]|$)/.test(start);
}

/** The line up to a `#` that starts a comment: outside quotes, at the start or after a blank. */
function withoutPowerShellComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === '"' && c === "`") i++;
    else if (quote !== undefined) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || /\s/.test(line[i - 1]))) return line.slice(0, i);
  }
  return line;
}
