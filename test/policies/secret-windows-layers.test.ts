// A secret Windows user data whose weakening line sits inside a script the Windows reader decodes or reads apart
// (`-EncodedCommand`, `-enc`, `-e`, `-Command`, `cmd /c`, Invoke-Expression, a script written, a task document):
// the pack reports it exactly as for the plain user data, and no message quotes the line, its marker or its password.
// Through the SDK's own Analyze handler with the pack's decode hook, as under the CLI.
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic } from "./harness";
import { secret } from "./secret-wire";
import { RUN_COMMAND_ROWS, WINDOWS_ROWS } from "../lib/secret-windows-layers-fixtures";

const RULE = "disallow-userdata-login-weakening";
const TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"];

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
/** What a message says after the policy's description, which names settings in its own words. */
const finding = (d: Diagnostic) => d.message.slice(d.message.indexOf("\n") + 1);

/** The finding is reported for the secret as for the plain inputs, and quotes nothing of `hidden`. */
async function expectMasked(type: string, open: Diagnostic[], maskedProps: Record<string, unknown>, hidden: string[]) {
  const masked = await analyzeThroughHandler(type, "res", maskedProps);
  // The finding is not lost, and the plain inputs' message does quote what the secret one must not.
  expect(open.filter((d) => d.policy === RULE).length).toBeGreaterThan(0);
  expect(verdicts(masked)).toEqual(verdicts(open));
  expect(hidden.some((needle) => open.some((d) => finding(d).includes(needle)))).toBe(true);
  const leaks = masked.flatMap((d) => hidden.filter((needle) => finding(d).includes(needle)));
  expect(leaks).toEqual([]);
  expect(masked.filter((d) => d.policy === RULE).every((d) => d.message.includes("[secret]"))).toBe(true);
}

describe.each(TYPES)("%s: a secret Windows userData's decoded scripts are masked", (type) => {
  it.each(WINDOWS_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
    const open = await analyzeThroughHandler(type, "res", { userData: script });
    await expectMasked(type, open, { userData: secret(script) }, hidden);
  });
});

describe("a secret run command's Windows script: its decoded scripts are masked", () => {
  it.each(RUN_COMMAND_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { type, props, script, hidden }) => {
    const open = await analyzeThroughHandler(type, "res", props(script));
    await expectMasked(type, open, props(secret(script)), hidden);
  });
});
