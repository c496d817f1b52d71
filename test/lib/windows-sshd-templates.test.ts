// A template the Windows script writes itself, then reads back in with its placeholder filled in by a replacement
// (`-replace`, `.Replace(`) or copies into place: what sshd reads is the template's text as the replacements leave it.
// A template the script did not write (or that was downloaded over its text) is text from elsewhere: a note, not a
// verdict.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { WindowsScript } from "../../lib/windows-scripts";

const INSTALL = "Add-WindowsCapability -Online -Name OpenSSH.Server~~~~0.0.1.0";
const CONFIG = "C:\\ProgramData\\ssh\\sshd_config";
const TPL = "C:\\t\\sshd.tpl";
const TEMPLATE = `Set-Content ${TPL} 'PasswordAuthentication __PA__'`;
const ps = (...lines: string[]): WindowsScript => ({
  language: "powershell",
  text: [INSTALL, ...lines, "Start-Service sshd"].join("\n"),
});
/** Each finding as its kind, `?` when it cannot be verified, and the line it quotes. */
const verdicts = (script: WindowsScript) =>
  findWindowsLoginWeaknesses([script]).map((w) => `${w.unverifiable === true ? "?" : ""}${w.line}`);
const filled = (value: string) => `(Get-Content ${TPL}) -replace '__PA__','${value}' | Set-Content ${CONFIG}`;

