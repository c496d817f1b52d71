// A directive whose value comes from outside the script (a variable it never sets, a template's placeholder): whether
// it weakens login is decided elsewhere, so the reader reports it as unverifiable rather than as a weakness or not at all.
import { findLoginWeaknesses } from "../../lib/userdata";

const SSHD = "/etc/ssh/sshd_config";
const unverifiable = (text: string) =>
  findLoginWeaknesses(text)
    .filter((w) => w.unverifiable)
    .map((w) => w.kind)
    .sort();
const all = (text: string) => findLoginWeaknesses(text).map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`);

describe("directive values from outside the script", () => {
  it.each<[string, string, string[]]>([
    ["echo of an unset variable", `echo "PermitRootLogin $MODE" >> ${SSHD}`, ["root-login"]],
    ["braced variable", `echo "PasswordAuthentication \${PW_AUTH}" >> ${SSHD}`, ["password-authentication"]],
    ["command substitution", `echo "PermitRootLogin $(cat /tmp/mode)" >> ${SSHD}`, ["root-login"]],
    ["a template's placeholder", `echo "PermitRootLogin {{ root_mode }}" >> ${SSHD}`, ["root-login"]],
    [
      "an expanding here-document",
      `cat >> ${SSHD} <<EOF\nPasswordAuthentication $PW\nEOF`,
      ["password-authentication"],
    ],
    ["sed writing the variable", `sed -i "s/^#\\?PermitRootLogin.*/PermitRootLogin $MODE/" ${SSHD}`, ["root-login"]],
    ["a drop-in", `echo "PermitRootLogin $MODE" > /etc/ssh/sshd_config.d/10-root.conf`, ["root-login"]],
    ["a variable set from another", `MODE=$TAG_MODE\necho "PermitRootLogin $MODE" >> ${SSHD}`, ["root-login"]],
  ])("%s cannot be verified", (_name, text, expected) => {
    expect(unverifiable(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a variable set to no", `MODE=no\necho "PermitRootLogin $MODE" >> ${SSHD}`],
    ["a default of no", `echo "PermitRootLogin \${MODE:-no}" >> ${SSHD}`],
    ["a variable in a file sshd does not read", `echo "PermitRootLogin $MODE" >> /etc/app.conf`],
    ["a variable printed to the log", `echo "PermitRootLogin is $MODE"`],
    ["a commented line", `echo "#PermitRootLogin $MODE" >> ${SSHD}`],
    ["a variable in another directive", `echo "Port $PORT" >> ${SSHD}`],
  ])("%s is not reported", (_name, text) => {
    expect(all(text)).toEqual([]);
  });

  it("reports a variable set to yes as a weakness, not as unverifiable", () => {
    expect(all(`MODE=yes\necho "PermitRootLogin $MODE" >> ${SSHD}`)).toEqual(["root-login"]);
  });

  it("names the directive and the value in its note", () => {
    const [weakness] = findLoginWeaknesses(`echo "PermitRootLogin $MODE" >> ${SSHD}`);
    expect(weakness.note).toContain("PermitRootLogin is set to $MODE, which the script does not set");
    expect(weakness.note).toContain('write "PermitRootLogin no"');
  });
});

// A template the script writes to a file sshd does not read, then fills in where sshd reads it (envsubst, a filter):
// the placeholder's value is decided outside the script, so it counts once sshd is made to read the file.
describe("placeholders in a file sshd is made to read", () => {
  const DROP_IN = "/etc/ssh/sshd_config.d/00.conf";
  const TEMPLATE = `cat > /tmp/sshd.tpl <<'EOF'\nPermitRootLogin \${ROOT_MODE}\nPasswordAuthentication no\nEOF`;
  const ESCAPED = `echo "PasswordAuthentication \\$PW_AUTH" > /tmp/sshd.tpl`;

  it.each<[string, string, string[]]>([
    ["a quoted here-document through envsubst", `${TEMPLATE}\nenvsubst < /tmp/sshd.tpl > ${DROP_IN}`, ["root-login"]],
    ["appended to sshd_config", `${TEMPLATE}\nenvsubst < /tmp/sshd.tpl >> ${SSHD}`, ["root-login"]],
    ["envsubst down a pipe", `${TEMPLATE}\ncat /tmp/sshd.tpl | envsubst > ${SSHD}`, ["root-login"]],
    ["envsubst into tee", `${TEMPLATE}\nenvsubst < /tmp/sshd.tpl | tee ${DROP_IN}`, ["root-login"]],
    ["an escaped variable echoed", `${ESCAPED}\nenvsubst < /tmp/sshd.tpl > ${DROP_IN}`, ["password-authentication"]],
    ["a filter of it", `${ESCAPED}\ngrep -v '^#' /tmp/sshd.tpl >> ${SSHD}`, ["password-authentication"]],
  ])("%s cannot be verified", (_name, text, expected) => {
    expect(unverifiable(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["a template sshd never reads", TEMPLATE],
    ["one filled into another file", `${TEMPLATE}\nenvsubst < /tmp/sshd.tpl > /etc/motd`],
    ["a commented placeholder", `cat > /tmp/t <<'EOF'\n#PermitRootLogin \${M}\nEOF\nenvsubst < /tmp/t > ${DROP_IN}`],
    ["a placeholder of another directive", `echo "Port \\$PORT" > /tmp/t\nenvsubst < /tmp/t > ${DROP_IN}`],
    ["a template of hardened values", `echo "PermitRootLogin no" > /tmp/t\nenvsubst < /tmp/t > ${DROP_IN}`],
  ])("%s is not reported", (_name, text) => {
    expect(all(text)).toEqual([]);
  });

  it("reports a file the shell filled in where it is put in place, not its placeholder again", () => {
    const line = `envsubst < /tmp/t > ${DROP_IN}`;
    const found = findLoginWeaknesses(`echo "PasswordAuthentication $PW_AUTH" > /tmp/t\n${line}`);
    expect(found.map((w) => [w.kind, w.line, w.unverifiable])).toEqual([
      ["password-authentication", line, true],
      ["root-login", line, true],
    ]);
    expect(found[0].note).toContain("whose text comes from outside the script");
  });

  it("names the file sshd is made to read", () => {
    const [weakness] = findLoginWeaknesses(`${TEMPLATE}\nenvsubst < /tmp/sshd.tpl > ${DROP_IN}`);
    expect(weakness).toMatchObject({ line: "PermitRootLogin ${ROOT_MODE}", unverifiable: true });
    expect(weakness.note).toBe("written to /tmp/sshd.tpl, which sshd is made to read");
  });
});
