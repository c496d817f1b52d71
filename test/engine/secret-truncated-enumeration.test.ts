// A secret script the enumeration of its pieces cuts short (more lines than the cap, gzip inflating past the budget, a
// plain value longer than the budget) while the pack's reader reads on, or whose line the pack quotes cut short: the
// redactor still cuts the line as the pack quotes it, and its marker. Checked on the message the pack writes for the plain user data. The scripts are data;
// nothing here runs them.
import { gzipSync } from "zlib";
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { MAX_DECODED, MAX_LINES_PER_VALUE, MAX_QUOTED_LINE } from "../../lib/secret-script-pieces";
import { MAX_QUOTED_LINE as PACK_QUOTED_LINE } from "../../policies/lib/script-findings";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { customRegistration } from "./registration-fixture";

const TYPE = "aws:ec2/instance:Instance";
const RULE = "disallow-userdata-login-weakening";
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const finding = (message: string) => message.slice(message.indexOf("\n") + 1);

const LINE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # quokkamarker";
const HIDDEN = ["quokkamarker", "PermitRootLogin yes"];
const gzb64 = (text: string) => gzipSync(Buffer.from(text)).toString("base64");
const b64 = (text: string) => Buffer.from(text).toString("base64");

const registration = (inputs: Record<string, unknown>) => customRegistration(TYPE, inputs);

const fillerLines = (count: number) => Array.from({ length: count }, (_, i) => `echo "filler line ${i}"`).join("\n");
/** Lines alike, so gzip packs them into little: a comment that repeats. */
const padding = (chars: number) => `# ${"padding ".repeat(15)}\n`.repeat(Math.ceil(chars / 122));

const ROWS: Array<[string, () => string]> = [
  [
    "more lines than the cap before the line, gzip+base64",
    () => gzb64(`#!/bin/bash\n${fillerLines(MAX_LINES_PER_VALUE + 100)}\n${LINE}\n`),
  ],
  [
    "gzip inflating past the budget, its base64 a few KB",
    () => gzb64(`#!/bin/bash\n${padding(MAX_DECODED + 4096)}${LINE}\n`),
  ],
  [
    "a plain cloud-config longer than the budget with a b64 write_files entry",
    () =>
      [
        "#cloud-config",
        "write_files:",
        "  - path: /etc/ssh/sshd_config",
        "    append: true",
        "    encoding: b64",
        `    content: ${b64(`PermitRootLogin yes # quokkamarker\n`)}`,
        padding(MAX_DECODED + 4096),
      ].join("\n"),
  ],
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
