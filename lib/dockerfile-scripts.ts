// Dockerfiles (EC2 Image Builder container recipes, Alibaba Cloud Image Builder's Dockerfile syntax) change the image
// they build through RUN, whose command runs in a shell, and through the files COPY and ADD place; CMD, ENTRYPOINT
// and HEALTHCHECK run commands once a container starts (dockerfile-start-commands). Read as BuildKit's parser reads
// them: the escape parser directive, continued lines, comment lines, here-document bodies after their instruction,
// ENV and ARG as the variables they set. What a COPY or ADD of files holds is not in the text; where it lands is.
// Content may be hostile: one pass over the lines, nothing thrown.
import { commandScript, execFormWords, HERE_DOCUMENT_WORD, HereDocument, Instruction } from "./dockerfile-commands";
import { START_INSTRUCTIONS, startScripts } from "./dockerfile-start-commands";
import { variableAssignments } from "./dockerfile-variables";
import { shellQuote } from "./userdata-words";
import { fileWriteScript } from "./shell-file-writes";
import { commandOfWords } from "./shell-invocations";
import { withoutTrailingSlashes } from "./trailing-slashes";

/**
 * `# escape=\``: parser directives come first, before any other line (BuildKit's names and syntax). The value is
 * trimmed in code: a lazy group before `\s*$` would backtrack quadratically over a long run of blanks.
 */
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=(.*)$/;
const DIRECTIVE_NAMES = new Set(["escape", "syntax", "check"]);
/** Instructions whose shell form may open here-documents. */
const HERE_DOCUMENT_INSTRUCTIONS = new Set(["RUN", "COPY", "ADD"]);
/** An instruction's leading flags: `--name` or `--name=value`, each followed by blanks. */
const FLAGS = /^(?:--[\w-]+(?:=\S*)?\s+)*/;
/** Words outside quotes; a quoted stretch stays in its word. */
const WORDS = /(?:[^\s"']|"[^"]*"?|'[^']*'?)+/g;

export interface DockerfileSyntax {
  /**
   * Whether CMD, ENTRYPOINT and HEALTHCHECK are instructions of the syntax (Docker's, by default). A syntax that does
   * not document them (Alibaba Cloud Image Builder's) leaves such lines unread, as their meaning there is unknown.
   */
  startInstructions?: boolean;
}

/**
 * The shell text of what a Dockerfile's instructions change, in order: each RUN's command (an exec form's words
 * quoted back, a shell's inline script as itself, a lone here-document's body as the script it is), the variables
 * ENV and ARG set, and each file a COPY or ADD writes (from a here-document, or copied), as the command that writes
 * it; then the commands a container runs as it starts.
 */
export function dockerfileScripts(content: string, syntax: DockerfileSyntax = {}): string[] {
  const found = instructions(content.split(/\r?\n/));
  const built = found.flatMap((instruction) => {
    const { keyword, args } = instruction;
    if (keyword === "RUN") return [commandScript(instruction)];
    // `SHELL ["/bin/bash", "-c", "<script>", "x"]`: the script runs at every RUN after it, the RUN's text as its
    // argument; the RUN's text is still read as shell (a SHELL that runs another interpreter aside).
    if (keyword === "SHELL") {
      const words = execFormWords(args);
      return words ? [commandOfWords(words)] : [];
    }
    if (keyword === "ENV" || keyword === "ARG") {
      const assignments = variableAssignments(keyword, args);
      return assignments === undefined ? [] : [assignments];
    }
    if (keyword === "COPY" || keyword === "ADD")
      return instruction.documents.length > 0 ? hereDocumentCopies(instruction) : fileCopies(instruction);
    return [];
  });
  const reads = syntax.startInstructions !== false && found.some((i) => START_INSTRUCTIONS.has(i.keyword));
  return reads ? [...built, ...startScripts(found)] : built;
}

/** A Dockerfile's instructions, for readers of other interpreters (windows-dockerfiles.ts). */
export function dockerfileInstructions(content: string): Instruction[] {
  return instructions(content.split(/\r?\n/));
}

/** Instructions as BuildKit reads them: continued lines joined, comment lines dropped, here-document bodies taken. */
function instructions(lines: string[]): Instruction[] {
  const escape = escapeCharacter(lines);
  const found: Instruction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i].trimStart();
    if (first.startsWith("#")) continue;
    // Each piece loses its continuation mark and the pieces are joined once: joining as the line grows is quadratic.
    const pieces = [first];
    let mark = continuationMark(first, escape);
    while (mark !== undefined) {
      pieces[pieces.length - 1] = pieces[pieces.length - 1].slice(0, mark);
      mark = undefined;
      // Comment lines and blank lines inside a continued instruction are dropped; the instruction goes on.
      while (i + 1 < lines.length && (lines[i + 1].trimStart().startsWith("#") || lines[i + 1].trim() === "")) i++;
      if (i + 1 < lines.length) {
        const next = lines[++i];
        pieces.push(next);
        mark = continuationMark(next, escape);
      }
    }
    const line = pieces.join("");
    if (line.trim() === "") continue;
    const [keyword, args] = instruction(line);
    const documents: HereDocument[] = [];
    if (HERE_DOCUMENT_INSTRUCTIONS.has(keyword) && !execFormWords(withoutFlags(args)))
      for (const opened of hereDocumentsOpened(args)) {
        const end = closingLine(lines, i + 1, opened);
        documents.push({ ...opened, body: lines.slice(i + 1, end) });
        i = end;
      }
    const from = fromFlag(args);
    found.push({ keyword, args: withoutFlags(args), documents, ...(from === undefined ? {} : { from }) });
  }
  return found;
}

