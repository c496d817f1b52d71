// xinetd services built a line at a time (`echo 'service telnet' >> /etc/xinetd.d/telnet`, `echo '{' >> …`, printf or
// tee -a alike): each text written to an xinetd file is read after what was written there before, by one reader per
// file, so a block whose lines come from several commands is judged where it closes, as a block written whole is.
import { Findings } from "./userdata-findings";
import { loginServerNote } from "./userdata-login-servers";
import { normalPath } from "./userdata-sshd-paths";
import { superServerOf, XinetdReader } from "./userdata-superservers";

/** Bounds that keep the readers small whatever the script: files followed, and text read for each. */
const MAX_FILES = 64;
const MAX_TEXT = 16 * 1024;

/** One reader per xinetd file the user data writes, shared by the nested texts it writes. */
export class XinetdAppends {
  private readonly files = new Map<string, { reader: XinetdReader; read: number }>();

  /** Reads text written to `file` after what was written there before; a block it closes on is quoted via the file. */
  wrote(file: string, text: string, found: Findings): void {
    if (superServerOf(file) !== "xinetd") return;
    const key = normalPath(file);
    let followed = this.files.get(key);
    if (followed === undefined) {
      if (this.files.size >= MAX_FILES) return;
      this.files.set(key, (followed = { reader: new XinetdReader(), read: 0 }));
    }
    followed.read += text.length;
    if (followed.read > MAX_TEXT) return;
    for (const line of text.split("\n")) {
      const started = followed.reader.line(line);
      if (started)
        found.writtenTo(file).add("password-login-server", started.line, { note: loginServerNote([started.server]) });
    }
  }
}
