// Files a boot script writes and runs later, as what happens to them before they run changes them: a copy (cp,
// install) or move (mv) takes everything the source was given (a line at a time, by a here-document, tee or a
// decoder), not only text spelt whole; printf reuses its format while arguments are left; a command that fills the
// file with text the reader does not know (a download, a link, `cat … >`), or a removal of the file's folder or of a
// pattern matching it, leaves none of the old text; `sh -n` only checks syntax; a printf piece that completes a line
// is read with its start. Each bad row names the servers its one violation must name and the line it must quote;
// each good row must pass.
import { b64, Bad, bash, Good, loginServerRows, violations, INSTANCE } from "./login-server-rows";

const WRITE_VNC = "printf 'x11vnc -forever\\n' > /opt/start";
const viaFile = (file: string) => `"x11vnc -forever" via ${file}`;
const TELNET = "/etc/xinetd.d/telnet";
const VIA_TELNET = `"service telnet" via ${TELNET}`;
const TELNET_LINES = ["service telnet", "{", "  server = /usr/sbin/in.telnetd", "}"];
/** The telnet service echoed a line at a time to `file`. */
const telnetEchoed = (file: string) => TELNET_LINES.map((l) => `echo '${l}' >> ${file}`);
/** A harmless file written, then the VNC one over it by `replace`, then run: as the replacement leaves it. */
const vncThen = (...lines: string[]) => bash(WRITE_VNC, ...lines, "sh /opt/start");

