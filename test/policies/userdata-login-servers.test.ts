// Remote-access servers that log in with passwords beside sshd (telnet, rlogin/rsh/rexec, VNC, xrdp), installed,
// enabled or run by a boot script: each bad row names the servers its one violation must name and the line it must
// quote; each good row (clients, removals, services stopped, VNC on loopback, names only printed or written as data)
// must pass.
import { Bad, bash, Good, INSTANCE, LAUNCH_TEMPLATE, loginServerRows, violations, WHAT } from "./login-server-rows";

const ALICLOUD_INSTANCE = "alicloud:ecs/instance:Instance";

const BAD: Bad[] = [
  // Package installs, each manager's spelling.
  { name: "yum telnet-server", script: bash("yum install -y telnet-server"), servers: ["telnet"] },
  { name: "dnf xrdp with a version", script: bash("dnf install -y xrdp-0.9.22-1.el9"), servers: ["xrdp"] },
  { name: "microdnf x11vnc by architecture", script: bash("microdnf install x11vnc.x86_64"), servers: ["vnc"] },
  {
    name: "yum options before the verb",
    script: bash("yum -y --setopt=tsflags= install rsh-server"),
    servers: ["rservices"],
  },
  { name: "apt-get xrdp", script: bash("apt-get install -y xrdp"), servers: ["xrdp"] },
  {
    name: "apt-get through sudo and an assignment, -o value, pinned version",
    script: bash(
      "sudo DEBIAN_FRONTEND=noninteractive apt-get -o Dpkg::Options::=--force-confold -y install xrdp=0.9.*",
    ),
    servers: ["xrdp"],
  },
  {
    name: "apt telnetd from backports",
    script: bash("apt install -y telnetd/bookworm-backports"),
    servers: ["telnet"],
  },
  { name: "aptitude tightvncserver", script: bash("aptitude install -y tightvncserver"), servers: ["vnc"] },
  { name: "apt-get inetutils-telnetd", script: bash("apt-get install -y inetutils-telnetd"), servers: ["telnet"] },
  { name: "zypper in", script: bash("zypper --non-interactive in tigervnc-server"), servers: ["vnc"] },
  { name: "apk add", script: bash("apk add --no-cache x11vnc"), servers: ["vnc"] },
  { name: "pacman -Syu", script: bash("pacman -Syu --noconfirm x11vnc"), servers: ["vnc"] },
  {
    name: "rpm file from a URL",
    script: bash("rpm -ivh https://example.com/xrdp-0.9.22-1.el9.x86_64.rpm"),
    servers: ["xrdp"],
  },
  { name: "dpkg -i a .deb", script: bash("dpkg -i /tmp/xrdp_0.9.21-1_amd64.deb"), servers: ["xrdp"] },
  {
    name: "two servers in one install, one finding naming both",
    script: bash("yum install -y telnet xrdp realvnc-vnc-server"),
    servers: ["xrdp", "vnc"],
  },
  {
    name: "packages from a variable set earlier",
    script: bash('PKGS="vnc4server rsh-redone-server"', "apt-get install -y $PKGS"),
    servers: ["vnc", "rservices"],
  },
  { name: "install inside sh -c", script: bash("sudo sh -c 'apt-get install -y telnetd-ssl'"), servers: ["telnet"] },
  // Services enabled or started.
  {
    name: "the case's form: install and enable telnet.socket",
    script: bash("yum install -y telnet-server && systemctl enable --now telnet.socket"),
    servers: ["telnet"],
  },
  { name: "systemctl start xrdp", script: bash("systemctl start xrdp.service"), servers: ["xrdp"] },
  { name: "systemctl --now before the verb", script: bash("systemctl --now enable xrdp-sesman"), servers: ["xrdp"] },
  {
    name: "systemctl restart a VNC template",
    script: bash("systemctl restart vncserver@:1.service"),
    servers: ["vnc"],
  },
  { name: "systemctl reenable telnet@", script: bash("systemctl reenable telnet@.service"), servers: ["telnet"] },
  {
    name: "systemctl enable the r-services sockets",
    script: bash("systemctl enable rlogin.socket rsh.socket rexec.socket"),
    servers: ["rservices"],
  },
  { name: "service start", script: bash("service x11vnc start"), servers: ["vnc"] },
  { name: "chkconfig an xinetd service on", script: bash("chkconfig --level 35 telnet on"), servers: ["telnet"] },
  { name: "update-rc.d defaults", script: bash("update-rc.d xrdp defaults"), servers: ["xrdp"] },
  { name: "update-rc.d enable", script: bash("update-rc.d -f x11vnc enable"), servers: ["vnc"] },
  { name: "an init script started by path", script: bash("/etc/init.d/xrdp restart"), servers: ["xrdp"] },
  // Daemons run directly.
  {
    name: "x11vnc with a password on its command line, masked in the message",
    script: bash("x11vnc -forever -passwd secret -display :0"),
    servers: ["vnc"],
    quotes: "x11vnc -forever -passwd ******** -display :0",
  },
  { name: "vncserver", script: bash("vncserver :1"), servers: ["vnc"] },
  // Web consoles: a login page for the system's accounts, or a shell with no login.
  {
    name: "Cockpit's socket enabled, as RHEL's login message suggests",
    script: bash("systemctl enable --now cockpit.socket"),
    servers: ["web"],
  },
  { name: "dnf cockpit", script: bash("dnf install -y cockpit"), servers: ["web"] },
  { name: "apt-get webmin", script: bash("apt-get install -y webmin"), servers: ["web"] },
  { name: "yum shellinabox", script: bash("yum install -y shellinabox"), servers: ["web"] },
  { name: "shellinaboxd run as a daemon", script: bash("shellinaboxd -t -b -p 4200"), servers: ["web"] },
  {
    name: "ttyd with basic-auth credentials, the password masked",
    script: bash("ttyd -p 7681 -c admin:Secret1 bash"),
    servers: ["web"],
    quotes: "ttyd -p 7681 -c admin:******** bash",
  },
  { name: "GoTTY writable, no login at all", script: bash("nohup gotty -w bash &"), servers: ["web"] },
  {
    name: "cockpit-ws on every address",
    script: bash("/usr/libexec/cockpit-ws --no-tls --address 0.0.0.0"),
    servers: ["web"],
  },
  {
    name: "x11vnc echoed into a shell, quoted as the line the shell runs",
    script: bash('echo "x11vnc -forever -display :0" | bash'),
    servers: ["vnc"],
    quotes: "x11vnc -forever -display :0",
  },
  {
    name: "x11vnc in a script the user data writes (with #!) and runs",
    script: bash(
      "cat > /opt/remote <<'EOF'",
      "#!/bin/sh",
      "x11vnc -forever -display :0",
      "EOF",
      "chmod +x /opt/remote",
    ),
    servers: ["vnc"],
    quotes: '"x11vnc -forever -display :0" via /opt/remote',
  },
  {
    name: "ttyd in a .sh file written by write_files",
    script: "#cloud-config\nwrite_files:\n  - path: /usr/local/bin/shell.sh\n    content: |\n      ttyd -p 7681 bash\n",
    servers: ["web"],
    quotes: '"ttyd -p 7681 bash" via /usr/local/bin/shell.sh',
  },
  { name: "x11vnc in a session of its own", script: bash("setsid -f x11vnc -forever -display :0"), servers: ["vnc"] },
  { name: "xrdp pinned to a CPU", script: bash("taskset -c 0 /usr/sbin/xrdp"), servers: ["xrdp"] },
  { name: "vncserver told not to keep to loopback", script: bash("vncserver -localhost no :1"), servers: ["vnc"] },
  { name: "Xvnc under nohup with an assignment", script: bash("DISPLAY=:1 nohup Xvnc :1 &"), servers: ["vnc"] },
  { name: "in.telnetd by path", script: bash("/usr/sbin/in.telnetd -debug 2323 &"), servers: ["telnet"] },
  { name: "busybox telnetd", script: bash("busybox telnetd -l /bin/login"), servers: ["telnet"] },
  { name: "in.rlogind", script: bash("in.rlogind &"), servers: ["rservices"] },
  { name: "in.rshd and in.rexecd", script: bash("in.rshd & in.rexecd &"), servers: ["rservices"] },
  {
    name: "a loop over the packages",
    script: bash("for p in xrdp; do yum install -y $p; done"),
    servers: ["xrdp"],
  },
  {
    name: "a unit written by user data runs x11vnc at every boot",
    script: bash(
      "cat > /etc/systemd/system/vnc.service <<'EOF'",
      "[Service]",
      "ExecStart=/usr/bin/x11vnc -forever -rfbauth /etc/x11vnc.pass",
      "EOF",
    ),
    servers: ["vnc"],
    quotes: '"/usr/bin/x11vnc -forever -rfbauth /etc/x11vnc.pass" via /etc/systemd/system/vnc.service',
  },
  // cloud-config.
  {
    name: "cloud-config packages: a name",
    script: "#cloud-config\npackages:\n  - git\n  - xrdp\n",
    servers: ["xrdp"],
    quotes: "packages: xrdp",
  },
  {
    name: "cloud-config packages: a [name, version] list",
    script: "#cloud-config\npackages:\n  - [tigervnc-server, 1.13.1]\n",
    servers: ["vnc"],
    quotes: "packages: [tigervnc-server, 1.13.1]",
  },
  {
    name: "cloud-config runcmd as an argv list",
    script: "#cloud-config\nruncmd:\n  - [systemctl, enable, --now, telnet.socket]\n",
    servers: ["telnet"],
    quotes: "systemctl enable --now telnet.socket",
  },
  // Resources and encodings.
  {
    name: "base64 userDataBase64",
    script: bash("apt-get install -y xrdp"),
    servers: ["xrdp"],
    field: "userDataBase64",
    encode: true,
  },
  {
    name: "an AWS launch template's base64 user data",
    script: bash("dnf install -y tigervnc-server && systemctl enable vncserver@:1"),
    servers: ["vnc"],
    type: LAUNCH_TEMPLATE,
    encode: true,
  },
  {
    name: "an Alibaba Cloud ECS instance",
    script: bash("yum install -y telnet-server"),
    servers: ["telnet"],
    type: ALICLOUD_INSTANCE,
  },
];

