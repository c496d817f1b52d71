// Commands that copy files (cp, mv, install, ln, rsync, scp, a bind mount): where they put their sources. Read by the
// root-keys check and by the one that notes files copied into sshd's configuration.
import { optionValues } from "./userdata-words";
import { ownValue } from "./own-value";
import { withoutTrailingSlashes, withoutTrailingSlashesOrDot } from "./trailing-slashes";

/** Commands whose last argument is where they put their sources. */
const COPIES = new Set(["cp", "mv", "install", "ln", "rsync", "scp"]);
/** Those whose `-t` names the destination directory (rsync's `-t` keeps times, scp's is internal). */
const TARGET_OPTION = new Set(["cp", "mv", "install", "ln"]);
/** Short options of cp and the like that take a value. */
const CP_VALUES = "St";
/**
 * Commands that copy whole folders when told to: the short options that say so (in a group, up to a letter that
 * takes a value), and the long ones. mv moves a folder as it moves a file, unasked, and ln links one the same way:
 * a link named root's `.ssh` to a folder makes that folder's keys root's.
 */
const FOLDER_OPTIONS: Record<string, { letters: string; long: string[]; values: string }> = {
  cp: { letters: "rRa", long: ["--recursive", "--archive"], values: CP_VALUES },
  rsync: { letters: "ra", long: ["--recursive", "--archive"], values: "BefMT" },
  scp: { letters: "r", long: [], values: "cDFiJloPSX" },
};
/** `-T` (ln: `-n` too): the source becomes the destination itself rather than going inside it. */
const NO_TARGET: Record<string, string> = { cp: "T", mv: "T", ln: "Tn" };
/** Commands that take a folder as they take a file. */
const UNASKED = new Set(["mv", "ln"]);

export interface Copy {
  /**
   * What is copied: the operands, then, when whole folders may be copied, what lies below each (`dir/*`), so that a
   * file written there counts where the copy puts it.
   */
  sources: string[];
  destination: string;
  /** Set when the command may copy whole folders. */
  folders?: FolderCopy;
  /**
   * `-t DIR`, `--target-directory DIR` (true): the destination is a folder the sources go into under their own names;
   * `-T` (false): it is named itself. Unset when the command does not say.
   */
  intoFolder?: boolean;
}

export interface FolderCopy {
  /** The sources as named. */
  operands: string[];
  /** The command says its sources are folders (`cp -r`, `rsync -a`, `mv -T`, `mv dir/`), not only that they may be. */
  explicit: boolean;
  /** What the folders hold lands in the destination itself (`cp -T`, `cp dir/.`, rsync's `dir/`). */
  contentsOnly: boolean;
  /**
   * The source becomes the destination where none exists yet: `ln -s dir /root/.ssh` links a folder as root's .ssh
   * on an image that has none (a link is seldom made to a file in a folder's place).
   */
  mayBecomeDestination?: boolean;
}

/** install's options that take the next word (`-m 600`, `-o root`): the word is no operand. */
const INSTALL_VALUES = new Set(["-m", "-o", "-g", "-S", "--mode", "--owner", "--group", "--suffix"]);

/** A copying command's arguments with install's option values left out, so that `600` is read as no file. */
export function copyArguments(name: string, args: string[]): string[] {
  return name === "install" ? args.filter((_a, i) => !INSTALL_VALUES.has(args[i - 1] ?? "")) : args;
}

/** `cp src… dest`, `cp -t dest src…`: the sources and the destination, or undefined for another command. */
export function copyOperands(name: string, args: string[]): Copy | undefined {
  if (name === "mount") return bindMount(args);
  if (!COPIES.has(name)) return undefined;
  const target = TARGET_OPTION.has(name) ? optionValues(args, "-t", "--target-directory", CP_VALUES) : [];
  // `-t DIR` given as a word of its own: DIR is no source.
  const operands = args.filter((a, i) => !a.startsWith("-") && (target.length === 0 || !takesTarget(args[i - 1])));
  if (target.length === 0 && operands.length < 2) return undefined;
  const destination = target[0] ?? operands[operands.length - 1];
  const sources = target.length > 0 ? operands : operands.slice(0, -1);
  const folders = folderCopy(name, args, sources);
  const intoFolder =
    target.length > 0 ? { intoFolder: true } : noTargetDirectory(name, args) ? { intoFolder: false } : {};
  if (!folders) return { sources, destination, ...intoFolder };
  if (name === "ln" && !destination.endsWith("/")) folders.mayBecomeDestination = true;
  // A pattern already stands for what lies below its folder.
  const below = sources.filter((s) => s !== "" && !/[*?[]/.test(s)).map((s) => `${withoutTrailingSlashesOrDot(s)}/*`);
  return { sources: [...sources, ...below], destination, folders, ...intoFolder };
}

/** `cp -T`, `mv -T`, `ln -n`: the destination is named itself, never a folder to go into. */
function noTargetDirectory(name: string, args: string[]): boolean {
  const letters = ownValue(NO_TARGET, name);
  return letters !== undefined && hasOption(args, letters, ["--no-target-directory"], CP_VALUES);
}

/** Whether an option word takes the next word as the target folder: `-t`, `--target-directory`, `-vt`. */
function takesTarget(option: string | undefined): boolean {
  if (option === "--target-directory") return true;
  if (option === undefined || !/^-[^-]/.test(option)) return false;
  for (let i = 1; i < option.length; i++) {
    if (option[i] === "t") return i === option.length - 1;
    if (CP_VALUES.includes(option[i])) return false;
  }
  return false;
}

/** Whether, and how, the command copies whole folders; undefined when it copies files only. */
function folderCopy(name: string, args: string[], sources: string[]): FolderCopy | undefined {
  const options = ownValue(FOLDER_OPTIONS, name);
  const recursive = options !== undefined && hasOption(args, options.letters, options.long, options.values);
  if (!recursive && !UNASKED.has(name)) return undefined;
  const noTarget = noTargetDirectory(name, args);
  const contents = name === "rsync" ? /\/$/ : /\/\.$/;
  return {
    operands: sources,
    explicit: recursive || noTarget || sources.some((s) => s.endsWith("/")),
    contentsOnly: noTarget || sources.some((s) => contents.test(s) || s === "."),
  };
}

/** Whether `args` hold one of the short options `letters` (alone or in a group) or one of the long ones. */
function hasOption(args: string[], letters: string, long: string[], values: string): boolean {
  return args.some((a) => {
    if (a.startsWith("--")) return long.includes(a);
    if (!a.startsWith("-")) return false;
    for (const c of a.slice(1)) {
      if (letters.includes(c)) return true;
      if (values.includes(c)) return false;
    }
    return false;
  });
}

/** `mount --bind src dest`, `mount -o bind,ro src dest`: src shows where dest was. */
function bindMount(args: string[]): Copy | undefined {
  let bind = false;
  const operands: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "-o" || a === "-t") {
      const value = args[++i] ?? "";
      bind ||= a === "-o" && /\bbind\b/.test(value);
    } else if (a.startsWith("-o")) bind ||= /\bbind\b/.test(a);
    else if (a === "--bind" || a === "--rbind" || a === "-B") bind = true;
    else if (!a.startsWith("-")) operands.push(a);
  }
  if (!bind || operands.length !== 2) return undefined;
  // Mounted over a folder, a folder's contents become that folder's.
  const [source, destination] = operands;
  const folders = { operands: [source], explicit: true, contentsOnly: true };
  return { sources: [source, `${withoutTrailingSlashes(source)}/*`], destination, folders };
}
