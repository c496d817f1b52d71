// The words of a PowerShell or batch statement: split at blanks outside quotes and brackets, with the operators
// that end a command (`;`, `|`, `&`, redirections) and script-block braces as words of their own. Quotes stay on
// the words, so a literal can be told from a variable. Batch has no single quotes, and its caret outside quotes escapes
// the character after it (`^&`, `^>`, `^|` are text, kept in the word with their caret). One pass: statements may be
// hostile. A stream's handle glued to the redirection after it (`1>`, `2>>`) is told from a digit written apart
// (`x 1 > F`), which cmd and PowerShell both take as text: the words keep the digit alone either way.
import { WindowsLanguage } from "./windows-scripts";

const OPERATORS = new Set([";", "|", "&", "<", ">", "{", "}"]);
/** batch's `echo(` prints the text after the parenthesis, which opens no group: the word's end (six characters). */
const ECHO_BEFORE = /(?:^|[\s&|(])@?echo$/i;
/** cmd has no `;` operator and no script blocks: `@{Basic="true"}` and `Xq7;leak` are words. */
const BATCH_TEXT = new Set([";", "{", "}"]);

/**
 * The words of `statement`; `handles`, when given, gets the indexes of the words that are a stream's handle glued to
 * the redirection after them.
 */
export function windowsWords(statement: string, language: WindowsLanguage, handles?: Set<number>): string[] {
  const words: string[] = [];
  // A word is the statement's text from `start` to the blank or operator that ends it, taken by one slice:
  // appending it a character at a time builds a string of a million pieces on a hostile line.
  let start = 0;
  let quote: string | undefined;
  let depth = 0;
  const flush = (end: number) => {
    if (end > start) words.push(statement.slice(start, end));
    start = end + 1;
  };
  for (let i = 0; i < statement.length; i++) {
    const c = statement[i];
    if (quote !== undefined) {
      // PowerShell escapes with a backtick in double quotes; both quotes escape themselves by doubling.
      if (quote === '"' && c === "`" && language === "powershell" && i + 1 < statement.length) i++;
      else if (c === quote) quote = undefined;
    } else if (onlyExtendsWord(statement.charCodeAt(i))) continue;
    else if (c === "^" && language === "batch") i++;
    else if (c === '"' || (c === "'" && language === "powershell")) quote = c;
    else if (c === "(" && !(language === "batch" && ECHO_BEFORE.test(statement.slice(Math.max(start, i - 6), i))))
      depth++;
    else if (c === ")" && depth > 0) depth--;
    else if (depth > 0) continue;
    else if (c === "{" && statement[i + 1] === "{") {
      // `{{ name }}`: a template placeholder, one word.
      const end = statement.indexOf("}}", i);
      i = (end < 0 ? statement.length : end + 2) - 1;
    } else if (c === "$" && statement[i + 1] === "{") {
      // `${env:NAME}`: a variable, braces and all.
      const end = statement.indexOf("}", i);
      i = (end < 0 ? statement.length : end + 1) - 1;
    } else if (/\s/.test(c)) flush(i);
    else if (OPERATORS.has(c) && !(language === "batch" && BATCH_TEXT.has(c))) {
      if ((c === ">" || c === "<") && i === start + 1 && /\d/.test(statement[start])) handles?.add(words.length);
      flush(i);
      words.push(c);
    }
  }
  flush(statement.length);
  return words;
}

/**
 * A printable ASCII character that none of the loop's branches below acts on (no quote, caret, bracket, brace, `$`,
 * blank or operator): it only extends the word, so it is passed over without a regex test and a set look-up.
 */
function onlyExtendsWord(code: number): boolean {
  if (code <= 0x20 || code >= 0x7f) return false;
  switch (code) {
    case 0x22: // "
    case 0x27: // '
    case 0x5e: // ^
    case 0x28: // (
    case 0x29: // )
    case 0x7b: // {
    case 0x7d: // }
    case 0x24: // $
    case 0x3b: // ;
    case 0x7c: // |
    case 0x26: // &
    case 0x3c: // <
    case 0x3e: // >
      return false;
    default:
      return true;
  }
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
