// Windows statements that set an account's password: `net user NAME PASSWORD`, the LocalAccounts and
// ActiveDirectory cmdlets given a password (`Set-LocalUser -Password`, `New-LocalUser -Password`, `New-ADUser
// -AccountPassword`, `Set-ADAccountPassword -NewPassword`) and ADSI's `SetPassword`. Windows accounts log in with
// passwords (RDP needs one), so setting one is no weakness in itself: spelling it in the script is, as anyone who can
// read the user data or the command reads the password. `net user NAME *` prompts for it.
import { SecretSource, WindowsVariables } from "./windows-variables";
import { endsCommand, unquoted } from "./windows-words";

/** Cmdlets that set a password, each with the parameter that takes it. */
const PASSWORD_PARAMETERS = new Map([
  ["set-localuser", "-password"],
  ["new-localuser", "-password"],
  ["new-aduser", "-accountpassword"],
  ["set-adaccountpassword", "-newpassword"],
]);
/** `net`, `net.exe`, `net1`, a path to one. */
const NET = /(?:^|[\\/])net1?(?:\.exe)?$/i;
/** A variable, a command's output or a placeholder: the value is not the word itself. */
const VALUE_FROM_ELSEWHERE = /\$|%[^%\s]+%|%~?\d|%%|![^!\s]+!|\(|\{\{/;
/** Commands whose arguments are text they print or ignore: `echo`, `echo.`, `@echo`, Write-Output, Write-Host, rem. */
const PRINTERS = /^(?:@?echo(?:[.:(]|$)|write-output$|write$)/i;
/** A path a script may run: the extensions of scripts and programs. */
const SCRIPT_PATH = /\.(?:ps1|psm1|cmd|bat|exe|com|vbs|js)$/i;
/** ADSI's `.SetPassword(…)` and `.Invoke("SetPassword", …)`. */
const SET_PASSWORD = /\.setpassword\s*\(|\.invoke\s*\(\s*["']setpassword["']\s*,/i;

/**
 * Where the password a statement sets comes from: `literal` when the script spells it, `outside` when it is taken
 * from elsewhere, `none` when the statement sets none (or one the script generates).
 */
export function passwordSource(statement: string, words: string[], variables: WindowsVariables): SecretSource {
  return worst([
    netUserPassword(words, variables),
    cmdletPassword(words, variables),
    adsiPassword(statement, variables),
  ]);
}

function worst(sources: SecretSource[]): SecretSource {
  if (sources.includes("literal")) return "literal";
  return sources.includes("outside") ? "outside" : "none";
}

/** `net user NAME PASSWORD [/options]`: the second word that is not an option; `*` prompts for it. */
function netUserPassword(words: string[], variables: WindowsVariables): SecretSource {
  const at = words.findIndex((w, i) => NET.test(unquoted(w)) && /^users?$/i.test(unquoted(words[i + 1] ?? "")));
  if (at < 0 || isPrinted(words, at)) return "none";
  const positional: string[] = [];
  for (const word of words.slice(at + 2)) {
    if (endsCommand(word)) break;
    if (!unquoted(word).startsWith("/")) positional.push(word);
  }
  const password = positional[1];
  if (password === undefined || unquoted(password) === "*") return "none";
  // A password without variables or commands is spelled out, an empty one ("") included.
  if (!VALUE_FROM_ELSEWHERE.test(password)) return "literal";
  return variables.source(password, true);
}

/**
 * Whether the word at `at` is text a command prints or a remark (`echo net user is fine >> log.txt`): the command it
 * stands in starts with echo or Write-Output, redirected to a file that is no script (a script it writes is read
 * apart, windows-echo-writes.ts).
 */
function isPrinted(words: string[], at: number): boolean {
  // The command runs from after the operator that starts it; batch may redirect before its name (`> C:\log.txt echo
  // …`, `1> …`), so the name is the first word no redirection takes.
  let start = at;
  while (start > 0 && !separatesCommands(words[start - 1])) start--;
  let name = start;
  if (words[name] === "1" && words[name + 1] === ">") name++;
  let before: string | undefined;
  while (name < at && (words[name] === ">" || words[name] === "<")) {
    if (words[name] === ">") before = redirectedTo(words, name);
    name = redirectionEnd(words, name);
  }
  if (name >= at || !PRINTERS.test(unquoted(words[name]))) return false;
  // Printed into a file spelled as no script (a log); printed to the console, or into a file that may be a script
  // run later, the line still spells the password. stdout's redirection may come before the name or after the words.
  let redirect = at;
  while (redirect < words.length && !endsCommand(words[redirect])) redirect++;
  const target = words[redirect] === ">" ? redirectedTo(words, redirect) : before;
  return target !== undefined && !/[%!$]/.test(target) && !SCRIPT_PATH.test(target);
}

/** Operators that end a command; a redirection (`>`, `<`) belongs to the command it stands in. */
function separatesCommands(word: string): boolean {
  return endsCommand(word) && word !== ">" && word !== "<";
}

/** The index after the redirection at `at` (`>`, `>>` or `<`, then its path). */
function redirectionEnd(words: string[], at: number): number {
  let path = at + 1;
  while (words[path] === ">") path++;
  return path + 1;
}

/** The file the redirection at `at` (`>` or `>>`) writes, unquoted; undefined when none is spelled. */
function redirectedTo(words: string[], at: number): string | undefined {
  let path = at;
  while (words[path] === ">") path++;
  const target = unquoted(words[path] ?? "");
  return target !== "" && !endsCommand(target) ? target : undefined;
}

/** A password cmdlet's password parameter: `-Password VALUE` or `-Password:VALUE`. */
function cmdletPassword(words: string[], variables: WindowsVariables): SecretSource {
  const sources: SecretSource[] = [];
  let parameter: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i].toLowerCase();
    if (endsCommand(word)) parameter = undefined;
    const named = PASSWORD_PARAMETERS.get(word);
    if (named !== undefined) parameter = named;
    if (parameter === undefined || !word.startsWith(parameter)) continue;
    if (word === parameter) sources.push(variables.source(words[i + 1] ?? "", false));
    else if (word.startsWith(`${parameter}:`))
      sources.push(variables.source(words[i].slice(parameter.length + 1), false));
  }
  return worst(sources);
}

/** The argument of the first `SetPassword` call, up to its closing parenthesis. */
function adsiPassword(statement: string, variables: WindowsVariables): SecretSource {
  const call = SET_PASSWORD.exec(statement);
  if (!call) return "none";
  const start = call.index + call[0].length;
  let depth = 1;
  let end = start;
  while (end < statement.length && depth > 0) {
    if (statement[end] === "(") depth++;
    else if (statement[end] === ")") depth--;
    end++;
  }
  return variables.source(statement.slice(start, depth === 0 ? end - 1 : end), false);
}
