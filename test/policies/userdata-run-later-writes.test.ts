// How the files a boot script writes and runs later are read as they are written: a write that replaces a file (`>`,
// tee without -a, cp, write_files without `append: true`) leaves only its own text there, one that adds (`>>`, tee
// -a, `append: true`) keeps what was before; a printf with no last `\n` leaves a line that the next write continues;
// a file named through a variable the script set, or by a relative name after `cd`, is the file that name stands for.
// xinetd files built a line at a time alike. Each bad row names the servers its one violation must name and the line
// it must quote; each good row must pass.
import { Bad, bash, Good, INSTANCE, loginServerRows, violations, WHAT } from "./login-server-rows";

const VIA_START = '"x11vnc -forever" via /opt/start';
const WRITE_VNC = "printf 'x11vnc -forever\\n' > /opt/start";
const TELNET = "/etc/xinetd.d/telnet";
const VIA_TELNET = `"service telnet" via ${TELNET}`;
/** A unit that runs /opt/start once the user data is done. */
const UNIT = "printf '[Service]\\nExecStart=/opt/start\\n' > /etc/systemd/system/start.service";

/** A cloud-config writing /opt/start twice (the second time with `append`, or not) and running it. */
const writeFilesTwice = (append: boolean) =>
  [
    "#cloud-config",
    "write_files:",
    "  - path: /opt/start",
    "    content: |",
    "      x11vnc -forever",
    "  - path: /opt/start",
    ...(append ? ["    append: true"] : []),
    "    content: |",
    "      echo started",
    "runcmd:",
    "  - [sh, /opt/start]",
    "",
  ].join("\n");

/** An xinetd service echoed a line at a time, with `middle` written between its server line and its closing brace. */
const telnetAround = (middle: string) =>
  bash(
    `echo 'service telnet' >> ${TELNET}`,
    `echo '{' >> ${TELNET}`,
    `echo '  server = /usr/sbin/in.telnetd' >> ${TELNET}`,
    middle,
    `echo '}' >> ${TELNET}`,
  );

