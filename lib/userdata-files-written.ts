// Which commands of a line write a given kind of file (sshd's configuration, the account files): a redirection, tee,
// dd or an in-place stream editor names it, or another command of the same pipeline does.
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { Word } from "./userdata-words";

/** For each command, whether its pipeline (`echo … | tee -a f`) writes a file that `matches`. */
export function pipelinesWriting(commands: ParsedCommand[], matches: (path: string) => boolean): boolean[] {
  const result = commands.map(({ words, name, args }) => writesFile(words, name, args, matches));
  // A pipeline's commands share its destination: spread it backwards, then forwards, over the piped links.
  for (let i = commands.length - 2; i >= 0; i--) if (commands[i + 1].command.piped) result[i] ||= result[i + 1];
  for (let i = 1; i < commands.length; i++) if (commands[i].command.piped) result[i] ||= result[i - 1];
  return result;
}

/** A redirection, a tee, dd's `of=` or a stream editor (sed, perl -p) whose destination `matches`. */
function writesFile(words: Word[], name: string, args: string[], matches: (path: string) => boolean): boolean {
  if (words.some((w, i) => w.op?.startsWith(">") && matches(words[i + 1]?.text ?? ""))) return true;
  if (name === "tee") return args.some((a) => !a.startsWith("-") && matches(a));
  if (name === "dd") return args.some((a) => a.startsWith("of=") && matches(a.slice(3)));
  return streamEdit(name, args)?.files.some(matches) ?? false;
}
