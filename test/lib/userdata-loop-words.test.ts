// A `for` loop's words built from the variables the script set are read with their values (split on blanks
// unquoted, one word quoted); a loop whose output `done` sends to a file or down a pipe is read once per word, each
// command of its body sending its output there; a loop that starts after other commands on its line and goes on over
// later lines is taken apart as one on a line of its own.
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";
import { mayBeRootKeys } from "./may-be-root-keys";

const weaknesses = (text: string): LoginWeakness[] => [...findLoginWeaknesses(`#!/bin/bash\n${text}\n`)];
const kinds = (text: string): [string, string][] => weaknesses(text).map(({ kind, line }) => [kind, line]);
const rootKeys = (line: string): [string, string] => ["root-authorized-keys", line];
const passwords = (line: string): [string, string] => ["password-authentication", line];
const rootLogin = (line: string): [string, string] => ["root-login", line];
const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";

describe("a loop's words built from variables", () => {
  const sameLine = `D=/root; for f in $D/.ssh/authorized_keys; do cat /tmp/k >> "$f"; done`;
  const ownLine = `for f in $D/.ssh/authorized_keys; do cat /tmp/k >> "$f"; done`;
  const split = `for f in $F; do cat /tmp/k >> $f; done`;
  const braced = `for f in \${F}; do cat /tmp/k >> $f; done`;
  const outer = `for d in /root; do for k in $d/.ssh/authorized_keys; do cat /tmp/k >> $k; done; done`;
  it.each<[string, string, [string, string][]]>([
    ["a variable set earlier on the loop's line", sameLine, [rootKeys(sameLine)]],
    ["a variable set on an earlier line", `D=/root\n${ownLine}`, [rootKeys(ownLine)]],
    ["an unquoted list, split on blanks", `F='/tmp/a /root/.ssh/authorized_keys'\n${split}`, [rootKeys(split)]],
    ["a braced reference to a list", `F="/tmp/a /root/.ssh/authorized_keys"\n${braced}`, [rootKeys(braced)]],
    ["a nested loop's words from the outer loop's variable", outer, [rootKeys(outer)]],
  ])("%s", (_name, text, expected) => expect(kinds(text)).toEqual(expected));

  it.each<[string, string]>([
    [
      "a quoted list stays one word",
      `F='/tmp/a /root/.ssh/authorized_keys'\nfor f in "$F"; do cat /tmp/k >> "$f"; done`,
    ],
    ["packages from a variable", `PKGS="git curl"\nfor p in $PKGS; do yum install -y $p; done`],
    ["packages from an unknown variable", `for p in $PKGS; do yum install -y $p; done`],
  ])("%s: clean", (_name, text) => expect(kinds(text)).toEqual([]));

  it("does not split again a value holding a quote: the loop's word stays unknown, and so may be root's home", () => {
    const text = `D="/ro'ot"\nfor f in $D; do cat /tmp/k >> $f/.ssh/authorized_keys; done`;
    expect(findLoginWeaknesses(`#!/bin/bash\n${text}\n`)).toEqual([mayBeRootKeys(text.split("\n")[1])]);
  });
});

describe("a loop's words partly known, a variable set before the loop on its line", () => {
  const loop = `for d in $D $(ls /home); do echo "ssh-rsa AAA" >> $d/.ssh/authorized_keys; done`;
  it.each<[string, string, LoginWeakness[]]>([
    ["a plain assignment", `D=/root; ${loop}`, [{ kind: "root-authorized-keys", line: `D=/root; ${loop}` }]],
    ["an exported one", `export D=/root; ${loop}`, [{ kind: "root-authorized-keys", line: `export D=/root; ${loop}` }]],
    [
      "braces and backquotes",
      "D=/root; for d in ${D} `ls /home`; do cat /tmp/k >> $d/.ssh/authorized_keys; done",
      [
        {
          kind: "root-authorized-keys",
          line: "D=/root; for d in ${D} `ls /home`; do cat /tmp/k >> $d/.ssh/authorized_keys; done",
        },
      ],
    ],
    [
      "one set again after the loop: the loop read the value before it",
      `D=/root; ${loop}; D=/home/bob`,
      [{ kind: "root-authorized-keys", line: `D=/root; ${loop}; D=/home/bob` }],
    ],
    [
      "another account's home: the words unknown may still be root's",
      `D=/home/bob; ${loop}`,
      [mayBeRootKeys(`D=/home/bob; ${loop}`)],
    ],
    ["one set only after the loop", `${loop}; D=/root`, [mayBeRootKeys(`${loop}; D=/root`)]],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));
});

