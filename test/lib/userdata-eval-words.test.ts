// eval of unquoted variables: bash splits each value into words at blanks, reading none of its quotes or backslashes,
// and eval joins the words with spaces and parses them again, so `eval $CMD` runs what `eval "$CMD"` runs. Also what
// eval reads from an echo's substitution, and a here-string given to a script run by sh -c or eval. Each shape the
// fixes read has its quoted or plain form beside it, and a benign script of the same shape that stays clean.
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";

const weaknesses = (text: string): LoginWeakness[] => [...findLoginWeaknesses(text)];
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const password = (line: string): LoginWeakness => ({ kind: "password-authentication", line });
const rootKeys = (line: string, via?: string): LoginWeakness =>
  via === undefined ? { kind: "root-authorized-keys", line } : { kind: "root-authorized-keys", line, via };
/** An edit whose sed script holds a space escaped by a backslash: one word only once eval parses it again. */
const SED = "sed -i s/^PasswordAuthentication.no/PasswordAuthentication\\ yes/ /etc/ssh/sshd_config";
const KEYS = "cat /tmp/k >> /root/.ssh/authorized_keys";
const script = (...lines: string[]) => `#!/bin/bash\n${lines.join("\n")}\n`;

describe("eval of unquoted variables, read as bash splits and parses them again", () => {
  it.each<[string, string, LoginWeakness[]]>([
    // The quoted form, read before: beside it, the unquoted forms that were missed.
    ['eval "$CMD" (found before)', script(`CMD="${SED}"`, 'eval "$CMD"'), [password('eval "$CMD"')]],
    ["eval $CMD", script(`CMD="${SED}"`, "eval $CMD"), [password("eval $CMD")]],
    ["eval ${CMD}", script(`CMD="${SED}"`, "eval ${CMD}"), [password("eval ${CMD}")]],
    [
      "eval $A $B, the command split over two variables",
      script(
        'A="sed -i"',
        'B="s/^PasswordAuthentication.no/PasswordAuthentication\\ yes/ /etc/ssh/sshd_config"',
        "eval $A $B",
      ),
      [password("eval $A $B")],
    ],
    [
      "eval $CMD inside bash -c",
      script(`export CMD="${SED}"`, "bash -c 'eval $CMD'"),
      [password("bash -c 'eval $CMD'")],
    ],
    // Unquoted, eval's words are joined with blanks: a value's quotes and backslashes are eval's to read.
    ["benign: eval $CMD of a package install", script('CMD="yum install -y httpd"', "eval $CMD"), []],
    [
      "benign: eval $CMD editing another file, a space escaped",
      script('CMD="sed -i s/^Listen.80/Listen\\ 8080/ /etc/httpd/conf/httpd.conf"', "eval $CMD"),
      [],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("eval of what an echo's substitution prints", () => {
  it.each<[string, string, LoginWeakness[]]>([
    ["eval $(echo …) unquoted (found before)", script(`eval $(echo '${KEYS}')`), [rootKeys(`eval $(echo '${KEYS}')`)]],
    ['eval "$(echo …)"', script(`eval "$(echo '${KEYS}')"`), [rootKeys(`eval "$(echo '${KEYS}')"`)]],
    [
      'eval "$(printf …)"',
      script(`eval "$(printf '%s\\n' '${KEYS}')"`),
      [rootKeys(`eval "$(printf '%s\\n' '${KEYS}')"`)],
    ],
    ['eval "`echo …`"', script(`eval "\`echo '${KEYS}'\`"`), [rootKeys(`eval "\`echo '${KEYS}'\`"`)]],
    // What another program prints the reader cannot know: its substitution stays as it is, and is no finding.
    [
      "benign: eval of ssh-agent's output and of an echo",
      script('eval "$(ssh-agent -s)"', 'eval "$(echo ls /tmp)"'),
      [],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("an eval's unquoted variables past the bound on what they add", () => {
  /** n references to a value of 999 quoted words and a `;`: 4,000 characters as set, 11,000 put back as words. */
  const words = `${"'x' ".repeat(999)};`;
  const many = (n: number) => script(`A="${words}"`, `CMD="${SED}"`, `eval ${"$A ".repeat(n)}$CMD`);
  it.each<[string, string, LoginWeakness[]]>([
    ["5 references, then the edit: read whole", many(5), [password(`eval ${"$A ".repeat(5)}$CMD`)]],
    // Under the line's own bound (32 KB as set), past 64 KB as words: the rest is noted unread.
    ["8 references, then the edit", many(8), [unread("an eval's unquoted variables expanding past 64 KB")]],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("a here-string given to a script run by sh -c, eval or runuser", () => {
  it.each<[string, string, LoginWeakness[]]>([
    [
      "a here-document to bash -c 'cat >> sshd_config' (found before)",
      script("bash -c 'cat >> /etc/ssh/sshd_config' <<EOF", "PasswordAuthentication yes", "EOF"),
      [password("PasswordAuthentication yes")],
    ],
    [
      "a here-string to bash -c 'cat >> sshd_config'",
      script(`bash -c 'cat >> /etc/ssh/sshd_config' <<< "PasswordAuthentication yes"`),
      [password("PasswordAuthentication yes")],
    ],
    [
      "a here-string to bash -c nested in bash -c",
      script(`bash -c "bash -c 'cat >> /etc/ssh/sshd_config'" <<< "PasswordAuthentication yes"`),
      [password("PasswordAuthentication yes")],
    ],
    [
      "a here-string to sudo bash -c 'cat >> /etc/rc.local'",
      script(`sudo bash -c 'cat >> /etc/rc.local' <<< "${KEYS}"`),
      [rootKeys(KEYS, "/etc/rc.local")],
    ],
    [
      "a here-string to eval 'cat >> /etc/rc.local'",
      script(`eval 'cat >> /etc/rc.local' <<< "${KEYS}"`),
      [rootKeys(KEYS)],
    ],
    [
      "a here-string to runuser -- tee -a sshd_config",
      script(`runuser -u root -- tee -a /etc/ssh/sshd_config <<< "PasswordAuthentication yes"`),
      [password("PasswordAuthentication yes")],
    ],
    ["benign: a banner added to /etc/motd", script(`bash -c 'cat >> /etc/motd' <<< "Authorized use only"`), []],
    [
      "benign: a name read, a hostname written",
      script(`eval 'read -r NAME' <<< "web01"`, `sudo bash -c 'cat > /etc/hostname' <<< "web01"`),
      [],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

// Not changed here: a here-document fed to a third bash -c is past the nesting the reader follows. The line scan
// counts every level from the script's top and stops at two, no later than where a document's destination stops
// being followed (two levels of -c from the command it is fed to): what is past it is noted unread.
describe("here-documents through nested bash -c", () => {
  const PAST = unread("a script run by sh -c or eval nested past 2 levels");
  it.each<[string, string, LoginWeakness[]]>([
    [
      "benign: documents to bash -c in bash -c, written to harmless files",
      script(
        `bash -c "bash -c 'cat >> /etc/motd'" <<EOF`,
        "Authorized use only",
        "EOF",
        `bash -c "bash -c 'cat > /etc/app.conf <<EOT`,
        "port=8080",
        `EOT'"`,
      ),
      [],
    ],
    [
      "a document to a third bash -c writing root's keys",
      script(`bash -c "bash -c \\"bash -c 'cat >> /root/.ssh/authorized_keys'\\"" <<EOF`, "ssh-ed25519 AAAA x", "EOF"),
      [PAST],
    ],
    [
      "a document to a third bash -c writing /etc/rc.local",
      script(`bash -c "bash -c \\"bash -c 'cat >> /etc/rc.local'\\"" <<EOF`, KEYS, "EOF"),
      [rootKeys(KEYS), PAST],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});
