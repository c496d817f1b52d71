// Root's keys named through `.` and `..` steps: the kernel resolves them, so `/root/./.ssh/authorized_keys` is
// root's keys as much as `/root/.ssh/authorized_keys` is.
import { findLoginWeaknesses } from "../../lib/userdata";

const KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ops@example";
const kinds = (script: string) => findLoginWeaknesses(`#!/bin/bash\n${script}\n`).map((w) => w.kind);

describe("root's keys through dot steps", () => {
  it.each<[string, string, string[]]>([
    ["a `.` step in root's home", `echo "${KEY}" >> /root/./.ssh/authorized_keys`, ["root-authorized-keys"]],
    ["a `.` step in .ssh", `echo "${KEY}" >> /root/.ssh/./authorized_keys`, ["root-authorized-keys"]],
    [
      "`..` steps from another home",
      `echo "${KEY}" >> /home/ops/../../root/.ssh/authorized_keys`,
      ["root-authorized-keys"],
    ],
    ["`~` then a `.` step", `echo "${KEY}" > ~/./.ssh/authorized_keys`, ["root-authorized-keys"]],
    [
      "a keys file copied into root's .ssh named with a `.` step",
      "cp /tmp/authorized_keys /root/./.ssh/",
      ["root-authorized-keys"],
    ],
    ["another account's keys through a `.` step", `echo "${KEY}" >> /home/ops/./.ssh/authorized_keys`, []],
    ["`..` out of root's .ssh", `echo "${KEY}" >> /root/.ssh/../notes/authorized_keys`, []],
  ])("%s", (_name, script, expected) => {
    expect(kinds(script)).toEqual(expected);
  });
});
