// A secret boot script whose weakening line sits inside a layer the reader decodes (a write_files entry in base64 or
// gzip+base64, a base64 MIME part, a shell decode, several deep): the pack reports it exactly as for the plain
// script, and no message quotes the decoded line, its marker or the value. Through the SDK's own Analyze handler with
// the pack's decode hook, as under the CLI.
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { secret } from "./secret-wire";
import { NESTED_ROWS } from "../lib/secret-nested-layers-fixtures";

const RULE = "disallow-userdata-login-weakening";
const TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"];

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
/** What a message says after the policy's description, which names settings in its own words. */
const finding = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);

describe.each(TYPES)("%s: a secret userData's nested decoded lines are masked", (type) => {
  it.each(NESTED_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
    const open = await analyzeThroughHandler(type, "res", { userData: script });
    const masked = await analyzeThroughHandler(type, "res", { userData: secret(script) });
    // The finding is not lost, and the plain script's message does quote what the secret one must not.
    expect(open.filter((d) => d.policy === RULE).length).toBeGreaterThan(0);
    expect(verdicts(masked)).toEqual(verdicts(open));
    expect(hidden.some((needle) => open.some((d) => finding(d).includes(needle)))).toBe(true);
    const leaks = masked.flatMap((d) => hidden.filter((needle) => finding(d).includes(needle)));
    expect(leaks).toEqual([]);
    expect(masked.filter((d) => d.policy === RULE).every((d) => d.message.includes("[secret]"))).toBe(true);
  });
});
