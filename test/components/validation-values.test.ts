// Argument errors show the value the user passed, including numbers JSON cannot write.
import { formatProblems, showValue } from "../../components/validation";

describe("showValue", () => {
  it.each([
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [-Infinity, "-Infinity"],
    [-0, "-0"],
    [30, "30"],
    ["NaN", '"NaN"'],
    [{ days: NaN, copies: [1, Infinity] }, '{"days":NaN,"copies":[1,Infinity]}'],
    [["NaN", "-Infinity"], '["NaN","-Infinity"]'],
    [{ a: null }, '{"a":null}'],
    [undefined, "undefined"],
  ])("shows %p as %s", (value, shown) => {
    expect(showValue(value)).toBe(shown);
  });

  it("names the argument, the value and the fix", () => {
    const text = formatProblems("ImmutableBackup backup", [
      { argument: "retentionDays", value: NaN, allowed: "an integer from 7 to 36500", fix: "pass a number of days" },
    ]);
    expect(text).toContain('argument "retentionDays" is NaN; allowed: an integer from 7 to 36500; fix: pass a number');
  });
});
