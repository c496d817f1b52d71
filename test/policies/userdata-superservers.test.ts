// Password-login servers (telnet, rlogin/rsh/rexec, VNC) that a super-server starts: an xinetd service written to
// /etc/xinetd.d/ and not marked `disable = yes`, an edit of a shipped service file that turns it on, an inetd entry
// written or uncommented, update-inetd --enable. Each bad row names the servers its one violation must name and the
// line it must quote; each good row (services off, other services, text only printed, comments) must pass.
import { b64, Bad, bash, Good, INSTANCE, LAUNCH_TEMPLATE, loginServerRows, violations } from "./login-server-rows";

/** An xinetd service as the packages ship it, tab-aligned, with its `disable` value. */
const xinetdService = (service: string, server: string, disable: "yes" | "no") => [
  `service ${service}`,
  "{",
  "\tflags\t\t= REUSE",
  "\tsocket_type\t= stream",
  "\twait\t\t= no",
  "\tuser\t\t= root",
  `\tserver\t\t= ${server}`,
  "\tlog_on_failure\t+= USERID",
  `\tdisable\t\t= ${disable}`,
  "}",
];

const heredoc = (target: string, lines: string[]) => bash(`cat > ${target} <<'EOF'`, ...lines, "EOF");

const TELNET_ENTRY = "telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd";

