// Gaps of the Windows reader: batch's redirection written before an echo into a file that is no script; `echo.`,
// `echo:` and `echo(` with the text glued to the mark, written to a script; a backtick-escaped `$name` written into a
// .ps1, which is the script's own variable there, seeing the writer's value where the file sets none; arrays of lines
// written with Set-Content; groups of echoes mixed with another command, a variable the calling batch set seen there.
// After review: arrays over several lines, in parentheses, glued to -Value:, grown with +=, piped, or run together
// by -NoNewline; handles redirected before an echo into a log; passwords starting with $ or a backtick, or holding a
// parenthesis, masked whole; echo. and echo( to the console read as echo is.
// Script text lives only in these strings; nothing here runs it.
import { windowsStatements } from "../../lib/windows-statements";
import { bat, messages, NET_USER, PASSWORD, ps, REG_NO_NLA, SETS_PASSWORD } from "../policies/windows-nested-fixtures";

const OUTSIDE = "the password comes from outside the script";
const MASKED_NET_USER = "net user ops ******** /add";
/** The finding of a password spelled in the script, quoting `line`. */
const spelled = (line: string) => `userData ${SETS_PASSWORD}: "${line}"`;
/** The note of a password whose value comes from outside the script, quoting `line`. */
const outside = (line: string) =>
  `cannot be verified at preview: userData may set a login password: "${line}" (${OUTSIDE})`;

/** The messages about passwords, after checking that none quotes the password, nor any of `secrets`. */
const passwordMessages = (userData: string, ...secrets: string[]) => {
  const all = messages(userData);
  for (const secret of [PASSWORD, ...secrets]) expect(all.join("\n")).not.toContain(secret);
  return all.filter((m) => m.includes("password"));
};

describe("batch redirection written before the command", () => {
  it.each([
    ["> then the path", `> C:\\log.txt echo ${NET_USER}`],
    [">path glued", `>C:\\log.txt echo ${NET_USER}`],
    ["stdout's handle", `1> C:\\log.txt echo ${NET_USER}`],
    ["appending", `>> C:\\log.txt echo ${NET_USER}`],
    ["a quoted path with a blank", `> "C:\\setup log.txt" echo ${NET_USER}`],
    ["@echo", `> C:\\log.txt @echo ${NET_USER}`],
  ])("%s: the echo writes text to a log, no password set", (_name, line) => {
    expect(passwordMessages(bat(line))).toEqual([]);
  });

  it.each([
    ["the echo alone, to the console", `echo ${NET_USER}`, `echo ${MASKED_NET_USER}`],
    ["stderr redirected first, the echo to the console", `2> C:\\err.txt echo ${NET_USER}`, undefined],
    ["a command after the echo to the log", `> C:\\log.txt echo starting & ${NET_USER}`, undefined],
  ])("%s: spelled", (_name, line, quoted) => {
    const found = passwordMessages(bat(line));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(SETS_PASSWORD);
    if (quoted !== undefined) expect(found).toEqual([spelled(quoted)]);
  });

  it.each([
    ["redirected after, run with call", [`echo ${NET_USER} > C:\\x.cmd`, "call C:\\x.cmd"]],
    ["redirected after, run by its path", [`echo ${NET_USER} > C:\\x.cmd`, "C:\\x.cmd"]],
    ["redirected first, run with call", [`> C:\\x.cmd echo ${NET_USER}`, "call C:\\x.cmd"]],
    ["redirected first with the handle, a .bat", [`1> C:\\x.bat echo ${NET_USER}`, "C:\\x.bat"]],
  ])("echo into a script %s: the script's line is found", (_name, lines) => {
    expect(passwordMessages(bat(...lines))).toEqual([spelled(MASKED_NET_USER)]);
  });
});