const BAD: Bad[] = [
  // 1. A copy or move carries all the source was given.
  {
    name: "write_files' file installed under another name and run",
    script: [
      "#cloud-config",
      "write_files:",
      "  - path: /opt/s.tmp",
      "    content: |",
      "      x11vnc -forever",
      "runcmd:",
      "  - install -m 0755 /opt/s.tmp /usr/local/bin/start",
      "  - /usr/local/bin/start",
      "",
    ].join("\n"),
    servers: ["vnc"],
    quotes: viaFile("/usr/local/bin/start"),
  },
  {
    name: "a file echoed a line at a time, moved and run",
    script: bash(
      "echo 'set -e' >> /opt/s.tmp",
      "echo 'x11vnc -forever' >> /opt/s.tmp",
      "mv /opt/s.tmp /opt/start; sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "an unquoted here-document naming $HOME, copied and run",
    script: bash(
      "cat > /opt/s.tmp <<EOF",
      "cd $HOME",
      "x11vnc -forever",
      "EOF",
      "cp /opt/s.tmp /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "a file tee wrote, copied and run",
    script: bash("echo 'x11vnc -forever' | tee /opt/s.tmp", "cp /opt/s.tmp /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "a decoded file, copied and run",
    script: bash(
      `echo ${b64("x11vnc -forever\n")} | base64 -d > /opt/s.tmp`,
      "cp /opt/s.tmp /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "a copy over a harmless file written before",
    script: bash(
      "printf 'echo ok\\n' > /opt/start",
      "echo 'x11vnc -forever' >> /opt/s.tmp",
      "cp -f /opt/s.tmp /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "an xinetd service echoed to /tmp a line at a time, copied into xinetd.d",
    script: bash(...telnetEchoed("/tmp/telnet"), `cp /tmp/telnet ${TELNET}`),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "an xinetd service echoed to /tmp, moved into xinetd.d",
    script: bash(...telnetEchoed("/tmp/telnet"), `mv /tmp/telnet ${TELNET}`),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  // 2. printf's format reused for each group of arguments.
  {
    name: "printf '%s\\n' of two lines, then the server appended",
    script: bash(
      "printf '%s\\n' 'set -e' 'cd /opt' > /opt/start",
      "echo 'x11vnc -forever' >> /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "printf '%s %s\\n' taking two arguments a line",
    script: bash("printf '%s %s\\n' cd /opt x11vnc -forever > /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "an xinetd service opened by printf '%s\\n', closed by echoes",
    script: bash(
      `printf '%s\\n' 'service telnet' '{' > ${TELNET}`,
      `echo '  server = /usr/sbin/in.telnetd' >> ${TELNET}`,
      `echo '}' >> ${TELNET}`,
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  // 3. What does not replace the text keeps it.
  {
    name: "cat's output added (>>)",
    script: vncThen("cat /tmp/n >> /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "curl -O (its own name)",
    script: vncThen("cd /tmp && curl -O https://x/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "ln -s without -f",
    script: vncThen("ln -s /opt/app/start /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "aws s3 cp uploading it",
    script: vncThen("aws s3 cp /opt/start s3://b/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "rm -rf of a sibling folder",
    script: vncThen("rm -rf /opt/app /op"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "rm -f of a pattern it does not match",
    script: vncThen("rm -f /opt/x* /opt/start?"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "rm -f of its folder, not recursive",
    script: vncThen("rm -f /opt"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "cat of a here-document replacing it with the server",
    script: bash(
      "printf 'echo ok\\n' > /opt/start",
      "cat > /opt/start <<'EOF'",
      "x11vnc -forever",
      "EOF",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  // 4. Only a shell that runs the file counts.
  {
    name: "sh -x runs it",
    script: bash(WRITE_VNC, "sh -x /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
  {
    name: "bash --norc runs it",
    script: bash(WRITE_VNC, "bash --norc /opt/start"),
    servers: ["vnc"],
    quotes: viaFile("/opt/start"),
  },
];

const GOOD: Good[] = [
  // 1. The copy is taken as the source was then.
  {
    name: "the source given the server after it was copied",
    script: bash(
      "echo 'echo ok' >> /opt/s.tmp",
      "cp /opt/s.tmp /opt/start",
      "echo 'x11vnc -forever' >> /opt/s.tmp",
      "sh /opt/start",
    ),
  },
  {
    name: "a harmless file copied over the server's",
    script: bash(
      WRITE_VNC,
      "echo 'echo ok' >> /opt/s.tmp",
      "echo 'echo hi' >> /opt/s.tmp",
      "cp /opt/s.tmp /opt/start",
      "sh /opt/start",
    ),
  },
  {
    name: "a file moved away, the old name run",
    script: bash("echo 'x11vnc -forever' >> /opt/s.tmp", "mv /opt/s.tmp /opt/start", "sh /opt/s.tmp"),
  },
  {
    name: "an xinetd service echoed to /tmp, copied elsewhere",
    script: bash(...telnetEchoed("/tmp/telnet"), "cp /tmp/telnet /tmp/telnet.bak"),
  },
  // 2. A format with no conversion prints once, its arguments ignored.
  {
    name: "printf with no conversion and the server as an argument",
    script: bash("printf 'echo ok\\n' 'x11vnc -forever' > /opt/start", "sh /opt/start"),
  },
  // 3. Text the reader does not know replaces what was there.
  { name: "cat's output over it", script: vncThen("cat /tmp/n > /opt/start") },
  { name: "curl's output over it", script: vncThen("curl -fsSL https://x/start > /opt/start") },
  { name: "curl -o", script: vncThen("curl -o /opt/start https://x/start") },
  { name: "curl -fsSLo joined", script: vncThen("curl -fsSLo/opt/start https://x/start") },
  { name: "curl --output=", script: vncThen("curl --output=/opt/start https://x/start") },
  { name: "wget -qO", script: vncThen("wget -qO /opt/start https://x/start") },
  { name: "wget --output-document", script: vncThen("wget --output-document /opt/start https://x/start") },
  { name: "aws s3 cp fetching it", script: vncThen("aws s3 cp --region us-east-1 s3://b/start /opt/start") },
  { name: "ln -sf onto it", script: vncThen("ln -sf /opt/app/start /opt/start") },
  { name: "rm -rf of its folder", script: vncThen("rm -rf /opt") },
  { name: "rm -r of its folder, a last slash", script: vncThen("rm -r /opt/") },
  { name: "rm -f of a pattern matching it", script: vncThen("rm -f /opt/st*") },
  { name: "rm -rf of a pattern matching its folder", script: vncThen("rm -rf /o?t/*") },
  {
    name: "an xinetd service echoed, its folder removed",
    script: bash(...telnetEchoed("/tmp/x/telnet"), "rm -rf /tmp/x", `cp /tmp/x/telnet ${TELNET}`),
  },
  // 4. A syntax check runs nothing.
  { name: "sh -n", script: bash(WRITE_VNC, "sh -n /opt/start") },
  { name: "bash -xn", script: bash(WRITE_VNC, "bash -xn /opt/start") },
  { name: "bash -o noexec", script: bash(WRITE_VNC, "bash -o noexec /opt/start") },
];

describe("disallow-userdata-login-weakening: files run later, copied, replaced or removed before they run", () => {
  loginServerRows(BAD, GOOD);

  // 5. A piece that completes a line is read with its start: one finding, the password masked whole.
  it("reports a password line printed in two pieces once, masked", async () => {
    const script = bash(
      "printf 'echo root:S3cr' > /opt/setup",
      "printf 'etPass | chpasswd\\n' >> /opt/setup",
      "sh /opt/setup",
    );
    const found = await violations(INSTANCE, { userData: script });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('"echo root:******** | chpasswd"');
    expect(found.join("\n")).not.toContain("etPass");
    expect(found.join("\n")).not.toContain("S3cr");
  });

  it("passes a password-free line printed in two pieces", async () => {
    const script = bash("printf 'echo sta' > /opt/setup", "printf 'rted\\n' >> /opt/setup", "sh /opt/setup");
    expect(await violations(INSTANCE, { userData: script })).toEqual([]);
  });
});
