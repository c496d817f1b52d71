// Caps of the boot-script reader's edit replays (sed patterns and the match budget, working copies, drop-in names,
// xinetd files): past them, content bash would run is reported (as a finding, or as unread content), not skipped.
import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";
import { DROP_IN_TAKEN_AWAY } from "../../lib/userdata-drop-in";

const F = "/etc/ssh/sshd_config";
const D = "/etc/ssh/sshd_config.d";
const UNCOMMENT = `sed -i '/^#PasswordAuthentication/s/^#//' ${F}`;
const UNCOMMENTED =
  'uncommented without a value: the image\'s commented default "PasswordAuthentication yes" (CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2, Ubuntu) becomes active';
const ALL_PASSWORDS =
  'uncommented without a value: the image\'s commented defaults "PasswordAuthentication yes" (CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2, Ubuntu), "ChallengeResponseAuthentication yes" (CentOS 7, Amazon Linux 2) become active';
const ALL_ROOT =
  'uncommented without a value: the image\'s commented defaults "PermitRootLogin yes" (CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2), "PermitRootLogin prohibit-password" (Ubuntu) become active';
const UBUNTU =
  'takes Ubuntu\'s hardened drop-in /etc/ssh/sshd_config.d/60-cloudimg-settings.conf ("PasswordAuthentication no") away: sshd falls back to password authentication';
const TELNET = "telnet: sends passwords in clear text; use SSH with keys through the bastion and remove the server";

/** User data as gzip+base64, which cloud-init inflates: EC2's 16 KB bound is on what is sent. */
const gzipped = (text: string) => gzipSync(Buffer.from(text)).toString("base64");
const script = (...lines: string[]) => `#!/bin/bash\n${lines.join("\n")}\n`;
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const uncommented = (line: string): LoginWeakness => ({ kind: "password-authentication", line, note: UNCOMMENTED });
const kit = (line: string): LoginWeakness[] => [
  { kind: "password-authentication", line, note: DROP_IN_TAKEN_AWAY },
  { kind: "root-login", line, note: DROP_IN_TAKEN_AWAY },
];
const telnet = (line: string, via?: string): LoginWeakness =>
  via === undefined
    ? { kind: "password-login-server", line, note: TELNET }
    : { kind: "password-login-server", line, via, note: TELNET };

/** An address uncommenting PasswordAuthentication or one of `n` other names: 418 characters for 40, 618 for 60. */
const alternation = (n: number, separator = "\\|") =>
  ["PasswordAuthentication", ...Array.from({ length: n }, (_, i) => `X11Opt${i}`)].join(separator);
/** Hardening edits of sshd_config, each with a large interval (distinct: a compiled pattern is memoised). */
const hardening = (n: number, from: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `sed -i 's/^#\\{0,1\\}[[:space:]]\\{0,${from - i}\\}PermitRootLogin[[:space:]].*$/PermitRootLogin no/' ${F}`,
  );
const backups = (n: number) => Array.from({ length: n }, (_, i) => `cp ${F} /var/backups/sshd_config.${i}`);
/** sshd_config copied, every line uncommented in the copy, the copy put back. */
const working = (...before: string[]) =>
  script(...before, `cp ${F} /tmp/sshd.work`, "sed -i 's/^#//' /tmp/sshd.work", `cp /tmp/sshd.work ${F}`);
const harmless = (n: number) =>
  Array.from({ length: n }, (_, i) => `sed -i 's/^#Port 2${i}$/#Port 22/' /tmp/sshd.work`);
const editedCopy = (n: number, putBack = true) =>
  script(
    `cp ${F} /tmp/sshd.work`,
    ...harmless(n),
    "sed -i 's/^#//' /tmp/sshd.work",
    ...(putBack ? [`cp /tmp/sshd.work ${F}`] : []),
  );
const names = (n: number, suffix = "") => Array.from({ length: n }, (_, i) => `x${i}${suffix}`).join(",");
/** xinetd's telnet service, on or off. */
const telnetService = (disable: "yes" | "no") => [
  "service telnet",
  "{",
  "  socket_type = stream",
  "  wait = no",
  "  user = root",
  "  server = /usr/sbin/in.telnetd",
  `  disable = ${disable}`,
  "}",
];
/** A telnet service written to xinetd a line at a time. */
const telnetBlock = (file: string) => telnetService("no").map((l) => `echo '${l}' >> ${file}`);
const otherXinetdFiles = (n: number) =>
  Array.from({ length: n }, (_, i) => `echo '# svc ${i}' >> /etc/xinetd.d/svc${i}`);
