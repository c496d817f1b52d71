// The shared argument predicates the components use: exact CIDR notation, plain values, booleans, lists, required
// inputs, known keys, the scanner tokens a custom list drops and the warning for a shortened retention.
import * as pulumi from "@pulumi/pulumi";
import { cidrNotationProblem } from "../../components/plan/cidr";
import { shortenedRetentionWarning } from "../../components/plan/retention";
import { SCANNER_USER_AGENTS, uncoveredScannerTokens } from "../../components/plan/scanners";
import {
  checkBoolean,
  checkKnownArguments,
  checkList,
  checkPlain,
  checkPlainArguments,
  checkRequiredInput,
  formatProblems,
  Problems,
  UnresolvedValue,
} from "../../components/validation";

describe("cidrNotationProblem", () => {
  it.each<[unknown, string | undefined, string | undefined]>([
    ["203.0.113.0/28", undefined, undefined],
    ["0.0.0.0/0", undefined, undefined],
    ["2001:db8::/48", undefined, undefined],
    ["::/0", undefined, undefined],
    ["203.0.113.5/32", undefined, undefined],
    ["203.0.113.5", "no prefix length", 'write "203.0.113.5/32" for the one address'],
    ["2001:db8::1", "no prefix length", 'write "2001:db8::1/128" for the one address'],
    [
      "203.0.113.5/24",
      "host bits set",
      'write "203.0.113.0/24" for the whole block or "203.0.113.5/32" for the one address',
    ],
    [
      "2001:db8::1/64",
      "host bits set",
      'write the network address for the whole block or "2001:db8::1/128" for the one address',
    ],
    [" 203.0.113.0/28", "surrounding whitespace", 'remove the spaces: "203.0.113.0/28"'],
    ["203.0.113.0/28\n", "surrounding whitespace", 'remove the spaces: "203.0.113.0/28"'],
    ["203.0.113.0/028", "leading zeros", "write every number without leading zeros"],
    ["::/00", "leading zeros", "write every number without leading zeros"],
    ["203.0.113.010/32", "not a CIDR", expect.stringContaining("correct the notation") as unknown as string],
    ["10.0.0.0/33", "not a CIDR", expect.stringContaining("correct the notation") as unknown as string],
    [42, "not a string", expect.stringContaining("as a string") as unknown as string],
  ])("%j → %s", (value, reason, fix) => {
    const problem = cidrNotationProblem(value);
    expect(problem === undefined ? [undefined, undefined] : [problem.reason, problem.fix]).toEqual([reason, fix]);
  });
});

describe("plain, boolean, list and required-input checks", () => {
  const run = (check: (p: Problems) => unknown) => {
    const problems = new Problems("Thing");
    const ok = check(problems);
    return { ok, found: problems.list.map((p) => [p.argument, p.value]) };
  };

  it.each<[string, (p: Problems) => unknown, boolean, [string, unknown][]]>([
    ["a plain number", (p) => checkPlain(p, "n", 3), true, []],
    ["an Output", (p) => checkPlain(p, "n", pulumi.output(3)), false, [["n", new UnresolvedValue("pulumi.Output")]]],
    ["a Promise", (p) => checkPlain(p, "n", Promise.resolve(3)), false, [["n", new UnresolvedValue("Promise")]]],
    ["an omitted boolean", (p) => checkBoolean(p, "b", undefined), true, []],
    ["false", (p) => checkBoolean(p, "b", false), true, []],
    ['"false"', (p) => checkBoolean(p, "b", "false"), false, [["b", "false"]]],
    ["0 for a boolean", (p) => checkBoolean(p, "b", 0), false, [["b", 0]]],
    ["an omitted list", (p) => checkList(p, "l", undefined), true, []],
    ["a list", (p) => checkList(p, "l", ["a"]), true, []],
    ["a string for a list", (p) => checkList(p, "l", "a"), false, [["l", "a"]]],
    ["an object for a list", (p) => checkList(p, "l", { 0: "a" }), false, [["l", { 0: "a" }]]],
    ["a required string", (p) => checkRequiredInput(p, "id", "vpc-1"), true, []],
    ["a required Output", (p) => checkRequiredInput(p, "id", pulumi.output("vpc-1")), true, []],
    ["an empty required string", (p) => checkRequiredInput(p, "id", ""), false, [["id", ""]]],
    ["a padded required string", (p) => checkRequiredInput(p, "id", "vpc-1 "), false, [["id", "vpc-1 "]]],
    ["a missing required input", (p) => checkRequiredInput(p, "id", undefined), false, [["id", undefined]]],
    ["known keys only", (p) => checkKnownArguments(p, { a: 1 }, ["a", "b"]), true, []],
    [
      "an unknown key",
      (p) => checkKnownArguments(p, { a: 1, forceDestroy: true }, ["a"]),
      true,
      [["forceDestroy", true]],
    ],
    ["null arguments", (p) => checkKnownArguments(p, null, ["a"]), false, [["args", null]]],
    ["a list as arguments", (p) => checkKnownArguments(p, ["a"], ["a"]), false, [["args", ["a"]]]],
    ["a nested unknown key", (p) => checkKnownArguments(p, { x: 1 }, ["a"], "m."), true, [["m.x", 1]]],
    ["a nested non-object", (p) => checkKnownArguments(p, "eni-1", ["a"], "m."), false, [["m", "eni-1"]]],
    ["plain arguments", (p) => checkPlainArguments(p, { a: 1, b: "x" }, ["a", "b"]), true, []],
    [
      "an Output among plain arguments",
      (p) => checkPlainArguments(p, { a: 1, b: pulumi.output("x") }, ["a", "b"]),
      false,
      [["b", new UnresolvedValue("pulumi.Output")]],
    ],
  ])("%s", (_label, check, ok, found) => {
    expect(run(check)).toEqual({ ok, found });
  });

  it("names an Output or Promise by kind in the message instead of serialising it", () => {
    const problems = new Problems("Thing");
    checkPlain(problems, "rateLimit", pulumi.output(100));
    expect(formatProblems("Thing", problems.list)).toBe(
      'Thing: 1 invalid argument:\n  1. argument "rateLimit" is a pulumi.Output (not known until deployment); ' +
        "allowed: a plain value: it is checked, and decides what is created, before anything is deployed; " +
        "fix: pass the value itself (e.g. from config), not a pulumi.Output",
    );
  });
});

describe("uncoveredScannerTokens", () => {
  it.each<[string, string[], string[]]>([
    ["the default list", [...SCANNER_USER_AGENTS], []],
    ["upper-case tokens", SCANNER_USER_AGENTS.map((t) => t.toUpperCase()), []],
    ["a shorter token covering a longer one", ["sql"], SCANNER_USER_AGENTS.filter((t) => !t.includes("sql"))],
    ["an unrelated token", ["curl"], [...SCANNER_USER_AGENTS]],
  ])("%s", (_label, tokens, dropped) => {
    expect(uncoveredScannerTokens(tokens)).toEqual(dropped);
  });
});

describe("shortenedRetentionWarning", () => {
  it.each<[number, number, RegExp | undefined]>([
    [365, 365, undefined],
    [400, 365, undefined],
    [180, 365, /^days is 180 days, below the default 365: evidence/],
  ])("%d days against a default of %d", (days, defaultDays, expected) => {
    const warning = shortenedRetentionWarning("days", days, defaultDays);
    if (expected) expect(warning).toMatch(expected);
    else expect(warning).toBeUndefined();
  });
});