const BAD: Bad[] = [
  // Added after, the server's line stays.
  {
    name: "a harmless line appended with >> before the file runs",
    script: bash(WRITE_VNC, "printf 'echo started\\n' >> /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a harmless line added by tee -a",
    script: bash(WRITE_VNC, "echo 'echo started' | tee -a /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "write_files with append: true",
    script: writeFilesTwice(true),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a harmless text replaced by the server's",
    script: bash("printf 'echo started\\n' > /opt/start", WRITE_VNC, "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a file a unit runs, a line appended after the server's",
    script: bash(UNIT, WRITE_VNC, "printf 'echo started\\n' >> /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "the server's text copied over the file",
    script: bash(
      "printf 'echo started\\n' > /opt/start",
      "printf 'x11vnc -forever\\n' > /root/vnc",
      "cp /root/vnc /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "tee writes the file from a pipe",
    script: bash("printf 'x11vnc -forever\\n' | tee /opt/start > /dev/null", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "an xinetd service with a comment appended inside it",
    script: telnetAround(`printf '# telnet\\n' >> ${TELNET}`),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  // A line written in pieces.
  {
    name: "printf pieces of one line",
    script: bash("printf 'x11vnc ' >> /opt/start", "printf '%s\\n' -forever >> /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "printf pieces, the second a format after --",
    script: bash("printf 'x11vnc ' >> /opt/start", "printf -- '-forever\\n' >> /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "echo -n, then echo",
    script: bash("echo -n 'x11vnc ' >> /opt/start", "echo '-forever' >> /opt/start", "sh /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "an xinetd service's name in two pieces, its brace with no last newline",
    script: bash(
      `printf 'service tel' >> ${TELNET}`,
      `printf 'net\\n{\\n  server = /usr/sbin/in.telnetd\\n}' >> ${TELNET}`,
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  // Named through a variable, or from where a cd put the script.
  {
    name: "the file named through $F",
    script: bash('F=/opt/start; printf \'x11vnc -forever\\n\' > "$F"; sh "$F"'),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "the file named through ${F}, set on a line before",
    script: bash("F=/opt/start", "printf 'x11vnc -forever\\n' > \"${F}\"", 'bash "${F}"'),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "an xinetd file named through a variable, a line at a time",
    script: bash(
      `X=${TELNET}`,
      ...["service telnet", "{", "  server = /usr/sbin/in.telnetd", "}"].map((l) => `echo '${l}' >> "$X"`),
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "written and run by ./start after cd",
    script: bash("cd /opt && printf 'x11vnc -forever\\n' > start && sh ./start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "made executable and run by its relative path after cd",
    script: bash("cd /opt && printf 'x11vnc -forever\\n' > start && chmod +x start && ./start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a here-document to a relative name, run by sh",
    script: bash("cd /opt", "cat > start <<'EOF'", "x11vnc -forever", "EOF", "sh start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
];

const GOOD: Good[] = [
  // Replaced before it runs, the server's line is gone.
  {
    name: "the file written again with > before it runs",
    script: bash("printf 'x11vnc -forever\\n' > /opt/start; printf 'echo started\\n' > /opt/start; sh /opt/start"),
  },
  {
    name: "the file written again by tee",
    script: bash(WRITE_VNC, "echo 'echo started' | tee /opt/start", "sh /opt/start"),
  },
  {
    name: "a harmless file copied over it",
    script: bash(WRITE_VNC, "printf 'echo started\\n' > /root/safe", "cp /root/safe /opt/start", "sh /opt/start"),
  },
  {
    name: "a file from elsewhere copied over it",
    script: bash(WRITE_VNC, "cp /usr/share/doc/start /opt/start", "sh /opt/start"),
  },
  {
    name: "the file replaced by a script with a #! line",
    script: bash(WRITE_VNC, "printf '#!/bin/sh\\necho started\\n' > /opt/start", "sh /opt/start"),
  },
  { name: "write_files without append", script: writeFilesTwice(false) },
  {
    name: "a file a unit runs, replaced after the server's text",
    script: bash(UNIT, WRITE_VNC, "printf 'echo started\\n' > /opt/start"),
  },
  {
    name: "printf -v sets a variable and writes nothing",
    script: bash("printf -v cmd 'x11vnc -forever\\n' > /opt/start", "sh /opt/start"),
  },
  { name: "an xinetd service cut short by a replacing write", script: telnetAround(`printf '# none\\n' > ${TELNET}`) },
  // A line written in pieces is read whole.
  {
    name: "printf pieces of one line that binds VNC to loopback",
    script: bash(
      "printf 'x11vnc ' >> /opt/start",
      "printf '%s\\n' '-localhost -forever' >> /opt/start",
      "sh /opt/start",
    ),
  },
  {
    name: "an xinetd service's disable line in two pieces",
    script: bash(
      `printf 'service telnet\\n{\\n  server = /usr/sbin/in.telnetd\\n  disable = ' >> ${TELNET}`,
      `printf 'yes\\n}\\n' >> ${TELNET}`,
    ),
  },
  // Another file than the one written.
  { name: "a variable never set", script: bash('printf \'x11vnc -forever\\n\' > "$G"; sh "$G"') },
  {
    name: "the variable set to another file before the run",
    script: bash('F=/opt/start; printf \'x11vnc -forever\\n\' > "$F"; F=/opt/other; sh "$F"'),
  },
  {
    name: "a bare name after cd, looked for on the PATH",
    script: bash("cd /opt && printf 'x11vnc -forever\\n' > start && start"),
  },
  {
    name: "a relative name run from another directory",
    script: bash("cd /opt && printf 'x11vnc -forever\\n' > start", "cd /srv && sh ./start"),
  },
  { name: "a relative name with no cd before", script: bash("printf 'x11vnc -forever\\n' > start", "sh /opt/start") },
];

describe("disallow-userdata-login-weakening: files run later, read as they are written", () => {
  loginServerRows(BAD, GOOD);

  it("joins many pieces of one line into one, read once when the file runs", async () => {
    // 1,500 commands on one line built by printf after printf, within the bound on a joined line.
    const pieces = Array.from({ length: 1500 }, () => "printf 'echo a; ' >> /opt/start");
    const script = bash(...pieces, "printf 'x11vnc -forever\\n' >> /opt/start", "sh /opt/start", "sh /opt/start");
    const messages = await violations(INSTANCE, { userData: script });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${WHAT}: "echo a; echo a;`);
    expect(messages[0]).toContain("via /opt/start (VNC:");
  });
});
