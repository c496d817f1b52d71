// Hardened lines deleted through a temporary file: `grep -v`, `sed '/…/d'` or `awk '!/…/'` into a file moved or
// copied back over sshd's configuration. sshd then falls back to its default for what the deleted line set.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { invertedGrep } from "../../lib/userdata-grep";
import { parseCommands } from "../../lib/userdata-destinations";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const SSHD = "/etc/ssh/sshd_config";
const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
const UBUNTU = "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf";

describe("deleting hardened lines through a temporary file", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "grep -v into a file moved back",
      `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "grep -v, moved back on the next line",
      `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/s\nmv /tmp/s ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "grep -v through tee, the kit's root line",
      `grep -v PermitRootLogin ${KIT} | tee /tmp/k >/dev/null && cp /tmp/k ${KIT}`,
      ["root-login"],
    ],
    [
      "grep -Ev with an alternation, both of the kit's lines",
      `grep -Ev '^(PasswordAuthentication|PermitRootLogin)' ${KIT} > /tmp/k && mv -f /tmp/k ${KIT}`,
      ["password-authentication", "root-login"],
    ],
    [
      "grep -v -e, several patterns",
      `grep -v -e '^#' -e '^PasswordAuthentication' ${UBUNTU} > /tmp/u && mv /tmp/u ${UBUNTU}`,
      ["password-authentication"],
    ],
    [
      "grep -vi folding case",
      `grep -vi '^passwordauthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "fgrep -v, a fixed string",
      `fgrep -v 'PasswordAuthentication no' ${SSHD} > /tmp/s && cat /tmp/s > ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "sed '/…/d' into a file moved back",
      `sed '/^PasswordAuthentication/d' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "awk '!/…/' into a file copied back",
      `awk '!/^PasswordAuthentication/' ${SSHD} > /tmp/s && cp /tmp/s ${SSHD}`,
      ["password-authentication"],
    ],
    [
      "awk '$0 !~ /…/ {print}' on the kit's drop-in",
      `awk '$0 !~ /^PermitRootLogin/ {print}' ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["root-login"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["grep -v of comments only", `grep -v '^#' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -v of the weak line", `grep -v '^PasswordAuthentication yes' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    [
      "grep -v, then the hardened line written back",
      `grep -v '^PasswordAuthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    ["grep -v counted, not written", `grep -v '^PasswordAuthentication' ${SSHD} | wc -l`],
    ["grep -v printed to the log", `grep -v '^PasswordAuthentication' ${SSHD}`],
    ["grep -v of another file", `grep -v '^PasswordAuthentication' /etc/app.conf > /tmp/a && mv /tmp/a /etc/app.conf`],
    ["grep without -v", `grep '^PasswordAuthentication' ${SSHD} > /tmp/s`],
    ["awk '!/…/' of comments only", `awk '!/^#/' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("reads grep's patterns, syntax and files", () => {
    const read = (line: string) => {
      const grep = invertedGrep(parseCommands(line)[0]);
      return (
        grep && { addresses: grep.script.edits.map((e) => e.address), syntax: grep.script.syntax, files: grep.files }
      );
    };
    expect(read("grep -vE 'a|b' f")).toEqual({ addresses: ["a|b"], syntax: "extended", files: ["f"] });
    expect(read("grep -v -e x -e y -- f g")).toEqual({ addresses: ["x", "y"], syntax: "basic", files: ["f", "g"] });
    expect(read("grep -vF 'a.b' f")).toEqual({ addresses: ["a\\.b"], syntax: "basic", files: ["f"] });
    // Not followed: not inverted, patterns from a file, whole lines or words.
    expect(read("grep x f")).toBeUndefined();
    expect(read("grep -v -f pats f")).toBeUndefined();
    expect(read("grep -vx x f")).toBeUndefined();
    expect(read("grep -vw x f")).toBeUndefined();
  });
});
