// A secret boot script whose weakening line the kit's pack quotes: the finding is reported, and no output (text,
// --json, SARIF, Markdown) prints the line, its marker or the script, whether it was given plain, base64 or
// gzip+base64. A plain (non-secret) script's quoted line stays visible: only secrets are cut.
// The scripts are data handed to the pack as strings; nothing here runs them.
import * as fs from "fs";
import { gzipSync } from "zlib";
import { EXIT_MANDATORY } from "../../engine/cli";
import { SECRET_MARKER } from "../../engine/secrets";
import { programProject } from "./program-project";
import { USERDATA_RULE, expectNoLeaks, previewOutputs, type SecretPreview } from "./secret-output-scan";

const INSTANCE = "aws:ec2/instance:Instance";

/** A weakening line carrying a marker the author considers secret, and an ordinary line after it. */
const script = (marker: string) =>
  [
    "#!/bin/bash",
    `sed -i 's/^#PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config # token=${marker}`,
    "systemctl restart sshd",
  ].join("\n");

const PLAIN_MARKER = "zq7-UNIQUE-plain-9x";
const BASE64_MARKER = "zq7-UNIQUE-b64-9x";
const GZIP_MARKER = "zq7-UNIQUE-gzip-9x";
const VISIBLE_MARKER = "zq7-VISIBLE-9x";
const SECRET_SCRIPTS = {
  "plain-secret": { userData: script(PLAIN_MARKER) },
  "base64-secret": { userDataBase64: Buffer.from(script(BASE64_MARKER)).toString("base64") },
  "gzip-secret": { userDataBase64: gzipSync(script(GZIP_MARKER)).toString("base64") },
};
/** What must never be printed: each marker, and each secret value whole. */
const NEEDLES = [
  PLAIN_MARKER,
  BASE64_MARKER,
  GZIP_MARKER,
  ...Object.values(SECRET_SCRIPTS).flatMap((inputs) => Object.values(inputs)),
];

/** The program: one instance per secret script, and one whose script is not secret. */
const PROGRAM = `
const base = { ami: "ami-0123456789abcdef0", instanceType: "t3.micro" };
const secretScripts = ${JSON.stringify(SECRET_SCRIPTS)};
for (const [name, inputs] of Object.entries(secretScripts)) {
  const secretInputs = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, pulumi.secret(v)]));
  new Res(${JSON.stringify(INSTANCE)}, name, { ...base, ...secretInputs });
}
new Res(${JSON.stringify(INSTANCE)}, "visible", { ...base, userData: ${JSON.stringify(script(VISIBLE_MARKER))} });
`;

describe("offline preview of secret boot scripts the pack quotes", () => {
  let dir: string;
  let preview: SecretPreview;
  const findingsOf = (name: string) =>
    preview.diagnostics.filter((d) => d.policyName === USERDATA_RULE && d.urn.endsWith(`::${INSTANCE}::${name}`));

  beforeAll(async () => {
    dir = programProject(PROGRAM, "config:\n  aws:region: eu-central-1\n");
    preview = await previewOutputs(dir, { text: true });
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("still reports each weakening as a mandatory violation, and exits as for any", () => {
    expect(preview.json.code).toBe(EXIT_MANDATORY);
    expect(preview.text?.code).toBe(EXIT_MANDATORY);
    for (const name of [...Object.keys(SECRET_SCRIPTS), "visible"]) {
      expect({ name, levels: findingsOf(name).map((d) => d.enforcementLevel) }).toEqual({
        name,
        levels: ["mandatory"],
      });
    }
  });

  it("prints no secret script's marker, line or whole value in text, --json, SARIF or Markdown", () => {
    expectNoLeaks(preview.outputs, NEEDLES);
  });

  it("puts the marker where a secret script's line was quoted", () => {
    for (const name of Object.keys(SECRET_SCRIPTS)) {
      const [finding] = findingsOf(name);
      expect(finding.message).toContain(SECRET_MARKER);
      expect(finding.message).not.toContain("token=");
    }
  });

  it("keeps a plain script's quoted line in every output", () => {
    const [finding] = findingsOf("visible");
    expect(finding.message).toContain(`token=${VISIBLE_MARKER}`);
    for (const [output, content] of Object.entries(preview.outputs)) {
      if (output.endsWith("stderr")) continue;
      expect({ output, shown: content.includes(VISIBLE_MARKER) }).toEqual({ output, shown: true });
    }
  });
});
