// A secret boot script whose weakening line sits inside a layer the user-data reader decodes (a write_files entry in
// base64 or gzip+base64, a base64 MIME part, a shell decode, several deep): the offline preview still reports it, and
// no output (text, --json, SARIF, Markdown) prints the decoded line or its marker. The redactor is checked on its own
// too, with the message the pack writes for the plain script. The scripts are data; nothing here runs them.
import * as fs from "fs";
import { EXIT_MANDATORY } from "../../engine/cli";
import { NESTED_ROWS } from "../lib/secret-nested-layers-fixtures";
import { programProject } from "./program-project";
import {
  INSTANCE_TYPES,
  REGIONS_STACK,
  USERDATA_RULE,
  expectEachInstanceReported,
  expectNoLeaks,
  expectRedacted,
  finding,
  previewOutputs,
  secret,
  secretUserDataProgram,
  type SecretPreview,
} from "./secret-output-scan";

describe("the redactor cuts the decoded lines the pack quotes out of a secret script's nested layers", () => {
  it.each(NESTED_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
    await expectRedacted(INSTANCE_TYPES[0], { userData: script }, { userData: secret(script) }, hidden);
  });
});

describe("offline preview of secret boot scripts with nested encoded layers", () => {
  let dir: string;
  let preview: SecretPreview;

  beforeAll(async () => {
    const scripts = NESTED_ROWS.map((row) => row.script);
    dir = programProject(secretUserDataProgram(scripts, "ubuntu_22_04_x64"), REGIONS_STACK);
    preview = await previewOutputs(dir, { text: true });
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("still reports each instance's weakening", () => {
    expect(preview.json.code).toBe(EXIT_MANDATORY);
    expect(preview.text?.code).toBe(EXIT_MANDATORY);
    expectEachInstanceReported(preview.diagnostics, NESTED_ROWS);
  });

  it("prints no decoded line or marker in text, --json, SARIF or Markdown", () => {
    // The markers are the rows' own; the settings lines are also the pack's wording, checked in the findings below.
    const markers = NESTED_ROWS.flatMap((row) => row.hidden.filter((needle) => needle.includes("marker-7f3a9c")));
    expectNoLeaks(preview.outputs, markers);
    for (const d of preview.diagnostics.filter((d) => d.policyName === USERDATA_RULE)) {
      const leaks = NESTED_ROWS.flatMap((row) => row.hidden).filter((needle) => finding(d.message).includes(needle));
      expect({ urn: d.urn, leaks }).toEqual({ urn: d.urn, leaks: [] });
    }
  });
});
