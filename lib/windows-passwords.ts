// Windows statements that set an account's password: `net user NAME PASSWORD`, the LocalAccounts and
// ActiveDirectory cmdlets given a password (`Set-LocalUser -Password`, `New-LocalUser -Password`, `New-ADUser
// -AccountPassword`, `Set-ADAccountPassword -NewPassword`) and ADSI's `SetPassword`. Windows accounts log in with
// passwords (RDP needs one), so setting one is no weakness in itself: spelling it in the script is, as anyone who can
// read the user data or the command reads the password. `net user NAME *` prompts for it.
import { SecretSource, WindowsVariables } from "./windows-variables";
import { Redirection, redirectionAt, separatesCommands } from "./windows-redirections";
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
/** `echo.`, `echo:`, `echo(` glued to the text they print. */
const GLUED_ECHO = /^@?echo[.:(](?=.)/i;
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
function netUserPassword(statementWords: string[], variables: WindowsVariables): SecretSource {
  const words = withGluedEchoSplit(statementWords);
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
 * stands in starts with echo or Write-Output, its stdout redirected to a file that is no script (a script it writes
 * is read apart, windows-echo-writes.ts). Batch may redirect before the command's name (`> C:\log.txt echo …`,
 * `2>nul >C:\log.txt echo …`, `>C:\log.txt 2>&1 echo …`), so the name is the first word no redirection takes;
 * redirections after the words count too, in order.
 */
function isPrinted(words: string[], at: number): boolean {
  let start = at;
  while (start > 0 && !separatesCommands(words, start - 1)) start--;
  let stdout: string | undefined;
  const redirect = (r: Redirection) => {
    if (r.handle === "1") stdout = r.target;
  };
  let name = start;
  for (let r = redirectionAt(words, name); r !== undefined && name < at; r = redirectionAt(words, name)) {
    redirect(r);
    name = r.end;
  }
  if (name >= at || !PRINTERS.test(unquoted(words[name]))) return false;
  // Printed into a file spelled as no script (a log); printed to the console, or into a file that may be a script
  // run later, the line still spells the password.
  for (let i = at; i < words.length && !separatesCommands(words, i);) {
    const r = redirectionAt(words, i);
    if (r === undefined) i++;
    else {
      redirect(r);
      i = Math.max(r.end, i + 1);
    }
  }
  return stdout !== undefined && !/[%!$]/.test(stdout) && !SCRIPT_PATH.test(stdout);
}

/**
 * The words with batch's echo glued to its mark split from the text it prints (`echo.net`, `echo(net` as `echo`,
 * `net`): printed to the console such a line spells the password as `echo net …` does.
 */
function withGluedEchoSplit(words: string[]): string[] {
  if (!words.some((w) => GLUED_ECHO.test(w))) return words;
  return words.flatMap((w) => {
    const glued = GLUED_ECHO.exec(w);
    return glued === null ? [w] : [glued[0].slice(0, -1), w.slice(glued[0].length)];
  });
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
