// An edit of Windows OpenSSH's sshd_config in place is read by what its replacements make of the stock file: a
// group reference (`'#?(PasswordAuthentication) yes','$1 no'`) writes the directive though the replacement does not
// spell it. Replacements that cannot be replayed (a variable, a lookbehind) are read by their text, as before.
import { findWindowsLoginWeaknesses } from "../../lib/windows-login-weaknesses";
import { replacementsOf, replayReplacements } from "../../lib/windows-replacements";
import { MatchBudget } from "../../lib/userdata-sed-regex";
import { WINDOWS_STOCK_SSHD_CONFIG } from "../../lib/windows-sshd-stock";
import { CONFIG, OPEN, kinds, ps } from "./windows-sshd-fixtures";

const edit = (replace: string, read = `(Get-Content ${CONFIG})`) => `${read} ${replace} | Set-Content ${CONFIG}`;

describe("the stock file Windows OpenSSH ships", () => {
  it("comments PasswordAuthentication out at yes, before its closing Match Group administrators block", () => {
    const lines = WINDOWS_STOCK_SSHD_CONFIG.split("\n");
    const password = lines.indexOf("#PasswordAuthentication yes");
    const match = lines.indexOf("Match Group administrators");
    expect(password).toBeGreaterThan(0);
    expect(match).toBeGreaterThan(password);
    expect(lines.filter((l) => /^\s*PasswordAuthentication/i.test(l))).toEqual([]);
  });
});

describe("an edit in place whose replacement refers to a group", () => {
  it.each<[string, string]>([
    ["$1 no", edit(`-replace '#?(PasswordAuthentication) yes','$1 no'`)],
    ["anchored, blanks matched", edit(`-replace '^#(PasswordAuthentication)\\s+yes','$1 no'`)],
    ["the file read whole", edit(`-replace '#(PasswordAuthentication) yes','$1 no'`, `(Get-Content ${CONFIG} -Raw)`)],
    ["a named group", edit(`-replace '#(?<d>PasswordAuthentication) yes','\${d} no'`)],
    [
      "through a variable",
      edit(`-replace '#?(PasswordAuthentication) yes','$1 no'`, "(Get-Content $c)").replace(CONFIG, "$c"),
    ],
  ])("%s: hardened", (_name, line) => {
    expect(kinds(ps(`$c = "${CONFIG}"`, line, "Start-Service sshd"))).toEqual([]);
  });

  it("uncommenting the stock yes turns passwords on, quoting the edit", () => {
    const line = edit(`-replace '#(PasswordAuthentication) yes','$1 yes'`);
    expect(findWindowsLoginWeaknesses([ps(line)])).toEqual([{ kind: "password-authentication", line }]);
  });

  it.each<[string, string]>([
    ["a pattern the stock file does not hold", edit(`-replace '#(PasswordAuthentication) no','$1 no'`)],
    ["a replacement the reader cannot know", edit(`-replace '#?(PasswordAuthentication) yes',"$r"`)],
    ["-creplace in another case", edit(`-creplace '#?(passwordauthentication) yes','$1 no'`)],
  ])("%s: nothing hardened", (_name, line) => {
    expect(kinds(ps(line, "Start-Service sshd"))).toEqual(OPEN);
  });

  it("leaves a replacement that spells the directive read as before", () => {
    const line = edit(`-replace '#PasswordAuthentication yes','PasswordAuthentication no'`);
    expect(kinds(ps(line, "Start-Service sshd"))).toEqual([]);
    expect(kinds(ps(line.replace("PasswordAuthentication no", "PasswordAuthentication yes")))).toEqual(OPEN);
  });
});

describe("the stock lines replayed", () => {
  it("makes the uncommented directive where the stock file had it", () => {
    const replacements = replacementsOf(`-replace '#?(PasswordAuthentication) yes','$1 no'`) ?? [];
    const edited = replayReplacements(WINDOWS_STOCK_SSHD_CONFIG, replacements, true, new MatchBudget());
    const lines = edited?.split("\n") ?? [];
    expect(lines).toContain("PasswordAuthentication no");
    expect(lines.indexOf("PasswordAuthentication no")).toBe(
      WINDOWS_STOCK_SSHD_CONFIG.split("\n").indexOf("#PasswordAuthentication yes"),
    );
  });
});