const GOOD: Good[] = [
  { name: "client packages", script: bash("yum install -y telnet rsh tigervnc", "apt-get install -y tigervnc-viewer") },
  { name: "a server package only excluded", script: bash("yum install -y tigervnc -x tigervnc-server") },
  {
    name: "servers removed",
    script: bash(
      "yum remove -y telnet-server",
      "yum erase -y rsh-server",
      "apt-get purge -y xrdp",
      "apt-get install -y git xrdp-",
      "apk del x11vnc",
      "pacman -Rns --noconfirm x11vnc",
      "zypper rm tigervnc-server",
    ),
  },
  { name: "pacman only searches", script: bash("pacman -Ss x11vnc") },
  {
    name: "services disabled, stopped, masked",
    script: bash(
      "systemctl disable --now telnet.socket",
      "systemctl stop xrdp xrdp-sesman",
      "systemctl mask vncserver@:1.service",
      "service xrdp stop",
      "chkconfig telnet off",
      "update-rc.d xrdp disable",
    ),
  },
  { name: "x11vnc on loopback only", script: bash("x11vnc -localhost -forever -display :0") },
  { name: "Shell In A Box on loopback only", script: bash("shellinaboxd --localhost-only -b") },
  { name: "ttyd on the loopback interface", script: bash("ttyd -i lo -p 7681 bash") },
  { name: "cockpit-ws on 127.0.0.1", script: bash("/usr/libexec/cockpit-ws --address=127.0.0.1 --no-tls") },
  {
    name: "Cockpit's socket disabled, its plugins' packages",
    script: bash("systemctl disable --now cockpit.socket", "dnf install -y cockpit-bridge cockpit-podman"),
  },
  { name: "vncserver -localhost yes", script: bash("vncserver -localhost yes :1") },
  { name: "vncserver killed", script: bash("vncserver -kill :1") },
  { name: "x11vnc storing a password file only", script: bash('x11vnc -storepasswd "$VNC_PW" /etc/x11vnc.pass') },
  {
    name: "an install command written to the message of the day",
    script: bash("cat > /etc/motd <<'EOF'", "yum install -y telnet-server is forbidden here", "EOF"),
  },
  {
    name: "package names written to an apt pin file",
    script: bash(
      "cat > /etc/apt/preferences.d/no-remote <<'EOF'",
      "Package: xrdp telnetd x11vnc",
      "Pin: release *",
      "Pin-Priority: -1",
      "EOF",
    ),
  },
  {
    name: "a daemon's name in a file that is no script (a list of packages to audit)",
    script: bash("cat > /etc/audit/servers.txt <<'EOF'", "x11vnc", "shellinaboxd", "EOF"),
  },
  {
    name: "daemon names written to a configuration file",
    script: bash("cat > /etc/dnf/dnf.conf <<'EOF'", "[main]", "exclude=telnet-server xrdp x11vnc", "EOF"),
  },
  { name: "a here-document only printed", script: bash("cat <<EOF", "apt-get install -y xrdp", "EOF") },
  { name: "echo arguments", script: bash('echo "run: yum install -y telnet-server; systemctl start xrdp"') },
  { name: "a comment", script: bash("# apt-get install -y xrdp && x11vnc -forever") },
  { name: "grep for a package", script: bash("grep -q xrdp /var/log/dnf.log || logger no xrdp") },
  { name: "cloud-config client packages", script: "#cloud-config\npackages:\n  - telnet\n  - [tigervnc, 1.13.1]\n" },
  {
    name: "cloud-config runcmd with VNC on loopback",
    script: "#cloud-config\nruncmd:\n  - [x11vnc, -localhost, -forever]\n",
  },
  {
    name: "an Alibaba Cloud instance installing clients",
    script: bash("yum install -y telnet"),
    type: ALICLOUD_INSTANCE,
  },
];

describe("disallow-userdata-login-weakening: password-login remote-access servers", () => {
  loginServerRows(BAD, GOOD);

  it("names the brute force, case step 1, once; the rule's other weaknesses keep its step 2", async () => {
    const script = bash("echo 'root:pw' | chpasswd", "apt-get install -y xrdp");
    const messages = await violations(INSTANCE, { userData: script });
    const server = messages.find((m) => m.includes(WHAT)) ?? "";
    const password = messages.find((m) => m.includes("sets a login password")) ?? "";
    expect(server).toMatch(/ — breaks case step 1 \(SSH brute-forced in 137 s\)$/);
    expect(server.split("breaks case step")).toHaveLength(2);
    expect(password).toMatch(/ — breaks case step 2 \(/);
  });

  it("keeps reporting the other weaknesses beside a server", async () => {
    const script = bash("echo 'root:pw' | chpasswd", "apt-get install -y xrdp");
    const messages = await violations(INSTANCE, { userData: script });
    expect(messages).toHaveLength(2);
    expect(messages.some((m) => m.includes("sets a login password"))).toBe(true);
    expect(messages.some((m) => m.includes(WHAT) && m.includes("xrdp:"))).toBe(true);
    expect(messages.join("\n")).not.toContain("undefined");
  });
});
