// Assignments made earlier in the same statement (`$p = 'C:\setup.ps1'; Set-Content -Path $p …`), for the literal
// text the nested-scripts reader looks up (windows-literals.ts): the Windows reader records a statement's own
// assignments only once it has read the statement. Kept apart from the script's variables, so that the statement's
// other readers see the variables as before; a script file the statement writes and runs sees them as its caller's
// (withStatementAssignments).
import { recordLineArray } from "./windows-line-arrays";
import { appendedValue, recordLiteralValue, VariableLookup } from "./windows-literals";
import { WindowsLanguage } from "./windows-scripts";
import { VariableValue, WindowsVariables } from "./windows-variables";

/** `$name = value`, `$script:name = value` (not `==`), or `+=` appending to it. */
const ASSIGNMENT = /^\$(?:(?:script|global|local|private):)?([A-Za-z_]\w*)\s*(\+?)=(?!=)([\s\S]*)$/;
/** The name a lone variable word refers to. */
const REFERENCE = /^\$(?:(?:script|global|local|private):)?([A-Za-z_]\w*)$/;

/**
 * The script's variables with the assignments of each command of statement `words` too (`$pw = '…'; Set-Content
 * C:\s.ps1 '… $pw …'; & C:\s.ps1`), for a script the statement writes to see where it runs in the writer's scope.
 * A file runs once written, so the assignments after the write count as well; a command whose output is piped is no
 * assignment of the text read here. `variables` themselves are left as they are: the reader assigns the statement.
 */
export function withStatementAssignments(
  variables: WindowsVariables,
  words: readonly string[],
  language: WindowsLanguage,
): WindowsVariables {
  const separator = language === "powershell" ? ";" : "&";
  if (!words.includes(separator)) return variables;
  const scope = variables.child();
  let from = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] !== separator) continue;
    const command = words.slice(from, i);
    if (!command.includes("|")) scope.assign(command.join(" "));
    from = i + 1;
  }
  return scope;
}

/**
 * Records in `variables` the assignments statement `words` makes once read: each command's, where PowerShell's `;`
 * joins several (`$a = 'x'; $b = 'y'`, `$l += 'a'; $l += 'b'`); else the statement's, whole.
 */
export function assignStatement(
  variables: WindowsVariables,
  statement: string,
  words: readonly string[],
  language: WindowsLanguage,
): void {
  if (language !== "powershell" || !words.includes(";")) {
    variables.assign(statement);
    return;
  }
  let from = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && words[i] !== ";") continue;
    if (i > from) variables.assign(words.slice(from, i).join(" "));
    from = i + 1;
  }
}

export class StatementVariables implements VariableLookup {
  private readonly values = new Map<string, VariableValue>();

  constructor(private readonly script: VariableLookup) {}

  /** Records the assignment `command` (one command of the statement) makes, if it makes one. */
  assign(command: string): void {
    const m = ASSIGNMENT.exec(command);
    // Where a secret comes from is the script's readers' business: here only the text is looked up.
    if (!m) return;
    const value: VariableValue = { text: m[2] === "+" ? appendedValue(m[1], m[3]) : m[3], source: "none" };
    recordLiteralValue(value, this);
    recordLineArray(value, this);
    this.values.set(m[1].toLowerCase(), value);
  }

  /** The statement's own value of a lone variable word, else the script's values `text` refers to. */
  referencedValues(text: string): VariableValue[] {
    const name = REFERENCE.exec(text.trim())?.[1].toLowerCase();
    const own = name === undefined ? undefined : this.values.get(name);
    return own ? [own] : this.script.referencedValues(text);
  }
}
