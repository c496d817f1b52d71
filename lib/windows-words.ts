// The words of a PowerShell or batch statement: split at blanks outside quotes and brackets, with the operators
// that end a command (`;`, `|`, `&`, redirections) and script-block braces as words of their own. Quotes stay on
// the words, so a literal can be told from a variable. Batch has no single quotes. One pass: statements may be hostile.
import { WindowsLanguage } from "./windows-scripts";

const OPERATORS = new Set([";", "|", "&", "<", ">", "{", "}"]);

export function windowsWords(statement: string, language: WindowsLanguage): string[] {
  const words: string[] = [];
  let word = "";
  let quote: string | undefined;
  let depth = 0;
  const flush = () => {
    if (word !== "") words.push(word);
    word = "";
  };
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i];
    if (quote !== undefined) {
      word += c;
      // PowerShell escapes with a backtick in double quotes; both quotes escape themselves by doubling.
      if (quote === '"' && c === "`" && language === "powershell" && i + 1 < statement.length) word += statement[++i];
      else if (c === quote) quote = undefined;
    } else if (c === '"' || (c === "'" && language === "powershell")) {
      quote = c;
      word += c;
    } else if (c === "(") {
      depth++;
      word += c;
    } else if (c === ")" && depth > 0) {
      depth--;
      word += c;
    } else if (depth > 0) word += c;
    else if (c === "{" && statement[i + 1] === "{") {
      // `{{ name }}`: a template placeholder, one word.
      const end = statement.indexOf("}}", i);
      const stop = end < 0 ? statement.length : end + 2;
      word += statement.slice(i, stop);
      i = stop - 1;
    } else if (c === "$" && statement[i + 1] === "{") {
      // `${env:NAME}`: a variable, braces and all.
      const end = statement.indexOf("}", i);
      const stop = end < 0 ? statement.length : end + 1;
      word += statement.slice(i, stop);
      i = stop - 1;
    } else if (/\s/.test(c)) flush();
    else if (OPERATORS.has(c)) {
      flush();
      words.push(c);
    } else word += c;
  }
  flush();
  return words;
}

/** A word's text without the quotes around it (`'a''b'` stays as written inside). */
export function unquoted(word: string): string {
  const first = word[0];
  if (word.length >= 2 && (first === '"' || first === "'") && word.endsWith(first)) return word.slice(1, -1);
  return word;
}

/** Whether the word ends a command: the rest of the statement is another command or a redirection. */
export function endsCommand(word: string): boolean {
  return OPERATORS.has(word);
}