const TELNET_FILE = "/etc/xinetd.d/telnet";
/** A service of the script's own, off, after `pad` comment lines; then, if `enable`, turned on by sed. */
const remote = (pad: number, enable = true) =>
  script(
    "cat > /etc/xinetd.d/remote <<'EOF'",
    ...Array.from({ length: pad }, (_, i) => `# note ${i}`),
    ...telnetService("yes"),
    "EOF",
    ...(enable ? ["sed -i 's/disable *= *yes/disable = no/' /etc/xinetd.d/remote"] : []),
  );
const ENABLE_REMOTE = "sed -i 's/disable *= *yes/disable = no/' /etc/xinetd.d/remote";

describe("sed patterns past the reader's caps (an uncommenting edit of sshd_config)", () => {
  const address40 = `sed -i '/^#\\(${alternation(40)}\\)/s/^#//' ${F}`;
  const perl40 = `perl -pi -e 's/^#(${alternation(40, "|")})/$1/' ${F}`;
  const bounded = (n: number) => `sed -i '/^#[[:space:]]\\{0,${n}\\}PasswordAuthentication/s/^#//' ${F}`;
  const large = `sed -i '/^#[[:space:]]\\{0,999\\}[[:space:]]\\{0,999\\}[[:space:]]\\{0,99\\}PasswordAuthentication/s/^#//' ${F}`;
  test.each<[string, string, LoginWeakness[]]>([
    ["an address of 418 characters is replayed", script(address40), [uncommented(address40)]],
    [
      "an address of 618 characters is left unread",
      script(`sed -i '/^#\\(${alternation(60)}\\)/s/^#//' ${F}`),
      [unread("a sed pattern past 512 characters")],
    ],
    [
      "perl's pattern of 618 characters is left unread",
      script(`perl -pi -e 's/^#(${alternation(60, "|")})/$1/' ${F}`),
      [unread("a perl pattern past 512 characters")],
    ],
    [
      "past the length, an edit of a file that is not sshd's configuration is let be",
      script(`sed -i '/^#\\(${alternation(60)}\\)/s/^#//' /etc/other.conf`),
      [],
    ],
    [
      "a program past 2048 instructions is left unread",
      script(large),
      [unread("a sed pattern compiling past 2048 instructions")],
    ],
    ["an interval of 1000 is replayed", script(bounded(1000)), [uncommented(bounded(1000))]],
    [
      "an interval past 1000 is left unread",
      script(bounded(1001)),
      [unread("a sed pattern with an interval past 1000")],
    ],
    ["an interval sed refuses (past 32767) changes nothing", script(bounded(40000)), []],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });

  test("perl's pattern under the length is replayed", () => {
    expect(findLoginWeaknesses(script(perl40))).toEqual([{ ...uncommented(perl40) }]);
  });
});

describe("the match budget spent", () => {
  test("7 large hardening edits leave the uncommenting edit replayed", () => {
    expect(findLoginWeaknesses(script(...hardening(7, 999), UNCOMMENT))).toEqual([uncommented(UNCOMMENT)]);
  });

  test("past the budget, the edits not replayed are left unread", () => {
    expect(findLoginWeaknesses(script(...hardening(8, 989), UNCOMMENT))).toEqual([
      unread("sed edits past the scan's matching budget of 10,000,000 steps"),
    ]);
  });

  test("past the budget, an edit of xinetd's telnet service is left unread", () => {
    const enable = "sed -i 's/disable\\s*=\\s*yes/disable = no/' /etc/xinetd.d/telnet";
    expect(findLoginWeaknesses(script(...hardening(8, 979), "yum install -y xinetd", enable))).toEqual([
      unread("sed edits past the scan's matching budget of 10,000,000 steps"),
    ]);
  });
});

