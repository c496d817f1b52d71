// The benchmark's input must be the same on every run and look like a real estate of both clouds.
import { syntheticStack } from "../../bench/synthetic/generate";
import { UNKNOWN } from "../../bench/synthetic/posture";
import { cloudOf } from "../../bench/synthetic/resource";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { analyzeRequest } from "../../bench/synthetic/analyzer-requests";
import { decodeUserData } from "../../lib/userdata-decode";
import { withDistinctScripts } from "../../bench/synthetic/distinct-scripts";

describe("synthetic benchmark stack", () => {
  const stack = syntheticStack(2_000);

  it("is deterministic for a seed and differs across seeds", () => {
    expect(syntheticStack(2_000)).toEqual(stack);
    expect(syntheticStack(2_000, 1)).not.toEqual(stack);
  });

  it("mixes both clouds and many resource types, with unique URNs", () => {
    const clouds = new Set(stack.map((r) => cloudOf(r.type)));
    expect(clouds).toEqual(new Set(["aws", "alicloud"]));
    expect(new Set(stack.map((r) => r.type)).size).toBeGreaterThanOrEqual(30);
    expect(new Set(stack.map((r) => r.urn)).size).toBe(stack.length);
  });

  it("is mostly secure with some internet exposure and some unknowns", () => {
    const text = stack.map((r) => JSON.stringify(r.props));
    const open = text.filter((t) => t.includes("0.0.0.0/0")).length;
    const unknown = text.filter((t) => t.includes(UNKNOWN)).length;
    expect(open / stack.length).toBeGreaterThan(0.02);
    expect(open / stack.length).toBeLessThan(0.3);
    expect(unknown).toBeGreaterThan(0);
  });

  it("repeats each role's boot script, as components do, with a few scripts of their own", () => {
    const userData = stack.flatMap((r) => (typeof r.props.userData === "string" ? [r.props.userData] : []));
    const scripts = userData.map(decodeUserData);
    const distinct = new Set(scripts).size;
    expect(scripts.length).toBeGreaterThan(100);
    expect(distinct).toBeGreaterThan(24);
    expect(distinct).toBeLessThan(scripts.length * 0.25);
  });

  it("can give every boot script a line of its own, base64 kept as base64, for the reader's worst case", () => {
    const distinct = withDistinctScripts(stack);
    const scripts = distinct.flatMap((r) => (typeof r.props.userData === "string" ? [r.props.userData] : []));
    expect(new Set(scripts.map(decodeUserData)).size).toBe(scripts.length);
    for (const [i, r] of distinct.entries()) {
      const before = stack[i].props.userData;
      if (typeof before !== "string") continue;
      const after = r.props.userData as string;
      expect(/\s/.test(after)).toBe(/\s/.test(before));
      expect(decodeUserData(after)).toBe(`${decodeUserData(before)}logger -t boot "${r.name} ready"\n`);
    }
  });

  it("encodes as analyzer requests without loss", () => {
    const { messages } = loadPolicySdk(__dirname);
    for (const r of stack.slice(0, 200)) {
      expect(analyzeRequest(messages, r).getProperties().toJavaScript()).toEqual(r.props);
    }
  });
});
