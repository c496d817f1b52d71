// A secret script the enumeration of its pieces cuts short (more lines than the cap, gzip inflating past the budget, a
// plain value longer than the budget) while the pack's reader reads on, or whose line the pack quotes cut short: the
// redactor still cuts the line as the pack quotes it, and its marker. Checked on the message the pack writes for the plain user data. The scripts are data;
// nothing here runs them.
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { MAX_QUOTED_LINE } from "../../lib/secret-script-pieces";
import { MAX_QUOTED_LINE as PACK_QUOTED_LINE } from "../../policies/lib/script-findings";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { customRegistration } from "./registration-fixture";
import { truncatedShellScripts } from "../lib/truncated-secret-scripts";

const TYPE = "aws:ec2/instance:Instance";
const RULE = "disallow-userdata-login-weakening";
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const finding = (message: string) => message.slice(message.indexOf("\n") + 1);

const LINE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # quokkamarker";
const HIDDEN = ["quokkamarker", "PermitRootLogin yes"];

const registration = (inputs: Record<string, unknown>) => customRegistration(TYPE, inputs);

const ROWS: Array<[string, () => string]> = [
  ...truncatedShellScripts(LINE),
  // The pack quotes the first MAX_QUOTED_LINE characters of a longer line: the whole line is not in the message.
  ["a line longer than a message quotes", () => `#!/bin/bash\n${LINE} ${"x".repeat(100)}\n`],
];

it("masks a long line's start as long as the pack's quote of it", () => {
  expect(MAX_QUOTED_LINE).toBe(PACK_QUOTED_LINE);
});

describe("the redactor cuts the quoted line of a secret whose enumeration was cut short", () => {
  it.each(ROWS)("%s", async (_, make) => {
    const script = make();
    const messages = (await analyzeThroughHandler(TYPE, "n", { userData: script }))
      .filter((d) => d.policy === RULE)
      .map((d) => d.message);
    expect(messages.some((m) => finding(m).includes("quokkamarker"))).toBe(true);
    const redactor = new Redactor().addRegistrations([registration({ userData: secret(script) })]);
    for (const message of messages) {
      const printed = [redactor.text(message), redactor.text(JSON.stringify(message))];
      expect(printed.flatMap((p) => HIDDEN.filter((needle) => finding(p).includes(needle)))).toEqual([]);
      expect(finding(redactor.text(message))).toContain(SECRET_MARKER);
    }
  });
});
