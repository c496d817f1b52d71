// Text a tee writes to every file it names, a boot script among them or past the bound on files listed, and text
// written to a boot script in pieces, joined as the file holds it: each read where it runs (the hardened drop-in
// removed by rc.local, a cron job, a script run by bash), or, past a bound, reported unread. Benign scripts stay clean.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const RM = "rm -f /etc/ssh/sshd_config.d/00-hardening-kit.conf";
const CRON = `* * * * * root ${RM}`;
const CRON_B64 = Buffer.from(`${CRON}\n`).toString("base64");
/** What removing the hardened drop-in turns on. */
const DROP_IN_GONE: LoginWeaknessKind[] = ["password-authentication", "root-login"];

const script = (...lines: string[]) => `#!/bin/bash\n${lines.join("\n")}\n`;
/** `n` ordinary files, `/tmp/<prefix>1` … */
const files = (n: number, prefix = "a") => Array.from({ length: n }, (_, i) => `/tmp/${prefix}${i + 1}`).join(" ");
const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const unread = (text: string) => findLoginWeaknesses(text).filter((w) => w.kind === "unread-content");

describe("tee writes its text to every file it names", () => {
  it.each([
    ["an ordinary file, then rc.local", `echo '${RM}' | tee /tmp/a1 /etc/rc.local`],
    ["rc.local, then an ordinary file", `echo '${RM}' | tee /etc/rc.local /tmp/a1`],
    ["an ordinary file, then a cron file", `echo '* * * * * root ${RM}' | tee /tmp/a1 /etc/cron.d/job`],
  ])("reads a boot script among other files: %s", (_, line) => {
    expect(kinds(script(line))).toEqual(DROP_IN_GONE);
  });

  it("keeps a benign text written to rc.local and another file clean", () => {
    expect(findLoginWeaknesses(script("echo 'systemctl start nginx' | tee /tmp/a1 /etc/rc.local"))).toEqual([]);
  });
});

describe("tee past the bound on files listed", () => {
  it.each([
    ["rc.local as the 17th file", `echo '${RM}' | tee ${files(16)} /etc/rc.local`],
    ["rc.local after a tee of one file", `echo '${RM}' | tee /tmp/b | tee ${files(16)} /etc/rc.local`],
    [
      "rc.local cut where two tees' lists meet",
      `echo '${RM}' | tee ${files(10)} | tee ${files(10, "b")} /etc/rc.local`,
    ],
    ["a 17th file bash runs", `echo '${RM}' | tee ${files(16)} /tmp/x\nbash /tmp/x`],
    ["a cron file as the 17th, by a here-document", `tee ${files(16)} /etc/cron.d/job <<EOF\n${CRON}\nEOF`],
    ["a cron file as the 17th, by a here-string", `tee ${files(16)} /etc/cron.d/job <<< "${CRON}"`],
    ["a cron file as the 17th, decoded", `echo ${CRON_B64} | base64 -d | tee ${files(16)} /etc/cron.d/job`],
  ])("reads the text where it runs: %s", (_, lines) => {
    expect(kinds(script(lines))).toEqual(DROP_IN_GONE);
  });

  it("keeps a 17th file nothing runs clean", () => {
    expect(findLoginWeaknesses(script(`echo '${RM}' | tee ${files(16)} /tmp/x`))).toEqual([]);
  });

  it.each([
    ["40 files", `echo 'hello world' | tee ${files(40)}`],
    ["40 files and rc.local", `echo 'systemctl start nginx' | tee ${files(40)} /etc/rc.local`],
    ["40 files, the last run", `tee ${files(40)} <<EOF\necho hello\nEOF\nbash /tmp/a40`],
  ])("keeps a benign tee to many files clean: %s", (_, lines) => {
    expect(findLoginWeaknesses(script(lines))).toEqual([]);
  });

  it("reports the files past the bound on walking the lists cut as unread", () => {
    const stages = Array.from({ length: 250 }, (_, i) => ` | tee ${files(20, `s${i}_`)} <<< x${i}`).join("");
    expect(unread(script(`true${stages}`))).toEqual([
      { kind: "unread-content", line: "files a line's pipelines write past the bound on files listed" },
    ]);
  });
});

describe("pieces written to a boot script are joined", () => {
  const head = "printf 'rm -f /etc/ssh/sshd_con'";
  const tail = "printf 'fig.d/00-hardening-kit.conf\\n'";
  it.each([
    ["on one line", `${head} > /etc/rc.local; ${tail} >> /etc/rc.local`],
    ["on two lines", `${head} > /etc/rc.local\n${tail} >> /etc/rc.local`],
    ["in a cron folder's script", `${head} > /etc/cron.daily/x\n${tail} >> /etc/cron.daily/x`],
    ["continued by tee -a", `${head} > /etc/rc.local\n${tail} | tee -a /etc/rc.local`],
    [
      "continued by a here-document",
      `${head} > /etc/rc.local\ncat >> /etc/rc.local <<EOF\nfig.d/00-hardening-kit.conf\nEOF`,
    ],
    [
      "in three pieces",
      "printf 'rm -f /etc/ss' > /etc/rc.local\nprintf 'h/sshd_con' >> /etc/rc.local\n" + `${tail} >> /etc/rc.local`,
    ],
  ])("reads the line they make: %s", (_, lines) => {
    expect(kinds(script(lines))).toEqual(DROP_IN_GONE);
  });

  it("reports a line joined past 16 KB as unread", () => {
    const long = `printf '${"x".repeat(17_000)}' >> /etc/rc.local`;
    expect(unread(script(`${head} > /etc/rc.local`, long, `${tail} >> /etc/rc.local`))).toEqual([
      { kind: "unread-content", line: "a line written to a boot-time file in pieces past 16 KB" },
    ]);
  });

  it.each([
    ["benign pieces", "printf 'systemctl start ng' > /etc/rc.local; printf 'inx\\n' >> /etc/rc.local"],
    ["an open piece written over", `${head} > /etc/rc.local\necho 'echo hi' > /etc/rc.local`],
    ["an open piece left so", "printf 'systemctl start nginx' > /etc/rc.local"],
  ])("keeps them clean: %s", (_, lines) => {
    expect(findLoginWeaknesses(script(lines))).toEqual([]);
  });
});

describe("tee -a adds its text as >> does", () => {
  const copy = "cp /tmp/c /etc/ssh/sshd_config.d/50-x.conf";
  it.each([
    ["printf on one line", `printf 'PasswordAuthentication' > /tmp/c; printf ' yes\\n' | tee -a /tmp/c; ${copy}`],
    ["printf", `printf 'PasswordAuthentication' > /tmp/c\nprintf ' yes\\n' | tee -a /tmp/c\n${copy}`],
    ["echo", `printf 'PasswordAuthentication' > /tmp/c\necho ' yes' | tee -a /tmp/c\n${copy}`],
    ["to two files", `printf 'PasswordAuthentication' > /tmp/c\nprintf ' yes\\n' | tee -a /tmp/b /tmp/c\n${copy}`],
  ])("joins the line it completes: %s", (_, lines) => {
    expect(kinds(script(lines))).toEqual(["password-authentication"]);
  });

  it.each([
    ["benign pieces", `printf 'Port' > /tmp/c\nprintf ' 22\\n' | tee -a /tmp/c\n${copy}`],
    [
      "a tee without -a writes over",
      `printf 'PasswordAuthentication yes\\n' > /tmp/c\necho 'Port 22' | tee /tmp/c\n${copy}`,
    ],
  ])("keeps them clean: %s", (_, lines) => {
    expect(findLoginWeaknesses(script(lines))).toEqual([]);
  });
});
