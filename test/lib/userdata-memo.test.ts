// A boot script repeated across a stack is read once: the same text gives the same frozen reading, a different
// text its own, and texts too long to keep are read afresh every time.
import { findLoginWeaknesses } from "../../lib/userdata";

const weak = "#!/bin/bash\necho 'root:x1' | chpasswd\n";
const safe = "#!/bin/bash\nyum -y install nginx\n";

describe("findLoginWeaknesses on repeated scripts", () => {
  it("gives a repeated text the reading it gave the first time", () => {
    const first = findLoginWeaknesses(weak);
    expect(first.map((w) => w.kind)).toEqual(["password-set"]);
    expect(findLoginWeaknesses(`${weak}`)).toBe(first);
  });

  it("reads each distinct text on its own", () => {
    expect(findLoginWeaknesses(weak)).toHaveLength(1);
    expect(findLoginWeaknesses(safe)).toEqual([]);
    expect(findLoginWeaknesses(`${safe}echo 'admin:y2' | chpasswd\n`).map((w) => w.kind)).toEqual(["password-set"]);
    expect(findLoginWeaknesses(safe)).toEqual([]);
  });

  it("hands out readings no caller can change", () => {
    const shared = findLoginWeaknesses(weak);
    expect(Object.isFrozen(shared)).toBe(true);
    expect(shared.every((w) => Object.isFrozen(w))).toBe(true);
    expect(() => (shared as unknown as unknown[]).push({})).toThrow(TypeError);
    expect(findLoginWeaknesses(weak)).toHaveLength(1);
  });

  it("reads a text longer than the memo keeps each time, with the same result", () => {
    const long = `${"# padding line\n".repeat(5_000)}${weak}`;
    const first = findLoginWeaknesses(long);
    expect(first.map((w) => w.kind)).toEqual(["password-set"]);
    expect(findLoginWeaknesses(long)).not.toBe(first);
    expect(findLoginWeaknesses(long)).toEqual(first);
  });

  it("reads nothing in a value that is not text", () => {
    expect(findLoginWeaknesses(undefined as unknown as string)).toEqual([]);
  });
});
