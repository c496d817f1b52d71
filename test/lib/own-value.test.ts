// Text from a user's program that names a member every object inherits ("constructor", "__proto__") once reached
// lookup tables as a key and crashed the user-data reader ("letters.includes is not a function").
import { findLoginWeaknesses } from "../../lib/userdata";
import { ownValue } from "../../lib/own-value";
import { normalizeProtocol } from "../../lib/reachability/protocol";

const INHERITED = ["constructor", "toString", "__proto__", "hasOwnProperty", "valueOf", "isPrototypeOf"];

describe("lookups keyed by user text", () => {
  it("find only a table's own entries", () => {
    const table: Record<string, number> = { tcp: 6 };
    expect(ownValue(table, "tcp")).toBe(6);
    for (const key of INHERITED) expect(ownValue(table, key)).toBeUndefined();
  });

  it.each(INHERITED)("a command named %s is read as any other unknown command", (name) => {
    const scripts = (command: string) => [
      `${command} -c x`,
      `sudo ${command} -e x`,
      `${command} -p x root`,
      `${command} -r a /root/.ssh`,
      `${command} -c 'echo PermitRootLogin yes >> /etc/ssh/sshd_config'`,
    ];
    const read = (command: string) =>
      scripts(command).map((s) => findLoginWeaknesses(s).map((w) => ({ ...w, line: w.line.replace(command, "CMD") })));
    expect(read(name)).toEqual(read("sometool"));
    // The last script's whole text is read, as for any command the reader does not know.
    expect(read(name)[4]).toEqual([
      { kind: "root-login", line: "CMD -c 'echo PermitRootLogin yes >> /etc/ssh/sshd_config'" },
    ]);
  });

  it.each(INHERITED)("a protocol named %s stays that name", (name) => {
    expect(normalizeProtocol(name)).toBe(name.toLowerCase());
  });
});