describe("a template the script wrote, its placeholder filled in with yes", () => {
  it.each<[string, string[], string]>([
    ["-replace, piped to Set-Content", [TEMPLATE, filled("yes")], filled("yes")],
    [
      "a here-string template",
      [`@'\nPort 22\nPasswordAuthentication __PA__\n'@ | Set-Content ${TPL}`, filled("yes")],
      filled("yes"),
    ],
    [
      "paths in variables",
      [
        "$t = 'C:\\t\\sshd.tpl'",
        "Set-Content $t 'PasswordAuthentication __PA__'",
        "$c = $env:ProgramData + '\\ssh\\sshd_config'",
        "(Get-Content $t) -replace '__PA__','yes' | Set-Content $c",
      ],
      "(Get-Content $t) -replace '__PA__','yes' | Set-Content $c",
    ],
    [
      "ForEach-Object over its lines",
      [TEMPLATE, `Get-Content ${TPL} | ForEach-Object { $_ -replace '__PA__','yes' } | Set-Content ${CONFIG}`],
      `Get-Content ${TPL} | ForEach-Object { $_ -replace '__PA__','yes' } | Set-Content ${CONFIG}`,
    ],
    [
      "String.Replace on the raw text",
      [TEMPLATE, `(Get-Content ${TPL} -Raw).Replace('__PA__','yes') | Set-Content ${CONFIG}`],
      `(Get-Content ${TPL} -Raw).Replace('__PA__','yes') | Set-Content ${CONFIG}`,
    ],
    [
      ".NET's read and write",
      [TEMPLATE, `[IO.File]::WriteAllText('${CONFIG}', [IO.File]::ReadAllText('${TPL}').Replace('__PA__','yes'))`],
      `[IO.File]::WriteAllText('${CONFIG}', [IO.File]::ReadAllText('${TPL}').Replace('__PA__','yes'))`,
    ],
    [
      "a regular expression with a group",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '(Password\\w+) __\\w+','$1 yes' | Set-Content ${CONFIG}`],
      `(Get-Content ${TPL}) -replace '(Password\\w+) __\\w+','$1 yes' | Set-Content ${CONFIG}`,
    ],
    [
      "-replace matches in any case",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '__pa__','yes' | Set-Content ${CONFIG}`],
      `(Get-Content ${TPL}) -replace '__pa__','yes' | Set-Content ${CONFIG}`,
    ],
    [
      "the template read into a variable first",
      [TEMPLATE, `$x = Get-Content ${TPL}`, `$x -replace '__PA__','yes' | Set-Content ${CONFIG}`],
      `$x -replace '__PA__','yes' | Set-Content ${CONFIG}`,
    ],
    [
      "filled into a variable, then written",
      [TEMPLATE, `$x = (Get-Content ${TPL}) -replace '__PA__','yes'`, `Set-Content ${CONFIG} $x`],
      `Set-Content ${CONFIG} $x`,
    ],
    [
      "filled in place, then copied in",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '__PA__','yes' | Set-Content ${TPL}`, `Copy-Item ${TPL} ${CONFIG}`],
      `Copy-Item ${TPL} ${CONFIG}`,
    ],
    [
      "written where the script stands",
      ["Set-Location C:\\t", "Set-Content sshd.tpl 'PasswordAuthentication __PA__'", filled("yes")],
      filled("yes"),
    ],
    ["grown by Add-Content", [TEMPLATE, `Add-Content ${TPL} 'Port 22'`, filled("yes")], filled("yes")],
  ])("%s", (_name, lines, quoted) => {
    expect(verdicts(ps(...lines))).toEqual([quoted]);
  });
});

describe("a template the script wrote, filled in with no: hardened", () => {
  it.each<[string, string[]]>([
    ["-replace", [TEMPLATE, filled("no")]],
    [
      "filled into a variable",
      [TEMPLATE, `$x = (Get-Content ${TPL}) -replace '__PA__','no'`, `Set-Content ${CONFIG} $x`],
    ],
    [
      "filled in place, then copied",
      [TEMPLATE, filled("no").replace(CONFIG, TPL), `Copy-Item ${TPL} ${CONFIG} -Force`],
    ],
    [
      "a copy of a hardened file",
      [`Set-Content C:\\t\\base 'PasswordAuthentication no'`, `Copy-Item C:\\t\\base ${CONFIG}`],
    ],
  ])("%s", (_name, lines) => {
    expect(verdicts(ps(...lines))).toEqual([]);
  });
});

describe("what the replacements make of a template the script wrote, as PowerShell makes it", () => {
  const NEVER = [INSTALL];
  it.each<[string, string[], string[]]>([
    // String.Replace and -creplace compare case: the placeholder stays, and nothing says no.
    [
      "String.Replace in another case",
      [TEMPLATE, `(Get-Content ${TPL} -Raw).Replace('__pa__','no') | Set-Content ${CONFIG}`],
      NEVER,
    ],
    [
      "-creplace in another case",
      [TEMPLATE, `(Get-Content ${TPL}) -creplace '__pa__','no' | Set-Content ${CONFIG}`],
      NEVER,
    ],
    ["a copy of a file saying nothing", ["Set-Content C:\\t\\x 'Port 22'", `Copy-Item C:\\t\\x ${CONFIG}`], NEVER],
  ])("%s: the script never writes no", (_name, lines, quoted) => {
    expect(verdicts(ps(...lines))).toEqual(quoted);
  });

  it("no filled in after a Match line holds for that block alone", () => {
    const template = `Set-Content ${TPL} "Match User bob\`nPasswordAuthentication __PA__"`;
    const [weakness] = findWindowsLoginWeaknesses([ps(template, filled("no"))]);
    expect(weakness.line).toBe(INSTALL);
    expect(weakness.note).toMatch(/only after a Match line/);
    expect(weakness.unverifiable).toBeUndefined();
  });
});

describe("a template whose text the reader does not know: from elsewhere", () => {
  const PLACED = [`?${INSTALL}`];
  it.each<[string, string[]]>([
    ["a template the script did not write", [filled("no")]],
    ["one it wrote, then downloaded over", [TEMPLATE, `Invoke-WebRequest https://x/t -OutFile ${TPL}`, filled("no")]],
    ["one it added to without writing", [`Add-Content ${TPL} 'PasswordAuthentication __PA__'`, filled("no")]],
    [
      "a replacement RE2 cannot run (a lookbehind)",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '(?<=n )__PA__','no' | Set-Content ${CONFIG}`],
    ],
    [
      "a replacement from a variable",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '__PA__',$mode | Set-Content ${CONFIG}`],
    ],
    ["a pattern from a variable", [TEMPLATE, `(Get-Content ${TPL}) -replace $p,'no' | Set-Content ${CONFIG}`]],
    [
      "a double-quoted replacement expanding a variable",
      [TEMPLATE, `(Get-Content ${TPL}) -replace '__PA__',"$m" | Set-Content ${CONFIG}`],
    ],
    [
      "a copy of sshd's own file saved earlier",
      [`Get-Content ${CONFIG} | Set-Content C:\\t\\bak`, `Copy-Item C:\\t\\bak ${CONFIG}`],
    ],
  ])("%s", (_name, lines) => {
    expect(verdicts(ps(...lines))).toEqual(PLACED);
  });

  it("a template from elsewhere filled in with yes is still only a note: its placeholder may be anywhere", () => {
    expect(verdicts(ps(filled("yes")))).toEqual(PLACED);
  });

  it("editing sshd_config itself in place is read as before", () => {
    const edit = `(Get-Content ${CONFIG}) -replace '#PasswordAuthentication yes','PasswordAuthentication yes' | Set-Content ${CONFIG}`;
    expect(verdicts(ps(edit))).toEqual([edit]);
    expect(verdicts(ps(edit.replace("'PasswordAuthentication yes'", "'PasswordAuthentication no'")))).toEqual([]);
  });
});