const BAD: Bad[] = [
  // xinetd services written.
  {
    name: "an xinetd telnet service written by a here-document, disable = no",
    script: heredoc("/etc/xinetd.d/telnet", xinetdService("telnet", "/usr/sbin/in.telnetd", "no")),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/telnet',
  },
  {
    name: "an xinetd service with no disable line is on, whatever the file's name",
    script: heredoc("/etc/xinetd.d/remote", ["service shell", "{", "  server = /usr/sbin/in.rshd", "}"]),
    servers: ["rservices"],
    quotes: '"service shell" via /etc/xinetd.d/remote',
  },
  {
    name: "a service known by its server alone, the brace on its line",
    script: heredoc("/etc/xinetd.d/r1", ["service myremote {", "  server = /usr/sbin/in.rlogind", "}"]),
    servers: ["rservices"],
    quotes: '"service myremote {" via /etc/xinetd.d/r1',
  },
  {
    name: "a here-document through sudo tee",
    script: bash(
      "cat <<'EOF' | sudo tee /etc/xinetd.d/telnet >/dev/null",
      ...xinetdService("telnet", "/usr/sbin/in.telnetd", "no"),
      "EOF",
    ),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/telnet',
  },
  {
    name: "printf into an xinetd file",
    script: bash(
      "printf 'service login\\n{\\n\\tsocket_type = stream\\n\\tserver = /usr/sbin/in.rlogind\\n}\\n' > /etc/xinetd.d/rlogin",
    ),
    servers: ["rservices"],
    quotes: '"service login" via /etc/xinetd.d/rlogin',
  },
  {
    name: "echo -e of a VNC service",
    script: bash(
      "echo -e 'service vnc\\n{\\n server = /usr/bin/Xvnc\\n server_args = -inetd -once\\n}' > /etc/xinetd.d/vnc",
    ),
    servers: ["vnc"],
    quotes: '"service vnc" via /etc/xinetd.d/vnc',
  },
  {
    name: "printf piped to tee",
    script: bash(
      "printf 'service telnet\\n{\\n  server = /usr/sbin/in.telnetd\\n}\\n' | sudo tee /etc/xinetd.d/telnet > /dev/null",
    ),
    servers: ["telnet"],
  },
  {
    name: "busybox telnetd run by xinetd",
    script: heredoc("/etc/xinetd.d/bb", [
      "service bbtelnet",
      "{",
      "  server = /bin/busybox",
      "  server_args = telnetd -i",
      "  disable = no",
      "}",
    ]),
    servers: ["telnet"],
    quotes: '"service bbtelnet" via /etc/xinetd.d/bb',
  },
  {
    name: "the second of two blocks, the first off",
    script: heredoc("/etc/xinetd.d/legacy", [
      ...xinetdService("shell", "/usr/sbin/in.rshd", "yes"),
      ...xinetdService("telnet", "/usr/sbin/in.telnetd", "no"),
    ]),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/legacy',
  },
  {
    name: "a disable = yes overridden by a later disable = no",
    script: heredoc("/etc/xinetd.d/telnet", [
      "service telnet",
      "{",
      "  disable = yes",
      "  server = /usr/sbin/in.telnetd",
      "  disable = no",
      "}",
    ]),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/telnet',
  },
  {
    name: "a service written by a boot script the user data writes",
    script: bash(
      "cat > /etc/rc.local <<'EOF'",
      "#!/bin/sh",
      "printf 'service exec\\n{\\n server = /usr/sbin/in.rexecd\\n}\\n' > /etc/xinetd.d/rexec",
      "EOF",
    ),
    servers: ["rservices"],
    quotes: '"service exec" via /etc/xinetd.d/rexec via /etc/rc.local',
  },
  // Edits of the shipped xinetd files.
  {
    name: "sed turns disable = yes into no",
    script: bash("sed -i 's/disable\\s*=\\s*yes/disable = no/' /etc/xinetd.d/telnet"),
    servers: ["telnet"],
  },
  {
    name: "sed spelt with plain spaces",
    script: bash("sed -i -e 's/disable = yes/disable = no/' /etc/xinetd.d/rsh"),
    servers: ["rservices"],
  },
  {
    name: "sed deletes the disable line",
    script: bash("sed -i '/disable/d' /etc/xinetd.d/telnet"),
    servers: ["telnet"],
  },
  {
    name: "sed changes the disable line",
    script: bash("sed -i '/disable/c\\\\        disable = no' /etc/xinetd.d/rlogin"),
    servers: ["rservices"],
  },
  {
    name: "sed addressed to a range of the block",
    script: bash("sed -i '/service telnet/,/}/ s/yes/no/' /etc/xinetd.d/telnet"),
    servers: ["telnet"],
  },
  {
    name: "perl -pi",
    script: bash("perl -pi -e 's/disable\\s*=\\s*yes/disable = no/' /etc/xinetd.d/rexec"),
    servers: ["rservices"],
  },
  {
    name: "the file named through a variable",
    script: bash("XINETD_FILE=/etc/xinetd.d/telnet", 'sed -i "s/yes/no/" "$XINETD_FILE"'),
    servers: ["telnet"],
  },
  {
    name: "a service the script wrote off, then turned on",
    script: bash(
      "cat > /etc/xinetd.d/remote <<'EOF'",
      ...xinetdService("telnet", "/usr/sbin/in.telnetd", "yes"),
      "EOF",
      "sed -i 's/= yes/= no/' /etc/xinetd.d/remote",
    ),
    servers: ["telnet"],
  },
  // inetd.
  {
    name: "an inetd entry appended by echo",
    script: bash(`echo '${TELNET_ENTRY}' >> /etc/inetd.conf`),
    servers: ["telnet"],
    quotes: `"${TELNET_ENTRY}" via /etc/inetd.conf`,
  },
  {
    name: "an inetd entry through tee -a",
    script: bash(`echo '${TELNET_ENTRY}' | sudo tee -a /etc/inetd.conf`),
    servers: ["telnet"],
  },
  {
    name: "an inetd entry by a here-string, tab-separated, in.rshd named without tcpd",
    script: bash("cat >> /etc/inetd.d/rsh <<< $'shell\\tstream\\ttcp\\tnowait\\troot\\t/usr/sbin/in.rshd\\tin.rshd'"),
    servers: ["rservices"],
    quotes: '"shell\tstream\ttcp\tnowait\troot\t/usr/sbin/in.rshd\tin.rshd" via /etc/inetd.d/rsh',
  },
  {
    name: "sed uncomments the telnet entry",
    script: bash("sed -i 's/^#telnet/telnet/' /etc/inetd.conf"),
    servers: ["telnet"],
  },
  {
    name: "sed uncomments Debian's #<off># entry",
    script: bash("sed -i 's/^#<off># login/login/' /etc/inetd.conf"),
    servers: ["rservices"],
  },
  {
    name: "sed uncomments every entry",
    script: bash("sed -i 's/^#//' /etc/inetd.conf"),
    servers: ["telnet", "rservices"],
  },
  {
    name: "sed appends an entry",
    script: bash(`sed -i '$a ${TELNET_ENTRY}' /etc/inetd.conf`),
    servers: ["telnet"],
  },
  { name: "update-inetd --enable", script: bash("update-inetd --enable telnet"), servers: ["telnet"] },
  {
    name: "update-inetd --enable a list",
    script: bash("update-inetd --verbose --enable login,shell"),
    servers: ["rservices"],
  },
  {
    name: "update-inetd --add an entry",
    script: bash(
      "update-inetd --group STANDARD --add 'telnet\\t\\tstream\\ttcp\\tnowait\\ttelnetd\\t/usr/sbin/tcpd\\t/usr/sbin/in.telnetd'",
    ),
    servers: ["telnet"],
  },
  // cloud-config, encodings and resources.
  {
    name: "cloud-config write_files of an xinetd service",
    script: [
      "#cloud-config",
      "write_files:",
      "  - path: /etc/xinetd.d/telnet",
      "    content: |",
      ...["service telnet", "{", "  server = /usr/sbin/in.telnetd", "  disable = no", "}"].map((l) => `      ${l}`),
      "",
    ].join("\n"),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/telnet',
  },
  {
    name: "cloud-config write_files of a base64 inetd entry",
    script: [
      "#cloud-config",
      "write_files:",
      "  - path: /etc/inetd.conf",
      "    append: true",
      "    encoding: b64",
      `    content: ${b64("shell stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.rshd\n")}`,
      "",
    ].join("\n"),
    servers: ["rservices"],
    quotes: '"shell stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.rshd" via /etc/inetd.conf',
  },
  {
    name: "cloud-config runcmd turning a service on",
    script: "#cloud-config\nruncmd:\n  - [sed, -i, 's/disable\\s*=\\s*yes/disable = no/', /etc/xinetd.d/telnet]\n",
    servers: ["telnet"],
    quotes: "sed -i 's/disable\\s*=\\s*yes/disable = no/' /etc/xinetd.d/telnet",
  },
  {
    name: "base64 userDataBase64",
    script: heredoc("/etc/xinetd.d/telnet", xinetdService("telnet", "/usr/sbin/in.telnetd", "no")),
    servers: ["telnet"],
    quotes: '"service telnet" via /etc/xinetd.d/telnet',
    field: "userDataBase64",
    encode: true,
  },
  {
    name: "an AWS launch template's base64 user data",
    script: bash("update-inetd --enable shell"),
    servers: ["rservices"],
    type: LAUNCH_TEMPLATE,
    encode: true,
  },
];

