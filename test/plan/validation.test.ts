import * as pulumi from "@pulumi/pulumi";
import { formatProblems, isPlain, Problems, validateArgs, ValidationError } from "../../components/validation";

describe("validation helper", () => {
  it("collects every problem and throws once, naming argument, value, allowed and fix", () => {
    let error: ValidationError | undefined;
    try {
      validateArgs("Thing", (p) => {
        p.check(false, "port", 70000, "1 to 65535", "use a valid port");
        p.check(true, "ok", 1, "-", "-");
        p.add("cidrs[2]", "0.0.0.0/0", "narrow blocks", "list exact sources");
      });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.subject).toBe("Thing");
    expect(error!.problems).toEqual([
      { argument: "port", value: 70000, allowed: "1 to 65535", fix: "use a valid port" },
      { argument: "cidrs[2]", value: "0.0.0.0/0", allowed: "narrow blocks", fix: "list exact sources" },
    ]);
    expect(error!.message).toBe(
      "Thing: 2 invalid arguments:\n" +
        '  1. argument "port" is 70000; allowed: 1 to 65535; fix: use a valid port\n' +
        '  2. argument "cidrs[2]" is "0.0.0.0/0"; allowed: narrow blocks; fix: list exact sources',
    );
  });

  it("does not throw when nothing was found", () => {
    const p = new Problems("X");
    expect(p.empty).toBe(true);
    expect(() => p.throwIfAny()).not.toThrow();
    expect(formatProblems("X", [{ argument: "a", value: undefined, allowed: "b", fix: "c" }])).toBe(
      'X: 1 invalid argument:\n  1. argument "a" is undefined; allowed: b; fix: c',
    );
  });

  it("tells plain values from Outputs and promises", () => {
    expect(isPlain("x")).toBe(true);
    expect(isPlain(["a"])).toBe(true);
    expect(isPlain(undefined)).toBe(true);
    expect(isPlain(Promise.resolve(1))).toBe(false);
    expect(isPlain(pulumi.output("x"))).toBe(false);
  });
});
