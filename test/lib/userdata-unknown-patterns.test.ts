// Edits of sshd's configuration whose pattern or replacement comes from a value the script does not set (the
// environment, `$1`, a command's output): whether they take the hardened lines away is decided outside the script, so
// each is unverifiable, never a pass and never a violation. The same edit with the value set in the script keeps its
// verdict, and the same edit of any other file stays silent.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { decodeUserData, findLoginWeaknesses } from "../../lib/userdata";
import { markUnknownExpansions } from "../../lib/userdata-unknown-values";
import { run } from "../policies/harness";

const SSHD = "/etc/ssh/sshd_config";
const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
const MOVED = `> /tmp/s && mv /tmp/s ${SSHD}`;
const INSTANCE = "aws:ec2/instance:Instance";
const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The findings by kind, `?` marking an unverifiable one. */
const verdicts = (text: string) =>
  findLoginWeaknesses(text)
    .map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`)
    .sort();
/** The findings with the line each quotes left out: two spellings of one edit report alike. */
const reported = (text: string) =>
  findLoginWeaknesses(text)
    .map(({ line: _line, ...rest }) => JSON.stringify(rest))
    .sort();

/** The four forms the reader stayed silent on, each a function of how its pattern (and replacement) is spelt. */
const FORMS: [string, (pattern: string, replacement?: string) => string][] = [
  ["grep -v into a file moved back", (p) => `grep -v "${p}" ${SSHD} ${MOVED}`],
  ["sed -i '/…/d'", (p) => `sed -i "/${p}/d" ${SSHD}`],
  ["awk '!/…/' into a file copied back", (p) => `awk "!/${p}/" ${SSHD} > /tmp/s && cat /tmp/s > ${SSHD}`],
  ["sed -i 's/…/…/'", (p, r = "$TO") => `sed -i "s/${p}/${r}/" ${SSHD}`],
];

describe("edits of sshd_config whose pattern the script does not set", () => {
  it.each(FORMS)("%s with $PAT cannot be verified", (name, form) => {
    const rewrites = name.includes("s/");
    expect(verdicts(form("$PAT"))).toEqual(
      rewrites ? ["password-authentication?", "root-login?"] : ["password-authentication?"],
    );
  });

  it.each<[string, string, string[]]>([
    ["a positional parameter", `sed -i "/$1/d" ${SSHD}`, ["password-authentication?"]],
    ["a braced variable", `grep -v "\${PAT}" ${SSHD} ${MOVED}`, ["password-authentication?"]],
    ["a command's output", `sed -i "/$(cat /tmp/p)/d" ${SSHD}`, ["password-authentication?"]],
    ["a command's output in backquotes", `awk "!/\`cat /tmp/p\`/" ${SSHD} ${MOVED}`, ["password-authentication?"]],
    ["a default that is itself unknown", `sed -i "/\${PAT:-$OTHER}/d" ${SSHD}`, ["password-authentication?"]],
    ["a variable set from an unknown one", `PAT=$1\nsed -i "/^$PAT/d" ${SSHD}`, ["password-authentication?"]],
    ["a variable read at boot", `read -r PAT\nsed -i "/$PAT/d" ${SSHD}`, ["password-authentication?"]],
    ["sed without -i, moved back", `sed "/$PAT/d" ${SSHD} ${MOVED}`, ["password-authentication?"]],
    ["fgrep -vx", `fgrep -vx "$PAT" ${SSHD} ${MOVED}`, ["password-authentication?"]],
    [
      "grep -v -e, one pattern known and one not, over the kit's drop-in",
      `grep -v -e '^#' -e "$PAT" ${KIT} > /tmp/k && mv /tmp/k ${KIT}`,
      ["password-authentication?", "root-login?"],
    ],
    ["sed -i on the kit's drop-in", `sed -i "/$PAT/d" ${KIT}`, ["password-authentication?", "root-login?"]],
    ["perl -pi 's///'", `perl -pi -e "s/$FROM/$TO/" ${SSHD}`, ["password-authentication?", "root-login?"]],
    ["ex -c 's///'", `ex -s -c "%s/$FROM/$TO/" -c wq ${SSHD}`, ["password-authentication?", "root-login?"]],
    ["an address only", `sed -i "/$PAT/s/^#//" ${SSHD}`, ["password-authentication?", "root-login?"]],
    ["a whole sed script", `sed -i "$SCRIPT" ${SSHD}`, ["password-authentication?", "root-login?"]],
    ["an awk variable", `awk -v p="$PAT" '$0 !~ p' ${SSHD} ${MOVED}`, ["password-authentication?", "root-login?"]],
    [
      "a replacement only, of the hardened line",
      `sed -i "s/^PasswordAuthentication no/$LINE/" ${SSHD}`,
      ["password-authentication?"],
    ],
    ["run by bash -c", `bash -c "sed -i \\"/$PAT/d\\" ${SSHD}"`, ["password-authentication?"]],
    [
      "in a function given its pattern",
      `strip() {\n  sed -i "/^$1/d" ${SSHD}\n}\nstrip "$KEY"`,
      ["password-authentication?"],
    ],
  ])("%s cannot be verified", (_name, text, expected) => {
    expect(verdicts(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["sed -i of the message of the day", `sed -i "/$PAT/d" /etc/motd`],
    ["grep -v of the message of the day", `grep -v "$PAT" /etc/motd > /tmp/m && mv /tmp/m /etc/motd`],
    ["awk of another file", `awk "!/$PAT/" /etc/app.conf > /tmp/a && cat /tmp/a > /etc/app.conf`],
    ["sed -i 's///' of another file", `sed -i "s/$FROM/$TO/" /etc/app.conf`],
    ["a drop-in that ships no hardened line", `sed -i "/$PAT/d" /etc/ssh/sshd_config.d/50-mine.conf`],
    ["single quotes, where the shell expands nothing", `sed -i '/$PAT/d' ${SSHD}`],
    ["an escaped dollar", `sed -i "/\\$PAT/d" ${SSHD}`],
    ["a default the script spells out, read as today", `sed -i "/\${PAT:-^#}/d" ${SSHD}`],
    ["grep -v printed to the log", `grep -v "$PAT" ${SSHD}`],
    ["grep -v counted", `grep -v "$PAT" ${SSHD} | wc -l`],
    ["a replacement of a line no check reads", `sed -i "s/^#\\?Port .*/Port $PORT/" ${SSHD}`],
    ["text appended after a line, as an echo of it is", `sed -i "/^Port/a $LINE" ${SSHD}`],
    ["an unknown file, not pattern", `sed -i '/^#/d' "$CONF"`],
    ["an unknown part of the file name only", `sed -i '/^#/d' ${SSHD}.$SUFFIX`],
    ["the hardened line written back after", `sed -i "/$PAT/d" ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`],
    ["a loop over words the script spells", `for p in '^#' '^Banner'; do sed -i "/$p/d" ${SSHD}; done`],
    // A `$` that starts no expansion is the character itself: blank lines, not a variable.
    ["a variable set to a pattern ending in $", `PAT='^$'\nsed -i "/$PAT/d" ${SSHD}`],
  ])("%s is not reported", (_name, text) => {
    expect(verdicts(text)).toEqual([]);
  });

  it("keeps reporting a replacement that sets a directive to the unknown value once, as before", () => {
    const text = `sed -i "s/^#\\?PermitRootLogin.*/PermitRootLogin $MODE/" ${SSHD}`;
    expect(findLoginWeaknesses(text)).toEqual([
      expect.objectContaining({ kind: "root-login", unverifiable: true, note: expect.stringContaining("$MODE") }),
    ]);
  });

  it("names the command and the expansion in its note", () => {
    const [grep] = findLoginWeaknesses(FORMS[0][1]("$PAT"));
    expect(grep.note).toBe(
      `grep -v's pattern comes from $PAT, which the script does not set: the lines it deletes may include the hardened "PasswordAuthentication no"`,
    );
    const notes = findLoginWeaknesses(FORMS[3][1]("$FROM")).map((w) => w.note);
    expect(notes).toEqual([
      "sed's pattern and replacement come from $FROM and $TO, which the script does not set: it may uncomment or rewrite PasswordAuthentication to any value",
      "sed's pattern and replacement come from $FROM and $TO, which the script does not set: it may uncomment or rewrite PermitRootLogin to any value",
    ]);
    const [output] = findLoginWeaknesses(`sed -i "/$(curl -s http://10.0.0.1/p)/d" ${SSHD}`);
    expect(output.note).toContain("$(curl -s http://10.0.0.1/p), which the script does not spell out");
  });
});