/** The escape character a leading `# escape=` directive sets, else the backslash. */
function escapeCharacter(lines: string[]): string {
  for (const [i, raw] of lines.entries()) {
    const line = i === 0 ? raw.replace(/^\uFEFF/, "").trimStart() : raw.trimStart();
    const directive = DIRECTIVE.exec(line);
    const value = directive?.[2].trim();
    if (!directive || !value || !DIRECTIVE_NAMES.has(directive[1].toLowerCase())) break;
    if (directive[1].toLowerCase() === "escape" && (value === "`" || value === "\\")) return value;
  }
  return "\\";
}

/** Where a line's continuation mark is: the escape character last (blanks after it aside), not itself escaped. */
function continuationMark(line: string, escape: string): number | undefined {
  const trimmed = trimBlanksEnd(line);
  return trimmed.endsWith(escape) && !trimmed.endsWith(escape + escape) ? trimmed.length - 1 : undefined;
}

/** The line without trailing spaces and tabs, in one pass: `/[ \t]+$/` retries from every blank of a long run. */
function trimBlanksEnd(line: string): string {
  let end = line.length;
  while (end > 0 && (line[end - 1] === " " || line[end - 1] === "\t")) end--;
  return line.slice(0, end);
}

/**
 * The instruction's keyword (upper case) and arguments. ONBUILD's instruction runs as root in every image built from
 * this one, its here-documents included: it is read as that instruction.
 */
function instruction(line: string): [string, string] {
  const [keyword, args] = splitKeyword(line);
  return keyword === "ONBUILD" ? splitKeyword(args) : [keyword, args];
}

function splitKeyword(line: string): [string, string] {
  const m = /^(\S+)\s*([^]*)$/.exec(line.trim());
  return m ? [m[1].toUpperCase(), m[2]] : ["", ""];
}

/** An instruction's arguments without its flags (`--mount=…`, `--chmod=…`), which are Docker's, not the command's. */
function withoutFlags(args: string): string {
  return args.replace(FLAGS, "");
}

