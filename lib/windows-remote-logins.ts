// Windows remote logins weakened at boot, so that passwords can be guessed or read off the wire as the case's were
// brute-forced in 137 s: RDP without Network Level Authentication (`UserAuthentication` 0, written to the registry
// or through Win32_TSGeneralSetting's SetUserAuthenticationRequired) or with its own security layer instead of TLS
// (`SecurityLayer` 0); WinRM's service taking Basic authentication or unencrypted traffic (`winrm set`, the WSMan:
// drive, Set-WSManInstance, the policy keys); Telnet Server installed or started. Each setting's last value wins:
// a script may weaken it and a later line restore it. A value from a variable the script does not set is a note.
import { LoginWeakness } from "./userdata-findings";
import { boundArguments, commandName, WindowsCommand, windowsCommands } from "./windows-commands";
import { registryWrites } from "./windows-registry-writes";
import { VariableValue, WindowsVariables } from "./windows-variables";
import { unquoted, windowsWords } from "./windows-words";
import { globalMatches } from "./global-matches";

/** A setting that weakens a remote login when set to `weakWhen` (numbers: 0 is false, others true). */
interface Setting {
  /** How the note names the value. */
  name: string;
  weakWhen: boolean;
  note: string;
}

const NLA: Setting = {
  name: "UserAuthentication",
  weakWhen: false,
  note: "RDP without Network Level Authentication shows the logon screen to anyone and lets them guess passwords",
};
const SECURITY_LAYER: Setting = {
  name: "SecurityLayer",
  weakWhen: false,
  note: "RDP security layer 0 drops TLS and with it Network Level Authentication: anyone gets the logon screen to guess passwords",
};
const BASIC: Setting = {
  name: "WinRM Basic",
  weakWhen: true,
  note: "WinRM Basic authentication takes a password alone, sent in clear text unless the listener is HTTPS",
};
const UNENCRYPTED: Setting = {
  name: "WinRM AllowUnencrypted",
  weakWhen: true,
  note: "unencrypted WinRM sends passwords and sessions in clear text",
};
const TELNET: Setting = {
  name: "Telnet Server",
  weakWhen: true,
  note: "Telnet Server sends passwords in clear text; use SSH with keys through the bastion and remove the server",
};

/** The local RDP-Tcp values, which Win32_TSGeneralSetting's setters write too. */
const RDP_TCP = "rdp-tcp";
/** The WinRM service's settings, kept in the registry that `winrm set` and the WSMan: drive write. */
const WSMAN = "wsman";
/**
 * Registry keys (as written, any case), where each keeps its values (`place`), and the values that weaken a login.
 * A policy key's value is kept apart from the local one: its 1 does not undo a local 0 found elsewhere.
 */
const REGISTRY: { key: RegExp; place: string; values: Map<string, Setting> }[] = [
  {
    place: RDP_TCP,
    key: /terminal server[\\/]+winstations[\\/]+rdp-tcp(?![\w.-])/i,
    values: new Map([
      ["userauthentication", NLA],
      ["securitylayer", SECURITY_LAYER],
    ]),
  },
  {
    place: "rdp-policy",
    key: /policies[\\/]+microsoft[\\/]+windows nt[\\/]+terminal services(?![\w.-])/i,
    values: new Map([
      ["userauthentication", NLA],
      ["securitylayer", SECURITY_LAYER],
    ]),
  },
  {
    place: "winrm-policy",
    key: /policies[\\/]+microsoft[\\/]+windows[\\/]+winrm[\\/]+service(?![\w.-])/i,
    values: new Map([
      ["allowbasic", BASIC],
      ["allowunencryptedtraffic", UNENCRYPTED],
    ]),
  },
  {
    place: WSMAN,
    key: /currentversion[\\/]+wsman[\\/]+service(?![\w.-])/i,
    values: new Map([
      ["auth_basic", BASIC],
      ["allow_unencrypted", UNENCRYPTED],
    ]),
  },
];
/** Win32_TSGeneralSetting's setters: the local RDP-Tcp values. */
const TS_METHODS = new Map([
  ["setuserauthenticationrequired", NLA],
  ["setsecuritylayer", SECURITY_LAYER],
]);
/** `.SetUserAuthenticationRequired(0)` on a WMI or CIM object (quoted strings dropped first). */
const TS_METHOD_CALL = /\.(setuserauthenticationrequired|setsecuritylayer)\s*\(\s*(?:\[\w+\]\s*)?([^()\s,]*)\s*\)/gi;
/** Invoke-CimMethod's `-Arguments @{UserAuthenticationRequired=0}`, Invoke-WmiMethod's `-ArgumentList 0`. */
const TS_ARGUMENT =
  /(?:(?:userauthenticationrequired|securitylayer)\s*=\s*|-argumentlist[:\s]\s*)(?:\[\w+\]\s*)?(\S+)/i;
