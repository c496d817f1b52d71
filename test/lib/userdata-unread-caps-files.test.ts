// The reader's bounds on the files a boot script writes and runs later (texts kept per file, files kept, files run
// later, a line joined from pieces, a cat's copies) and on the files it remembers as from outside: past one, what a
// file that runs holds is not all read, so it is reported as unread (a violation), not passed over; a file past a
// bound that never runs is no finding. The daemon line (`ttyd … login`, a web console with the system's login) is
// found only when its file runs.
import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";

const DAEMON = "ttyd -p 8080 login";
/** The daemon's line, found in the file run. */
const server = (via: string): LoginWeakness => ({
  kind: "password-login-server",
  line: DAEMON,
  via,
  note: expect.any(String) as string,
});
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const PAST_TEXTS = unread("a file run after more than 16 texts were written to it");
const PAST_FILES = unread("a file run after more than 64 other files were written");
const PAST_RUN_LATER = unread("a file run later after more than 64 others run later");
const PAST_JOINED = unread("a line written to a file in pieces past 16 KB");
const PAST_CAT_PAIRS = unread("a file a cat copied past 4096 (file, target) copies");

const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => line(i)).join("\n");
const script = (...parts: string[]) => `#!/bin/bash\n${parts.filter((p) => p !== "").join("\n")}\n`;

/** `n` lines added to /opt/job, then the daemon's; `run`: what runs the file after. */
const appends = (n: number, run: string) =>
  script(
    ": > /opt/job",
    lines(n, (i) => `echo "echo step ${i}" >> /opt/job`),
    `echo "${DAEMON}" >> /opt/job`,
    run,
  );
/** `n` other files written, then the daemon's file; `run`: what runs it after. */
const files = (n: number, run: string) =>
  script(
    lines(n, (i) => `echo "echo ${i}" > /opt/f${i}`),
    `echo "${DAEMON}" > /opt/job`,
    run,
  );
/** `n` cron entries running other files, then one running the daemon's file. */
const crons = (n: number, daemon = true) =>
  script(
    lines(n, (i) => `echo "@reboot root sh /opt/r${i}" > /etc/cron.d/r${i}`),
    'echo "@reboot root sh /opt/job" > /etc/cron.d/job',
    daemon ? `echo "${DAEMON}" > /opt/job` : "",
  );
/** The daemon's line split after `spaces` spaces and `tty`, its pieces written by printf; gzip+base64, as sent. */
const split = (spaces: number, run = "sh /opt/job") =>
  gzipSync(
    script(`printf '%s' '${" ".repeat(spaces)}tty' > /opt/job`, "printf 'd -p 8080 login\\n' >> /opt/job", run),
  ).toString("base64");
/** The daemon's line split as by split, its halves in two files a cat joins into the file run. */
const joinedByCat = (spaces: number) =>
  gzipSync(
    script(
      `printf '%s' '${" ".repeat(spaces)}tty' > /opt/a`,
      "printf 'd -p 8080 login\\n' > /opt/b",
      "cat /opt/a /opt/b > /opt/job",
      "sh /opt/job",
    ),
  ).toString("base64");
/** One cat copying 15 files and the daemon's into `targets` files; `run`: what runs the first after. */
const cat = (targets: number, run = "sh /opt/t1") =>
  script(
    'echo "echo part" > /opt/a',
    `echo "${DAEMON}" > /opt/p`,
    `cat ${Array<string>(15).fill("/opt/a").join(" ")} /opt/p | tee ${lines(targets, (i) => `/opt/t${i + 1}`).replace(/\n/g, " ")} > /dev/null`,
    run,
  );
/** 16 lines added to /opt/job, `n` removals by pattern, then /opt/job removed and written with the daemon alone. */
const removals = (n: number) =>
  script(
    lines(16, (i) => `echo "echo old ${i}" >> /opt/job`),
    lines(n, (i) => `rm -rf /tmp/cache${i}/*`),
    "rm -f /opt/jo*",
    `echo "${DAEMON}" >> /opt/job`,
    "sh /opt/job",
  );

