// mayHoldPassword lets the masking skip a line without splitting it into words: it must answer true for every line
// the full masking changes. Lines built of the words the masking looks for, spelled in every case, cut, glued, escaped
// or swapped for look-alike letters (a Kelvin sign, a dotted capital I, a long s, a Cyrillic a, full-width letters),
// between arbitrary text; and lines the masking does change, which the check must let through.
import fc from "fast-check";
import {
  maskPasswordsOfEitherLanguage,
  maskPasswordsOfEitherLanguageFully,
  maskWindowsPasswords,
  maskWindowsPasswordsFully,
  mayHoldPassword,
} from "../../lib/windows-password-masks";
import type { WindowsLanguage } from "../../lib/windows-scripts";

const LANGUAGES: WindowsLanguage[] = ["powershell", "batch"];

/** Words the masking reads, and spellings of them it may or may not read. */
const WORDS = [
  "net",
  "net1",
  "NET.EXE",
  "C:\\Windows\\System32\\net.exe",
  "echo.net",
  "@echo:net",
  "user",
  "USERS",
  "us^er",
  "u`ser",
  "-Password",
  "-password:",
  "-AccountPassword",
  "-NewPassword:",
  "-PASS",
  "ConvertTo-SecureString",
  "convertto-SECURESTRING",
  "ConvertTo-Secure`String",
  "-AsPlainText",
  "-Key",
  ".SetPassword(",
  ".Invoke(",
  '"SetPassword"',
  "DefaultPassword",
  "-Name:DefaultPassword",
  "-Value",
  "-Value:",
  "/v",
  "/d",
  "set",
  "SET",
  "$AdminPassword",
  "$adminPwd",
  "$PW",
  "$pw_x",
  "$x_pw",
  "$SECRET",
  "$token",
  "DB_PASS=",
  '"ADMIN_PASSWORD=',
  "PW=",
  "=",
  "'",
  '"',
  "(",
  ")",
  ",",
  ";",
  "&",
  "&&",
  "|",
  "^",
  "`",
  "cmd /c",
  '/c"',
  "powershell -c",
  "%PW%",
  "!PW!",
  "$(x)",
  "Xq7^&leak",
  "Xq7;leak",
  "Xq7!a",
  "'Xq7!a'",
  '"Xq7!a"',
  "$SECRET=",
  "DB_SECRET=",
  "'a b'",
  "********",
  // Look-alikes: lower-cased, none of them is the ASCII letter the words above need.
  "\u212Aey", // Kelvin sign
  "str\u0130ng", // dotted capital I
  "\u017Fecret", // long s
  "p\u0430ss", // Cyrillic a
  "\uFF30\uFF21\uFF33\uFF33", // full-width PASS
  "\u03A3\u03A3", // sigma, lower-cased by its neighbours
  "pa ss",
  "p w",
  "se cret",
  "n et",
  "us er",
];

const word = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.fullUnicodeString({ maxLength: 3 }) },
);
const recased = (text: string, how: number) =>
  how === 0 ? text : how === 1 ? text.toUpperCase() : how === 2 ? text.toLowerCase() : text;
const line = fc
  .tuple(
    fc.array(fc.tuple(word, fc.constantFrom(" ", "", "  ", "\t")), { maxLength: 12 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([parts, how]) => recased(parts.map(([w, gap]) => w + gap).join(""), how));

describe("mayHoldPassword", () => {
  it("lets through every line the full masking changes, in either language", () => {
    fc.assert(
      fc.property(line, (l) => {
        if (mayHoldPassword(l)) return;
        for (const language of LANGUAGES) expect(maskWindowsPasswordsFully(l, language)).toBe(l);
        expect(maskPasswordsOfEitherLanguageFully(l)).toBe(l);
      }),
      { numRuns: 3_000 },
    );
  });

  it("leaves the masking as it was", () => {
    fc.assert(
      fc.property(line, (l) => {
        for (const language of LANGUAGES)
          expect(maskWindowsPasswords(l, language)).toBe(maskWindowsPasswordsFully(l, language));
        expect(maskPasswordsOfEitherLanguage(l)).toBe(maskPasswordsOfEitherLanguageFully(l));
      }),
      { numRuns: 1_500 },
    );
  });

  it.each([
    ["NET USER admin Xq7!a /add", "batch"],
    ["echo.net user admin Xq7!a", "batch"],
    ["C:\\Windows\\System32\\NET1.EXE users admin Xq7!a", "batch"],
    ['cmd /c "net user admin Xq7!a"', "batch"],
    ['cmd /c"net user admin Xq7!a"', "batch"],
    ["$s = ConvertTo-SecureString 'Xq7!a' -AsPlainText -Force", "powershell"],
    ["New-LocalUser -Name a -PASSWORD 'Xq7!a'", "powershell"],
    ["Set-ADAccountPassword a -NewPassword:'Xq7!a'", "powershell"],
    ['$u.SetPassword("Xq7!a")', "powershell"],
    ['$u.Invoke("SetPassword", "Xq7!a")', "powershell"],
    ["Set-ItemProperty -Path $p -Name DefaultPassword -Value 'Xq7!a'", "powershell"],
    ['reg add "HKLM\\x\\Winlogon" /v DefaultPassword /d Xq7!a /f', "batch"],
    ["set DB_PASS=Xq7!a", "batch"],
    ['set "ADMIN_PWD=Xq7!a"', "batch"],
    ["SET PW=Xq7!a", "batch"],
    ["set X_PW=Xq7!a", "batch"],
    ["$SECRET = 'Xq7!a'", "powershell"],
    ["$pw='Xq7!a'", "powershell"],
    ['$Pw_Admin = "Xq7!a"', "powershell"],
    ["powershell -c 'net user admin Xq7!a'", "powershell"],
  ] as const)("%s (%s) is let through and masked", (l, language) => {
    expect(mayHoldPassword(l)).toBe(true);
    expect(maskWindowsPasswords(l, language)).not.toBe(l);
    expect(maskWindowsPasswords(l, language)).toBe(maskWindowsPasswordsFully(l, language));
    expect(maskPasswordsOfEitherLanguage(l)).toBe(maskPasswordsOfEitherLanguageFully(l));
  });

  it.each([
    "Write-Host 'Configuring the instance'",
    "Install-WindowsFeature -Name Web-Server -IncludeManagementTools",
    "Copy-Item C:\\temp\\a.txt C:\\backup\\",
    "Get-Service -Name W32Time | Start-Service",
  ])("%s cannot hold a password", (l) => {
    expect(mayHoldPassword(l)).toBe(false);
    expect(maskPasswordsOfEitherLanguageFully(l)).toBe(l);
  });
});
