// Winlogon's auto-logon: with `AutoAdminLogon` 1 under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon,
// Windows logs the `DefaultUserName` account on at boot with `DefaultPassword`, kept there in plain text. A script
// that writes that password spells a login's secret for anyone who can read the user data or the command, as
// `net user NAME PASSWORD` does (windows-passwords.ts); one taken from outside the script cannot be judged from here.
// Without AutoAdminLogon 1 the value logs nobody on. Values are written with Set-ItemProperty, New-ItemProperty
// (`-Name N -Value V`, or positionally PATH NAME VALUE) or `reg add KEY /v N /d V`.
import { LoginWeakness } from "./userdata-findings";
import { registryWrites } from "./windows-registry-writes";
import { SecretSource, VariableValue, WindowsVariables } from "./windows-variables";
import { unquoted } from "./windows-words";

const WINLOGON = /windows nt[\\/]+currentversion[\\/]+winlogon(?![\w.-])/i;
/** Whether each assigned value names Winlogon's key: looked at once, however long it is and however often used. */
const namesWinlogon = new WeakMap<VariableValue, boolean>();

function holdsWinlogon(value: VariableValue): boolean {
  let holds = namesWinlogon.get(value);
  if (holds === undefined) {
    holds = WINLOGON.test(value.text);
    namesWinlogon.set(value, holds);
  }
  return holds;
}

export class WindowsAutologon {
  private readonly passwords: { line: string; source: SecretSource }[] = [];
  private autoLogon: "on" | "outside" | undefined;

  /** Reads one statement, whose variables are those of the script it is in. */
  read(statement: string, words: string[], variables: WindowsVariables): void {
    for (const write of registryWrites(words)) {
      // A variable's value is looked at once per assignment (holdsWinlogon), so rereading it costs nothing.
      if (!WINLOGON.test(write.key) && !variables.referencedValues(write.key).some(holdsWinlogon)) continue;
      const name = unquoted(write.name).toLowerCase();
      const line = statement.split("\n")[0].trim();
      if (name === "defaultpassword") {
        const source = variables.source(write.value, true);
        // An empty DefaultPassword logs on an account without a password: spelled in the script all the same.
        this.passwords.push({
          line,
          source: source === "none" && /^(?:""|'')$/.test(write.value) ? "literal" : source,
        });
      } else if (name === "autoadminlogon") {
        const value = unquoted(write.value).trim();
        if (value === "1") this.autoLogon = "on";
        else if (value === "0") this.autoLogon = undefined;
        else if (variables.source(write.value, false) === "outside") this.autoLogon ??= "outside";
      }
    }
  }

  /** The passwords written for auto-logon, when the scripts turn it on (or may: a note). */
  weaknesses(): LoginWeakness[] {
    if (this.autoLogon === undefined) return [];
    const found: LoginWeakness[] = [];
    for (const { line, source } of this.passwords) {
      if (source === "none") continue;
      if (source === "literal" && this.autoLogon === "on")
        found.push({
          kind: "password-set",
          line,
          note: "auto-logon's DefaultPassword, kept in the registry in plain text",
        });
      else {
        const note =
          source === "outside"
            ? "auto-logon's DefaultPassword comes from outside the script"
            : "AutoAdminLogon's value comes from outside the script";
        found.push({ kind: "password-set", line, note, unverifiable: true });
      }
    }
    return found;
  }
}
