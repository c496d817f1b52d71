import { unknownCheckingProxy } from "@pulumi/policy";
import { bool as modelBool, num as modelNum } from "../../lib/reachability/resource";
import { bool, num, containsUnknown, innermostProps, isUnknown, rawProps, UNKNOWN } from "../../lib/values";

describe("values", () => {
  it("recognises every engine sentinel the policy SDK knows", () => {
    const proxy = require("@pulumi/policy/proxy");
    for (const k of Object.keys(proxy).filter((k) => /^unknown[A-Z]\w*Value$/.test(k)))
      expect(isUnknown(proxy[k])).toBe(true);
    expect(isUnknown("0.0.0.0/0")).toBe(false);
  });

  it("reads through the unknown-checking proxy without throwing", () => {
    const props = unknownCheckingProxy({ a: UNKNOWN, b: { c: [UNKNOWN] } });
    expect(() => (props as any).a).toThrow();
    const raw = rawProps(props);
    expect(raw.a).toBe(UNKNOWN);
    expect(containsUnknown(raw.b)).toBe(true);
    expect(innermostProps(props)).toBe(raw);
  });
});

describe("bool", () => {
  it("reads booleans and their strings in any case, and nothing else", () => {
    expect([true, false, "true", "True", " TRUE ", "false", "FALSE"].map(bool)).toEqual([
      true,
      false,
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([undefined, null, 1, 0, "yes", "", UNKNOWN, {}].map(bool)).toEqual(Array(8).fill(undefined));
  });

  it('reads "1" and "0" as Terraform converts them for a bool field', () => {
    expect(["1", " 0 "].map(bool)).toEqual([true, false]);
  });

  it("is the network model's reading too, with unknown and secret values told apart", () => {
    const inputs = [true, "True", "1", "FALSE", "0", "yes", undefined, UNKNOWN];
    expect(inputs.map(modelBool)).toEqual([true, true, true, false, false, undefined, undefined, "unknown"]);
    expect(modelBool({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "1" })).toBe(
      true,
    );
  });
});

describe("num", () => {
  it("reads finite numbers and numeric strings, in the rules and the network model alike", () => {
    const inputs = [22, "22", " 3306 ", "1e3", NaN, Infinity, "Infinity", "", "22/tcp", UNKNOWN, null, true];
    const expected = [22, 22, 3306, 1000, ...Array(8).fill(undefined)];
    expect(inputs.map((v) => num(v))).toEqual(expected);
    expect(inputs.map((v) => modelNum(v))).toEqual(expected);
  });
});