describe("a loop's output sent on by `done`", () => {
  const teed = `for l in "PermitRootLogin yes"; do echo "$l"; done | tee -a /etc/ssh/sshd_config`;
  const shell = `for f in a; do echo "echo PermitRootLogin yes >> /etc/ssh/sshd_config"; done | sh`;
  it.each<[string, string, [string, string][]]>([
    [
      "down a pipe to bash",
      `for f in a; do echo "rm -f ${KIT}"; done | bash`,
      [passwords(`rm -f ${KIT}`), rootLogin(`rm -f ${KIT}`)],
    ],
    ["down a pipe to sh", shell, [rootLogin("echo PermitRootLogin yes >> /etc/ssh/sshd_config")]],
    ["down a pipe to tee -a", teed, [rootLogin(teed)]],
    [
      "over lines into a drop-in",
      `for l in "PasswordAuthentication yes"; do\n  echo "$l"\ndone > /etc/ssh/sshd_config.d/50-x.conf`,
      [passwords(`echo "$l" >> /etc/ssh/sshd_config.d/50-x.conf`)],
    ],
  ])("%s", (_name, text, expected) => expect(kinds(text)).toEqual(expected));

  it.each<[string, string]>([
    ["into /dev/null", `for f in /etc/motd; do echo hi; done > /dev/null`],
    ["installs logged with tee -a", `for p in git curl; do yum install -y $p; done 2>&1 | tee -a /var/log/boot.log`],
    ["a weak line only logged", `for p in git; do echo "PasswordAuthentication yes"; done | logger`],
    [
      "hardening lines into a drop-in",
      `for l in "PasswordAuthentication no" "PermitRootLogin no"; do echo "$l"; done > /etc/ssh/sshd_config.d/10-x.conf`,
    ],
    [
      "a command sending its own output elsewhere",
      `for l in "PermitRootLogin yes"; do echo "$l" > /tmp/x; done >> /etc/ssh/sshd_config`,
    ],
  ])("%s: clean", (_name, text) => expect(kinds(text)).toEqual([]));
});

describe("a loop after other commands on its line, over later lines", () => {
  const body = `cat /tmp/k >> "$d/.ssh/authorized_keys"`;
  it.each<[string, string, [string, string][]]>([
    ["in a while loop's body", `while true; do for d in /root; do\n  ${body}\ndone; break; done`, [rootKeys(body)]],
    ["after a cd", `cd /; for d in /root; do\n  ${body}\ndone`, [rootKeys(body)]],
  ])("%s", (_name, text, expected) => expect(kinds(text)).toEqual(expected));

  it("installing packages: clean", () =>
    expect(kinds(`cd /tmp; for p in git curl; do\n  yum install -y $p\ndone`)).toEqual([]));
});

describe("a while read loop over a here-document or a file the script wrote", () => {
  const fromFile = `while read l; do echo "$l" >> /etc/ssh/sshd_config; done < /tmp/l`;
  it.each<[string, string, [string, string][]]>([
    [
      "a file named in a here-document",
      `while read f; do rm -f "$f"; done <<EOF\n${KIT}\nEOF`,
      [passwords(`rm -f "$f"`), rootLogin(`rm -f "$f"`)],
    ],
    [
      "lines of a file the script wrote",
      `printf 'PasswordAuthentication yes\\n' > /tmp/l\n${fromFile}`,
      [passwords(fromFile)],
    ],
    [
      "a key from a here-document, blanks around it",
      `while read -r k; do echo "$k" >> /root/.ssh/authorized_keys; done <<'EOF'\n  ssh-ed25519 AAAA x  \nEOF`,
      [rootKeys(`echo "$k" >> /root/.ssh/authorized_keys`)],
    ],
  ])("%s", (_name, text, expected) => expect(kinds(text)).toEqual(expected));

  it.each<[string, string]>([
    ["packages from a here-document", `while read p; do yum install -y "$p"; done <<EOF\ngit\ncurl\nEOF`],
    ["hardening lines from a file", `printf 'PasswordAuthentication no\\n' > /tmp/l\n${fromFile}`],
    ["a file the script did not write", `while read f; do rm -f "$f"; done < /tmp/list`],
  ])("%s: clean", (_name, text) => expect(kinds(text)).toEqual([]));
});
