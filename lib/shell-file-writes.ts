// Files that build documents write without a shell (EC2 Image Builder's CreateFile and AppendFile, a Dockerfile's
// COPY from a here-document) are handed to the script reader as the shell text that writes them, a quoted
// here-document: every rule the reader knows about a file written (sshd's drop-ins, Include, commented lines, boot
// scripts it follows, root's keys) then applies to them as to a script's own writes.
import { shellQuote } from "./userdata-words";

export interface FileWrite {
  path: string;
  content: string;
  /** Added to what the file holds, rather than replacing it. */
  append: boolean;
}

/**
 * `cat > path <<'LABEL'` … `LABEL`: the content, read as written (the delimiter is quoted, so nothing in it expands),
 * closed by a delimiter that is no line of the content, so the content cannot end the document early and be read
 * as commands. `label` (a plain word) names what wrote the file, as findings quote the line that opens it.
 */
export function fileWriteScript(write: FileWrite, label: string): string {
  const body = write.content.replace(/\r?\n$/, "");
  const lines = new Set(body.split(/\r?\n/).map((line) => line.trim()));
  let delimiter = label;
  while (lines.has(delimiter)) delimiter += "_";
  const open = `cat ${write.append ? ">>" : ">"} ${shellQuote(onOneLine(write.path))} <<'${delimiter}'`;
  return write.content === "" ? `${open}\n${delimiter}` : `${open}\n${body}\n${delimiter}`;
}

/**
 * A path with a line break would spread the command over lines and have its rest read as commands. No such file is
 * sshd's or a boot script; `?` keeps it a name the reader takes for any file.
 */
function onOneLine(path: string): string {
  return path.replace(/[\x00-\x1f\x7f]/g, "?");
}