describe("batch echo glued to its mark, written to a script", () => {
  it.each([
    ["echo.", `echo.${NET_USER} > C:\\x.cmd`],
    ["echo:", `echo:${NET_USER} > C:\\x.cmd`],
    ["echo(", `echo(${NET_USER} > C:\\x.cmd`],
    ["@echo.", `@echo.${NET_USER} >> C:\\x.bat`],
    ["echo. with the redirection first", `> C:\\x.cmd echo.${NET_USER}`],
    ["echo( in a group of echoes", `(echo(${NET_USER} & echo.done) > C:\\x.cmd`],
  ])("%s: the script's line is found", (_name, line) => {
    expect(passwordMessages(bat(line, "C:\\x.cmd"))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("echo( over the lines of a group is read too", () => {
    expect(passwordMessages(bat("(", `echo(${NET_USER}`, ") > C:\\x.cmd"))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    ["echo. into a log", `echo.${NET_USER} > C:\\x.txt`],
    ["echo( into a log", `echo(${NET_USER} > C:\\x.txt`],
    ["echo: into a log, redirected first", `> C:\\x.txt echo:${NET_USER}`],
    ["echo. of a prompting net user into a script", "echo.net user ops * > C:\\x.cmd"],
  ])("%s: no password set", (_name, line) => {
    expect(passwordMessages(bat(line))).toEqual([]);
  });
});

describe("a backtick-escaped $name written into a .ps1 is the file's own variable, else the writer's", () => {
  const ESCAPED = 'Set-Content C:\\s.ps1 "net user ops `$pw /add"';

  const SINGLE = "Set-Content C:\\s.ps1 'net user ops $pw /add'";
  const WRITER_SETS = "$pw = 'Xq7leak'";
  /** The password messages, after checking that no message quotes the writer's password. */
  const withoutWritersPassword = (lines: string[]) => {
    const all = messages(ps(...lines));
    expect(all.join("\n")).not.toContain("Xq7leak");
    return all.filter((m) => m.includes("password"));
  };

  it.each([
    ["run with &", [ESCAPED, "& C:\\s.ps1"]],
    ["dot-sourced", [ESCAPED, ". C:\\s.ps1"]],
    ["run by its path", [ESCAPED, "C:\\s.ps1"]],
    ["run with -File", [ESCAPED, "powershell -File C:\\s.ps1"]],
    ["single quotes, not run", [SINGLE]],
    ["the writer's $pw read from a prompt", ["$pw = Read-Host", ESCAPED, "& C:\\s.ps1"]],
    ["the writer sets another variable", ["$other = 'Xq7leak'", ESCAPED, "& C:\\s.ps1"]],
    ["the writer sets $pw only after it runs the file", [ESCAPED, "& C:\\s.ps1", WRITER_SETS]],
    [
      "the file's own $pw, from a prompt, over the writer's",
      [WRITER_SETS, 'Set-Content C:\\s.ps1 "`$pw = Read-Host`nnet user ops `$pw /add"', "& C:\\s.ps1"],
    ],
  ])("the writer's $pw not set, %s: the note of a value from outside, quoting $pw", (_name, lines) => {
    expect(withoutWritersPassword(lines)).toEqual([outside("net user ops $pw /add")]);
  });

  // PowerShell runs a file with `&` or by its path in a child scope and dot-sourced in the caller's: both see the
  // caller's variables. Run in a new process (`-File`) it does not, but the password is still spelled in the user
  // data, and the reader, reading the file where it is written, cannot tell how it runs.
  it.each([
    ["run with &", [WRITER_SETS, ESCAPED, "& C:\\s.ps1"]],
    ["dot-sourced", [WRITER_SETS, ESCAPED, ". C:\\s.ps1"]],
    ["run by its path", [WRITER_SETS, ESCAPED, "C:\\s.ps1"]],
    ["single quotes, run with &", [WRITER_SETS, SINGLE, "& C:\\s.ps1"]],
    ["single quotes, dot-sourced", [WRITER_SETS, SINGLE, ". C:\\s.ps1"]],
    ["single quotes, not run", [WRITER_SETS, SINGLE]],
    ["all in one statement", [`${WRITER_SETS}; ${SINGLE}; & C:\\s.ps1`]],
    ["escaped, all in one statement", [`${WRITER_SETS}; ${ESCAPED}; . C:\\s.ps1`]],
    ["run with Invoke-Expression of its text", [WRITER_SETS, SINGLE, "Invoke-Expression (Get-Content C:\\s.ps1 -Raw)"]],
    ["run with powershell -File", [WRITER_SETS, ESCAPED, "powershell -File C:\\s.ps1"]],
    [
      "run with powershell.exe -ExecutionPolicy Bypass -File",
      [WRITER_SETS, SINGLE, "powershell.exe -ExecutionPolicy Bypass -File C:\\s.ps1"],
    ],
    ["run with pwsh -File", [WRITER_SETS, ESCAPED, "pwsh -File C:\\s.ps1"]],
    [
      "started with Start-Process powershell -File",
      [WRITER_SETS, SINGLE, "Start-Process powershell -ArgumentList '-File C:\\s.ps1'"],
    ],
    [
      "Out-File, run with -File",
      [WRITER_SETS, '"net user ops `$pw /add" | Out-File C:\\s.ps1', "powershell -File C:\\s.ps1"],
    ],
    ["Write-Output redirected", [WRITER_SETS, 'Write-Output "net user ops `$pw /add" > C:\\s.ps1']],
    ["a here-string", [WRITER_SETS, '@"', "net user ops `$pw /add", '"@ | Set-Content C:\\s.ps1']],
    [
      "set between the file's first line and the line Add-Content adds",
      ["Set-Content C:\\s.ps1 'Write-Host hi'", WRITER_SETS, "Add-Content C:\\s.ps1 'net user ops $pw /add'"],
    ],
  ])("the writer's $pw set to a spelled password, %s: spelled, the password not quoted", (_name, lines) => {
    expect(withoutWritersPassword(lines)).toEqual([spelled("net user ops $pw /add")]);
  });

  it.each([
    ["run with &", "& C:\\s.ps1"],
    ["run with -File", "powershell -File C:\\s.ps1"],
  ])("the writer's $pw expanded into the file, %s: spelled and masked", (_name, run) => {
    const lines = [WRITER_SETS, 'Set-Content C:\\s.ps1 "net user ops $pw /add"', run];
    expect(withoutWritersPassword(lines)).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("a long statement of assignments that writes and runs the file is read whole", () => {
    const assignments = Array.from({ length: 20000 }, (_, i) => `$v${i} = $v${i - 1} + 'x'`).join("; ");
    expect(withoutWritersPassword([`${assignments}; ${WRITER_SETS}; ${SINGLE}; & C:\\s.ps1`])).toEqual([
      spelled("net user ops $pw /add"),
    ]);
  });

  it("the writer's $pw generated: no password spelled, nor one from outside", () => {
    const lines = ["$pw = [System.Web.Security.Membership]::GeneratePassword(16, 2)", SINGLE, "& C:\\s.ps1"];
    expect(withoutWritersPassword(lines)).toEqual([]);
  });

  it.each([
    ["on the line before, a `n apart", [`Set-Content C:\\s.ps1 "\`$pw = '${PASSWORD}'\`nnet user ops \`$pw /add"`]],
    [
      "by Set-Content, then used by a line Add-Content adds",
      [`Set-Content C:\\s.ps1 "\`$pw = '${PASSWORD}'"`, 'Add-Content C:\\s.ps1 "net user ops `$pw /add"'],
    ],
    [
      "the writer's $pw unknown",
      ["$pw = Read-Host", `Set-Content C:\\s.ps1 "\`$pw = '${PASSWORD}'\`r\`nnet user ops \`$pw /add"`],
    ],
  ])("set in the file %s: spelled, and the password not quoted", (_name, lines) => {
    expect(passwordMessages(ps(...lines, "& C:\\s.ps1"))).toEqual([spelled("net user ops $pw /add")]);
  });

  it.each([
    ["an unescaped $pw the writer set", ["$pw = 'Xq7leak'", 'Set-Content C:\\s.ps1 "net user ops $pw /add"']],
    ["doubled quotes around the password", [`Set-Content C:\\s.ps1 "net user ops ""${PASSWORD}"" /add"`]],
  ])("%s: the writer's text is spelled", (_name, lines) => {
    const all = messages(ps(...lines));
    expect(all.join("\n")).not.toMatch(new RegExp(`Xq7leak|${PASSWORD}`));
    expect(all.filter((m) => m.includes(SETS_PASSWORD))).toHaveLength(1);
  });
});

describe("arrays of lines a file writer writes", () => {
  it.each([
    ["-Value @(…)", [`Set-Content -Path C:\\s.ps1 -Value @('${NET_USER}', 'Enable-PSRemoting')`, "& C:\\s.ps1"]],
    ["-Value a,b glued", [`Set-Content C:\\s.ps1 -Value 'Write-Host hi','${NET_USER}'`, "powershell -File C:\\s.ps1"]],
    ["-Value a, b apart", [`Set-Content C:\\s.ps1 -Value 'Write-Host hi', '${NET_USER}' -Encoding UTF8`]],
    ["by position, a ,b", [`Set-Content C:\\s.ps1 'Write-Host hi' ,'${NET_USER}'`]],
    ["a variable holding @(…)", [`$lines = @('Write-Host hi', '${NET_USER}')`, "Set-Content C:\\s.ps1 $lines"]],
    [
      "a variable set in the same statement",
      [`$lines = 'Write-Host hi', '${NET_USER}'; Add-Content -Path C:\\s.ps1 -Value $lines`],
    ],
    ["Out-File of an array", [`Out-File -FilePath C:\\s.ps1 -InputObject @('Write-Host hi', '${NET_USER}')`]],
  ])("%s: each element a line of the script", (_name, lines) => {
    expect(passwordMessages(ps(...lines))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("an element setting a variable a later element uses", () => {
    const lines = `$lines = @('$pw = "${PASSWORD}"', 'net user ops $pw /add')`;
    expect(passwordMessages(ps(lines, "Set-Content C:\\s.ps1 $lines", "& C:\\s.ps1"))).toEqual([
      spelled("net user ops $pw /add"),
    ]);
  });

  it("a weakness other than a password on its own element", () => {
    const all = messages(ps(`Set-Content C:\\s.ps1 -Value @('Write-Host hi', '${REG_NO_NLA}')`));
    expect(all.some((m) => m.includes("UserAuthentication"))).toBe(true);
  });

  it.each([
    ["to a file that is no script", `Set-Content C:\\s.txt -Value @('${NET_USER}', 'Write-Host hi')`],
    ["with an element the script does not spell", `Set-Content C:\\s.ps1 -Value @('${NET_USER}', (Get-Date))`],
    ["harmless lines", "Set-Content C:\\s.ps1 -Value 'Write-Host hi', 'ipconfig /all'"],
  ])("%s: no password set", (_name, line) => {
    expect(passwordMessages(ps(line))).toEqual([]);
  });

  it("a long array is read whole", () => {
    const harmless = Array.from({ length: 20000 }, (_, i) => `'Write-Host ${i}'`).join(",");
    expect(passwordMessages(ps(`Set-Content C:\\s.ps1 -Value @(${harmless}, '${NET_USER}')`))).toEqual([
      spelled(MASKED_NET_USER),
    ]);
  });
});

describe("groups of echoes redirected to a script", () => {
  it("echoes only: each line is read", () => {
    const group = `(echo ${NET_USER} & echo net localgroup administrators ops /add) > C:\\x.cmd`;
    expect(passwordMessages(bat(group, "call C:\\x.cmd"))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("mixed with a command whose output is unknown: the spelled lines are read", () => {
    const group = `(echo ${NET_USER} & type C:\\more.txt) > C:\\x.cmd`;
    expect(passwordMessages(bat(group, "call C:\\x.cmd"))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("a variable set before the unknown output is not taken as set for lines appended later", () => {
    const found = passwordMessages(
      bat(`(echo set PW=${PASSWORD} & type C:\\more.txt) > C:\\x.cmd`, "echo net user ops %%PW%% /add >> C:\\x.cmd"),
    );
    expect(found.filter((m) => m.includes(SETS_PASSWORD))).toEqual([]);
    expect(found).toEqual([outside("net user ops %PW% /add")]);
  });

  it("a variable the calling script set is seen by the script it calls", () => {
    const found = passwordMessages(
      bat(`set PW=${PASSWORD}`, "(echo net user ops %%PW%% /add & type C:\\more.txt) > C:\\x.cmd", "call C:\\x.cmd"),
    );
    expect(found).toEqual([spelled("net user ops %PW% /add")]);
  });

  it.each([
    ["to a log", `(echo ${NET_USER} & type C:\\more.txt) > C:\\x.txt`],
    ["piped inside the group", `(echo ${NET_USER} | more) > C:\\x.cmd`],
  ])("%s: no password set", (_name, line) => {
    expect(passwordMessages(bat(line))).toEqual([]);
  });
});

describe("arrays of lines written over several lines", () => {
  const ELEMENTS = ["'Write-Host hi'", `'${NET_USER}'`];

  it.each([
    ["@( … ), run with &", ["Set-Content C:\\s.ps1 -Value @(", ...ELEMENTS, ")", "& C:\\s.ps1"]],
    ["@( … ), not run", ["Set-Content C:\\s.ps1 -Value @(", ...ELEMENTS, ")"]],
    [
      "@( … ) with commas at the lines' ends",
      ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi',", `'${NET_USER}'`, ")"],
    ],
    [
      "@( … ) with commas at the lines' starts",
      ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi'", `, '${NET_USER}'`, ")"],
    ],
    [
      "indented, the first element on the opening line",
      [`Set-Content C:\\s.ps1 -Value @('Write-Host hi'`, `    '${NET_USER}'`, "  )"],
    ],
    ["a variable holding @( … )", ["$l = @(", ...ELEMENTS, ")", "Set-Content C:\\s.ps1 $l", "& C:\\s.ps1"]],
    [
      "( … ) with commas at the lines' ends",
      ["Set-Content C:\\s.ps1 -Value (", "'Write-Host hi',", `'${NET_USER}'`, ")"],
    ],
    ["commas at the lines' ends, no parentheses", ["Set-Content C:\\s.ps1 -Value 'Write-Host hi',", `'${NET_USER}'`]],
    ["piped to Set-Content", ["@(", ...ELEMENTS, ") | Set-Content C:\\s.ps1"]],
    ["a here-string element", ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi'", "@'", NET_USER, "'@", ")"]],
    [
      "a comment among the elements",
      ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi' # greet", `'${NET_USER}'`, ")"],
    ],
  ])("%s: each element a line of the script", (_name, lines) => {
    expect(passwordMessages(ps(...lines))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    ["to a file that is no script", ["Set-Content C:\\s.txt -Value @(", ...ELEMENTS, ")"]],
    ["with an element the script does not spell", ["Set-Content C:\\s.ps1 -Value @(", "(Get-Date)", ...ELEMENTS, ")"]],
    // Inside plain parentheses a new line separates nothing: PowerShell fails to parse it, and nothing is written.
    ["( … ) without commas", ["Set-Content C:\\s.ps1 -Value (", ...ELEMENTS, ")"]],
    ["harmless lines", ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi'", "'ipconfig /all'", ")"]],
  ])("%s: no password set", (_name, lines) => {
    expect(passwordMessages(ps(...lines))).toEqual([]);
  });

  it.each([
    ["a command inside @( … )", ["$r = @(", NET_USER, ")"]],
    ["parentheses left open to the end", ["Set-Content C:\\s.ps1 -Value @(", "'Write-Host hi'", NET_USER]],
    ["a command after a line left open", ["Write-Host (", NET_USER]],
  ])("%s: the lines are read one by one, the command's line spelled", (_name, lines) => {
    expect(passwordMessages(ps(...lines))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    ["a param block", ["param(", "  [string]$User = 'ops',", `  [string]$Password = '${PASSWORD}'`, ")"]],
    ["a param block, attributes first", ["param(", "  [Parameter()]", `  [string]$Password = '${PASSWORD}'`, ")"]],
    ["assignments inside @( … )", ["$null = @(", "  $User = 'ops'", `  $Password = '${PASSWORD}'`, ")"]],
  ])("%s: its defaults are read as assignments, the password they give spelled", (_name, lines) => {
    expect(passwordMessages(ps(...lines, "net user $User $Password /add"))).toEqual([
      spelled("net user $User $Password /add"),
    ]);
  });

  it.each([
    ["values", ["$l = @(", "'a'", "$b", ")"], ["$l = @('a', $b)"]],
    ["a group over lines", ["$x = (", "'a' +", "'b'", ")"], ["$x = ('a' + 'b')"]],
    ["commands", ["$r = @(", "Get-Date", ")", "Write-Host x"], ["$r = @(", "Get-Date", ")", "Write-Host x"]],
  ])("windowsStatements joins %s as PowerShell reads them", (_name, lines, expected) => {
    expect(windowsStatements(lines.join("\n"), "powershell")).toEqual(expected);
  });

  it("batch's parentheses are left to its groups", () => {
    expect(windowsStatements("echo (\r\n'a'\r\n)", "batch")).toEqual(["echo (", "'a'", ")"]);
  });

  it("a long array over lines is read whole", () => {
    const array = (n: number) =>
      ps(
        "Set-Content C:\\s.ps1 -Value @(",
        ...Array.from({ length: n }, (_, i) => `'Write-Host ${i}'`),
        ...ELEMENTS,
        ")",
      );
    expect(passwordMessages(array(20000))).toEqual([spelled(MASKED_NET_USER)]);
  });
});

describe("other array forms a file writer writes", () => {
  it.each([
    ["parentheses without @", [`Set-Content C:\\s.ps1 -Value ('Write-Host hi', '${NET_USER}')`]],
    ["-Value:@( … )", [`Set-Content C:\\s.ps1 -Value:@('Write-Host hi', '${NET_USER}')`]],
    ["-Value:'…'", [`Set-Content C:\\s.ps1 -Value:'${NET_USER}'`]],
    ["-Value: and elements apart", [`Set-Content C:\\s.ps1 -Value:'Write-Host hi', '${NET_USER}'`]],
    ["grown with +=", [`$l = @('Write-Host hi'); $l += '${NET_USER}'; Set-Content C:\\s.ps1 $l`]],
    [
      "grown with += over statements",
      ["$l = @()", "$l += 'Write-Host hi'", `$l += '${NET_USER}'`, "Set-Content C:\\s.ps1 $l"],
    ],
    [
      "grown by another array",
      ["$l = @('Write-Host hi')", `$l = $l + @('ipconfig', '${NET_USER}')`, "Set-Content C:\\s.ps1 $l"],
    ],
    ["piped, elements apart", [`'Write-Host hi', '${NET_USER}' | Set-Content C:\\s.ps1`]],
    ["piped, a variable holding the array", [`$l = 'Write-Host hi', '${NET_USER}'`, "$l | Out-File C:\\s.ps1"]],
    ["run together by -NoNewline", ["Set-Content C:\\s.ps1 -NoNewline -Value 'net user ops ', 'Winter2024! /add'"]],
    [
      "run together by -NoNewline, a variable holding the array",
      ["$l = 'net user ops ', 'Winter', '2024! /add'", "Set-Content C:\\s.ps1 $l -NoNewline", "& C:\\s.ps1"],
    ],
  ])("%s: the script's line is found", (_name, lines) => {
    expect(passwordMessages(ps(...lines), "Winter2024", "2024!")).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("-NoNewline runs the password's pieces together, none of them quoted", () => {
    const line = "Set-Content C:\\s.ps1 -NoNewline -Value 'net user ops ', 'Zq9Kxpw /add'";
    expect(passwordMessages(ps(line), "Zq9Kxpw")).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    [
      "the same array without -NoNewline: the password on a line of its own",
      ["Set-Content C:\\s.ps1 -Value 'net user ops ', 'Zq9Kxpw /add'"],
    ],
    ["piped to a file that is no script", [`'Write-Host hi', '${NET_USER}' | Set-Content C:\\s.txt`]],
    [
      "grown with an element the script does not spell",
      ["$l = @('Write-Host hi')", "$l += (Get-Date)", "Set-Content C:\\s.ps1 $l"],
    ],
    ["-Value: to a file that is no script", [`Set-Content C:\\s.txt -Value:'${NET_USER}'`]],
  ])("%s: no password set", (_name, lines) => {
    expect(passwordMessages(ps(...lines), "Zq9Kxpw")).toEqual([]);
  });

  it("+= on a string still joins text", () => {
    const lines = ["$c = 'net user ops '", `$c += '${PASSWORD} /add'`, "Set-Content C:\\s.ps1 $c"];
    expect(passwordMessages(ps(...lines))).toEqual([spelled(MASKED_NET_USER)]);
  });

  it("n elements added one by one, each array written, are read whole", () => {
    const appends = Array.from({ length: 5000 }, () => "$l += ''; Set-Content C:\\s.ps1 -NoNewline $l").join("\n");
    expect(passwordMessages(ps("$l = @()", appends, `$l += '${NET_USER}'`, "Set-Content C:\\s.ps1 $l"))).toEqual([
      spelled(MASKED_NET_USER),
    ]);
  });
});

describe("handles redirected before an echo into a log", () => {
  it.each([
    ["stdout to the log, then stderr joined to it", `>C:\\setup.log 2>&1 echo ${NET_USER}`],
    ["stderr to nul, then stdout to the log", `2>nul >C:\\setup.log echo ${NET_USER}`],
    ["stderr joined first, then stdout to the log", `2>&1 >C:\\setup.log echo ${NET_USER}`],
    ["stdout's handle named, appending", `1>>C:\\setup.log 2>nul echo ${NET_USER}`],
    ["input redirected, stdout to the log", `<nul >C:\\setup.log echo ${NET_USER}`],
    ["the redirections after the words", `echo ${NET_USER} >C:\\setup.log 2>&1`],
    ["stderr first after the words", `echo ${NET_USER} 2>nul >C:\\setup.log`],
  ])("%s: no password set", (_name, line) => {
    expect(passwordMessages(bat(line))).toEqual([]);
  });

  it.each([
    ["stderr to nul, the echo to the console", `2>nul echo ${NET_USER}`],
    ["stdout to the log, then to stderr", `>C:\\setup.log 1>&2 echo ${NET_USER}`],
    ["stderr to a log after the words", `echo ${NET_USER} 2>C:\\err.log`],
    ["stdout to a script", `>C:\\setup.cmd 2>&1 echo ${NET_USER}`],
    ["a command after the joined handles", `>C:\\setup.log 2>&1 echo starting & ${NET_USER}`],
  ])("%s: spelled", (_name, line) => {
    const found = passwordMessages(bat(line));
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(SETS_PASSWORD);
  });
});

describe("passwords masked whole", () => {
  it.each([
    [
      "batch, $ first, echo( into a script run",
      ["echo(net user ops $zq9Kx /add > C:\\x.cmd", "call C:\\x.cmd"],
      "$zq9Kx",
    ],
    [
      "batch, $ first, a group of echoes",
      ["(echo net user ops $zq9Kx /add & type y) > C:\\x.cmd", "call C:\\x.cmd"],
      "$zq9Kx",
    ],
    ["batch, $ first, on its own", ["net user ops $zq9Kx /add"], "$zq9Kx"],
    ["batch, a backtick first", ["net user ops `zq9Kx /add"], "`zq9Kx"],
    [
      "batch, a parenthesis inside, echo( into a script",
      ["echo(net user ops Ab1)zq9Kx /add > C:\\x.cmd", "C:\\x.cmd"],
      "Ab1)zq9Kx",
    ],
    ["batch, parentheses around and inside", ["net user ops (Ab1)zq9Kx /add"], "(Ab1)zq9Kx"],
  ])("%s: masked, no piece of it quoted", (_name, lines, password) => {
    const found = passwordMessages(bat(...lines), password.slice(1), password.slice(0, -1));
    expect(found).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    [
      "a backtick-escaped backtick before the writer's $pw",
      ["$pw='Xq7leak'; Set-Content C:\\s.ps1 \"net user ops ``$pw /add\"", "& C:\\s.ps1"],
    ],
    ["a backtick first, on its own", ["net user ops `Xq7leak /add"]],
  ])("PowerShell, %s: masked, no piece of it quoted", (_name, lines) => {
    expect(passwordMessages(ps(...lines), "Xq7leak", "q7lea")).toEqual([spelled(MASKED_NET_USER)]);
  });

  it.each([
    ["batch's %PW% read from a prompt", bat("set /p PW=Password:", "net user ops %PW% /add"), "net user ops %PW% /add"],
    ["PowerShell's $pw read from a prompt", ps("$pw = Read-Host", "net user ops $pw /add"), "net user ops $pw /add"],
    [
      "PowerShell's $pw from a store, handed to cmd",
      ps("$pw = (Get-SSMParameter -Name /admin).Value", 'cmd /c "net user ops $pw /add"'),
      "net user ops $pw /add",
    ],
  ])("%s: the reference stays readable", (_name, userData, line) => {
    expect(passwordMessages(userData)).toEqual([outside(line)]);
  });
});

describe("echo glued to its mark, printed to the console", () => {
  it.each([
    ["echo.", "echo."],
    ["echo(", "echo("],
    ["echo:", "echo:"],
    ["@echo.", "@echo."],
    ["echo and a blank", "echo "],
  ])("%s: spelled and masked, as echo's", (_name, echo) => {
    expect(passwordMessages(bat(`${echo}${NET_USER}`))).toEqual([spelled(`${echo}${MASKED_NET_USER}`)]);
  });

  it.each([
    ["echo. into a log", `echo.${NET_USER} > C:\\x.txt`],
    ["echo( into a log, stderr joined", `>C:\\x.txt 2>&1 echo(${NET_USER}`],
    ["echo. of a prompting net user", "echo.net user ops *"],
  ])("%s: no password set", (_name, line) => {
    expect(passwordMessages(bat(line))).toEqual([]);
  });
});
