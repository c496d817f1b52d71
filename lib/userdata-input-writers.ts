// Commands that write what they read to the files they name: tee, and moreutils' sponge, which soaks up all of its
// input before it opens its file, so `sed … sshd_config | sponge sshd_config` replaces the file with the filtered
// copy (where `> sshd_config` would empty it first). Both append under `-a`.
const WRITERS = new Set(["tee", "sponge"]);

/** What a command writes its input to. */
export interface InputWrite {
  /** The files named, `-` and the like included (the caller tells them apart). */
  files: string[];
  /** `-a`, `--append`: the input is added after the file's text instead of replacing it. */
  appends: boolean;
  /** tee prints its input too; sponge prints it only when it names no file. */
  printsToo: boolean;
}

/** The files tee or sponge writes its input to; undefined for another command. */
export function inputWrite({ name, args }: { name: string; args: string[] }): InputWrite | undefined {
  if (!WRITERS.has(name)) return undefined;
  const files = args.filter((a) => !a.startsWith("-"));
  const appends = args.some((a) => a === "--append" || /^-[a-z]*a/.test(a));
  return { files, appends, printsToo: name === "tee" || files.length === 0 };
}