const METHOD_INVOKERS = new Set(["invoke-cimmethod", "invoke-wmimethod"]);
/** Invoke-CimMethod's and Invoke-WmiMethod's parameters naming the method. */
const METHOD_NAMED = new Set(["-methodname", "-name"]);
/** WinRM service settings in `winrm set`'s and Set-WSManInstance's `@{Name="value"}`. */
const WINRM_VALUE = /(?<!\w)(basic|allowunencrypted)\s*=\s*["'`]*([$%!]?[\w:]+%?)/gi;
const WINRM_SETTINGS = new Map([
  ["basic", BASIC],
  ["allowunencrypted", UNENCRYPTED],
]);
/** The WSMan: drive's service settings. */
const WSMAN_PATH = /^wsman:[\\/]+localhost[\\/]+service[\\/]+(?:(auth[\\/]+basic)|allowunencrypted)$/i;
const SET_ITEM_VALUED = new Set(["-path", "-literalpath", "-value", "-filter", "-include", "-exclude", "-credential"]);
/** The Windows feature names of Telnet Server (not Telnet-Client) and its service. */
const TELNET_NAMES = new Set(["telnet-server", "telnetserver"]);
const TELNET_SERVICE = "tlntsvr";
const FEATURE_INSTALLERS = new Set([
  "install-windowsfeature",
  "add-windowsfeature",
  "enable-windowsoptionalfeature",
  "ocsetup",
  "ocsetup.exe",
  "pkgmgr",
  "pkgmgr.exe",
]);
const FEATURE_REMOVERS = new Set([
  "uninstall-windowsfeature",
  "remove-windowsfeature",
  "disable-windowsoptionalfeature",
]);
/** Every command telnetChange reads: feature installers and removers, dism, and the service starters. */
const TELNET_COMMANDS = new Set([
  ...FEATURE_INSTALLERS,
  ...FEATURE_REMOVERS,
  ..."dism dism.exe servermanagercmd servermanagercmd.exe start-service sasv restart-service set-service".split(" "),
  ..."sc sc.exe net net.exe net1".split(" "),
]);
/** The names telnetChange looks for past the first one of a word: a value keeps only these (see readingOf). */
const TELNET_VOCABULARY = new Set([
  ...TELNET_NAMES,
  TELNET_SERVICE,
  ..."enable-feature disable-feature install i automatic running auto telnet".split(" "),
]);

/**
 * What the readers take of an assigned value, worked out once however long it is and however often the script uses
 * it: its text as a lone word resolves to, that text's truth, the registry places it names, and the names telnetChange
 * reads (its first, then those of TELNET_VOCABULARY it holds).
 */
interface ValueReading {
  readonly resolved: string;
  readonly truth: boolean | undefined;
  readonly places: readonly number[];
  readonly names: readonly string[];
}

const valueReadings = new WeakMap<VariableValue, ValueReading>();

function readingOf(value: VariableValue): ValueReading {
  let reading = valueReadings.get(value);
  if (reading === undefined) {
    const resolved = unquoted(value.text.trim()).trim();
    const names = namesIn(value.text);
    reading = {
      resolved,
      truth: literalTruth(resolved),
      places: REGISTRY.flatMap((r, i) => (r.key.test(value.text) ? [i] : [])),
      names: names.length === 0 ? [] : [names[0], ...new Set(names.filter((n) => TELNET_VOCABULARY.has(n)))],
    };
    valueReadings.set(value, reading);
  }
  return reading;
}

/** A weakening line, or one that may be (`unverifiable`: its value comes from outside the script). */
interface Weakening {
  line: string;
  unverifiable: boolean;
}

export class WindowsRemoteLogins {
  /** Per setting and where it is kept, the lines that weaken it since it was last set to a safe value. */
  private readonly weakened = new Map<string, { setting: Setting; lines: Weakening[] }>();

  /** Reads one statement, whose variables are those of the script it is in. */
  read(statement: string, words: string[], variables: WindowsVariables): void {
    const line = statement.split("\n")[0].trim();
    for (const write of registryWrites(words)) {
      const values = variables.referencedValues(write.key);
      const place = REGISTRY.find(
        (r, i) => r.key.test(write.key) || values.some((v) => readingOf(v).places.includes(i)),
      );
      const setting = place?.values.get(unquoted(write.name).toLowerCase());
      if (place && setting) this.set(place.place, setting, truth(write.value, variables), line);
    }
    for (const command of windowsCommands(words))
      for (const inner of unwrapped(command)) this.readCommand(inner, variables, line);
  }

  weaknesses(): LoginWeakness[] {
    const found: LoginWeakness[] = [];
    for (const { setting, lines } of this.weakened.values())
      for (const { line, unverifiable } of lines)
        found.push(
          unverifiable
            ? {
                kind: "password-login-server",
                line,
                note: `${setting.name}'s value comes from outside the script`,
                unverifiable,
              }
            : { kind: "password-login-server", line, note: setting.note },
        );
    return found;
  }

  private readCommand(command: WindowsCommand, variables: WindowsVariables, line: string): void {
    const { word, name, args } = command;
    const text = [...args, ...command.block].join(" ");
    for (const m of globalMatches(TS_METHOD_CALL, [word, text].join(" ").replace(/"[^"]*"|'[^']*'/g, '""'))) {
      const setting = TS_METHODS.get(m[1].toLowerCase());
      if (setting) this.set(RDP_TCP, setting, truth(m[2], variables), line);
    }
    if (METHOD_INVOKERS.has(name)) {
      const method = boundArguments(args, METHOD_NAMED, []);
      const setting = TS_METHODS.get(unquoted(method.get("-methodname") ?? method.get("-name") ?? "").toLowerCase());
      const value = TS_ARGUMENT.exec(text)?.[1];
      if (setting && value !== undefined)
        this.set(RDP_TCP, setting, truth(value.replace(/[;}]+$/, ""), variables), line);
    } else if (isWinrmSet(command) || name === "set-wsmaninstance") {
      const uri = name === "set-wsmaninstance" ? resourceUri(args) : unquoted(args[1] ?? "");
      if (!/^winrm\/config\/service(?:\/auth)?$/i.test(uri)) return;
      for (const m of globalMatches(WINRM_VALUE, text)) {
        const setting = WINRM_SETTINGS.get(m[1].toLowerCase());
        if (setting) this.set(WSMAN, setting, truth(m[2], variables), line);
      }
    } else if (name === "set-item" || name === "si") {
      const bound = boundArguments(args, SET_ITEM_VALUED, ["-path", "-value"]);
      const path = resolved(bound.get("-path") ?? bound.get("-literalpath") ?? "", variables);
      const m = WSMAN_PATH.exec(path);
      if (m) this.set(WSMAN, m[1] ? BASIC : UNENCRYPTED, truth(bound.get("-value") ?? "", variables), line);
    } else {
      const telnet = telnetChange(command, variables);
      if (telnet !== undefined) this.set("telnet", TELNET, telnet, line);
    }
  }

  /** Records a setting's new value: weakening (or maybe) adds the line, anything else restores it. */
  private set(place: string, setting: Setting, value: boolean | "outside" | undefined, line: string): void {
    if (value === undefined) return;
    const key = `${place}\n${setting.name}`;
    const entry = this.weakened.get(key) ?? { setting, lines: [] };
    this.weakened.set(key, entry);
    if (value === "outside") entry.lines.push({ line, unverifiable: true });
    else if (value === setting.weakWhen) entry.lines.push({ line, unverifiable: false });
    else entry.lines.length = 0;
  }
}

/**
 * The command batch's `call …` runs (or the command quoted as one word), once: not again inside it; any other command
 * as it is. `cmd /c …` and the other nested scripts are read as scripts of their own (windows-nested-scripts.ts).
 */
function unwrapped(command: WindowsCommand): WindowsCommand[] {
  const { name, args, block } = command;
  const rest = name === "call" ? args : [];
  if (rest.length === 0) return [command];
  if (rest.length === 1 && /^["']/.test(rest[0])) return windowsCommands(windowsWords(unquoted(rest[0]), "batch"));
  return [{ word: rest[0], name: commandName(rest[0]), args: rest.slice(1), block }];
}

function isWinrmSet({ name, args }: WindowsCommand): boolean {
  return /^winrm(?:\.cmd)?$/.test(name) && /^(?:set|s)$/i.test(unquoted(args[0] ?? ""));
}

/** Set-WSManInstance's `-ResourceURI`, named or first. */
function resourceUri(args: string[]): string {
  const bound = boundArguments(args, new Set(["-resourceuri", "-valueset", "-selectorset", "-computername"]), [
    "-resourceuri",
  ]);
  return unquoted(bound.get("-resourceuri") ?? "");
}

/**
 * Whether a command installs or starts Telnet Server (true), removes it (false), or neither (undefined): a feature
 * installer naming it, `dism /Enable-Feature /FeatureName:TelnetServer`, its service TlntSvr started or set to start.
 */
function telnetChange(command: WindowsCommand, variables: WindowsVariables): boolean | undefined {
  const { name, args } = command;
  // Any other command changes nothing: its arguments' names are not read.
  if (!TELNET_COMMANDS.has(name)) return undefined;
  const names = args.flatMap((a) => [
    ...namesIn(a),
    ...variables.referencedValues(a).flatMap((v) => readingOf(v).names),
  ]);
  const feature = names.some((n) => TELNET_NAMES.has(n));
  const service = names.includes(TELNET_SERVICE);
  if (FEATURE_INSTALLERS.has(name)) return feature || undefined;
  if (FEATURE_REMOVERS.has(name)) return feature ? false : undefined;
  if (name === "dism" || name === "dism.exe") {
    if (!feature) return undefined;
    if (names.includes("enable-feature")) return true;
    return names.includes("disable-feature") ? false : undefined;
  }
  if (name === "servermanagercmd" || name === "servermanagercmd.exe")
    return feature && (names.includes("install") || names.includes("i")) ? true : undefined;
  if (name === "start-service" || name === "sasv" || name === "restart-service") return service || undefined;
  if (name === "set-service")
    return service && (names.includes("automatic") || names.includes("running")) ? true : undefined;
  if (name === "sc" || name === "sc.exe")
    return service && (names[0] === "start" || (names[0] === "config" && names.includes("auto"))) ? true : undefined;
  if (name === "net" || name === "net.exe" || name === "net1")
    return names[0] === "start" && (service || names.includes("telnet")) ? true : undefined;
  return undefined;
}

/** The lower-cased names in a word: `/FeatureName:TelnetServer` holds featurename and telnetserver. */
function namesIn(word: string): string[] {
  return word
    .toLowerCase()
    .split(/[^\w.-]+/)
    .filter((n) => n !== "");
}

/** A word as text: a lone variable the script set is its value (read once per assignment, see readingOf). */
function resolved(word: string, variables: WindowsVariables): string {
  return resolvedReading(word, variables).text;
}

/** A word as text, with the reading of the lone variable's value it resolves to. */
function resolvedReading(word: string, variables: WindowsVariables): { text: string; reading?: ValueReading } {
  const text = unquoted(word.trim()).trim();
  if (!/^(?:\$[\w:]+|\$\{[^{}]+\}|%\w+%|!\w+!)$/.test(text)) return { text };
  const values = variables.referencedValues(text);
  if (values.length !== 1) return { text };
  const reading = readingOf(values[0]);
  return { text: reading.resolved, reading };
}

/**
 * A value as the setting takes it: true or false (`$true`, `"false"`, 0, 0x1, `[int]0`), "outside" when it comes
 * from outside the script, undefined when the script gives something else.
 */
function truth(word: string, variables: WindowsVariables): boolean | "outside" | undefined {
  const { text, reading } = resolvedReading(word, variables);
  const value = reading === undefined ? literalTruth(text) : reading.truth;
  if (value !== undefined) return value;
  return variables.source(word, false) === "outside" ? "outside" : undefined;
}

function literalTruth(text: string): boolean | undefined {
  const value = text
    .replace(/^\((.*)\)$/, "$1")
    .replace(/^\[\w+\]/, "")
    .trim()
    .toLowerCase();
  if (value === "true" || value === "$true") return true;
  if (value === "false" || value === "$false") return false;
  if (/^0x[0-9a-f]+$/.test(value)) return /[1-9a-f]/.test(value.slice(2));
  if (/^\d+$/.test(value)) return /[1-9]/.test(value);
  return undefined;
}