/** The value of a `--from=…` flag, among the instruction's flags. */
function fromFlag(args: string): string | undefined {
  const flags = FLAGS.exec(args)?.[0] ?? "";
  const value = /(?:^|\s)--from=(\S+)/i.exec(flags)?.[1];
  return value?.replace(/["']/g, "");
}

function hereDocumentsOpened(args: string): Omit<HereDocument, "body">[] {
  const opened: Omit<HereDocument, "body">[] = [];
  for (const word of args.match(WORDS) ?? []) {
    const m = HERE_DOCUMENT_WORD.exec(word);
    if (m) opened.push({ name: m[2].replace(/["']/g, ""), chomp: m[1] === "-" });
  }
  return opened;
}

/** The index of the line closing a here-document whose body starts at `from` (the end when none does). */
function closingLine(lines: string[], from: number, document: Omit<HereDocument, "body">): number {
  let end = from;
  while (end < lines.length && (document.chomp ? lines[end].replace(/^\t+/, "") : lines[end]) !== document.name) end++;
  return end;
}

/**
 * `COPY id.pub /root/.ssh/authorized_keys`, `ADD https://… /root/.ssh/`: the text copied is not in the document, but
 * where it lands is, so each source is read as the `cp` that puts it there (into a directory destination under its
 * own name), the same as a RUN that copies or downloads a key file into root's keys. A source whose contents land in
 * the destination itself is read as the `cp -rT` that puts them there. A source taken `--from` another stage, image
 * or build context is not a file of this one, whatever its path: it is named as that image's file, text from outside.
 */
function fileCopies({ keyword, args, from }: Instruction): string[] {
  const words = execFormWords(args) ?? (args.match(WORDS) ?? []).map((w) => w.replace(/["']/g, ""));
  if (words.length < 2) return [];
  const destination = words[words.length - 1];
  const sources = words.slice(0, -1);
  const directory = destination.endsWith("/") || sources.length > 1;
  return sources.map((source) => {
    const origin = from === undefined ? source : `docker-image://${from}/${source.replace(/^\/+/, "")}`;
    if (placesContents(keyword, source)) return `cp -r -T -- ${shellQuote(origin)} ${shellQuote(destination)}`;
    const target = directory
      ? `${withoutTrailingSlashes(destination)}/${withoutTrailingSlashes(source).split("/").pop()}`
      : destination;
    return `cp -- ${shellQuote(origin)} ${shellQuote(target)}`;
  });
}

/** A URL or a Git remote: never a folder of the build context. */
const REMOTE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@)/i;
/** A Git repository ADD clones (BuildKit's forms): its files land in the destination, as a folder's contents do. */
const GIT_REMOTE = /^(?:git@|git:\/\/)|^https?:\/\/[^#\s]+\.git(?:#|$)/i;
/** A folder named so: `keys/`, `.`, `dir/.`. */
const FOLDER = /\/$|(?:^|\/)\.$/;
/** A tar archive, plain or compressed, by its name. */
const ARCHIVE = /\.(?:tar|tar\.(?:gz|bz2|xz)|tgz|tbz2?|txz)$/i;

/**
 * COPY and ADD place a folder's contents, not the folder, in the destination; ADD unpacks a local tar archive there
 * (Docker knows one by its content; its name is what the text shows), and clones a Git repository there. Another
 * download lands as one file.
 */
function placesContents(keyword: string, source: string): boolean {
  if (keyword === "ADD" && GIT_REMOTE.test(source)) return true;
  if (REMOTE.test(source)) return false;
  return FOLDER.test(source) || (keyword === "ADD" && ARCHIVE.test(source));
}

/**
 * `COPY <<EOF /etc/ssh/sshd_config.d/50-x.conf`: each here-document written to the destination (the last word), or
 * under it by the document's name when it is a directory (ends in `/`, or several sources).
 */
function hereDocumentCopies({ keyword, args, documents }: Instruction): string[] {
  const words = args.match(WORDS) ?? [];
  if (documents.length === 0 || words.length < 2) return [];
  const destination = words[words.length - 1].replace(/["']/g, "");
  const directory = destination.endsWith("/") || words.length > 2;
  return documents.map((d) =>
    fileWriteScript(
      {
        path: directory ? `${withoutTrailingSlashes(destination)}/${d.name}` : destination,
        content: d.body.join("\n"),
        append: false,
      },
      keyword,
    ),
  );
}
