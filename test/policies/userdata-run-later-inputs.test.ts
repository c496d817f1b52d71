// Files a boot script writes without a `#!` line and runs in ways beyond `sh F`: through a shell's input (`sh < F`,
// `bash -s -- arg < F`, `cat F | sh`), through env (`/usr/bin/env bash F`, as a unit's ExecStart spells it), after a
// plain cat copied them (`cat A > F`, `cat A >> F`, `cat A | tee F`), or after a copy into a folder
// (`cp A /usr/local/bin/` makes /usr/local/bin/A). Each bad row names the servers its one violation must name and the
// line it must quote; each good row must pass. The pipe forms need the command before on the line, checked on the
// functions that take it.
import { catCopy } from "../../lib/userdata-cat-streams";
import { followCopy } from "../../lib/userdata-copied-over";
import { parseCommands } from "../../lib/userdata-destinations";
import { Findings } from "../../lib/userdata-findings";
import { filesRun } from "../../lib/userdata-run-later";
import { AS_CONFIG, LineScan, WriteMode } from "../../lib/userdata-scan-context";
import { MatchBudget } from "../../lib/userdata-sed-regex";
import { Bad, bash, Good, loginServerRows } from "./login-server-rows";

/** A file with no `#!` line nor script name, holding a VNC server's command. */
const WRITE_START = "printf 'x11vnc -forever\\n' > /opt/start";
/** The same text written to /tmp/a, to be copied elsewhere. */
const WRITE_A = "printf 'x11vnc -forever\\n' > /tmp/a";
const via = (file: string) => `"x11vnc -forever" via ${file}`;

/** /opt/start written, then `lines`. */
const startThen = (...lines: string[]) => bash(WRITE_START, ...lines);
/** /tmp/a written, then `lines`. */
const aThen = (...lines: string[]) => bash(WRITE_A, ...lines);
/** A unit whose ExecStart is `exec`. */
const unit = (exec: string) =>
  `printf '[Unit]\\nDescription=x\\n[Service]\\nExecStart=${exec}\\n' > /etc/systemd/system/x.service`;
/** A bad row reporting the VNC server via `file`. */
const vnc = (name: string, script: string, file = "/opt/start"): Bad => ({
  name,
  script,
  servers: ["vnc"],
  quotes: via(file),
});