describe("the same edits with the value set in the script keep today's verdicts", () => {
  it.each(FORMS)("%s deleting or rewriting the hardened line", (name, form) => {
    const rewrites = name.includes("s/");
    const pattern = rewrites ? "^PasswordAuthentication no" : "PasswordAuthentication no";
    // Commented out: the hardened line is taken away (an assignment spelling a weak line is a finding of its own).
    const replacement = "#&";
    const set = rewrites ? `PAT='${pattern}'\nTO='${replacement}'\n` : `PAT='${pattern}'\n`;
    const assigned = `${set}${form("$PAT", "$TO")}`;
    // As the literal spelling of the same edit, which is a violation.
    expect(reported(assigned)).toEqual(reported(form(pattern, replacement)));
    expect(verdicts(assigned)).toEqual(["password-authentication"]);
  });

  it.each(FORMS)("%s of comments only", (name, form) => {
    const rewrites = name.includes("s/");
    const assigned = rewrites
      ? `PAT='^#Banner.*'\nTO='Banner none'\n${form("$PAT", "$TO")}`
      : `PAT='^#'\n${form("$PAT")}`;
    expect(verdicts(assigned)).toEqual([]);
  });
});

describe("carried in encoded or structured user data", () => {
  const script = `#!/bin/bash\nsed -i "/$PAT/d" ${SSHD}\n`;

  it("base64 user data is decoded and read as the plain script", () => {
    const decoded = decodeUserData(b64(script));
    expect(decoded).toBe(script);
    expect(verdicts(decoded)).toEqual(["password-authentication?"]);
  });

  it("a cloud-config runcmd string runs through a shell: unverifiable", () => {
    const config = `#cloud-config\nruncmd:\n  - ${JSON.stringify(`grep -v "$PAT" ${SSHD} ${MOVED}`)}\n`;
    expect(verdicts(config)).toEqual(["password-authentication?"]);
    expect(verdicts(decodeUserData(b64(config)))).toEqual(["password-authentication?"]);
  });

  it("a cloud-config runcmd list runs without a shell: $PAT is the text itself, as today", () => {
    const config = `#cloud-config\nruncmd:\n  - [sed, -i, "/$PAT/d", ${SSHD}]\n`;
    expect(verdicts(config)).toEqual([]);
  });
});

