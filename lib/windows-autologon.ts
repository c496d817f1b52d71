// Winlogon's auto-logon: with `AutoAdminLogon` 1 under HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon,
// Windows logs the `DefaultUserName` account on at boot with `DefaultPassword`, kept there in plain text. A script
// that writes that password spells a login's secret for anyone who can read the user data or the command, as
// `net user NAME PASSWORD` does (windows-passwords.ts); one taken from outside the script cannot be judged from here.
// Without AutoAdminLogon 1 the value logs nobody on. Values are written with Set-ItemProperty, New-ItemProperty
// (`-Name N -Value V`, or positionally PATH NAME VALUE) or `reg add KEY /v N /d V`.
import { LoginWeakness } from "./userdata-findings";
import { SecretSource, WindowsVariables } from "./windows-variables";
import { endsCommand, unquoted } from "./windows-words";

const WINLOGON = /windows nt[\\/]+currentversion[\\/]+winlogon(?![\w.-])/i;
const PROPERTY_CMDLETS = new Set(["set-itemproperty", "new-itemproperty", "sp"]);
/** Parameters of the property cmdlets that take a value; the others (-Force, -PassThru) are switches. */
const VALUED = new Set(["-path", "-literalpath", "-name", "-value", "-propertytype", "-type"]);
const REG = /^reg(?:\.exe)?$/i;
/** The cmdlets' positions: PATH NAME VALUE. */
const POSITIONS = ["-path", "-name", "-value"];
const MAX_KEY_TEXT = 1024;

/** One registry value a statement writes: its key's text, name and value as written. */
interface RegistryWrite {
  key: string;
  name: string;
  value: string;
}

export class WindowsAutologon {
  private readonly passwords: { line: string; source: SecretSource }[] = [];
  private autoLogon: "on" | "outside" | undefined;

  /** Reads one statement, whose variables are those of the script it is in. */
  read(statement: string, words: string[], variables: WindowsVariables): void {
    for (const write of registryWrites(words)) {
      // A key's path is short: a longer value (a here-string) is not taken for one, so rereading it costs nothing.
      const paths = variables.referencedValues(write.key).filter((v) => v.text.length < MAX_KEY_TEXT);
      const key = [write.key, ...paths.map((v) => v.text)].join("\n");
      if (!WINLOGON.test(key)) continue;
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

/** The registry values the commands of a statement write. */
function registryWrites(words: string[]): RegistryWrite[] {
  const writes: RegistryWrite[] = [];
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    if (i < words.length && !endsCommand(words[i])) continue;
    const command = words.slice(start, i);
    start = i + 1;
    const name = unquoted(command[0] ?? "").toLowerCase();
    const write = PROPERTY_CMDLETS.has(name)
      ? cmdletWrite(command.slice(1))
      : REG.test(name) && unquoted(command[1] ?? "").toLowerCase() === "add"
        ? regAddWrite(command.slice(2))
        : undefined;
    if (write) writes.push(write);
  }
  return writes;
}

/** `Set-ItemProperty -Path P -Name N -Value V` (`-Name:N` too), or positionally. */
function cmdletWrite(args: string[]): RegistryWrite | undefined {
  const named = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const colon = word.indexOf(":");
    const parameter = (colon > 0 && word.startsWith("-") ? word.slice(0, colon) : word).toLowerCase();
    if (VALUED.has(parameter)) named.set(parameter, colon > 0 ? word.slice(colon + 1) : (args[++i] ?? ""));
    else if (!word.startsWith("-")) positional.push(word);
  }
  for (const parameter of POSITIONS)
    if (!named.has(parameter) && positional.length > 0) named.set(parameter, positional.shift() ?? "");
  const name = named.get("-name");
  if (name === undefined) return undefined;
  return { key: named.get("-path") ?? named.get("-literalpath") ?? "", name, value: named.get("-value") ?? "" };
}

/** `reg add KEY /v NAME /t TYPE /d DATA /f`. */
function regAddWrite(args: string[]): RegistryWrite | undefined {
  let name: string | undefined;
  let value = "";
  for (let i = 1; i < args.length; i++) {
    const option = args[i].toLowerCase();
    if (option === "/v") name = args[++i];
    else if (option === "/d") value = args[++i] ?? "";
  }
  return name === undefined ? undefined : { key: args[0] ?? "", name, value };
}
