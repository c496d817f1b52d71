// A keys file under a home the script does not set (`"$H/.ssh/authorized_keys"`, a loop over homes it cannot list)
// may be root's: reported as what cannot be verified (advisory), never passed in silence. And `getent passwd root`,
// the usual way to find that home, reads the account database: it sets no password.
import { findLoginWeaknesses } from "../../lib/userdata";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example";
const found = (script: string) =>
  findLoginWeaknesses(`#!/bin/bash\n${script}\n`).map((w) => ({ kind: w.kind, unverifiable: w.unverifiable === true }));
const MAY_BE_ROOTS = [{ kind: "root-authorized-keys", unverifiable: true }];
const ROOTS = [{ kind: "root-authorized-keys", unverifiable: false }];

describe("keys written under a home the script does not set", () => {
  it.each<[string, string, object[]]>([
    ["a variable from outside", `echo "${KEY}" >> "$H/.ssh/authorized_keys"`, MAY_BE_ROOTS],
    ["braces", `cat /tmp/k >> "\${KEYS_HOME}/.ssh/authorized_keys2"`, MAY_BE_ROOTS],
    ["a positional parameter", `cat /tmp/k >> "$1/.ssh/authorized_keys"`, MAY_BE_ROOTS],
    ["a command's output", `cat /tmp/k >> "$(getent passwd "$U" | cut -d: -f6)/.ssh/authorized_keys"`, MAY_BE_ROOTS],
    [
      "a home looked up from the account database",
      `H=$(getent passwd root | cut -d: -f6)\ncat /tmp/k >> "$H/.ssh/authorized_keys"`,
      MAY_BE_ROOTS,
    ],
    ["copied there", `install -m 600 /tmp/k "$H/.ssh/authorized_keys"`, MAY_BE_ROOTS],
    ["downloaded there", `curl -fsSo "$H/.ssh/authorized_keys" https://keys.example.com/ops`, MAY_BE_ROOTS],
    [
      "a loop over homes the script cannot list",
      `for d in $(ls -d /home/*); do cat /tmp/k >> "$d/.ssh/authorized_keys"; done`,
      MAY_BE_ROOTS,
    ],
    [
      "a loop over homes the script cannot list and root's, spelt out",
      `for d in $(ls -d /home/*) /root; do cat /tmp/k >> "$d/.ssh/authorized_keys"; done`,
      ROOTS,
    ],
    [
      "a loop over root's home and a variable from outside, in backquotes",
      "for d in /root `cat /etc/homes`; do cat /tmp/k >> $d/.ssh/authorized_keys; done",
      ROOTS,
    ],
    [
      "a loop over another account's home and a variable from outside",
      `for d in /home/ops $EXTRA_HOME; do cat /tmp/k >> "$d/.ssh/authorized_keys"; done`,
      MAY_BE_ROOTS,
    ],
    [
      "a loop over sshd_config and a file from outside",
      `for f in /etc/ssh/sshd_config $EXTRA; do echo "PermitRootLogin yes" >> "$f"; done`,
      [{ kind: "root-login", unverifiable: false }],
    ],
    [
      "a loop over other accounts' homes only",
      `for d in /home/a /home/b; do cat k >> $d/.ssh/authorized_keys; done`,
      [],
    ],
    ["a home the script sets to root's", `H=/root\necho "${KEY}" >> "$H/.ssh/authorized_keys"`, ROOTS],
    ["$HOME, root's as user data runs", `echo "${KEY}" >> "$HOME/.ssh/authorized_keys"`, ROOTS],
    ["a home the script sets to another account's", `H=/home/ops\necho "${KEY}" >> "$H/.ssh/authorized_keys"`, []],
    ["another account's home under a variable name", `cat /tmp/k >> "/home/$U/.ssh/authorized_keys"`, []],
    ["reading the keys, not writing them", `wc -l "$H/.ssh/authorized_keys"`, []],
    ["another file of the unknown home", `echo "${KEY}" >> "$H/.ssh/known_hosts"`, []],
  ])("%s", (_name, script, expected) => {
    expect(found(script)).toEqual(expected);
  });
});

describe("`getent passwd root` reads root's entry, `passwd root` sets its password", () => {
  it.each<[string, string, string[]]>([
    ["getent", "getent passwd root", []],
    ["getent with an option", "getent -s files passwd root", []],
    ["getent in a substitution", "H=$(getent passwd root | cut -d: -f6)", []],
    ["passwd fed a file", "passwd root < /tmp/p", ["password-set"]],
    ["passwd behind a wrapper", "sudo passwd root", ["password-set"]],
    ["passwd after getent on its line", "getent passwd root && passwd root < /tmp/p", ["password-set"]],
  ])("%s", (_name, script, expected) => {
    expect(findLoginWeaknesses(`#!/bin/bash\n${script}\n`).map((w) => w.kind)).toEqual(expected);
  });
});
