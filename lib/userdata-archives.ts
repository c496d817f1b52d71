// Archives extracted (tar, bsdtar or gtar with -x, old-style `tar xzf`, unzip): the folder their files land in,
// whose text comes from the archive, not the script. Read by the root-keys check (an archive extracted into root's
// .ssh plants its keys) and by the one that notes text from outside put into sshd's configuration folders.
import { optionValues } from "./userdata-words";

/** An archive extracted into a folder. */
export interface Extraction {
  /** Where its files land: `-C`/`--directory` (tar), `-d` (unzip), else `.`, where the script stands. */
  folder: string;
  /** The archive as named (`-f`, old style's next word, unzip's first operand); undefined when read from a pipe. */
  file?: string;
}

const TARS = new Set(["tar", "bsdtar", "gtar"]);
/** tar's short options that take a value (a group reaching one ends there). */
const TAR_VALUES = "bCfFgHIKLNTVX";
/** unzip's options that only list, test, print or comment: nothing is extracted. */
const UNZIP_READS = /^-[A-Za-z]*[lptvZ]/;

/** The archive a command extracts and where; undefined for another command, or one that creates or lists. */
export function extractionOf(name: string, args: string[]): Extraction | undefined {
  if (TARS.has(name)) {
    const first = args[0] ?? "";
    // Old style (`tar xzf a.tgz`): the letters without a dash, the archive the next word.
    const old = /^[A-Za-z]+$/.test(first) && first.includes("x");
    const extracts = old || args.some((a) => a === "--extract" || a === "--get" || /^-[A-Za-z]*x/.test(a));
    if (!extracts) return undefined;
    const folder = optionValues(args, "-C", "--directory", TAR_VALUES)[0] ?? ".";
    const named = optionValues(args, "-f", "--file", TAR_VALUES)[0];
    return { folder, file: named ?? (old && first.includes("f") ? args[1] : undefined) };
  }
  if (name !== "unzip" || args.some((a) => UNZIP_READS.test(a))) return undefined;
  let file = "";
  for (let j = 0; j < args.length && file === ""; j++)
    if (args[j] === "-d") j++;
    else if (!args[j].startsWith("-")) file = args[j];
  return { folder: optionValues(args, "-d", "-d", "")[0] ?? ".", file };
}
