// Files a boot script writes and runs later, though they carry no `#!` line nor a `.sh` name (`sh /opt/start`, a unit's
// ExecStart, a cron line…): a daemon in them is reported via the file; written and never run, or only printed or
// copied, it is not. And xinetd services built a line at a time (`echo … >> /etc/xinetd.d/telnet`, printf, tee -a),
// read as a service written whole is. Each bad row names the servers its one violation must name and the line it must
// quote; each good row must pass.
import { Bad, bash, Good, INSTANCE, loginServerRows, violations, WHAT } from "./login-server-rows";

/** A file with no `#!` line nor script name, holding a VNC server's command. */
const WRITE_START = "printf 'x11vnc -forever -display :0\\n' > /opt/start";
const VIA_START = '"x11vnc -forever -display :0" via /opt/start';

/** A script that writes /opt/start and then runs it by `lines`. */
const writtenThen = (...lines: string[]) => bash(WRITE_START, ...lines);

/** Each line given appended to an xinetd file by its own echo. */
const echoed = (file: string, lines: string[]) => lines.map((l) => `echo '${l}' >> ${file}`);

const TELNET_BLOCK = (disable: "yes" | "no") => [
  "service telnet",
  "{",
  "  socket_type = stream",
  "  server = /usr/sbin/in.telnetd",
  `  disable = ${disable}`,
  "}",
];
const VIA_TELNET = '"service telnet" via /etc/xinetd.d/telnet';

