// Hardened files replaced or cut with text the reader cannot see, which userdata-outside-text takes for sshd's own:
// a copy of another file of sshd's folders (not sshd_config or a drop-in, read as what they ship) over a hardened
// drop-in (`cp F.dpkg-dist F`, `mv F.orig F`), and
// `truncate` cutting sshd_config itself to a size the reader cannot place (`-s 100`, `-s -10`, `-s '<10'`). Whether
// the hardened settings survive is decided by text outside the script: unverifiable, undone as a takeaway is when
// the user data sets the directives to no again. Emptying or a rewrite with known text is judged elsewhere (see
// hardenedDropInTakenAway and filesRewritten).
import { copyArguments, copyOperands } from "./userdata-copies";
import { ParsedCommand } from "./userdata-destinations";
import { hardenedDropInAt, HardenedDropIn } from "./userdata-drop-in";
import { truncation } from "./userdata-emptied-files";
import { Findings } from "./userdata-findings";
import { isMainSshdConfigPath, isSshdConfigPath, normalPath } from "./userdata-sshd-paths";
import { reportUnknownDeletion } from "./userdata-unknown-edits";
import { withoutTrailingSlashes } from "./trailing-slashes";
import { directivesSetToNo, kindOf } from "./userdata-sshd-directives";
import { filesRewritten } from "./userdata-rewrites";
import { spelledInput } from "./userdata-printed";

/** Commands that put one file's text in place of another's. */
const COPIERS = new Set(["cp", "install", "mv", "rsync"]);
/** sshd's folders and the distributions' stock copies: their files' text is the image's, not the script's. */
const SSHD_OWN = /^(?:\/usr)?\/etc\/ssh\/|^\/usr\/share\/openssh\//;

/** Reports a hardened file a command replaces or cuts with text the reader cannot see; nothing for nearly all. */
export function reportHardenedOverwrites(parsed: ParsedCommand, line: string, found: Findings): void {
  const { name, args } = parsed;
  if (name === "truncate") reportCut(args, line, found);
  else if (COPIERS.has(name) && parsed.command.text.includes("sshd_config.d")) reportCopiedOver(parsed, line, found);
}

/** `truncate -s 100 /etc/ssh/sshd_config`: the lines past the size it sets are gone, the hardened ones maybe. */
function reportCut(args: string[], line: string, found: Findings): void {
  const files = args.filter((a) => isMainSshdConfigPath(a));
  if (files.length === 0 || truncation(args) !== "cuts") return;
  const note = (directive: string) =>
    `cuts sshd_config to a size that depends on its text: the lines past it may include the hardened "${directive} no"`;
  reportUnknownDeletion(files, note, { line, found }, found.now());
}

/** `cp /etc/ssh/sshd_config.d/00-hardening-kit.conf.dpkg-dist /etc/ssh/sshd_config.d/00-hardening-kit.conf`. */
function reportCopiedOver({ name, args }: ParsedCommand, line: string, found: Findings): void {
  const copy = copyOperands(name, copyArguments(name, args));
  if (!copy || copy.sources.length === 0) return;
  const sources = copy.sources.map((s) => normalPath(s));
  const destination = normalPath(copy.destination);
  // Into the folder, the file keeps its name: `cp /etc/ssh/backup/00-hardening-kit.conf /etc/ssh/sshd_config.d/`.
  const onto = (source: string) =>
    copy.intoFolder === true || destination.endsWith("/") || destination === "/etc/ssh/sshd_config.d"
      ? `${withoutTrailingSlashes(destination)}/${source.slice(source.lastIndexOf("/") + 1)}`
      : destination;
  // sshd's own files (sshd_config, a drop-in) are read as the stock text they ship: see replacesAnother.
  if (!sources.every((s) => SSHD_OWN.test(s) && !isSshdConfigPath(s))) return;
  for (const source of sources) {
    const target = onto(source);
    const dropIn = hardenedDropInAt(target);
    if (dropIn === undefined || source === normalPath(target)) continue;
    for (const directive of dropIn.directives) {
      const note = `replaces ${target} with ${source}, whose text the script does not write: "${directive} no" may be gone with the old text`;
      found.add(kindOf(directive), line, {
        note,
        unverifiable: true,
        unlessHardened: { directives: [directive], byDropIns: true },
      });
    }
    return;
  }
}

/**
 * `echo "UseDNS no" | tee F`, `printf … | sudo tee F` (not `tee -a`): a hardened drop-in replaced with the text an
 * echo or printf pipes to tee. The tee alone is fed nothing the drop-in check can see (see hardenedDropInTakenAway,
 * which reads `tee F <<< …`), so the printed text is read here: what it does not set to no again is taken away, as
 * `echo … > F` takes it. Text set to no later restores it (see Restorations).
 */
export function reportPipedRewrite(commands: readonly ParsedCommand[], i: number, line: string, found: Findings): void {
  const parsed = commands[i];
  // Nearly every command is no piped write naming the drop-ins' folder.
  if (i === 0 || !parsed.command.piped || !parsed.command.text.includes("sshd_config.d")) return;
  const previous = commands[i - 1];
  const rewritten = filesRewritten(parsed, previous);
  // Read without its pipe, the drop-in check reports it already.
  if (rewritten.length === 0 || filesRewritten(parsed).length > 0) return;
  const text = spelledInput(parsed, previous) ?? "";
  for (const file of rewritten) {
    const dropIn = hardenedDropInAt(file);
    if (dropIn) return reportReplaced(dropIn, text, line, found);
  }
}

/**
 * A hardened drop-in replaced whole by `text`, which the reader knows (a file the script spelt, copied over it; an
 * echo piped to tee): what `text` does not set to no is taken away, unless the user data sets it to no again later.
 */
export function reportReplaced(dropIn: HardenedDropIn, text: string, line: string, found: Findings): void {
  const kept = new Set(directivesSetToNo(text));
  for (const directive of dropIn.directives)
    if (!kept.has(directive))
      found.add(kindOf(directive), line, {
        note: dropIn.note,
        unlessHardened: { directives: [directive], byDropIns: true },
      });
}
