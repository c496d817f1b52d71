// `ConvertTo-SecureString TEXT -AsPlainText -Force` turns the text it is given into the password a cmdlet takes
// (`New-ADUser -AccountPassword (ConvertTo-SecureString Pw -AsPlainText -Force)`). In a command's arguments an
// unquoted word is a string, so a bare `Pw` is a password spelled in the script as much as `'Pw'` is. Without
// -AsPlainText the text is an encrypted standard string, not read here.
import { windowsWords } from "./windows-words";

const CMDLET = "convertto-securestring";
/** Its parameters that take a value, which is then no positional word. */
const VALUE_PARAMETERS = new Set(["-key", "-securekey"]);
/** `-String VALUE`, `-String:VALUE`: the text converted. */
const STRING_PARAMETER = "-string";

/**
 * The text a `ConvertTo-SecureString … -AsPlainText` expression (in parentheses or not) converts, as written;
 * undefined when the expression is not one or gives no text.
 */
export function plainTextOfSecureString(expression: string): string | undefined {
  const inner = /^\(\s*([^]*?)\s*\)$/.exec(expression.trim())?.[1] ?? expression.trim();
  const words = windowsWords(inner, "powershell");
  if (words[0]?.toLowerCase() !== CMDLET) return undefined;
  const rest = words.slice(1);
  if (!rest.some((w) => /^-asplaintext(?::\$true)?$/i.test(w))) return undefined;
  for (let i = 0; i < rest.length; i++) {
    const word = rest[i].toLowerCase();
    if (word === STRING_PARAMETER) return rest[i + 1];
    if (word.startsWith(`${STRING_PARAMETER}:`)) return rest[i].slice(STRING_PARAMETER.length + 1);
    if (VALUE_PARAMETERS.has(word)) i++;
    else if (!word.startsWith("-")) return rest[i];
  }
  return undefined;
}