describe("templates of hostile size", () => {
  it("replays replacements within the script's budget, then reads the rest as text not known", () => {
    const big = `Set-Content ${TPL} '${"PasswordAuthentication __PA__ x\n".repeat(2000)}'`;
    const edits = Array.from(
      { length: 400 },
      () => `(Get-Content ${TPL}) -replace '__PA__','__PA__' | Set-Content ${TPL}`,
    );
    expect(verdicts(ps(big, ...edits, filled("no")))).toEqual([`?${INSTALL}`]);
    // Within the budget, the same template is read.
    expect(verdicts(ps(big, ...edits.slice(0, 2), filled("no")))).toEqual([]);
  });

  it("keeps no text past its cap: a template longer than 64 KB is not known", () => {
    const huge = `Set-Content ${TPL} '${"#".repeat(70_000)}\nPasswordAuthentication __PA__'`;
    expect(verdicts(ps(huge, filled("no")))).toEqual([`?${INSTALL}`]);
  });
});

describe("a file renamed into sshd_config's place carries the text the script gave it", () => {
  const NEW = "C:\\ProgramData\\ssh\\sshd_config.new";
  it.each<[string, WindowsScript, string[]]>([
    [
      "Rename-Item of a hardened file",
      ps(`Set-Content ${NEW} 'PasswordAuthentication no'`, `Rename-Item ${NEW} sshd_config`),
      [],
    ],
    [
      "Rename-Item -Path -NewName",
      ps(`Set-Content ${NEW} 'PasswordAuthentication no'`, `Rename-Item -Path ${NEW} -NewName sshd_config -Force`),
      [],
    ],
    [
      "batch ren",
      {
        language: "batch",
        text: [`sc config sshd start= auto`, `echo PasswordAuthentication no> ${NEW}`, `ren ${NEW} sshd_config`].join(
          "\r\n",
        ),
      },
      [],
    ],
    [
      "a file turning passwords on",
      ps(`Set-Content ${NEW} 'PasswordAuthentication yes'`, `Rename-Item ${NEW} sshd_config`),
      [`Rename-Item ${NEW} sshd_config`],
    ],
    ["a file the script did not write: a note", ps(`Rename-Item ${NEW} sshd_config`), [`?${INSTALL}`]],
    ["sshd_config renamed away: nothing written", ps(`Rename-Item ${CONFIG} sshd_config.old`), [INSTALL]],
    [
      "a hardened file renamed to another name",
      ps(`Set-Content ${NEW} 'PasswordAuthentication no'`, `Rename-Item ${NEW} sshd_config.bak`),
      [INSTALL],
    ],
  ])("%s", (_name, script, expected) => {
    expect(verdicts(script)).toEqual(expected);
  });
});
