// Files a Windows script writes that are scripts themselves, told by the path's extension: `.ps1` runs in PowerShell,
// `.cmd` and `.bat` in cmd. The path is read as spelled (quoted or bare) or from a variable the script set to one
// (`$p = 'C:\setup.ps1'`, `set F=C:\setup.cmd`); a path the script does not spell is no script known to be written.
import { isVariable, literalText, quotedText, VariableLookup } from "./windows-literals";
import { WindowsLanguage } from "./windows-scripts";
import { unquoted } from "./windows-words";

const SCRIPT_FILE = /\.(ps1|cmd|bat)$/i;
/** A batch variable as the whole word: `%F%`, `"%F%"`, delayed `!F!`. */
const BATCH_VARIABLE = /^(?:%\w+%|!\w+!)$/;

/** A script file a statement writes: its language and its path as spelled. */
export interface ScriptFile {
  language: WindowsLanguage;
  path: string;
}

/** The script file `word` (a statement's word in `language`) names; undefined for other files. */
export function scriptFile(
  word: string | undefined,
  language: WindowsLanguage,
  variables: VariableLookup,
): ScriptFile | undefined {
  const path = word === undefined ? undefined : pathText(word, language, variables)?.trim();
  const extension = SCRIPT_FILE.exec(path ?? "")?.[1].toLowerCase();
  if (path === undefined || extension === undefined) return undefined;
  return { language: extension === "ps1" ? "powershell" : "batch", path };
}

/** Whether a batch redirection's path `word` may be a script file: spelled with a script's extension, or a variable. */
export function mayBeBatchScriptFile(word: string): boolean {
  const path = unquoted(word);
  return SCRIPT_FILE.test(path) || BATCH_VARIABLE.test(path);
}

function pathText(word: string, language: WindowsLanguage, variables: VariableLookup): string | undefined {
  if (language === "powershell") return isVariable(word) ? literalText(word, variables) : (quotedText(word) ?? word);
  const path = unquoted(word);
  if (!BATCH_VARIABLE.test(path)) return path;
  const [value] = variables.referencedValues(path);
  return value && unquoted(value.text.trim());
}
