// What an AWSTOE step does to the build instance, as shell text the script reader reads: an ExecuteBash step's
// commands; an ExecuteBinary step as the command it runs (the script of a shell given one with `-c`); the files
// CreateFile and AppendFile write, the files CopyFile, MoveFile and the downloads place, and the folders CopyFolder
// and MoveFolder place, and the links CreateSymlink makes, as the commands that would make them. Other actions
// (permissions, PowerShell) are not read. Steps may be hostile: nothing here throws.
import { FileWrite, fileWriteScript } from "./shell-file-writes";
import { commandOfWords } from "./shell-invocations";
import { shellQuote } from "./userdata-words";
import { lowerName } from "./structured-documents";
import { list, obj, strings } from "./values";
import { withoutTrailingSlashes } from "./trailing-slashes";

/** A step as text: a script, or a file it writes. */
type StepText = string | FileWrite;

/** The steps' shell text, in the order given. */
export function stepScripts(steps: readonly Record<string, unknown>[]): string[] {
  return continuedAppends(steps.flatMap(stepText)).map((text) =>
    typeof text === "string" ? text : fileWriteScript(text, text.append ? "AppendFile" : "CreateFile"),
  );
}

function stepText(step: Record<string, unknown>): StepText[] {
  const inputs = step.inputs;
  switch (lowerName(step.action)) {
    case "executebash":
      // AWSTOE writes the commands to one file and runs it with bash.
      return [strings(obj(inputs)?.commands).join("\n")];
    case "executebinary":
      return binaryScript(obj(inputs));
    case "createfile":
      return fileWrites(inputs, false);
    case "appendfile":
      // Appending nothing changes nothing.
      return fileWrites(inputs, true).filter((write) => write.content !== "");
    case "copyfile":
    case "movefile":
    case "s3download":
    case "webdownload":
      return fileCopies(inputs);
    case "copyfolder":
      return folderCopies(inputs, "cp -r");
    case "movefolder":
      return folderCopies(inputs, "mv");
    case "createsymlink":
      return symlinks(inputs);
    default:
      return [];
  }
}

/**
 * CopyFile, MoveFile, S3Download and WebDownload put a file (`source`) at `destination`: what it holds is not in the
 * document, but where it lands is, so each is read as the `cp` that puts it there (a key file into root's keys).
 */
function fileCopies(inputs: unknown): string[] {
  return list(inputs).flatMap((raw) => {
    const input = obj(raw);
    const { source, destination } = input ?? {};
    if (typeof source !== "string" || typeof destination !== "string" || destination.trim() === "") return [];
    return [`cp -- ${shellQuote(source)} ${shellQuote(destination)}`];
  });
}

/**
 * CopyFolder and MoveFolder put what the `source` folder holds in the `destination` folder, which they create; a
 * destination ending in `/` gets a folder of the source's name instead. Read as `cp -rT` or `mv -T` for the first,
 * plain `cp -r` or `mv` for the second, the source marked a folder by a trailing slash: a folder placed in root's .ssh
 * or sshd's configuration then counts as the same command in a script does.
 */
function folderCopies(inputs: unknown, command: "cp -r" | "mv"): string[] {
  return list(inputs).flatMap((raw) => {
    const { source, destination } = obj(raw) ?? {};
    if (typeof source !== "string" || typeof destination !== "string") return [];
    if (source.trim() === "" || destination.trim() === "") return [];
    const folder = `${withoutTrailingSlashes(source)}/`;
    const named = destination.endsWith("/") ? "" : " -T";
    return [`${command}${named} -- ${shellQuote(folder)} ${shellQuote(destination)}`];
  });
}

/**
 * CreateSymlink makes `path` a link to `target` (`force`: replacing a link already there). It fails where `path` is
 * anything but a link, so it never puts the link inside a folder: read as `ln -s -T`, a link made root's keys, root's
 * .ssh or sshd's configuration counts as the same command in a script does.
 */
function symlinks(inputs: unknown): string[] {
  return list(inputs).flatMap((raw) => {
    const input = obj(raw);
    const { path, target } = input ?? {};
    if (typeof path !== "string" || typeof target !== "string") return [];
    if (path.trim() === "" || target.trim() === "") return [];
    const force = input?.force === true ? " -f" : "";
    return [`ln -s -T${force} -- ${shellQuote(target)} ${shellQuote(path)}`];
  });
}

/**
 * `path: /bin/bash`, `arguments: [-c, "…"]`: the script, when the binary is a shell given one inline. A path written
 * with its first arguments (`/usr/bin/env bash`) is read as those words.
 */
function binaryScript(inputs: Record<string, unknown> | undefined): string[] {
  const path = inputs?.path;
  if (typeof path !== "string") return [];
  return [commandOfWords([...path.trim().split(/\s+/), ...strings(inputs?.arguments)])];
}

/**
 * CreateFile and AppendFile take a list of files (a single mapping is read as a list of one): `path`, `content`
 * (absent: empty). `overwrite: false` only fails the step when the file exists; the file may not, so it is written.
 */
function fileWrites(inputs: unknown, append: boolean): FileWrite[] {
  return list(inputs).flatMap((raw) => {
    const input = obj(raw);
    const path = input?.path;
    if (typeof path !== "string" || path.trim() === "") return [];
    return [{ path, content: contentText(input?.content), append }];
  });
}

/** YAML may make a content of digits a number, or of `true` a boolean: AWSTOE writes it as text. */
function contentText(v: unknown): string {
  if (typeof v === "string") return v;
  return typeof v === "number" || typeof v === "boolean" ? String(v) : "";
}

/**
 * AppendFile adds its content as it is, no line break before it: appended to a file whose last write did not end
 * its line, it continues that line (`PermitRootLogin` then ` yes`). Such writes, one after another to one file, are
 * read as the one write they make.
 */
function continuedAppends(texts: StepText[]): StepText[] {
  // Each write's pieces, joined once at the end: joining as the content grows would be quadratic.
  const joined: { text: StepText; pieces: string[] }[] = [];
  for (const text of texts) {
    const last = joined[joined.length - 1];
    const lastWrite = last?.text;
    const continues =
      typeof text === "object" &&
      text.append &&
      typeof lastWrite === "object" &&
      lastWrite.path === text.path &&
      !last.pieces[last.pieces.length - 1].endsWith("\n");
    if (continues) last.pieces.push(text.content);
    else joined.push({ text, pieces: typeof text === "object" ? [text.content] : [] });
  }
  return joined.map(({ text, pieces }) => (typeof text === "object" ? { ...text, content: pieces.join("") } : text));
}
