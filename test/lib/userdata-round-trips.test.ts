// Hardened lines deleted through a temporary file: `grep -v`, `sed '/…/d'` or `awk '!/…/'` into a file moved or
// copied back over sshd's configuration. sshd then falls back to its default for what the deleted line set.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { invertedGrep } from "../../lib/userdata-grep";
import { parseCommands } from "../../lib/userdata-destinations";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
/** The findings with the line each quotes left out: two spellings of one deletion report alike. */
const reported = (text: string) =>
  findLoginWeaknesses(text)
    .map(({ line: _line, ...rest }) => JSON.stringify(rest))
    .sort();
const SSHD = "/etc/ssh/sshd_config";
const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
const UBUNTU = "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf";
const DIR = "/etc/ssh/sshd_config.d";

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
    [
      "awk '!/…/ && !/…/', both of the kit's lines",
      `awk '!/PasswordAuthentication no/ && !/PermitRootLogin no/' ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["password-authentication", "root-login"],
    ],
    [
      "awk '!(/…/ || /…/)', both of the kit's lines",
      `awk '!(/^PasswordAuthentication/ || /^PermitRootLogin/)' ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["password-authentication", "root-login"],
    ],
    [
      "grep -vx -e, both of the kit's lines",
      `grep -vx -e 'PasswordAuthentication no' -e 'PermitRootLogin no' ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["password-authentication", "root-login"],
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
    ["grep -vx of part of the line only", `grep -vx 'PasswordAuthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -vw of part of a word only", `grep -vw 'Password' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -vF of a regex spelt as text", `grep -vF '^Pass.*' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '!/…/ && !/…/' of comments and blanks", `awk '!/^#/ && !/^$/' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '$1 != …' of another directive", `awk '$1 != "Port"' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '{if (!/…/) print}' of comments", `awk '{if (!/^#/) print}' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    // `!` binds tighter than `==`: the program compares `!$1`, and keeps no line the reader can tell.
    [
      "awk '!$1 == …', not a negated match",
      `awk '!$1 == "PasswordAuthentication"' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    // A program that is no print filter is read for what it writes, as an unreadable sed or Perl edit is.
    ["awk 'NR > 1', lines the reader cannot place", `awk 'NR > 1' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk -f, a program the reader cannot see", `awk -f /opt/strip.awk ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
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
    expect(read("grep -vx 'a|b' f")).toEqual({ addresses: ["^\\(a|b\\)$"], syntax: "basic", files: ["f"] });
    expect(read("grep -Exv 'a|b' f")).toEqual({ addresses: ["^(a|b)$"], syntax: "extended", files: ["f"] });
    expect(read("grep -v --line-regexp -F a.b f")).toEqual({ addresses: ["^a\\.b$"], syntax: "basic", files: ["f"] });
    expect(read("grep -wv a f")).toEqual({
      addresses: ["\\(^\\|\\W\\)\\(a\\)\\(\\W\\|$\\)"],
      syntax: "basic",
      files: ["f"],
    });
    // -x wins over -w, in either order.
    expect(read("grep -v -x -w a f")).toEqual(read("grep -vwx a f"));
    expect(read("grep -v -w -x a f")?.addresses).toEqual(["^\\(a\\)$"]);
    // Value options, glued or not, are not patterns or files.
    expect(read("grep -v -m 5 -A2 a f")).toEqual({ addresses: ["a"], syntax: "basic", files: ["f"] });
    // Not followed: not inverted; counting, listing names or matched parts prints no lines.
    expect(read("grep x f")).toBeUndefined();
    expect(read("grep -vc x f")).toBeUndefined();
    expect(read("grep -v -l x f")).toBeUndefined();
    expect(read("grep -v --count x f")).toBeUndefined();
  });

  it("reads -f patterns from the file the script wrote, or notes the file it did not", () => {
    const known = (path: string) => (path === "/tmp/pats" ? "^#\nPasswordAuthentication no\n" : undefined);
    const read = (line: string) => invertedGrep(parseCommands(line)[0], known);
    const addresses = (line: string) => read(line)?.script.edits.map((e) => e.address);
    // The file's last newline starts no empty pattern (which would match every line).
    expect(addresses("grep -v -f /tmp/pats f")).toEqual(["^#", "PasswordAuthentication no"]);
    expect(addresses("grep -vf/tmp/pats f")).toEqual(["^#", "PasswordAuthentication no"]);
    expect(addresses("grep -v --file /tmp/pats -e x f")).toEqual(["^#", "PasswordAuthentication no", "x"]);
    expect(read("grep -v -f /tmp/pats f")?.files).toEqual(["f"]);
    expect(read("grep -v -f /tmp/pats f")?.unknownPatterns).toBeUndefined();
    expect(read("grep -v -f /etc/other f")).toMatchObject({ unknownPatterns: "/etc/other", files: ["f"] });
    expect(read("grep -v -f - f")?.unknownPatterns).toBe("-");
    // A long list is not read line by line for every grep that names it: it counts as unknown.
    const long = (path: string) => (path === "/tmp/long" ? "x\n".repeat(65) : undefined);
    expect(invertedGrep(parseCommands("grep -v -f /tmp/long f")[0], long)?.unknownPatterns).toBe("/tmp/long");
  });
});