describe("working copies past their bounds", () => {
  const uncommentedCopy: LoginWeakness[] = [
    { kind: "password-authentication", line: "sed -i 's/^#//' /tmp/sshd.work", note: ALL_PASSWORDS },
    { kind: "root-login", line: "sed -i 's/^#//' /tmp/sshd.work", note: ALL_ROOT },
  ];
  test.each<[string, string, LoginWeakness[]]>([
    ["after 15 backups the copy is followed", working(...backups(15)), uncommentedCopy],
    [
      "after 16 backups the copy put back is left unread",
      working(...backups(16)),
      [unread("copies of sshd's configuration past 16")],
    ],
    ["20 backups never put back are let be", script(...backups(20)), []],
    ["63 edits of the copy are replayed", editedCopy(63), uncommentedCopy],
    [
      "past 64 edits of the copy, its put-back is left unread",
      editedCopy(64),
      [unread("edits of a working copy of sshd's configuration past 64")],
    ],
    ["past 64 edits, a copy never put back is let be", editedCopy(70, false), []],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});

describe("removing drop-ins past the name bounds", () => {
  const rm = (list: string) => `rm -f ${D}/{${list}}.conf`;
  const stars = (n: number) => `rm -f ${D}/6${"*".repeat(n)}.conf`;
  test.each<[string, string, LoginWeakness[]]>([
    [
      "31 names and Ubuntu's drop-in",
      script(rm(`${names(31)},60-cloudimg-settings`)),
      [{ kind: "password-authentication", line: rm(`${names(31)},60-cloudimg-settings`), note: UBUNTU }],
    ],
    [
      "32 names and Ubuntu's drop-in: past the bound the names are matched without being built",
      script(rm(`${names(32)},60-cloudimg-settings`)),
      [{ kind: "password-authentication", line: rm(`${names(32)},60-cloudimg-settings`), note: UBUNTU }],
    ],
    [
      "40 names before a glob: every drop-in the glob matches may be removed",
      script(`rm -f ${D}/{${names(40)}}*`),
      kit(`rm -f ${D}/{${names(40)}}*`),
    ],
    ["40 names matching no drop-in are let be", script(rm(names(40, "-vendor")).replace(".conf", ".bak")), []],
    ["a glob of 200 stars", script(stars(200)), [{ kind: "password-authentication", line: stars(200), note: UBUNTU }]],
    [
      "a glob of 260 stars is matched as one",
      script(stars(260)),
      [{ kind: "password-authentication", line: stars(260), note: UBUNTU }],
    ],
    ["a name of 300 characters and no wildcard is let be", script(`rm -f ${D}/6${"a".repeat(300)}.conf`), []],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});

describe("xinetd files past the bounds of what is read", () => {
  const header = (n: number) => `echo '# ${"=".repeat(n)}' > ${TELNET_FILE}`;
  const serviceTelnet = telnet("service telnet", TELNET_FILE);
  test.each<[string, string, LoginWeakness[]]>([
    [
      "after 63 other files, a service built a line at a time",
      script(...otherXinetdFiles(63), ...telnetBlock(TELNET_FILE)),
      [serviceTelnet],
    ],
    [
      "after 64 other files, it is left unread",
      script(...otherXinetdFiles(64), ...telnetBlock(TELNET_FILE)),
      [unread("text added to more than 64 xinetd files")],
    ],
    [
      "after 64 other files, a file written whole is read by its own scan",
      script(...otherXinetdFiles(64), `echo '# telnet, off' > ${TELNET_FILE}`),
      [],
    ],
    ["after a header of 15,000 characters", script(header(15000), ...telnetBlock(TELNET_FILE)), [serviceTelnet]],
    [
      "after a header of 16,500 characters (gzip'd user data), it is left unread",
      gzipped(script(header(16500), ...telnetBlock(TELNET_FILE))),
      [unread("text added to an xinetd file past 16 KB")],
    ],
    [
      "a header of 16,500 characters, then a blank line, is let be",
      gzipped(script(header(16500), `echo >> ${TELNET_FILE}`)),
      [],
    ],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});

describe("an edit of a service of the script's own, past the known text's bounds", () => {
  test.each<[string, string, LoginWeakness[]]>([
    ["50 comment lines: replayed", remote(50), [telnet(ENABLE_REMOTE)]],
    ["60 comment lines: the servers it names are taken as turned on", remote(60), [telnet(ENABLE_REMOTE)]],
    ["60 comment lines, no edit", remote(60, false), []],
  ])("%s", (_, text, expected) => {
    expect(findLoginWeaknesses(text)).toEqual(expected);
  });
});