const BAD: Bad[] = [
  // Files run by the script itself, each way a shell runs one.
  { name: "sh runs the file", script: writtenThen("sh /opt/start"), servers: ["vnc"], quotes: VIA_START },
  { name: "bash with an option", script: writtenThen("bash -x /opt/start"), servers: ["vnc"], quotes: VIA_START },
  { name: "sourced with a dot", script: writtenThen(". /opt/start"), servers: ["vnc"], quotes: VIA_START },
  { name: "sourced with source", script: writtenThen("source /opt/start"), servers: ["vnc"], quotes: VIA_START },
  {
    name: "made executable, then run by its path",
    script: writtenThen("chmod +x /opt/start; /opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "chmod 755, then run on a line of its own",
    script: writtenThen("chmod 755 /opt/start", "/opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "run under nohup in the background",
    script: writtenThen("chmod +x /opt/start", "nohup /opt/start &"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "run through sudo, its name spelt with a doubled slash",
    script: writtenThen("sudo sh //opt/start"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  { name: "run by sh -c", script: writtenThen("sh -c '/opt/start'"), servers: ["vnc"], quotes: VIA_START },
  {
    name: "a here-document with a web console, run by bash",
    script: bash("cat > /opt/console <<'EOF'", "ttyd -p 7681 bash", "EOF", "bash /opt/console"),
    servers: ["web"],
    quotes: '"ttyd -p 7681 bash" via /opt/console',
  },
  {
    name: "lines appended one by one, then run",
    script: bash(
      "echo 'export DISPLAY=:0' >> /opt/start",
      "echo 'x11vnc -forever -shared' >> /opt/start",
      "sh /opt/start",
    ),
    servers: ["vnc"],
    quotes: '"x11vnc -forever -shared" via /opt/start',
  },
  // Files run after the user data: by a unit, a crontab, rc.local.
  {
    name: "a unit the script writes runs it",
    script: writtenThen("cat > /etc/systemd/system/start.service <<'EOF'", "[Service]", "ExecStart=/opt/start", "EOF"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a unit written before the file it runs",
    script: bash(
      "cat > /etc/systemd/system/start.service <<'EOF'",
      "[Service]",
      "ExecStart=-/opt/start",
      "EOF",
      WRITE_START,
    ),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "a cron.d line at reboot",
    script: writtenThen("echo '@reboot root /opt/start' > /etc/cron.d/x"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "root's crontab",
    script: writtenThen("echo '@reboot /opt/start' | crontab -"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "rc.local calls it",
    script: writtenThen("printf '#!/bin/sh\\n/opt/start\\nexit 0\\n' > /etc/rc.local"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  {
    name: "written and run by rc.local, named via both",
    script: bash(
      "cat > /etc/rc.local <<'EOF'",
      "#!/bin/sh",
      "printf 'in.telnetd -debug 2323\\n' > /opt/t",
      "sh /opt/t",
      "EOF",
    ),
    servers: ["telnet"],
    quotes: '"in.telnetd -debug 2323" via /opt/t via /etc/rc.local',
  },
  {
    name: "cloud-config write_files, then runcmd runs it",
    script: [
      "#cloud-config",
      "write_files:",
      "  - path: /opt/start",
      "    content: |",
      "      x11vnc -forever -display :0",
      "runcmd:",
      "  - [sh, /opt/start]",
      "",
    ].join("\n"),
    servers: ["vnc"],
    quotes: VIA_START,
  },
  // xinetd services built by appends.
  {
    name: "an xinetd service echoed a line at a time, disable = no",
    script: bash(...echoed("/etc/xinetd.d/telnet", TELNET_BLOCK("no"))),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "an xinetd service appended with no disable line",
    script: bash(...echoed("/etc/xinetd.d/rsh", ["service shell", "{", "  server = /usr/sbin/in.rshd", "}"])),
    servers: ["rservices"],
    quotes: '"service shell" via /etc/xinetd.d/rsh',
  },
  {
    name: "printf appends in two parts",
    script: bash(
      "printf 'service telnet\\n{\\n' >> /etc/xinetd.d/telnet",
      "printf '  server = /usr/sbin/in.telnetd\\n  disable = no\\n}\\n' >> /etc/xinetd.d/telnet",
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "tee -a a line at a time",
    script: bash(...TELNET_BLOCK("no").map((l) => `echo '${l}' | sudo tee -a /etc/xinetd.d/telnet > /dev/null`)),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "here-documents appended in two parts",
    script: bash(
      "cat >> /etc/xinetd.d/rlogin <<'EOF'",
      "service login",
      "{",
      "EOF",
      "cat >> /etc/xinetd.d/rlogin <<'EOF'",
      "  server = /usr/sbin/in.rlogind",
      "}",
      "EOF",
    ),
    servers: ["rservices"],
    quotes: '"service login" via /etc/xinetd.d/rlogin',
  },
  {
    name: "a disable = yes appended, then overridden by disable = no",
    script: bash(
      ...echoed("/etc/xinetd.d/telnet", ["service telnet", "{", "  server = /usr/sbin/in.telnetd", "  disable = yes"]),
      ...echoed("/etc/xinetd.d/telnet", ["  disable = no", "}"]),
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "telnet admitting loopback clients only still counts, as in.telnetd on loopback does",
    script: bash(
      ...echoed("/etc/xinetd.d/telnet", [
        "service telnet",
        "{",
        "  server = /usr/sbin/in.telnetd",
        "  only_from = 127.0.0.1",
        "}",
      ]),
    ),
    servers: ["telnet"],
    quotes: VIA_TELNET,
  },
  {
    name: "VNC admitting other clients beside loopback",
    script: bash(
      ...echoed("/etc/xinetd.d/vnc", [
        "service vnc",
        "{",
        "  server = /usr/bin/Xvnc",
        "  only_from = 127.0.0.1 10.0.0.0/8",
        "}",
      ]),
    ),
    servers: ["vnc"],
    quotes: '"service vnc" via /etc/xinetd.d/vnc',
  },
];

const GOOD: Good[] = [
  { name: "the file written and never run", script: writtenThen() },
  { name: "the file only made executable", script: writtenThen("chmod +x /opt/start") },
  {
    name: "the file only printed, searched and copied",
    script: writtenThen("cat /opt/start", "grep -q x11vnc /opt/start", "cp /opt/start /root/start.bak"),
  },
  { name: "another file run", script: writtenThen("sh /opt/other", "/opt/other") },
  { name: "the file run before it is written", script: bash("sh /opt/start", WRITE_START) },
  { name: "the file's name only echoed", script: writtenThen("sh -c 'echo /opt/start'", "echo /opt/start") },
  {
    name: "the file named in a list that is no script",
    script: writtenThen("printf '/opt/start\\n' > /etc/audit/run.txt"),
  },
  {
    name: "the file run holds VNC on loopback only",
    script: bash("printf 'x11vnc -localhost -forever\\n' > /opt/start", "sh /opt/start"),
  },
  {
    name: "a daemon's name written to the message of the day, which is then run",
    script: bash("echo 'x11vnc -forever' > /etc/motd", "sh /etc/motd"),
  },
  {
    name: "a unit runs another file",
    script: writtenThen("cat > /etc/systemd/system/s.service <<'EOF'", "[Service]", "ExecStart=/opt/other", "EOF"),
  },
  {
    name: "an xinetd service echoed a line at a time, disable = yes",
    script: bash(...echoed("/etc/xinetd.d/telnet", TELNET_BLOCK("yes"))),
  },
  {
    name: "an appended service never closed",
    script: bash(...echoed("/etc/xinetd.d/telnet", ["service telnet", "{", "  server = /usr/sbin/in.telnetd"])),
  },
  {
    name: "tee -a of a service off",
    script: bash(...TELNET_BLOCK("yes").map((l) => `echo '${l}' | tee -a /etc/xinetd.d/telnet`)),
  },
  {
    name: "VNC bound to loopback, appended",
    script: bash(
      ...echoed("/etc/xinetd.d/vnc", ["service vnc", "{", "  server = /usr/bin/Xvnc", "  bind = 127.0.0.1", "}"]),
    ),
  },
  {
    name: "VNC admitting loopback clients only, appended",
    script: bash(
      ...echoed("/etc/xinetd.d/vnc", [
        "service vnc",
        "{",
        "  server = /usr/bin/Xvnc",
        "  only_from = 127.0.0.0/8 localhost ::1",
        "}",
      ]),
    ),
  },
  {
    name: "VNC bound to loopback, written whole",
    script: bash(
      "cat > /etc/xinetd.d/vnc <<'EOF'",
      "service vnc",
      "{",
      "  server = /usr/bin/Xvnc",
      "  server_args = -inetd -once",
      "  interface = localhost",
      "}",
      "EOF",
    ),
  },
  {
    name: "a service's lines appended to a file xinetd does not read",
    script: bash(...echoed("/root/notes/telnet.txt", TELNET_BLOCK("no"))),
  },
  {
    name: "a service's lines only echoed",
    script: bash(...TELNET_BLOCK("no").map((l) => `echo '${l}'`)),
  },
];

describe("disallow-userdata-login-weakening: files written and run later, xinetd services appended", () => {
  loginServerRows(BAD, GOOD);

  it("reports a file run twice, and by two units, once", async () => {
    const script = writtenThen(
      "sh /opt/start",
      ". /opt/start",
      "printf '[Service]\\nExecStart=/opt/start\\n' > /etc/systemd/system/a.service",
      "printf '[Service]\\nExecStart=/opt/start\\n' > /etc/systemd/system/b.service",
    );
    const messages = await violations(INSTANCE, { userData: script });
    expect(messages).toHaveLength(1);
    expect(messages[0]).toContain(`${WHAT}: ${VIA_START}`);
  });

  it("keeps the other weaknesses of a file it reads as a script once, beside its server", async () => {
    const script = bash(
      "printf 'echo root:pw | chpasswd\\nxrdp\\n' > /opt/start",
      "sh /opt/start",
      "echo '@reboot root /opt/start' > /etc/cron.d/start",
    );
    const messages = await violations(INSTANCE, { userData: script });
    expect(messages.filter((m) => m.includes("sets a login password"))).toHaveLength(1);
    expect(messages.filter((m) => m.includes(WHAT) && m.includes('"xrdp" via /opt/start'))).toHaveLength(1);
    expect(messages).toHaveLength(2);
  });

  it("reads many appends to xinetd files and many files run, each block and file once", async () => {
    // Many short writes: each appended line is read once by its file's reader, each file once as a script.
    const services = Array.from({ length: 40 }, (_, i) => [
      ...echoed(`/etc/xinetd.d/t${i}`, TELNET_BLOCK(i % 2 === 0 ? "no" : "yes")),
      `printf 'x11vnc -forever -rfbport ${5900 + i}\\n' > /opt/start${i}`,
      `sh /opt/start${i}`,
      `sh /opt/start${i}`,
    ]);
    const messages = await violations(INSTANCE, { userData: bash(...services.flat()) });
    expect(messages.filter((m) => m.includes("/etc/xinetd.d/"))).toHaveLength(20);
    expect(messages.filter((m) => m.includes("x11vnc -forever -rfbport"))).toHaveLength(40);
    expect(messages).toHaveLength(60);
  });
});
