// xinetd services built a line at a time (`echo 'service telnet' >> /etc/xinetd.d/telnet`, `echo '{' >> …`, printf or
// tee -a alike): each text written to an xinetd file is read after what was written there before, by one reader per
// file, so a block whose lines come from several commands is judged where it closes, as a block written whole is.
import { Findings } from "./userdata-findings";
import { loginServerNote } from "./userdata-login-servers";
import { WrittenAs } from "./userdata-scan-context";
import { normalPath } from "./userdata-sshd-paths";
import { superServerOf, XinetdReader } from "./userdata-superservers";

/** Bounds that keep the readers small whatever the script: files followed, and text read for each. */
const MAX_FILES = 64;
const MAX_TEXT = 16 * 1024;

/** What is followed of one xinetd file: its reader, the text read, and the line last written in part. */
interface Followed {
  reader: XinetdReader;
  read: number;
  /** The start of a line a printf wrote with no `\n`, read with what is added to it next (or at the end). */
  pending: string;
  found: Findings;
}

/**
 * One reader per xinetd file the user data writes, shared by the nested texts it writes. A write that replaces the
 * file starts its reader anew; one that adds to it reads on.
 */
export class XinetdAppends {
  private readonly files = new Map<string, Followed>();

  /** Reads text written to `file` after what was written there before; a block it closes on is quoted via the file. */
  wrote(file: string, text: string, found: Findings, { appended, endsMidLine }: WrittenAs): void {
    if (superServerOf(file) !== "xinetd") return;
    const key = normalPath(file);
    let followed = this.files.get(key);
    // Text added past the bounds is not read with what the file held: a service it builds (or closes) would go
    // unreported, so it is left unread, unless it is blank. Text that replaces the file is read by its own scan.
    const dropped = appended && (text.trim() !== "" || followed?.pending);
    if (followed === undefined && this.files.size >= MAX_FILES) {
      if (dropped) found.leftUnread(`text added to more than ${MAX_FILES} xinetd files`);
      return;
    }
    // The text read stays counted across a replacement: the bound is on all text read for the file.
    const read = (followed?.read ?? 0) + text.length;
    if (followed === undefined || !appended)
      this.files.set(key, (followed = { reader: new XinetdReader(), read, pending: "", found }));
    followed.read = read;
    followed.found = found;
    if (read > MAX_TEXT) {
      if (dropped) found.leftUnread(`text added to an xinetd file past ${MAX_TEXT / 1024} KB`);
      return;
    }
    const lines = (followed.pending + text).split("\n");
    followed.pending = endsMidLine ? (lines.pop() ?? "") : "";
    for (const line of lines) this.line(file, followed, line);
  }

  /** The files `takes` names are taken away: one written again is read anew. */
  removedWhere(takes: (file: string) => boolean): void {
    for (const key of [...this.files.keys()]) if (takes(key)) this.files.delete(key);
  }

  /** The user data is read: a last line written in part is read as it was left. */
  finish(): void {
    for (const [file, followed] of this.files) if (followed.pending !== "") this.line(file, followed, followed.pending);
  }

  private line(file: string, { reader, found }: Followed, line: string): void {
    const started = reader.line(line);
    if (started)
      found.writtenTo(file).add("password-login-server", started.line, { note: loginServerNote([started.server]) });
  }
}
