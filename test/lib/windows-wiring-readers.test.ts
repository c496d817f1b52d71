// The readers that hand Windows scripts to the Windows reader: a Windows Dockerfile's RUN lines in the language of
// the shell in force, and the text ConvertTo-SecureString converts. Script text lives only in these strings.
import { windowsDockerfileScripts } from "../../lib/windows-dockerfiles";
import { plainTextOfSecureString } from "../../lib/windows-secure-strings";

describe("windowsDockerfileScripts", () => {
  it("reads RUN in cmd until a SHELL names PowerShell, and in cmd again after one names cmd", () => {
    const dockerfile = [
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
      "RUN echo one",
      'SHELL ["pwsh.exe", "-Command"]',
      "RUN Write-Host two",
      'SHELL ["C:\\\\Windows\\\\System32\\\\cmd.exe", "/S", "/C"]',
      "RUN echo three",
    ].join("\n");
    expect(windowsDockerfileScripts(dockerfile)).toEqual([
      { language: "batch", text: "echo one" },
      { language: "powershell", text: "Write-Host two" },
      { language: "batch", text: "echo three" },
    ]);
  });

  it("reads an exec form by its own interpreter, and a program run directly as cmd reads its words", () => {
    const dockerfile = [
      'RUN ["powershell", "-NoProfile", "-c", "Write-Host", "hi"]',
      'RUN ["cmd", "/S", "/C", "echo hi"]',
      'RUN ["net", "user", "ops", "a b", "/add"]',
      'RUN ["powershell", "-File", "setup.ps1"]',
    ].join("\n");
    expect(windowsDockerfileScripts(dockerfile)).toEqual([
      { language: "powershell", text: "Write-Host hi" },
      { language: "batch", text: "echo hi" },
      { language: "batch", text: 'net user ops "a b" /add' },
    ]);
  });

  it("leaves RUN unread under a SHELL it cannot read", () => {
    expect(windowsDockerfileScripts('SHELL ["bash", "-c"]\nRUN echo hi')).toEqual([]);
  });
});

describe("plainTextOfSecureString", () => {
  it.each([
    ["(ConvertTo-SecureString Pw -AsPlainText -Force)", "Pw"],
    ["ConvertTo-SecureString 'Pw' -AsPlainText -Force", "'Pw'"],
    ["ConvertTo-SecureString -AsPlainText -Force -String Pw", "Pw"],
    ["ConvertTo-SecureString -String:$pw -AsPlainText", "$pw"],
    ["ConvertTo-SecureString -Key $key -AsPlainText -Force Pw", "Pw"],
  ])("%s converts %s", (expression, text) => {
    expect(plainTextOfSecureString(expression)).toBe(text);
  });

  it.each(["ConvertTo-SecureString $encrypted -Key $key", "Read-Host -AsSecureString", "(Get-Credential).Password"])(
    "%s is no plain-text conversion",
    (expression) => {
      expect(plainTextOfSecureString(expression)).toBeUndefined();
    },
  );
});
