// Command substitutions inside quoted strings run before the command that holds them: what they write to sshd's
// configuration counts as if the script ran it alone, what they only print goes into the string.
import { MAX_QUOTED_SUBSTITUTIONS, quotedSubstitutions } from "../../lib/shell-substitutions";
import { findLoginWeaknesses } from "../../lib/userdata";

const kinds = (line: string) => [...new Set(findLoginWeaknesses(`#!/bin/bash\n${line}\n`).map((w) => w.kind))].sort();
const CONFIG = "/etc/ssh/sshd_config";

describe("quotedSubstitutions", () => {
  it.each<[string, string, string[]]>([
    ["one in a double-quoted string", 'logger "done $(cat f)"', ["cat f"]],
    ["backquotes", 'logger "done `cat f`"', ["cat f"]],
    ["two strings", 'x "$(a)" "b $(c d)"', ["a", "c d"]],
    ["a nested one is read with its holder", 'x "$(a "$(b)")"', ['a "$(b)"']],
    ["none in single quotes", "x '$(a)'", []],
    ["none standing as a word", "x $(a) `b`", []],
    ["an escaped one", 'x "\\$(a)"', []],
    ["arithmetic", 'x "$((1 + 2))"', []],
    ["a parameter expansion", 'x "${A:-b}"', []],
    ["an unclosed one ends the scan", 'x "$(a" "$(b)"', []],
  ])("%s", (_name, text, expected) => {
    expect(quotedSubstitutions(text)).toEqual(expected);
  });

  it("is undefined past its bound", () => {
    const within = `x "${"$(a)".repeat(MAX_QUOTED_SUBSTITUTIONS)}"`;
    expect(quotedSubstitutions(within)).toHaveLength(MAX_QUOTED_SUBSTITUTIONS);
    expect(quotedSubstitutions(`x "${"$(a)".repeat(MAX_QUOTED_SUBSTITUTIONS + 1)}"`)).toBeUndefined();
  });
});

describe("what a quoted substitution writes", () => {
  it.each<[string, string, string[]]>([
    ["an append to sshd_config", `logger "done $(echo PermitRootLogin yes >> ${CONFIG})"`, ["root-login"]],
    ["a sed edit", `logger "x $(sed -i 's/no/yes/' ${CONFIG})"`, ["password-authentication", "root-login"]],
    ["in backquotes", `logger "x \`echo PasswordAuthentication yes >> ${CONFIG}\`"`, ["password-authentication"]],
    ["in an assignment", `R="$(echo PermitRootLogin yes | tee -a ${CONFIG})"`, ["root-login"]],
    ["root's keys", 'logger "k $(cat /tmp/k >> /root/.ssh/authorized_keys)"', ["root-authorized-keys"]],
    ["only printed into the string", 'logger "x $(echo PermitRootLogin yes)"', []],
    ["a read", `logger "x $(grep PermitRootLogin ${CONFIG})"`, []],
    ["a hardening edit", `logger "x $(sed -i 's/yes/no/' ${CONFIG})"`, []],
    ["in single quotes, never run", `logger 'x $(echo PermitRootLogin yes >> ${CONFIG})'`, []],
  ])("%s", (_name, line, expected) => {
    expect(kinds(line)).toEqual(expected);
  });

  it("notes what is past the bound unread", () => {
    const line = `logger "${"$(true)".repeat(MAX_QUOTED_SUBSTITUTIONS + 1)}"`;
    const found = findLoginWeaknesses(`#!/bin/bash\n${line}\n`);
    expect(found.map((w) => w.kind)).toContain("unread-content");
    expect(JSON.stringify(found)).toContain("command substitutions inside quotes");
  });
});