const GOOD: Good[] = [
  {
    name: "an xinetd telnet service written off",
    script: heredoc("/etc/xinetd.d/telnet", xinetdService("telnet", "/usr/sbin/in.telnetd", "yes")),
  },
  {
    name: "services of other protocols on",
    script: bash(
      "cat > /etc/xinetd.d/tftp <<'EOF'",
      ...xinetdService("tftp", "/usr/sbin/in.tftpd", "no"),
      "EOF",
      "printf 'service rsync\\n{\\n server = /usr/bin/rsync\\n server_args = --daemon\\n}\\n' > /etc/xinetd.d/rsync",
    ),
  },
  {
    name: "xinetd's defaults",
    script: heredoc("/etc/xinetd.conf", ["defaults", "{", "  instances = 60", "}", "includedir /etc/xinetd.d"]),
  },
  {
    name: "a service block only printed",
    script: bash("cat <<'EOF'", ...xinetdService("telnet", "/usr/sbin/in.telnetd", "no"), "EOF"),
  },
  { name: "an inetd entry only echoed", script: bash(`echo '${TELNET_ENTRY}'`) },
  {
    name: "a service block written elsewhere",
    script: heredoc("/root/notes/telnet.txt", xinetdService("telnet", "/usr/sbin/in.telnetd", "no")),
  },
  { name: "an inetd entry commented out", script: bash(`echo '#${TELNET_ENTRY}' >> /etc/inetd.conf`) },
  {
    name: "an inetd entry of another service",
    script: bash("echo 'tftp dgram udp wait nobody /usr/sbin/tcpd /usr/sbin/in.tftpd /srv/tftp' >> /etc/inetd.conf"),
  },
  {
    name: "an inetd telnet entry served by a program that runs no login",
    script: bash("echo 'telnet stream tcp nowait nobody /usr/local/bin/tarpit tarpit' >> /etc/inetd.conf"),
  },
  {
    name: "update-inetd --disable",
    script: bash("update-inetd --disable telnet,login", "update-inetd --remove shell"),
  },
  { name: "update-inetd --enable another service", script: bash("update-inetd --enable tftp") },
  {
    name: "sed turns services off",
    script: bash(
      "sed -i 's/disable\\s*=\\s*no/disable = yes/' /etc/xinetd.d/telnet /etc/xinetd.d/rsh",
      "sed -i 's/^telnet/#telnet/' /etc/inetd.conf",
    ),
  },
  {
    name: "sed turns another service on",
    script: bash("sed -i 's/disable\\s*=\\s*yes/disable = no/' /etc/xinetd.d/tftp"),
  },
  {
    name: "sed only prints the service turned on",
    script: bash("sed -n 's/disable = yes/disable = no/p' /etc/xinetd.d/telnet"),
  },
  {
    name: "sed edits another line of the shipped service",
    script: bash("sed -i 's/USERID/HOST/' /etc/xinetd.d/telnet"),
  },
  {
    name: "cloud-config write_files of a service off",
    script: [
      "#cloud-config",
      "write_files:",
      "  - path: /etc/xinetd.d/telnet",
      "    content: |",
      ...xinetdService("telnet", "/usr/sbin/in.telnetd", "yes").map((l) => `      ${l.replace(/\t+/g, " ")}`),
      "",
    ].join("\n"),
  },
  { name: "a comment", script: bash("# sed -i 's/disable = yes/disable = no/' /etc/xinetd.d/telnet") },
];

describe("disallow-userdata-login-weakening: password-login servers started by xinetd or inetd", () => {
  loginServerRows(BAD, GOOD);

  it("reads hostile super-server text in bounded time, and leaves unread the edits past its budget", async () => {
    // Long runs of what the line patterns backtrack over, and many lines; the service stays disabled throughout.
    const long = 50_000;
    const lines = [
      `service ${"a".repeat(long)} b`,
      `server${" ".repeat(long)}x`,
      "service telnet",
      "{",
      ...Array<string>(20_000).fill("  server_args = -h -h -h"),
      "  disable = yes",
      "}",
    ];
    const edits = Array<string>(5_000).fill("sed -i 's/disable\\s*=\\s*no/disable = yes/;/x/d' /etc/xinetd.d/telnet");
    const entry = `telnet${" stream".repeat(long)}`;
    const script = bash(
      `cat > /etc/xinetd.d/telnet <<'EOF'`,
      ...lines,
      "EOF",
      ...edits,
      `echo '${entry}' >> /etc/inetd.conf`,
    );
    const found = await violations(INSTANCE, { userData: script });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("holds content past what the pack reads");
  });
});
