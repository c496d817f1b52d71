// How the files a boot script writes and runs later follow what happens to them before they run: a file moved (`mv`)
// takes its text to its new name and leaves none at the old one; one removed (`rm`, unlink) or emptied (`truncate -s
// 0`, `: >`, a bare `>`) holds none. Decoded output to a relative name is read from where a `cd` put the script. An
// xinetd file that tee writes without -a is read anew from tee's text. A file run later that writes another file run
// later is read first, so the other is read as the first leaves it. Each bad row names the servers its one violation
// must name and the line it must quote; each good row must pass.
import { b64, Bad, bash, Good, loginServerRows } from "./login-server-rows";

const WRITE_VNC = "printf 'x11vnc -forever\\n' > /opt/start";
const viaFile = (file: string) => `"x11vnc -forever" via ${file}`;
const TELNET = "/etc/xinetd.d/telnet";
const VIA_TELNET = `"service telnet" via ${TELNET}`;
/** An xinetd service's first lines, echoed one at a time. */
const TELNET_OPENED = ["service telnet", "{", "  server = /usr/sbin/in.telnetd"].map((l) => `echo '${l}' >> ${TELNET}`);
const CLOSE_TELNET = `echo '}' >> ${TELNET}`;
/** A unit that runs `file` once the user data is done. */
const unit = (name: string, file: string) =>
  `printf '[Service]\\nExecStart=${file}\\n' > /etc/systemd/system/${name}.service`;
/** /opt/a, run later, writes /opt/b (run later too) twice: the second time as `redirect` says. */
const laterWritesLater = (redirect: ">" | ">>") =>
  bash(
    unit("a", "/opt/a"),
    unit("b", "/opt/b"),
    `printf 'printf "x11vnc -forever\\\\n" > /opt/b\\nprintf "echo ok\\\\n" ${redirect} /opt/b\\n' > /opt/a`,
  );
const ENCODED = b64("x11vnc -forever\n");

const BAD: Bad[] = [
  // Moved: the text goes with the file.
  {
    name: "moved by mv, run by its new name",
    script: bash(WRITE_VNC, "mv /opt/start /opt/run", "sh /opt/run"),
    servers: ["vnc"],
    quotes: viaFile("/opt/run"),
  },
  {
    name: "moved by mv -f after cd, by relative names",
    script: bash(WRITE_VNC, "cd /opt && mv -f start run && sh ./run"),
    servers: ["vnc"],
    quotes: viaFile("/opt/run"),
  },
  {
    name: "moved over a harmless file",
    script: bash("printf 'echo started\\n' > /opt/run", WRITE_VNC, "mv /opt/start /opt/run", "sh /opt/run"),
    servers: ["vnc"],
    quotes: viaFile("/opt/run"),
  },
  {
    name: "removed, then written again",
    script: bash("printf 'echo started\\n' > /opt/start", "rm -f /opt/start", WRITE_VNC, "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "emptied, then the server's line appended",
    script: bash(
      "printf 'echo started\\n' > /opt/start",
      ": > /opt/start",
      "echo 'x11vnc -forever' >> /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  // Not emptied.
  {
    name: "truncate grows the file",
    script: bash(WRITE_VNC, "truncate -s +10 /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: ": >> adds nothing",
    script: bash(WRITE_VNC, ": >> /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "another file removed",
    script: bash(WRITE_VNC, "rm -f /opt/other", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "a copy, the source left in place",
    script: bash(WRITE_VNC, "cp /opt/start /opt/old", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  // Decoded to a relative name after cd.
  {
    name: "base64 -d to a relative name after cd",
    script: bash("cd /opt", `echo ${ENCODED} | base64 -d > start`, "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "base64 --decode through tee -a to ./start after cd",
    script: bash(`cd /opt && echo ${ENCODED} | base64 --decode >> ./start`, "bash /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  // xinetd files tee writes.
  {
    name: "tee -a adds a comment inside an xinetd service",
    script: bash(...TELNET_OPENED, `echo '# telnet' | tee -a ${TELNET}`, CLOSE_TELNET),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "tee writes an xinetd service's start, an append closes it",
    script: bash(`printf 'service telnet\\n{\\n  server = /usr/sbin/in.telnetd\\n' | tee ${TELNET}`, CLOSE_TELNET),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  // A file run later writing another run later.
  {
    name: "a file run later adds to another run later",
    script: laterWritesLater(">>"),
    servers: ["vnc"],
    quotes: viaFile("/opt/b"),
  },
];

const GOOD: Good[] = [
  // Moved away, removed or emptied before it runs.
  { name: "moved away by mv, run by its old name", script: bash(WRITE_VNC, "mv /opt/start /opt/old", "sh /opt/start") },
  {
    name: "moved into a folder, run by its old name",
    script: bash(WRITE_VNC, "mv /opt/start /var/backups/", "sh /opt/start"),
  },
  { name: "removed by rm -f", script: bash(WRITE_VNC, "rm -f /opt/start", "sh /opt/start") },
  { name: "removed by rm -- after cd", script: bash(WRITE_VNC, "cd /opt && rm -- start", "sh /opt/start") },
  { name: "removed by unlink", script: bash(WRITE_VNC, "unlink /opt/start", "sh /opt/start") },
  { name: "truncate -s 0", script: bash(WRITE_VNC, "truncate -s 0 /opt/start", "sh /opt/start") },
  { name: "truncate --size=0", script: bash(WRITE_VNC, "truncate --size=0 /opt/start", "sh /opt/start") },
  { name: ": >", script: bash(WRITE_VNC, ": > /opt/start", "sh /opt/start") },
  { name: "a bare > redirection", script: bash(WRITE_VNC, "> /opt/start", "sh /opt/start") },
  { name: "true >|", script: bash(WRITE_VNC, "true >| /opt/start", "sh /opt/start") },
  {
    name: "a file a unit runs, removed after the server's text",
    script: bash(unit("start", "/opt/start"), WRITE_VNC, "rm -f /opt/start"),
  },
  {
    name: "a harmless file moved over it",
    script: bash(WRITE_VNC, "printf 'echo started\\n' > /opt/safe", "mv /opt/safe /opt/start", "sh /opt/start"),
  },
  // Decoded to a relative name: another file than the one run.
  {
    name: "base64 -d to a relative name after cd elsewhere",
    script: bash("cd /srv", `echo ${ENCODED} | base64 -d > start`, "sh /opt/start"),
  },
  {
    name: "base64 -d to a relative name after cd, never run",
    script: bash("cd /opt", `echo ${ENCODED} | base64 -d > start`),
  },
  {
    name: "base64 -d after cd, replaced before it runs",
    script: bash("cd /opt", `echo ${ENCODED} | base64 -d > start`, "printf 'echo ok\\n' > start", "sh /opt/start"),
  },
  // xinetd files tee replaces.
  {
    name: "tee replaces an xinetd service cut short",
    script: bash(...TELNET_OPENED, `echo '# none' | tee ${TELNET}`, CLOSE_TELNET),
  },
  {
    name: "tee replaces it with text from elsewhere",
    script: bash(...TELNET_OPENED, `curl -s https://example.com/x | sudo tee ${TELNET} > /dev/null`, CLOSE_TELNET),
  },
  { name: "an xinetd service cut short by rm", script: bash(...TELNET_OPENED, `rm -f ${TELNET}`, CLOSE_TELNET) },
  // A file run later replacing another run later.
  { name: "a file run later replaces another run later", script: laterWritesLater(">") },
];

describe("disallow-userdata-login-weakening: files run later, moved, removed or emptied before they run", () => {
  loginServerRows(BAD, GOOD);
});
