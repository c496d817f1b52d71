// Text added after sshd's configuration rather than in place of it: `sed … sshd_config >> sshd_config`, `grep -v …
// sshd_config | tee -a sshd_config`, `| sponge -a`. Every line of the file stays, so nothing is taken away; sshd keeps
// the first value it reads of a directive, so what is added counts only where nothing before it sets the directive.
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { inputWrite } from "./userdata-input-writers";
import { isMainSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { AppendTarget } from "./userdata-uncomment";
import { isWriteRedirection } from "./userdata-words";
import { appendAll } from "./arrays";

/** Redirections that add to their file's text rather than replace it. */
const APPENDING = new Set([">>", "&>>"]);

/**
 * For each command, the files of a kind (sshd's configuration) its pipeline adds text to (`>> f`, `tee -a f`, `sponge
 * -a f`, `dd of=f oflag=append conv=notrunc`), when it writes such files only so; undefined when it writes none, or
 * replaces or edits one in place (a stream editor that prints reads its files, it does not write them).
 */
export function pipelinesAppending(
  commands: ParsedCommand[],
  matches: (path: string) => boolean,
): (string[] | undefined)[] {
  const result: (string[] | undefined)[] = [];
  for (let start = 0; start < commands.length;) {
    let end = start + 1;
    while (end < commands.length && commands[end].command.piped) end++;
    const appended: string[] = [];
    let replaced = false;
    for (let i = start; i < end; i++) {
      const writes = fileWrites(commands[i]);
      appendAll(appended, writes.appended.filter(matches));
      replaced ||= writes.replaced.some(matches);
    }
    for (let i = start; i < end; i++) result.push(appended.length > 0 && !replaced ? appended : undefined);
    start = end;
  }
  return result;
}

/**
 * The files the pipeline of command `i` adds its text to (`cat >> f`, `printf … | tee -a f`), where a later reading of
 * a file it writes must keep what the file held (see WriteMode); any other file it writes it replaces.
 */
export function pipelineAppends(commands: readonly ParsedCommand[], i: number): string[] {
  let start = i;
  while (start > 0 && commands[start].command.piped) start--;
  const appended: string[] = [];
  for (let j = start; j < commands.length && (j === start || commands[j].command.piped); j++)
    appendAll(appended, fileWrites(commands[j]).appended);
  return appended;
}

/** The files a command adds its text to, and those it replaces or edits in place. */
function fileWrites({ words, name, args }: ParsedCommand): { appended: string[]; replaced: string[] } {
  const appended: string[] = [];
  const replaced: string[] = [];
  for (let i = 0; i + 1 < words.length; i++)
    if (isWriteRedirection(words[i].op))
      (APPENDING.has(words[i].op ?? "") ? appended : replaced).push(words[i + 1].text);
  const writes = inputWrite({ name, args });
  if (writes) appendAll(writes.appends ? appended : replaced, writes.files);
  if (name === "dd") {
    const adds = args.some((a) => /^oflag=.*append/.test(a)) && args.some((a) => /^conv=.*notrunc/.test(a));
    for (const a of args) if (a.startsWith("of=")) (adds ? appended : replaced).push(a.slice(3));
  }
  // A copy (of standard input or a file) replaces its destination.
  const copy = copyOperands(name, copyArguments(name, args));
  if (copy) replaced.push(copy.destination);
  const edit = streamEdit(name, args);
  if (edit?.inPlace) appendAll(replaced, edit.files);
  return { appended, replaced };
}

/**
 * Where an edited copy of `sources` lands when it is added to `appendedTo`: a copy of that one file itself (each of
 * its lines after its original), or of other text; `inMatch`: the file may end inside a Match block (see
 * ScanState.matchWritten).
 */
export function appendTarget(
  sources: readonly string[],
  appendedTo: readonly string[],
  inMatch: boolean,
): AppendTarget {
  const source = sources.length === 1 ? normalPath(sources[0]) : undefined;
  const ownCopy = source !== undefined && appendedTo.every((file) => normalPath(file) === source);
  return { ownCopy, inMatch, main: appendedTo.some(isMainSshdConfigPath) };
}
