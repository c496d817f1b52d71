// The text of a command that the directive checks read: what a stream editor's script writes, what echo or printf
// prints, else the command's own text. Written text is read as sshd reads it (a commented line, or what follows a
// `#` that starts a word, is no setting); a command's text as the shell hands it on (`\n` and `-oKey=value` split).
import { ParsedCommand } from "./userdata-destinations";
import { printedText } from "./userdata-printed";
import { sedScript } from "./userdata-sed";
import { SedScript, StreamEdit, writtenText } from "./userdata-sed-edits";
import { shellQuote } from "./userdata-words";

/** SSH clients, whose `-o Key=value` configures the client, not sshd (their remote command still counts). */
const SSH_CLIENTS = new Set(["ssh", "scp", "sftp", "sshpass", "autossh", "ssh-copy-id", "ssh-keyscan"]);

/**
 * A line of a sed script (a `-f` file), or of an ed or ex script (a here-document into `ex -s FILE`): an `s` command,
 * maybe after ed's range or `g/re/`. No shell command is spelt so.
 */
const EDITOR_LINE = /^\s*(?:[%,.$\d]*|g\/(?:\\.|[^/\\\n])*\/)s[/|#,@:!%+~^]/;

/** `\n`, `\r`, `\t` spelt in a command's text. */
const TEXT_ESCAPE = /\\[nrt]/g;
/** `-oKey=value`: the option letter glued to the directive. */
const GLUED_OPTION = /(^|[\s'"])-o(?=[A-Za-z])/g;

/** The text the checks read for a command: what it writes when that is known, else its text. */
export function judgedText({ command, name, args }: ParsedCommand, edit: StreamEdit | undefined): string {
  if (edit) return judgedScriptText(edit.script);
  const printed = printedText(name, args);
  if (printed !== undefined) return uncommentedLines(printed);
  if (EDITOR_LINE.test(command.text)) {
    const script = command.text.trimStart().replace(/^[%,.$\d]*/, "");
    return judgedScriptText(sedScript(script, "basic"));
  }
  const text = SSH_CLIENTS.has(name) ? withoutClientOptions(name, args) : command.text;
  // `printf 'PermitRootLogin\tyes\n'` and `sshd -oPermitRootLogin=yes`: the escape and the option letter are no part
  // of the directive's word.
  const escaped = text.includes("\\") ? text.replace(TEXT_ESCAPE, (e) => (e === "\\t" ? "\t" : "\n")) : text;
  return escaped.includes("-o") ? escaped.replace(GLUED_OPTION, "$1-o ") : escaped;
}

/** What a script writes, as sshd reads it; once per script, which is parsed once and shared (see sedScript). */
function judgedScriptText(script: SedScript): string {
  let text = judgedScripts.get(script);
  if (text === undefined) {
    text = uncommentedLines(writtenText(script));
    judgedScripts.set(script, text);
  }
  return text;
}

const judgedScripts = new WeakMap<SedScript, string>();

/** The command without its `-o` options, each word quoted back. */
function withoutClientOptions(name: string, args: string[]): string {
  const kept = [name];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "-o") i++;
    else if (!args[i].startsWith("-o")) kept.push(args[i]);
  }
  return kept.map(shellQuote).join(" ");
}

/** Text as sshd reads it: lines that start with `#` dropped, a `#` that starts a word ending the line. */
export function uncommentedLines(text: string): string {
  // Without a `#` nothing is commented out, and without a carriage return the lines are joined back as they were.
  if (!text.includes("#") && !text.includes("\r")) return text;
  return text
    .split(/\r?\n|\r/)
    .map((line) => {
      const comment = /(?:^|\s)#/.exec(line);
      return comment ? line.slice(0, comment.index) : line;
    })
    .join("\n");
}