const BAD: Bad[] = [
  // 1. A shell reading its script from its input.
  vnc("sh reading the file through <", startThen("sh < /opt/start")),
  vnc("bash -s reading it through <", startThen("bash -s < /opt/start")),
  vnc("bash -s with arguments after --", startThen("bash -s -- arg < /opt/start")),
  vnc("sh -s", startThen("sh -s < /opt/start")),
  vnc("descriptor 0 named", startThen("sh 0< /opt/start")),
  vnc("sudo with a user, then sh reading it", startThen("sudo -u root sh < /opt/start")),
  vnc("a unit's shell reading it", startThen(unit("/bin/sh -s < /opt/start"))),
  vnc("cat piped to sh", startThen("cat /opt/start | sh")),
  vnc("cat piped to bash -s", startThen("cat /opt/start | bash -s")),
  vnc("cat piped to sudo bash -s with arguments", startThen("cat /opt/start | sudo bash -s -- a")),
  // 2. env spelt by its path, with options and assignments, in the script, a unit and a crontab.
  vnc("/usr/bin/env bash", startThen("/usr/bin/env bash /opt/start")),
  vnc("env sh", startThen("env sh /opt/start")),
  vnc("env -i bash", startThen("env -i bash /opt/start")),
  vnc("env with an assignment", startThen("env FOO=1 bash /opt/start")),
  vnc(
    "/usr/bin/env with -u, an assignment and bash by its path",
    startThen("/usr/bin/env -u X FOO=1 /bin/bash -x /opt/start"),
  ),
  vnc("/usr/bin/env running the file itself", startThen("chmod +x /opt/start", "/usr/bin/env /opt/start")),
  vnc("a unit's ExecStart through /usr/bin/env", startThen(unit("/usr/bin/env bash /opt/start"))),
  vnc("a unit's ExecStart through env -i", startThen(unit("/usr/bin/env -i /bin/sh /opt/start"))),
  vnc("a unit written before the file", bash(unit("/usr/bin/env bash /opt/start"), WRITE_START)),
  vnc(
    "a cron line through /usr/bin/env",
    startThen("echo '@reboot root /usr/bin/env bash /opt/start' > /etc/cron.d/x"),
  ),
  // 3. A plain cat copies what is kept for its files, replacing or adding.
  vnc("cat > then sh", aThen("cat /tmp/a > /opt/start", "sh /opt/start")),
  vnc("cat >| then sh", aThen("cat /tmp/a >| /opt/start", "sh /opt/start")),
  vnc(
    "cat >> after a harmless line",
    aThen("echo 'echo hi' > /opt/start", "cat /tmp/a >> /opt/start", "sh /opt/start"),
  ),
  vnc("cat of two files", aThen("echo 'echo hi' > /tmp/b", "cat /tmp/b /tmp/a > /opt/start", "sh /opt/start")),
  vnc("cat reading it through <", aThen("cat < /tmp/a > /opt/start", "sh /opt/start")),
  vnc(
    "cat > over the file's old text",
    aThen("echo 'echo old' > /opt/start", "cat /tmp/a > /opt/start", "sh /opt/start"),
  ),
  vnc("cat > then a line added", aThen("cat /tmp/a > /opt/start", "echo 'echo done' >> /opt/start", "sh /opt/start")),
  vnc("cat with its errors discarded", aThen("cat /tmp/a 2>/dev/null > /opt/start", "sh /opt/start")),
  vnc(
    "a line printed in two pieces, copied by cat",
    bash("printf 'x11vnc -for' > /tmp/a", "printf 'ever\\n' >> /tmp/a", "cat /tmp/a > /opt/start", "sh /opt/start"),
  ),
  vnc(
    "cat >> completing a line left open",
    bash("printf 'x11vnc -for' > /opt/start", "printf 'ever\\n' > /tmp/a", "cat /tmp/a >> /opt/start", "sh /opt/start"),
  ),
  vnc("cat into the file a unit runs", aThen(unit("/opt/start"), "cat /tmp/a > /opt/start")),
  vnc("cat piped to tee, then sh", aThen("cat /tmp/a | tee /opt/start", "sh /opt/start")),
  vnc(
    "cat piped to tee -a, then sh",
    aThen("echo 'echo hi' > /opt/start", "cat /tmp/a | tee -a /opt/start", "sh /opt/start"),
  ),
  vnc(
    "cat piped to tee into a listed folder, run by its path",
    aThen("cat /tmp/a | tee /usr/local/bin/x", "/usr/local/bin/x"),
    "/usr/local/bin/x",
  ),
  // 4. A copy into a folder makes the file of the source's name there.
  vnc(
    "cp into /usr/local/bin/, run by sh",
    aThen("cp /tmp/a /usr/local/bin/", "sh /usr/local/bin/a"),
    "/usr/local/bin/a",
  ),
  vnc("cp into /usr/local/bin, no slash", aThen("cp /tmp/a /usr/local/bin", "/usr/local/bin/a"), "/usr/local/bin/a"),
  vnc(
    "install -m 0755 into /usr/local/sbin/",
    aThen("install -m 0755 /tmp/a /usr/local/sbin/", "/usr/local/sbin/a"),
    "/usr/local/sbin/a",
  ),
  vnc("install -t", aThen("install -m 755 -t /usr/local/bin /tmp/a", "/usr/local/bin/a"), "/usr/local/bin/a"),
  vnc("cp -t a folder not listed", aThen("cp -t /srv/tools /tmp/a", "sh /srv/tools/a"), "/srv/tools/a"),
  vnc("cp --target-directory=", aThen("cp --target-directory=/srv/tools /tmp/a", "sh /srv/tools/a"), "/srv/tools/a"),
  vnc("cp into a folder not listed, with a slash", aThen("cp /tmp/a /srv/tools/", "sh /srv/tools/a"), "/srv/tools/a"),
  vnc("mv -t", aThen("mv -t /usr/local/bin /tmp/a", "/usr/local/bin/a"), "/usr/local/bin/a"),
  vnc("cp into /opt", aThen("cp /tmp/a /opt", "nohup /opt/a &"), "/opt/a"),
  vnc(
    "cp into the folder where the script stands",
    aThen("cd /usr/local/bin", "cp /tmp/a .", "./a"),
    "/usr/local/bin/a",
  ),
  vnc("cp into /etc/cron.daily/, run by cron", aThen("cp /tmp/a /etc/cron.daily/"), "/etc/cron.daily/a"),
  vnc("install into /etc/cron.daily, no slash", aThen("install -m 755 /tmp/a /etc/cron.daily"), "/etc/cron.daily/a"),
  // 5. A `&` after the command only sends it to the background.
  vnc("sh reading it through <, in the background", startThen("sh < /opt/start &")),
  vnc("cat piped to sh, in the background", startThen("cat /opt/start | sh &")),
  vnc(
    "nohup bash reading it, its output logged, in the background",
    startThen("nohup bash < /opt/start > /var/log/x 2>&1 &"),
  ),
  vnc("sh reading it in the background, a command after", startThen("sh < /opt/start & sleep 1")),
  vnc("sh reading it, & joined to the next command", startThen("sh < /opt/start &sleep 1")),
  vnc("cat > in the background, then sh", aThen("cat /tmp/a > /opt/start &", "sh /opt/start")),
  vnc("cp in the background, then sh", aThen("cp /tmp/a /opt/start & wait", "sh /opt/start")),
  vnc("tee in the background, then sh", aThen("cat /tmp/a | tee /opt/start &", "sh /opt/start")),
  // 6. A file named env that is no env: anywhere but env's own places, or written there by the script itself.
  vnc(
    "a script named env run with an argument",
    bash("printf 'x11vnc -forever\\n' > /opt/env", "chmod +x /opt/env", "/opt/env start"),
    "/opt/env",
  ),
  vnc(
    "a file the script wrote at env's own place, run",
    bash("printf 'x11vnc -forever\\n' > /usr/bin/env", "/usr/bin/env start"),
    "/usr/bin/env",
  ),
  vnc("/bin/env bash", startThen("/bin/env bash /opt/start")),
  vnc("/usr/local/bin/env sh", startThen("/usr/local/bin/env sh /opt/start")),
  vnc("/usr//bin/env, spelt with a doubled slash", startThen("/usr//bin/env bash /opt/start")),
  // 7. Several files copied into a folder: each lands there under its own name.
  vnc(
    "cp of two files into /usr/local/bin/",
    aThen("cp /tmp/b /tmp/a /usr/local/bin/", "/usr/local/bin/a"),
    "/usr/local/bin/a",
  ),
  vnc("cp -t with two files", aThen("cp -t /usr/local/bin /tmp/b /tmp/a", "/usr/local/bin/a"), "/usr/local/bin/a"),
  vnc(
    "install of two files into /usr/local/bin/",
    aThen("install /tmp/a /tmp/b /usr/local/bin/", "/usr/local/bin/a"),
    "/usr/local/bin/a",
  ),
  vnc(
    "cp of two files into a folder not listed, no slash",
    aThen("cp /tmp/b /tmp/a /srv/tools", "sh /srv/tools/a"),
    "/srv/tools/a",
  ),
  vnc(
    "mv of two files into a folder",
    aThen("mv /tmp/b /tmp/a /usr/local/bin", "/usr/local/bin/a"),
    "/usr/local/bin/a",
  ),
  vnc(
    "cp of two files, one a folder's contents",
    aThen("cp -r /tmp/d/ /tmp/a /srv/tools", "sh /srv/tools/a"),
    "/srv/tools/a",
  ),
  // 8. A recursive or preserving copy of a file copies it as a plain one does.
  vnc("cp -a into /usr/local/bin/", aThen("cp -a /tmp/a /usr/local/bin/", "/usr/local/bin/a"), "/usr/local/bin/a"),
  vnc("cp -a onto a file", aThen("cp -a /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp -r onto a file", aThen("cp -r /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp -R onto a file", aThen("cp -R /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp -rp onto a file", aThen("cp -rp /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp -p onto a file", aThen("cp -p /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp --preserve=mode onto a file", aThen("cp --preserve=mode /tmp/a /opt/start", "sh /opt/start")),
  vnc("cp --archive into cron's folder", aThen("cp --archive /tmp/a /etc/cron.daily/"), "/etc/cron.daily/a"),
  // 9. A cat's files and a tee's targets, however many: padding hides none.
  vnc(
    "cat of sixteen files with nothing kept, then the one with text",
    aThen(`cat ${Array.from({ length: 16 }, (_v, i) => `/tmp/p${i}`).join(" ")} /tmp/a > /opt/start`, "sh /opt/start"),
  ),
  vnc(
    "tee of seventeen files, then the one run",
    aThen(
      `cat /tmp/a | tee ${Array.from({ length: 17 }, (_v, i) => `/opt/p${i}`).join(" ")} /opt/start`,
      "sh /opt/start",
    ),
  ),
  vnc(
    "cat of the file itself, then the server's file, over it",
    bash("echo 'echo hi' > /opt/start", WRITE_A, "cat /opt/start /tmp/a > /opt/start", "sh /opt/start"),
  ),
  // 10. Only the last redirection of cat's output gets the copy.
  vnc("cat > an earlier file, then > the file run", aThen("cat /tmp/a > /opt/other > /opt/start", "sh /opt/start")),
  vnc("cat > /dev/null, then >> the file run", aThen("cat /tmp/a > /dev/null >> /opt/start", "sh /opt/start")),
  // 11. A tee or sponge reading the file itself.
  vnc("tee reading it through <", aThen("tee /opt/start < /tmp/a", "sh /opt/start")),
  vnc(
    "tee -a reading it through <",
    aThen("echo 'echo hi' > /opt/start", "tee -a /opt/start < /tmp/a", "sh /opt/start"),
  ),
  vnc("sponge reading it through <", aThen("sponge /opt/start < /tmp/a", "sh /opt/start")),
  // 12. A file copied onto a boot file again and again is read once; a new text copied there is read too.
  vnc("cp onto rc.local twice", aThen("cp /tmp/a /etc/rc.local", "cp /tmp/a /etc/rc.local"), "/etc/rc.local"),
  vnc(
    "a harmless text copied onto rc.local, then the server's",
    bash("echo 'echo hi' > /tmp/a", "cp /tmp/a /etc/rc.local", WRITE_A, "cat /tmp/a > /etc/rc.local"),
    "/etc/rc.local",
  ),
  vnc(
    "the server added to a file copied into cron's folder before, copied again",
    bash(
      "echo 'echo hi' > /tmp/a",
      "cp /tmp/a /etc/cron.daily/",
      "printf 'x11vnc -forever\\n' >> /tmp/a",
      "cp /tmp/a /etc/cron.daily/",
    ),
    "/etc/cron.daily/a",
  ),
];

const GOOD: Good[] = [
  // 1. The input only checked, given to a -c script, or read by another program.
  { name: "sh -n reading it", script: startThen("sh -n < /opt/start") },
  { name: "bash -n -s reading it", script: startThen("bash -s -n < /opt/start") },
  { name: "sh -c with its input redirected", script: startThen("sh -c 'echo hi' < /opt/start") },
  { name: "cat piped to grep", script: startThen("cat /opt/start | grep x11vnc") },
  { name: "cat, then another command piped to sh", script: startThen("cat /opt/start; echo hi | sh") },
  { name: "cat piped to tee, never run", script: aThen("cat /tmp/a | tee /opt/start") },
  { name: "cat into another file never run", script: startThen("cat /opt/start > /opt/copy") },
  { name: "another file read through <", script: startThen("sh < /opt/other") },
  // 2. env running nothing, or another file.
  { name: "/usr/bin/env alone", script: startThen("/usr/bin/env") },
  { name: "/usr/bin/env bash running another file", script: startThen("/usr/bin/env bash /opt/other") },
  { name: "a unit running another file through env", script: startThen(unit("/usr/bin/env bash /opt/other")) },
  { name: "env bash -n", script: startThen("/usr/bin/env bash -n /opt/start") },
  // 3. What cat copies replaced or taken away before the file runs; a cat that changes the text.
  {
    name: "cat of a file holding nothing kept, over it",
    script: startThen("cat /tmp/n > /opt/start", "sh /opt/start"),
  },
  {
    name: "cat > then the file emptied",
    script: aThen("cat /tmp/a > /opt/start", ": > /opt/start", "sh /opt/start"),
  },
  {
    name: "cat >> then the file emptied",
    script: aThen("cat /tmp/a >> /opt/start", ": > /opt/start", "sh /opt/start"),
  },
  { name: "cat -n numbering the lines", script: aThen("cat -n /tmp/a > /opt/start", "sh /opt/start") },
  {
    name: "cat > and the source run",
    script: bash("echo 'echo hi' > /tmp/a", "cat /tmp/a > /opt/start", "sh /opt/start"),
  },
  // 4. A copy into a folder never run, another file run, or named itself.
  { name: "a file only copied into a folder", script: aThen("cp /tmp/a /usr/local/bin/") },
  { name: "a copy into a folder, another file run", script: aThen("cp /tmp/a /usr/local/bin/", "sh /usr/local/bin/b") },
  {
    name: "a copy into a folder, the folder's other name run",
    script: aThen("cp /tmp/a /usr/local/bin", "sh /usr/local/bin/start"),
  },
  { name: "cp -T onto a listed folder's name", script: aThen("cp -T /tmp/a /usr/local/bin", "sh /usr/local/bin/a") },
  { name: "mv -t, the old name run", script: aThen("mv -t /usr/local/bin /tmp/a", "sh /tmp/a") },
  {
    name: "a harmless file copied into cron's folder",
    script: bash("echo 'echo hi' > /tmp/a", "cp /tmp/a /etc/cron.daily/"),
  },
  // 5. In the background, the input still checked only, or another file read.
  { name: "sh -n reading it in the background", script: startThen("sh -n < /opt/start &") },
  { name: "sh reading another file in the background", script: startThen("sh < /opt/other & sleep 1") },
  {
    name: "sh reading another file, then a command reading it",
    script: startThen("sh < /opt/other & cat < /opt/start"),
  },
  // 6. A file named env that is no env runs itself, not the file it is given.
  {
    name: "a script named env given the file",
    script: startThen("printf 'echo hi\\n' > /opt/env", "/opt/env bash /opt/start"),
  },
  {
    name: "the script's own file at env's place given the file",
    script: startThen("printf 'echo hi\\n' > /usr/bin/env", "/usr/bin/env bash /opt/start"),
  },
  // 7. Several files into a folder: another name run, or the folder.
  {
    name: "two files copied, the other one run",
    script: aThen("cp /tmp/a /tmp/b /usr/local/bin/", "/usr/local/bin/b"),
  },
  {
    name: "two files copied into a folder, the folder run",
    script: aThen("cp /tmp/a /tmp/b /srv/tools", "sh /srv/tools"),
  },
  // 8. A recursive copy of a folder's contents; one that empties the file run.
  { name: "cp -r of a folder's contents", script: aThen("cp -r /tmp/a/. /opt/start", "sh /opt/start") },
  {
    name: "cp -a of a harmless file over it",
    script: startThen("echo 'echo hi' > /tmp/b", "cp -a /tmp/b /opt/start", "sh /opt/start"),
  },
  // 9. Many files with nothing kept, cat over the file run: it is emptied.
  {
    name: "cat of twenty files with nothing kept over it",
    script: startThen(
      `cat ${Array.from({ length: 20 }, (_v, i) => `/tmp/p${i}`).join(" ")} > /opt/start`,
      "sh /opt/start",
    ),
  },
  {
    name: "cat of the file itself, then a harmless file, over it",
    script: startThen("echo 'echo hi' > /tmp/b", "cat /opt/start /tmp/b > /opt/start", "sh /opt/start"),
  },
  // 10. An earlier redirection of cat's output only empties its file.
  { name: "cat > the file, then > /dev/null", script: aThen("cat /tmp/a > /opt/start > /dev/null", "sh /opt/start") },
  { name: "cat > the file, then > another", script: aThen("cat /tmp/a > /opt/start > /opt/other", "sh /opt/start") },
  { name: "cat > the file, then to the log by >&2", script: aThen("cat /tmp/a > /opt/start >&2", "sh /opt/start") },
  // 11. tee reading a file with nothing kept over it.
  { name: "tee reading a file with nothing kept", script: startThen("tee /opt/start < /tmp/n", "sh /opt/start") },
  // 12. install -d makes folders, copying nothing.
  { name: "install -d", script: aThen("install -d /tmp/a /usr/local/bin", "/usr/local/bin/a") },
  { name: "install -dm 755", script: aThen("install -dm 755 /tmp/a /usr/local/bin", "/usr/local/bin/a") },
  { name: "install --directory", script: aThen("install --directory /tmp/a /usr/local/bin", "/usr/local/bin/a") },
];

describe("disallow-userdata-login-weakening: files run through input or env, copied by cat or into folders", () => {
  loginServerRows(BAD, GOOD);
});

/** The commands of one line: the last one, and the one before it. */
const lastTwo = (line: string) => {
  const commands = parseCommands(line);
  return { parsed: commands[commands.length - 1], previous: commands[commands.length - 2] };
};

describe("a plain cat piped to the next command", () => {
  it.each<[string, string, string[]]>([
    ["sh", "cat /opt/start | sh", ["/opt/start"]],
    ["bash -s", "cat /opt/start | bash -s", ["/opt/start"]],
    ["sudo bash -s -- arg", "cat /opt/start | sudo bash -s -- arg", ["/opt/start"]],
    ["two files, in order", "cat /opt/a /opt//b | sh", ["/opt/a", "/opt/b"]],
    ["cat's errors discarded", "cat /opt/start 2>/dev/null | sh", ["/opt/start"]],
    ["a file relative to where the script stands", "cat start | sh", ["/srv/start"]],
    ["a shell with a file of its own", "cat /opt/start | sh /opt/other", ["/opt/other"]],
    ["sh -n", "cat /opt/start | sh -n", []],
    ["sh -c", "cat /opt/start | sh -c 'echo hi'", []],
    ["grep", "cat /opt/start | grep x", []],
    ["cat -n", "cat -n /opt/start | sh", []],
    ["cat reading its input too", "cat /opt/start - | sh", []],
    ["cat's output put in a file", "cat /opt/start > /tmp/x | sh", []],
    ["not piped", "cat /opt/start; sh", []],
    ["sh in the background", "cat /opt/start | sh &", ["/opt/start"]],
    ["sh in the background, its input redirected", "sh < /opt/start & sleep 1", ["/opt/start"]],
    ["cat in the background", "cat /opt/start & sh", []],
  ])("%s: the files run", (_name, line, files) => {
    const { parsed, previous } = lastTwo(line);
    expect(filesRun(parsed, "/srv", previous)).toEqual(files);
  });

  it.each<[string, string, { file: string; append: boolean }[] | undefined]>([
    ["tee", "cat /tmp/a | tee /opt/start", [{ file: "/opt/start", append: false }]],
    [
      "tee -a",
      "cat /tmp/a | tee -a /opt/start /opt/b",
      [
        { file: "/opt/start", append: true },
        { file: "/opt/b", append: true },
      ],
    ],
    ["sponge", "cat /tmp/a | sponge /opt/start", [{ file: "/opt/start", append: false }]],
    ["tee to the log only", "cat /tmp/a | tee /dev/null", []],
    ["grep before tee", "grep x /tmp/a | tee /opt/start", undefined],
    ["cat -A", "cat -A /tmp/a | tee /opt/start", undefined],
    ["tee reading the file itself", "tee /opt/start < /tmp/a", [{ file: "/opt/start", append: false }]],
    ["sponge -a reading it", "sponge -a /opt/start < /tmp/a", [{ file: "/opt/start", append: true }]],
    ["tee reading another command", "echo hi | tee /opt/start", undefined],
    ["cat's last redirection", "cat /tmp/a > /opt/x >> /opt/start", [{ file: "/opt/start", append: true }]],
    ["cat's last redirection to the log", "cat /tmp/a > /opt/start > /dev/null", undefined],
    ["cat's output sent to another descriptor last", "cat /tmp/a > /opt/start >&2", undefined],
    ["cat's errors redirected last", "cat /tmp/a > /opt/start 2> /opt/err", [{ file: "/opt/start", append: false }]],
    ["cat in the background", "cat /tmp/a > /opt/start &", [{ file: "/opt/start", append: false }]],
  ])("%s: what the copy puts where", (_name, line, targets) => {
    const { parsed, previous } = lastTwo(line);
    const copy = catCopy(parsed, previous);
    expect(copy?.targets).toEqual(targets);
    if (targets !== undefined) expect(copy?.sources).toEqual(["/tmp/a"]);
  });

  it("hands tee's copy on as the source's, replacing or added to", () => {
    const writes: { text: string; files: string[]; mode?: WriteMode }[] = [];
    const scan: LineScan = {
      found: new Findings(),
      reading: AS_CONFIG,
      matchBudget: new MatchBudget(),
      written: (text, files, _found, mode) => writes.push({ text, files, mode }),
    };
    const known = (path: string) => (path === "/tmp/a" ? "echo a\n" : undefined);
    for (const line of ["cat /tmp/a | tee /opt/start", "cat /tmp/a | tee -a /opt/start", "cat /tmp/a | grep x"]) {
      const { parsed, previous } = lastTwo(line);
      followCopy(parsed, scan, known, undefined, previous);
    }
    const budget = { pairs: expect.any(Number) };
    expect(writes).toEqual([
      {
        text: "echo a\n",
        files: ["/opt/start"],
        mode: { appended: [], followOnly: true, copiedFrom: "/tmp/a", refills: [], budget },
      },
      {
        text: "echo a\n",
        files: ["/opt/start"],
        mode: { appended: ["/opt/start"], followOnly: true, copiedFrom: "/tmp/a", refills: [], budget },
      },
    ]);
  });
});
