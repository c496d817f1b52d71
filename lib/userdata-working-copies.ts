// A copy of sshd's configuration edited elsewhere and copied back (`cp /etc/ssh/sshd_config /tmp/x; sed -i
// '/^PasswordAuthentication/d' /tmp/x; cp /tmp/x /etc/ssh/sshd_config`): the copy's in-place edits are the file's,
// replayed on its stock lines when the copy replaces it (cp, mv, install, rsync, `cat /tmp/x > …`, `cat /tmp/x | tee
// …`). A copy that is never put back edits nothing sshd reads.
import { copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { streamEdit } from "./userdata-editors";
import { StreamEdit } from "./userdata-sed-edits";
import { isSshdConfigPath, maybeSshdConfigPath, normalPath } from "./userdata-sshd-paths";

/** Bounds that keep the memory small whatever the script: copies followed, and the edits kept for each. */
const MAX_COPIES = 16;
const MAX_EDITS = 64;
/** Commands that copy a file whole: to the copy, or back. */
const COPIERS = new Set(["cp", "mv", "install", "rsync", "cat"]);

/** An in-place edit of a working copy, the command that made it, and its line (quoted when it is replayed). */
export interface CopyEdit {
  edit: StreamEdit;
  parsed: ParsedCommand;
  line: string;
}

/** What a copy put back replays: its edits, as edits of the file it was copied from. */
export interface PutBack {
  file: string;
  edits: readonly CopyEdit[];
}

interface WorkingCopy {
  of: string;
  edits: CopyEdit[];
}

export class WorkingCopies {
  private readonly copies = new Map<string, WorkingCopy>();

  /**
   * Follows one command of line `line`: a copy of sshd's configuration made, one edited in place, or one put back
   * over sshd's configuration (returned, to be replayed); a copy overwritten any other way is forgotten. `output`:
   * the files the command's output ends in. Most commands are answered by their name.
   */
  follow(parsed: ParsedCommand, output: () => string[], line: string): PutBack | undefined {
    // Until a copy is made, only a command copying one of sshd's files is read further.
    if (this.copies.size === 0 && !(COPIERS.has(parsed.name) && parsed.args.some(isSshdConfigPath))) return undefined;
    const copy = wholeCopy(parsed, output);
    if (copy) return this.copied(copy.source, copy.destinations);
    if (this.copies.size === 0) return undefined;
    const edit = streamEdit(parsed.name, parsed.args);
    if (edit?.inPlace) this.edited({ edit, parsed, line });
    else if (edit === undefined) for (const file of output()) this.copies.delete(normalPath(file));
    return undefined;
  }

  private copied(source: string, destinations: string[]): PutBack | undefined {
    const from = this.copies.get(normalPath(source));
    for (const destination of destinations) {
      const key = normalPath(destination);
      if (from && maybeSshdConfigPath(destination)) {
        this.copies.delete(normalPath(source));
        return { file: from.of, edits: from.edits };
      }
      if (isSshdConfigPath(source) && !maybeSshdConfigPath(destination) && !key.endsWith("/")) {
        if (this.copies.has(key) || this.copies.size < MAX_COPIES) this.copies.set(key, { of: source, edits: [] });
      } else this.copies.delete(key);
    }
    return undefined;
  }

  private edited(edit: CopyEdit): void {
    for (const file of edit.edit.files) {
      const copy = this.copies.get(normalPath(file));
      if (copy && copy.edits.length < MAX_EDITS) copy.edits.push(edit);
    }
  }
}

/**
 * A command that copies one file whole: cp, mv, install or rsync of one source (install's mode or owner aside), or
 * cat of one file into its output's files.
 */
function wholeCopy(
  { name, args }: ParsedCommand,
  output: () => string[],
): { source: string; destinations: string[] } | undefined {
  if (name === "cat") {
    const operands = args.filter((a) => !a.startsWith("-"));
    return operands.length === 1 ? { source: operands[0], destinations: output() } : undefined;
  }
  const copy = COPIERS.has(name) ? copyOperands(name, name === "install" ? withoutValues(args) : args) : undefined;
  // What lies below a folder (`dir/*`, listed for mv and ln) is no source of a file's copy.
  const sources = copy?.folders?.operands ?? copy?.sources;
  if (!copy || copy.folders?.explicit === true || sources?.length !== 1) return undefined;
  return { source: sources[0], destinations: [copy.destination] };
}

/** install's options that take the next word (`-m 600`, `-o root`): the word is no operand. */
const INSTALL_VALUES = new Set(["-m", "-o", "-g", "-S", "--mode", "--owner", "--group", "--suffix"]);

function withoutValues(args: string[]): string[] {
  return args.filter((_a, i) => !INSTALL_VALUES.has(args[i - 1] ?? ""));
}
