// The super-servers' readers on their own: xinetd blocks and inetd entries read as the daemons read them, and
// in-place edits replayed over a file's text (written by the script or as shipped), within the scan's match budget.
import { sedStreamEdit } from "../../lib/userdata-sed";
import { MatchBudget } from "../../lib/userdata-sed-regex";
import { superServersEditedOn } from "../../lib/userdata-superserver-edits";
import { inetdEntryServer, superServerOf, superServersIn, XinetdReader } from "../../lib/userdata-superservers";

const unknown = () => undefined;
const sedOn = (args: string[], known: (path: string) => string | undefined = unknown, budget = new MatchBudget()) =>
  superServersEditedOn(sedStreamEdit(args), known, budget, () => undefined);

describe("super-server files", () => {
  it.each<[string, string | undefined]>([
    ["/etc/xinetd.d/telnet", "xinetd"],
    ["/etc//xinetd.d/anything", "xinetd"],
    ["/etc/xinetd.conf", "xinetd"],
    ["/etc/inetd.conf", "inetd"],
    ["/etc/inetd.d/rsh", "inetd"],
    ["/etc/xinetd.d", undefined],
    ["/etc/xinetd.d/sub/telnet", undefined],
    ["/tmp/inetd.conf", undefined],
  ])("%s is read by %s", (path, kind) => {
    expect(superServerOf(path)).toBe(kind);
  });
});

describe("xinetd blocks", () => {
  const read = (lines: string[]) => {
    const reader = new XinetdReader();
    return lines.map((l) => reader.line(l)).filter((s) => s !== undefined);
  };

  it("judges a block where it closes, quoting its service line", () => {
    const found = read(["service telnet", "{", "  server = /usr/sbin/in.telnetd", "}"]);
    expect(found).toEqual([{ server: "telnet", line: "service telnet" }]);
  });

  it.each<[string, string[]]>([
    ["disable = yes", ["service telnet", "{", "  server = /usr/sbin/in.telnetd", "  disable = yes", "}"]],
    ["a block never closed", ["service telnet", "{", "  server = /usr/sbin/in.telnetd"]],
    ["another service", ["service tftp", "{", "  server = /usr/sbin/in.tftpd", "}"]],
    ["a commented service", ["# service telnet", "{", "}"]],
    ["attributes outside a block", ["server = /usr/sbin/in.telnetd", "disable = no"]],
  ])("reads nothing for %s", (_n, lines) => {
    expect(read(lines)).toEqual([]);
  });

  it("reads disable as xinetd does: the last one, exactly yes, `+=` adds nothing", () => {
    const block = (...attributes: string[]) => ["service shell", "{", ...attributes, "}"];
    expect(read(block("disable = yes", "disable = no"))).toHaveLength(1);
    expect(read(block("disable = no", "disable=yes"))).toEqual([]);
    expect(read(block("disable += yes"))).toHaveLength(1);
    expect(read(block("disable = YES"))).toHaveLength(1);
  });

  it("reads a wrapper's program from server_args", () => {
    const wrapped = ["service x", "{", "  server = /bin/busybox", "  server_args = telnetd -i", "}"];
    expect(read(wrapped)).toEqual([{ server: "telnet", line: "service x" }]);
  });

  it("reads every block of one text", () => {
    const text = ["service login", "{", "}", "service vnc-1024", "{", " server = /usr/bin/Xvnc", "}"];
    expect([...superServersIn("xinetd", text)].sort()).toEqual(["r-services", "vnc"]);
  });
});

describe("inetd entries", () => {
  it.each<[string, string | undefined]>([
    ["telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd", "telnet"],
    ["shell\tstream\ttcp\tnowait\troot\t/usr/sbin/in.rshd\tin.rshd", "r-services"],
    ["  exec stream tcp6 nowait.400 root /usr/sbin/tcpd in.rexecd", "r-services"],
    ["#telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd", undefined],
    ["#<off># telnet stream tcp nowait root /usr/sbin/tcpd /usr/sbin/in.telnetd", undefined],
    ["tftp dgram udp wait nobody /usr/sbin/tcpd /usr/sbin/in.tftpd", undefined],
    ["telnet stream tcp nowait nobody /usr/local/bin/tarpit", undefined],
    ["telnet something tcp nowait root /usr/sbin/in.telnetd", undefined],
    ["in.telnetd", undefined],
  ])("%j runs %s", (entry, server) => {
    expect(inetdEntryServer(entry)).toBe(server);
  });
});

describe("in-place edits of the super-servers' files", () => {
  it.each<[string, string[], string[]]>([
    ["disable turned no", ["-i", "s/disable\\s*=\\s*yes/disable = no/", "/etc/xinetd.d/telnet"], ["telnet"]],
    ["the disable line deleted", ["-i", "/disable/d", "/etc/xinetd.d/rlogin"], ["r-services"]],
    ["a range from the service line", ["-i", "/^service/,$ s/yes/no/", "/etc/xinetd.d/vnc"], ["vnc"]],
    ["a negated address", ["-i", "/server/!s/yes/no/", "/etc/xinetd.d/rexec"], ["r-services"]],
    ["an entry uncommented", ["-i", "-E", "s/^#(shell|login)/\\1/", "/etc/inetd.conf"], ["r-services"]],
    ["printed, not in place", ["s/yes/no/", "/etc/xinetd.d/telnet"], []],
    ["turned off", ["-i", "s/disable = no/disable = yes/", "/etc/xinetd.d/telnet"], []],
    ["a file of another service", ["-i", "/disable/d", "/etc/xinetd.d/tftp"], []],
    ["a range whose start matches nothing", ["-i", "/^service ftp/,/}/d", "/etc/xinetd.d/telnet"], []],
    ["a line number, not placed", ["-i", "9d", "/etc/xinetd.d/telnet"], []],
    ["another file", ["-i", "/disable/d", "/etc/default/telnet"], []],
  ])("%s", (_n, args, servers) => {
    expect(sedOn(args).sort()).toEqual(servers);
  });

  it("replays over the text the script wrote, whatever the file's name", () => {
    const written = "service telnet\n{\n  server = /usr/sbin/in.telnetd\n  disable = yes\n}\n";
    const known = (path: string) => (path === "/etc/xinetd.d/remote" ? written : undefined);
    expect(sedOn(["-i", "s/= yes/= no/", "/etc/xinetd.d/remote"], known)).toEqual(["telnet"]);
    // A service the script wrote on already is no edit's doing.
    const on = () => written.replace("disable = yes", "disable = no");
    expect(sedOn(["-i", "s/USERID/HOST/", "/etc/xinetd.d/remote"], on)).toEqual([]);
  });

  it("replays over the shipped lines when the written text is too long to replay", () => {
    const long = () => `service tftp\n{\n${"  log_on_success += HOST\n".repeat(200)}}\n`;
    expect(sedOn(["-i", "/disable/d", "/etc/xinetd.d/telnet"], long)).toEqual(["telnet"]);
  });

  it("leaves an edit unread once the scan's match budget is spent: what it turns on is not known", () => {
    const unread: string[] = [];
    const edit = sedStreamEdit(["-i", "/disable/d", "/etc/xinetd.d/telnet"]);
    expect(superServersEditedOn(edit, unknown, new MatchBudget(0), (why) => unread.push(why))).toEqual([]);
    expect([...new Set(unread)]).toEqual([
      "an edit of xinetd's configuration past the sed patterns the reader replays",
    ]);
  });
});
