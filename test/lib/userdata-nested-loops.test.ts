// A `for` loop in a loop's body, and a loop whose body holds a here-document, are read as bash runs them: the nested
// loop once per word in each pass, the document as the text its command reads. Past what the outermost loop's
// passes leave of the 4,096-command budget, a nested loop is read line by line and, when its body uses its
// variable, reported unread; a loop read line by line reports the variables of the loops nested in it too.
import { findLoginWeaknesses, LoginWeakness } from "../../lib/userdata";
import { mayBeRootKeys } from "./may-be-root-keys";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHk attacker";
const PAST = "a loop whose words times its body pass 4,096 commands or 1 MB";
const weaknesses = (text: string): LoginWeakness[] => [...findLoginWeaknesses(`#!/bin/bash\n${text}\n`)];
const unread = (line: string): LoginWeakness => ({ kind: "unread-content", line });
const rootKeys = (line: string): LoginWeakness => ({ kind: "root-authorized-keys", line });
const passwords = (line: string): LoginWeakness => ({ kind: "password-authentication", line });
const words = (n: number, word: (i: number) => string) => Array.from({ length: n }, (_, i) => word(i)).join(" ");

describe("a loop nested in a loop's body", () => {
  const threeDeep = `for a in /root; do for b in .ssh; do for c in authorized_keys; do cat /tmp/k >> "$a/$b/$c"; done; done; done`;
  const sed = `for f in /etc/ssh/sshd_config; do for k in PasswordAuthentication; do sed -i "s/^$k no/$k yes/" "$f"; done; done`;
  const overLines = `for d in /tmp /root; do\n  for f in .ssh/authorized_keys; do\n    echo "${KEY}" >> "$d/$f"\n  done\ndone`;
  const afterThen = `for d in /root; do if true; then\n  for k in /tmp/k; do cat "$k" >> $d/.ssh/authorized_keys; done\nfi; done`;
  /** 64 words over a body whose nested loop of 64 words runs `write`: past the 4,096 in the 62nd pass. */
  const wide = (dir: string, write = `cat /tmp/k >> $d/.ssh/authorized_keys`) =>
    `for a in ${words(64, (i) => `w${i}`)}; do for d in ${words(64, () => dir)}; do ${write}; done; done`;
  /** An outer loop past the budget on its own, its nested loop's variable naming root's keys. */
  const outerPast = `for a in ${words(5000, (i) => `w${i}`)}; do for d in /root; do cat /tmp/k >> $d/.ssh/authorized_keys; done; done`;
  it.each<[string, string, LoginWeakness[]]>([
    ["three loops deep, root's keys", threeDeep, [rootKeys(threeDeep)]],
    ["the sed edit names the one directive the words give", sed, [passwords(sed)]],
    ["over lines, root's keys in the second pass", overLines, [rootKeys(`echo "${KEY}" >> "$d/$f"`)]],
    ["a nested loop on a line of its own in an if", afterThen, [rootKeys(`cat "$k" >> $d/.ssh/authorized_keys`)]],
    [
      "a nested loop read until the budget runs out, then noted unread",
      wide("/root"),
      [rootKeys(wide("/root")), unread(PAST)],
    ],
    // Read line by line, the nested loop is not taken apart: its body writes keys under a home the reader does not know.
    [
      "an outer loop past the budget, its nested loop's variable used",
      outerPast,
      [mayBeRootKeys(outerPast), unread(PAST)],
    ],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));

  it.each<[string, string]>([
    [
      "nested loops installing packages",
      `for r in 1 2 3; do for p in htop git curl; do yum install -y $p && break; done; done`,
    ],
    [
      "nested loops over lines hardening sshd_config",
      `for f in /etc/ssh/sshd_config; do\n  for k in PasswordAuthentication PermitRootLogin; do\n    sed -i "s/^#\\?$k .*/$k no/" "$f"\n  done\ndone`,
    ],
    ["a nested loop past the budget that does not use its word", wide("/root", "echo ok")],
    [
      "an outer loop past the budget whose loops use no word",
      `for a in ${words(5000, (i) => `w${i}`)}; do for d in /root; do echo ok; done; done`,
    ],
  ])("%s: clean", (_name, text) => expect(weaknesses(text)).toEqual([]));
});

