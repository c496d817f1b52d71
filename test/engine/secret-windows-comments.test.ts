// A secret Windows script whose password line ends in a comment: the Windows reader quotes the statement without the
// comment, its password masked, so the redactor must know that form too, or the account name it names is printed.
// Checked on the message the pack writes for the plain user data. The scripts are data; nothing here runs them.
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { customRegistration } from "./registration-fixture";

const TYPE = "aws:ec2/instance:Instance";
const RULE = "disallow-userdata-login-weakening";
const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });
const finding = (message: string) => message.slice(message.indexOf("\n") + 1);

const NET_USER = "net user quokkaadmin Sup3r-Secret-Pw /add # quokkamarker";
const BATCH_NET_USER = "net user quokkaadmin Sup3r-Secret-Pw /add & rem quokkamarker";
const HIDDEN = ["quokkaadmin", "quokkamarker", "Sup3r-Secret-Pw"];

const registration = (inputs: Record<string, unknown>) => customRegistration(TYPE, inputs);

const ROWS: Array<[string, string]> = [
  ["<powershell> line with a trailing comment", `<powershell>\n${NET_USER}\n</powershell>`],
  [
    "EC2Launch v2 YAML task content with a trailing comment",
    [
      "version: 1.0",
      "tasks:",
      "  - task: executeScript",
      "    inputs:",
      "      - frequency: always",
      "        type: powershell",
      "        runAs: localSystem",
      "        content: |-",
      `          ${NET_USER}`,
      "",
    ].join("\n"),
  ],
  [
    "<powershell> continued line with a trailing comment",
    `<powershell>\nnet user quokkaadmin \`\n  Sup3r-Secret-Pw /add # quokkamarker\n</powershell>`,
  ],
];

describe("the redactor cuts a Windows statement quoted without its trailing comment", () => {
  it.each(ROWS)("%s", async (_, script) => {
    const messages = (await analyzeThroughHandler(TYPE, "n", { userData: script }))
      .filter((d) => d.policy === RULE)
      .map((d) => d.message);
    expect(messages.some((m) => finding(m).includes("quokkaadmin"))).toBe(true);
    const redactor = new Redactor().addRegistrations([registration({ userData: secret(script) })]);
    for (const message of messages) {
      const printed = [redactor.text(message), redactor.text(JSON.stringify(message))];
      expect(printed.flatMap((p) => HIDDEN.filter((needle) => finding(p).includes(needle)))).toEqual([]);
      expect(finding(redactor.text(message))).toContain(SECRET_MARKER);
    }
  });

  it("leaves a batch line's comment-free text to the line as written", async () => {
    // Batch has no trailing comment: `& rem …` is a second command, and the line as written is masked whole.
    const script = `<script>\n${BATCH_NET_USER}\n</script>`;
    const messages = (await analyzeThroughHandler(TYPE, "n", { userData: script })).filter((d) => d.policy === RULE);
    const redactor = new Redactor().addRegistrations([registration({ userData: secret(script) })]);
    for (const { message } of messages) expect(finding(redactor.text(message))).not.toContain("Sup3r-Secret-Pw");
  });
});
