// Commands that copy files (cp, mv, install, ln, rsync, scp, a bind mount): where they put their sources. Read by the
// root-keys check and by the one that notes files copied into sshd's configuration.
import { optionValues } from "./userdata-words";

/** Commands whose last argument is where they put their sources. */
const COPIES = new Set(["cp", "mv", "install", "ln", "rsync", "scp"]);
/** Those whose `-t` names the destination directory (rsync's `-t` keeps times, scp's is internal). */
const TARGET_OPTION = new Set(["cp", "mv", "install", "ln"]);
/** Short options of cp and the like that take a value. */
const CP_VALUES = "St";

/** `cp src… dest`, `cp -t dest src…`: the sources and the destination, or undefined for another command. */
export function copyOperands(name: string, args: string[]): { sources: string[]; destination: string } | undefined {
  if (name === "mount") return bindMount(args);
  if (!COPIES.has(name)) return undefined;
  const target = TARGET_OPTION.has(name) ? optionValues(args, "-t", "--target-directory", CP_VALUES) : [];
  const operands = args.filter((a) => !a.startsWith("-"));
  if (target.length === 0 && operands.length < 2) return undefined;
  const destination = target[0] ?? operands[operands.length - 1];
  return { sources: target.length > 0 ? operands : operands.slice(0, -1), destination };
}

/** `mount --bind src dest`, `mount -o bind,ro src dest`: src shows where dest was. */
function bindMount(args: string[]): { sources: string[]; destination: string } | undefined {
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
  return bind && operands.length === 2 ? { sources: [operands[0]], destination: operands[1] } : undefined;
}