describe("a here-document in a loop's body", () => {
  const keys = `for d in /root; do\n  cat >> $d/.ssh/authorized_keys <<EOF\n${KEY}\nEOF\ndone`;
  const sameLine = `for d in /root; do cat > /tmp/k <<EOF; cat /tmp/k >> $d/.ssh/authorized_keys\n${KEY}\nEOF\ndone`;
  const nested = `for d in /root; do for f in .ssh/authorized_keys; do\ncat >> "$d/$f" <<'EOF'\n${KEY}\nEOF\ndone; done`;
  const expanded = `for v in yes; do\ncat >> /etc/ssh/sshd_config <<EOF\nPasswordAuthentication $v\nEOF\ndone`;
  it.each<[string, string, LoginWeakness[]]>([
    ["root's keys written by the document", keys, [rootKeys(`cat >> $d/.ssh/authorized_keys <<EOF`)]],
    [
      "a command after the document's on its line",
      sameLine,
      [rootKeys(`cat > /tmp/k <<EOF; cat /tmp/k >> $d/.ssh/authorized_keys`)],
    ],
    ["in a nested loop, quoted", nested, [rootKeys(`cat >> "$d/$f" <<'EOF'`)]],
    ["the document expands the loop's word", expanded, [passwords("PasswordAuthentication yes")]],
  ])("%s", (_name, text, expected) => expect(weaknesses(text)).toEqual(expected));

  it.each<[string, string]>([
    ["banners written", `for f in /etc/motd /etc/issue; do cat > "$f" <<'EOF'\nAuthorized use only\nEOF\ndone`],
    [
      "sshd_config hardened per word",
      `for v in no; do\ncat >> /etc/ssh/sshd_config <<EOF\nPasswordAuthentication $v\nPermitRootLogin $v\nEOF\ndone`,
    ],
    [
      "a document holding loop keywords, in nested loops",
      `for a in 1 2; do for b in x y; do cat > /tmp/$a$b <<EOF\nfor x in y; do\ndone\nEOF\ndone; done`,
    ],
  ])("%s: clean", (_name, text) => expect(weaknesses(text)).toEqual([]));
});

describe("a loop after other commands on its line, and commands after its done", () => {
  const write = "cat /tmp/k >> $d/.ssh/authorized_keys";
  it.each<[string, string]>([
    ["in a while loop", `while true; do for d in /root; do ${write}; done; break; done`],
    ["in an until loop", `until false; do for d in /root; do ${write}; done; break; done`],
    ["in a C-style loop", `for ((i = 0; i < 1; i++)); do for d in /root; do ${write}; done; done`],
    ["after then", `if true; then for d in /root; do ${write}; done; fi`],
    ["after then, in a loop's body", `for x in 1; do if true; then for d in /root; do ${write}; done; fi; done`],
    ["after a command", `mkdir -p /root/.ssh; for d in /root; do ${write}; done`],
    ["after &&", `true && for d in /root; do ${write}; done`],
    ["a command after done", "for d in /tmp; do :; done; cat /tmp/k >> /root/.ssh/authorized_keys"],
    ["a command after done reads the variable the loop left", `for d in /tmp /root; do :; done && ${write}`],
    [
      "the third loop of a line",
      `for a in x; do :; done; for d in /root; do :; done; for c in /tmp; do ${write}; done`,
    ],
  ])("%s", (_name, line) => expect(weaknesses(line)).toEqual([rootKeys(line)]));

  it.each<[string, string]>([
    [
      "loops piped and chained",
      "for f in a b; do echo $f; done | sort > /tmp/x; for p in git htop; do yum install -y $p; done && echo ok",
    ],
    [
      "a loop in an if, an else after",
      "if [ -f /x ]; then for p in git htop; do yum install -y $p; done; else echo no; fi",
    ],
    [
      "a while loop installing per word",
      "while ! ping -c1 repo; do for p in git htop; do yum install -y $p; done; sleep 5; done",
    ],
  ])("%s: clean", (_name, line) => expect(weaknesses(line)).toEqual([]));
});
