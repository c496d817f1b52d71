// The variables of scripts a Windows script writes a line or a few at a time into a file of another language (batch
// echoing PowerShell into a `.ps1`): the lines are read where they are written, in order, as one script, so a
// variable one line sets is seen by the next (`echo $p='…' > C:\s.ps1`, then `echo net user a $p /add >> C:\s.ps1`).
// A write that starts the file anew (`>`, Set-Content) starts its variables anew.
// A `.ps1` PowerShell writes is read the same way: the `$name` left in its text (single-quoted, or escaped `` `$name ``)
// is the file's own variable, not the writer's, whose values were expanded into the text as it was written; where the
// file sets no value of a name, it sees the writer's (WindowsVariables.seeing, windows-login-weaknesses.ts).
import { WindowsScript } from "./windows-scripts";
import { WindowsVariables } from "./windows-variables";

export class WrittenFileVariables {
  /** Each file's variables, by language and path as spelled, any case. */
  private readonly files = new Map<string, WindowsVariables>();

  /** The variables `script` is read with: its file's so far when it adds to one, else its own. */
  of(script: WindowsScript): WindowsVariables {
    const fresh = new WindowsVariables(script.language);
    if (script.file === undefined) return fresh;
    const key = `${script.language}\n${script.file.path.toLowerCase()}`;
    // What the spelled lines of a file partly unknown set, its unknown text may change: they are read alone, and
    // lines added later start anew.
    if (script.file.partlyUnknown === true) {
      this.files.delete(key);
      return fresh;
    }
    const earlier = this.files.get(key);
    if (script.file.appends && earlier !== undefined) return earlier;
    this.files.set(key, fresh);
    return fresh;
  }
}
