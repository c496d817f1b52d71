// Which commands of a line write a given kind of file (sshd's configuration, the account files): a redirection, tee,
// dd, a copy of standard input or an in-place stream editor names it, or another command of the same pipeline does.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { inputWrite } from "./userdata-input-writers";
import { Word } from "./userdata-words";
import { appendAll } from "./arrays";

/**
 * For each kind of file (sshd's configuration, the account files), for each command: whether its pipeline
 * (`echo … | tee -a f`) writes a file of that kind. Each command's files are read once, for every kind.
 */
export function pipelinesWriting(
  commands: ParsedCommand[],
  kinds: readonly ((path: string) => boolean)[],
): (readonly boolean[])[] {
  const written = commands.map(({ words, name, args }) => filesWritten(words, name, args));
  // Most lines write no file: one answer of all false serves every kind (this runs for every line of every script).
  if (written.every((files) => files.length === 0)) {
    const none: readonly boolean[] = written.map(() => false);
    return kinds.map(() => none);
  }
  return kinds.map((matches) => {
    const result = written.map((files) => files.some(matches));
    // A pipeline's commands share its destination: spread it backwards, then forwards, over the piped links.
    for (let i = commands.length - 2; i >= 0; i--) if (commands[i + 1].command.piped) result[i] ||= result[i + 1];
    for (let i = 1; i < commands.length; i++) if (commands[i].command.piped) result[i] ||= result[i - 1];
    return result;
  });
}

/** Names of standard input as a file: `install -m 600 /dev/stdin f` writes what it reads to f. */
const STDIN = new Set(["-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

/**
 * The files a command writes: its redirections' targets, and a tee's or sponge's files, dd's `of=`, a copy of
 * standard input's destination or a stream editor's files.
 */
function filesWritten(words: Word[], name: string, args: string[]): string[] {
  const files: string[] = [];
  for (let i = 0; i < words.length; i++) if (redirectsOutput(words[i].op)) files.push(words[i + 1]?.text ?? "");
  const input = inputWrite({ name, args });
  if (input !== undefined) appendAll(files, input.files);
  if (name === "dd") for (const a of args) if (a.startsWith("of=")) files.push(a.slice(3));
  const copy = name === "cp" || name === "install" ? copyOperands(name, copyArguments(name, args)) : undefined;
  if (copy?.sources.length === 1 && STDIN.has(copy.sources[0])) files.push(copy.destination);
  const edited = streamEdit(name, args)?.files;
  if (edited !== undefined) appendAll(files, edited);
  return files;
}

/** `>`, `>>`, `>|`, `>&`, and bash's `&>` and `&>>`, which send standard output (and errors) to their file too. */
function redirectsOutput(op: string | undefined): boolean {
  return op !== undefined && (op.startsWith(">") || op.startsWith("&>"));
}
