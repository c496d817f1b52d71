// A second account with user id 0 logs in as root under another name: made by useradd, usermod or adduser.
import { findLoginWeaknesses } from "../../lib/userdata";

/** The root-login violations of a shell script, as quoted line and note. */
const rootLogins = (script: string) =>
  findLoginWeaknesses(`#!/bin/bash\n${script}\n`)
    .filter((w) => w.kind === "root-login" && !w.unverifiable)
    .map((w) => [w.line, w.note]);

describe("accounts given user id 0", () => {
  it.each([
    ["useradd -o -u 0 -g 0 -m -d /home/toor toor", "toor"],
    ["useradd -ou 0 toor", "toor"],
    ["useradd -mou0 toor", "toor"],
    ["useradd --non-unique --uid 0 toor", "toor"],
    ["useradd --uid=0 -o toor", "toor"],
    ["useradd -u0 -o toor", "toor"],
    ["/usr/sbin/useradd -o -u 000 -s /bin/bash toor", "toor"],
    ["usermod -o -u 0 admin", "admin"],
    ["sudo usermod --uid 0 --non-unique admin", "admin"],
    ["adduser --uid 0 --gecos '' --disabled-password toor", "toor"],
  ])("%s", (script, account) => {
    expect(rootLogins(script)).toEqual([[script, `gives ${account} user id 0: it logs in as root under another name`]]);
  });

  it.each([
    "useradd -u 1000 -m bob",
    "useradd -m -u 1001 -g 0 bob",
    "usermod -u 0 root",
    "useradd -c 0 bob",
    "useradd -p '!' -u 10 bob",
    "adduser --uid 1000 bob",
    "id -u 0",
  ])("%s: not a second root", (script) => {
    expect(rootLogins(script)).toEqual([]);
  });
});