describe("files run later past the reader's bounds", () => {
  it.each<[string, string, LoginWeakness[]]>([
    ["15 texts added to a file, then the daemon, run: found", appends(15, "sh /opt/job"), [server("/opt/job")]],
    ["16 texts added to a file, then the daemon, run: unread", appends(16, "sh /opt/job"), [PAST_TEXTS]],
    [
      "16 texts added, then the daemon, run by cron at boot: unread",
      appends(16, 'echo "@reboot root sh /opt/job" > /etc/cron.d/job'),
      [PAST_TEXTS],
    ],
    [
      "16 texts added by a loop, then the daemon, run: unread",
      script(
        'for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do echo "echo step $i" >> /opt/job; done',
        `echo "${DAEMON}" >> /opt/job`,
        "sh /opt/job",
      ),
      [PAST_TEXTS],
    ],
    ["16 texts added, then the daemon, never run: no finding", appends(16, ""), []],
    ["63 other files, then the daemon's, run: found", files(63, "sh /opt/job"), [server("/opt/job")]],
    ["64 other files, then the daemon's, run: unread", files(64, "sh /opt/job"), [PAST_FILES]],
    [
      "64 other files, then the daemon's, copied and run: unread",
      files(64, "cp /opt/job /opt/run\nsh /opt/run"),
      [PAST_FILES],
    ],
    ["64 other files, then the daemon's, never run: no finding", files(64, ""), []],
    ["63 files run by cron, then the daemon's: found", crons(63), [server("/opt/job")]],
    ["64 files run by cron, then the daemon's: unread", crons(64), [PAST_RUN_LATER]],
    ["64 files run by cron, then one never written: no finding", crons(64, false), []],
    ["a line of 16,000 spaces and the daemon written in two pieces, run: found", split(16000), [server("/opt/job")]],
    ["a line of 16,400 spaces and the daemon written in two pieces, run: unread", split(16400), [PAST_JOINED]],
    [
      "a line of 16,400 spaces and the daemon written in two pieces, never run: unread (sshd may be made to read it)",
      split(16400, ""),
      [PAST_JOINED],
    ],
    ["a line joined by a cat from two files, 16,000 spaces, run: found", joinedByCat(16000), [server("/opt/job")]],
    ["a line joined by a cat from two files, 16,400 spaces, run: unread", joinedByCat(16400), [PAST_JOINED]],
    [
      "16 texts added, then the daemon, copied into a boot-time folder: unread",
      appends(16, "cp /opt/job /etc/cron.hourly/job"),
      [PAST_TEXTS],
    ],
    ["one cat copying the daemon's file into 256 files, one run: found", cat(256), [server("/opt/t1")]],
    ["one cat copying the daemon's file into 257 files, one run: unread", cat(257), [PAST_CAT_PAIRS]],
    ["one cat copying the daemon's file into 257 files, none run: no finding", cat(257, ""), []],
    [
      "one cat copying the daemon's file into 257 files and a cron file: unread",
      cat(257, "").replace("| tee ", "| tee /etc/cron.d/job "),
      [PAST_CAT_PAIRS],
    ],
    ["63 removals, then a file removed and written with the daemon, run: found", removals(63), [server("/opt/job")]],
    ["64 removals, then a file removed and written with the daemon, run: unread", removals(64), [PAST_TEXTS]],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});

describe("files remembered as from outside past the bound", () => {
  const SPELT = "printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > /opt/c";
  const DOWNLOAD = "curl -fsS -o /opt/c https://config.example.com/sshd";
  const COPY = "cp /opt/c /etc/ssh/sshd_config";
  const fillers = (n: number) => lines(n, (i) => `cp /etc/hosts /var/tmp/h${i}`);
  const fromOutside = (kind: LoginWeakness["kind"]): LoginWeakness => ({
    kind,
    line: COPY,
    note: "replaces /etc/ssh/sshd_config with /opt/c, whose text comes from outside the script",
    unverifiable: true,
  });
  const UNVERIFIABLE = [fromOutside("password-authentication"), fromOutside("root-login")];

  it.each<[string, string, LoginWeakness[]]>([
    ["a download over a spelt file, copied after 63 others", script(SPELT, DOWNLOAD, fillers(63), COPY), UNVERIFIABLE],
    ["a download over a spelt file, copied after 64 others", script(SPELT, DOWNLOAD, fillers(64), COPY), UNVERIFIABLE],
    ["a download over a spelt file, copied after 80 others", script(SPELT, DOWNLOAD, fillers(80), COPY), UNVERIFIABLE],
    [
      "a spelt file written over by a tee, copied after 64 others",
      script(SPELT, "curl -fsS https://config.example.com/sshd | tee /opt/c", fillers(64), COPY),
      UNVERIFIABLE,
    ],
    ["a spelt file copied after 80 others: its text read, no finding", script(SPELT, fillers(80), COPY), []],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});