/** The form the reader followed first, which every spelling below must be reported as. */
const REFERENCE = `grep -v 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`;

describe("spellings of one deletion are reported as the plain grep -v", () => {
  it.each<[string, string]>([
    ["grep -vx, the whole line", `grep -vx 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -vw, whole words", `grep -vw 'PasswordAuthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -vF, a fixed string", `grep -vF 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["fgrep -vx", `fgrep -vx 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -v -e -e", `grep -v -e '^#' -e 'PasswordAuthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -vE with an alternation", `grep -vE '^#|^PasswordAuthentication' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -iv", `grep -iv 'passwordauthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["grep -v -i", `grep -v -i 'passwordauthentication NO' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    [
      "grep -ixv, flags in another order",
      `grep -ixv 'passwordauthentication no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    ["grep -Pvx", `grep -Pvx 'PasswordAuthentication\\s+no' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    [
      "grep -v -f, patterns echoed to a file first",
      `echo 'PasswordAuthentication no' > /tmp/pats\ngrep -v -f /tmp/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    [
      "grep -vf, patterns printed to a file first",
      `printf '^#\\n^PasswordAuthentication\\n' > /tmp/pats\ngrep -vf /tmp/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    [
      "grep --file=, patterns from a here-document, one appended",
      `cat > /tmp/pats <<'EOF'\n^#\nEOF\necho 'PasswordAuthentication no' >> /tmp/pats\ngrep -v --file=/tmp/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    [
      "grep -v -f, patterns echoed, then a here-document appended",
      `echo '^#' > /tmp/pats\ncat >> /tmp/pats <<EOF\nPasswordAuthentication no\nEOF\ngrep -v -f /tmp/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    [
      "grep -v -f, the pattern file named by a variable",
      `P=/tmp/pats\necho 'PasswordAuthentication no' > "$P"\ngrep -v -f "$P" ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    ["awk '!/…/ && !/…/'", `awk '!/^#/ && !/PasswordAuthentication no/' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '$0 !~ /…/'", `awk '$0 !~ /PasswordAuthentication no/' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '!($1 == …)'", `awk '!($1=="PasswordAuthentication")' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '$1 != …'", `awk '$1 != "PasswordAuthentication"' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["awk '{if (!/…/) print}'", `awk '{if (!/PasswordAuthentication/) print}' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    [
      "awk '{ if ($0 !~ /…/ && !/…/) print $0; }'",
      `awk '{ if ($0 !~ /^#/ && !/^PasswordAuthentication/) print $0; }' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
    ],
    ["awk '/…/ {next} 1'", `awk '/^PasswordAuthentication/ {next} 1' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
    ["gawk '!/…/' over lines", `gawk '\n!/^#/ &&\n!/^PasswordAuthentication/\n' ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
  ])("%s", (_name, text) => {
    // Each finding quotes the deletion's own (logical) line, the script's last.
    expect(findLoginWeaknesses(text).every((w) => text.endsWith(w.line))).toBe(true);
    expect(reported(text)).toEqual(reported(REFERENCE));
  });

  it("the reference form is reported, for password authentication, as a violation", () => {
    expect(findLoginWeaknesses(REFERENCE)).toEqual([
      expect.objectContaining({ kind: "password-authentication", line: REFERENCE, note: expect.any(String) }),
    ]);
    expect(findLoginWeaknesses(REFERENCE)[0].unverifiable).toBeUndefined();
  });

  it.each<[string, (moved: string) => string]>([
    ["grep -vx", (m) => `grep -vx 'PasswordAuthentication no' ${SSHD} > /tmp/s${m}`],
    [
      "grep -v -f of known patterns",
      (m) => `echo 'PasswordAuthentication no' > /tmp/p\ngrep -v -f /tmp/p ${SSHD} > /tmp/s${m}`,
    ],
    ["awk '!/…/ && !/…/'", (m) => `awk '!/^#/ && !/PasswordAuthentication no/' ${SSHD} > /tmp/s${m}`],
  ])("%s never moved back counts as the plain grep -v does", (_name, form) => {
    const moved = ` && mv /tmp/s ${SSHD}`;
    const plain = (m: string) => `grep -v 'PasswordAuthentication no' ${SSHD} > /tmp/s${m}`;
    expect(kinds(form(""))).toEqual(kinds(plain("")));
    expect(kinds(form(moved))).toEqual(["password-authentication"]);
  });
});

describe("grep -v -f of patterns the script does not write", () => {
  const unverifiable = (text: string) =>
    findLoginWeaknesses(text)
      .map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`)
      .sort();

  it.each<[string, string, string[]]>([
    ["sshd_config", `grep -v -f /etc/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`, ["password-authentication?"]],
    [
      "the kit's drop-in, both its lines",
      `grep -vf "$PATTERNS" ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["password-authentication?", "root-login?"],
    ],
    [
      "a file written by a command the reader does not follow",
      `curl -s https://example.com/p > /tmp/p\ngrep -v -f /tmp/p ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication?"],
    ],
    [
      "a known file overwritten with what the reader cannot know",
      `echo '^#' > /tmp/p\necho "$PAT" > /tmp/p\ngrep -v -f /tmp/p ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication?"],
    ],
    [
      "known patterns that delete the hardened line, with an unknown file",
      `echo 'PasswordAuthentication no' > /tmp/p\ngrep -v -f /tmp/p -f /etc/more ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`,
      ["password-authentication", "password-authentication?"],
    ],
  ])("%s cannot be verified", (_name, text, expected) => {
    expect(unverifiable(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["another file", `grep -v -f /etc/pats /etc/app.conf > /tmp/a && mv /tmp/a /etc/app.conf`],
    ["printed to the log", `grep -v -f /etc/pats ${SSHD}`],
    ["a drop-in that ships no hardened line", `grep -v -f /etc/pats ${DIR}/50-mine.conf > /tmp/m`],
    [
      "the hardened line written back after",
      `grep -v -f /etc/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    ["known patterns of comments only", `echo '^#' > /tmp/p\ngrep -v -f /tmp/p ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`],
  ])("%s is not reported", (_name, text) => {
    expect(unverifiable(text)).toEqual([]);
  });

  it("names the pattern file in its note", () => {
    const [weakness] = findLoginWeaknesses(`grep -v -f /etc/pats ${SSHD} > /tmp/s && mv /tmp/s ${SSHD}`);
    expect(weakness.note).toContain("/etc/pats");
    expect(weakness.note).toContain('"PasswordAuthentication no"');
  });
});