describe("marking what the shell would expand", () => {
  const marked = (text: string) => markUnknownExpansions(text)?.expansions;

  it.each<[string, string[] | undefined]>([
    [`sed -i "/$PAT/d" f`, ["$PAT"]],
    [`sed -i '/$PAT/d' f`, undefined],
    [`sed -i "/\\$PAT/d" f`, undefined],
    [`sed -i $'/$PAT/d' f`, undefined],
    [`grep -v "\${A}$1$@" f`, ["${A}", "$1", "$@"]],
    [`grep -v "$(printf '%s' "$(cat /p)")x" f`, [`$(printf '%s' "$(cat /p)")`]],
    ["grep -v `cat /p` f", ["`cat /p`"]],
    [`sed -i "/^#$/d; /a$/d" f`, undefined],
    [`grep -v "\${A" f`, undefined],
  ])("%s", (text, expected) => {
    expect(marked(text)).toEqual(expected);
  });

  it("marks nothing in an unclosed ${ run, and names 20,000 unknowns in one note", () => {
    expect(markUnknownExpansions("${".repeat(100_000))).toBeUndefined();
    const many = Array.from({ length: 20_000 }, (_, i) => `$V${i}`).join("");
    expect(verdicts(`sed -i "/${many}/d" ${SSHD}`)).toEqual(["password-authentication?", "unread-content"]);
    expect(findLoginWeaknesses(`sed -i "/${many}/d" ${SSHD}`)[0].note).toContain("and 19997 more");
  });
});

describe("through disallow-userdata-login-weakening", () => {
  const script = `grep -v "$PAT" ${SSHD} ${MOVED}`;

  it("is a note naming the command and the variable, not a violation", async () => {
    const ds = await run(disallowUserdataLoginWeakening, INSTANCE, { userData: script });
    expect(ds.filter((d) => d.level === "mandatory")).toEqual([]);
    const notes = ds.filter((d) => d.level === "advisory").map((d) => d.message);
    expect(notes).toEqual([
      expect.stringContaining(
        `cannot be verified at preview: userData may enable SSH password authentication: "${script}"`,
      ),
    ]);
    expect(notes[0]).toContain("pattern comes from $PAT, which the script does not set");
  });

  it("fails the resource when the pack fails closed", async () => {
    const ds = await run(
      disallowUserdataLoginWeakening,
      INSTANCE,
      { userData: script },
      { config: { failClosed: true } },
    );
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
    expect(ds[0].message).toContain("cannot be verified at preview");
    expect(ds[0].message).toContain("; failing closed");
  });

  it("reads base64 user data alike", async () => {
    const ds = await run(disallowUserdataLoginWeakening, INSTANCE, { userDataBase64: b64(script) });
    expect(ds.map((d) => d.level)).toEqual(["advisory"]);
    expect(ds[0].message).toContain("userDataBase64 may enable SSH password authentication");
  });

  it("keeps a pattern the script sets as today: a violation, or a pass", async () => {
    const deletes = await run(disallowUserdataLoginWeakening, INSTANCE, {
      userData: `PAT='PasswordAuthentication no'\n${script}`,
    });
    expect(deletes.map((d) => d.level)).toEqual(["mandatory"]);
    expect(deletes[0].message).toContain("enables SSH password authentication");
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: `PAT='^#'\n${script}` })).toEqual([]);
  });

  it("stays silent on another file", async () => {
    const motd = `grep -v "$PAT" /etc/motd > /tmp/m && mv /tmp/m /etc/motd`;
    expect(await run(disallowUserdataLoginWeakening, INSTANCE, { userData: motd })).toEqual([]);
  });
});
