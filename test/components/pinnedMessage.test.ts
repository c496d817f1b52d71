// A pinned error reads the same wherever Pulumi passes it: its message is not re-prefixed by the serializer, and when
// it ends a run as an unhandled rejection (printed with util.inspect) neither the problems list nor the promise
// Pulumi attaches to the rejection, which refers back to the error, is dumped beside the message.
import * as util from "util";
import { pinMessage, withPinnedMessage } from "../../components/pinnedMessage";
import { ValidationError } from "../../components/validation";

const problem = { argument: "secondary.region", value: "us-east-1", allowed: "another region", fix: "move it" };

describe("pinMessage", () => {
  it("keeps the message when Pulumi's serializer prefixes it", () => {
    const e = pinMessage(new Error("DnsFailover df: wrong"));
    e.message = `error serializing property "tags": ${e.message}`;
    expect(e.message).toBe("DnsFailover df: wrong");
  });

  it("prints as the message alone once Pulumi attaches the rejected promise", () => {
    const e = pinMessage(new ValidationError("DnsFailover df", [problem]));
    const rejected = Promise.reject(e);
    rejected.catch(() => undefined);
    (e as unknown as { promise: unknown }).promise = rejected;
    const printed = util.inspect(e);
    expect(printed).toContain('DnsFailover df: 1 invalid argument:\n  1. argument "secondary.region" is "us-east-1"');
    for (const noise of ["Circular", "promise:", "problems:", "subject:"]) expect(printed).not.toContain(noise);
    // The fields are still there for code that reads them.
    expect([e.subject, e.problems]).toEqual(["DnsFailover df", [problem]]);
    expect((e as unknown as { promise: unknown }).promise).toBe(rejected);
  });

  it("an unpinned error would dump both (the case the pin exists for)", () => {
    const e = new ValidationError("DnsFailover df", [problem]);
    (e as unknown as { promise: unknown }).promise = Promise.resolve(e);
    expect(util.inspect(e)).toContain("promise:");
  });

  it("returns anything but an Error as given, and pins what a check throws", () => {
    expect(pinMessage("text")).toBe("text");
    let thrown: unknown;
    try {
      withPinnedMessage(() => {
        throw new Error("WebFirewall wf: wrong region");
      });
    } catch (e) {
      thrown = e;
    }
    (thrown as Error).message = "wrapped";
    expect((thrown as Error).message).toBe("WebFirewall wf: wrong region");
    expect(withPinnedMessage(() => 3)).toBe(3);
  });
});
