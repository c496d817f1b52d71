// A secret YAML document (an SSM document, an Image Builder component, an OOS template, a CloudFormation or ROS
// template) whose weakening line sits in one of its strings: the redactor, on its own, cuts the line as a message
// quotes it (unquoted from the YAML), and a hostile document (endless nesting) costs a bounded walk, no stack overflow.
// The documents are data; nothing here runs them.
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { customRegistration } from "./registration-fixture";

const SIG = "4dabf18193072939515e22adb298388d";
const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

const LINE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # quokkamarker";
const SED = "sed -i 's/^#PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config";
const HIDDEN = ["quokkamarker", "PermitRootLogin yes"];

const registration = (inputs: Record<string, unknown>) => customRegistration("aws:ssm/document:Document", inputs);

/** A message quoting `line` as the pack does: on a line of its own after the description, in quotes. */
const message = (line: string) => `Disallow login weakening.\nThe document runs "${line}", which weakens logins.`;

const ROWS: Array<[string, string, string]> = [
  [
    "SSM document runCommand",
    `schemaVersion: "2.2"\nmainSteps:\n  - inputs:\n      runCommand:\n        - "${LINE}"\n`,
    LINE,
  ],
  [
    "Image Builder component commands",
    `phases:\n  - steps:\n      - inputs:\n          commands:\n            - "${LINE}"\n`,
    LINE,
  ],
  ["Image Builder component flow commands", `{commands: ["${LINE}"]}`, LINE],
  ["OOS template commandContent", `Tasks:\n  - Properties:\n      commandContent: "${LINE}"\n`, LINE],
  [
    "CloudFormation Fn::Base64 of Fn::Join lines",
    `Resources:\n  Host:\n    Properties:\n      UserData:\n        Fn::Base64:\n          Fn::Join: ["\\n", ["#!/bin/bash", "${LINE}"]]\n`,
    LINE,
  ],
  ["plain list item", `- yum -y update\n- ${SED}\n`, SED],
];

describe("the redactor cuts a line quoted out of a secret YAML document", () => {
  it.each(ROWS)("%s", (_, document, quoted) => {
    const redactor = new Redactor().addRegistrations([registration({ content: secret(document) })]);
    const printed = redactor.text(message(quoted));
    expect(HIDDEN.filter((needle) => printed.includes(needle))).toEqual([]);
    expect(printed).toContain(SECRET_MARKER);
    expect(redactor.text(JSON.stringify(message(quoted)))).not.toContain("quokkamarker");
  });

  it("leaves text that quotes nothing of the document as it is", () => {
    const redactor = new Redactor().addRegistrations([registration({ content: secret(ROWS[0][1]) })]);
    expect(redactor.text("echo 'PermitRootLogin no' >> /etc/ssh/sshd_config")).toBe(
      "echo 'PermitRootLogin no' >> /etc/ssh/sshd_config",
    );
  });

  it("treats a value that is no document (a parse error) as the string it is", () => {
    const broken = `runCommand: [\n  "${LINE}"\n`;
    const redactor = new Redactor().addValues([broken]);
    expect(redactor.text(`x ${broken} y`)).toBe(`x ${SECRET_MARKER} y`);
  });

  it.each([
    ["unclosed brackets", "[".repeat(5000)],
    ["nested JSON arrays", `${"[".repeat(200000)}"${LINE}"${"]".repeat(200000)}`],
    ["nested YAML flow sequences", `x:\n  ${"[".repeat(5000)}a${"]".repeat(5000)}\n`],
  ])("walks a deeply nested secret document without overflowing: %s", (_, document) => {
    const redactor = new Redactor().addValues([document]);
    expect(redactor.text(`before ${document} after`)).toBe(`before ${SECRET_MARKER} after`);
  });
});
