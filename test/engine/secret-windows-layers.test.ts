// A secret Windows user data whose weakening line sits inside a script the Windows reader decodes or reads apart
// (`-EncodedCommand`, `-enc`, `-e`, `-Command`, `cmd /c`, Invoke-Expression, a script written, a task document): the
// redactor cuts the line as the pack quotes it (its password masked), its marker and its password from the message
// the pack writes for the plain user data. The scripts are data; nothing here runs them.
import * as fs from "fs";
import { EXIT_MANDATORY } from "../../engine/cli";
import { RUN_COMMAND_ROWS, WINDOWS_ROWS } from "../lib/secret-windows-layers-fixtures";
import { programProject } from "./program-project";
import {
  INSTANCE_TYPES,
  REGIONS_STACK,
  expectEachInstanceReported,
  expectNoLeaks,
  expectRedacted,
  previewOutputs,
  secret,
  secretUserDataProgram,
  type SecretPreview,
} from "./secret-output-scan";

describe.each(INSTANCE_TYPES)(
  "%s: the redactor cuts the lines the pack quotes out of a secret Windows script",
  (type) => {
    it.each(WINDOWS_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { script, hidden }) => {
      await expectRedacted(type, { userData: script }, { userData: secret(script) }, hidden);
    });
  },
);

describe("the redactor cuts the lines the pack quotes out of a secret run command's Windows script", () => {
  it.each(RUN_COMMAND_ROWS.map((row) => [row.name, row] as const))("%s", async (_, { type, props, script, hidden }) => {
    await expectRedacted(type, props(script), props(secret(script)), hidden);
  });
});

describe("offline preview of secret Windows user data with decoded scripts", () => {
  let dir: string;
  let preview: SecretPreview;

  beforeAll(async () => {
    const scripts = WINDOWS_ROWS.map((row) => row.script);
    dir = programProject(secretUserDataProgram(scripts, "win2022_21H2_x64"), REGIONS_STACK);
    preview = await previewOutputs(dir, { text: false });
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("still reports each instance's weakening", () => {
    expect(preview.json.code).toBe(EXIT_MANDATORY);
    expectEachInstanceReported(preview.diagnostics, WINDOWS_ROWS);
  });

  it("prints no decoded line, marker or password in --json, SARIF or Markdown", () => {
    expectNoLeaks(
      preview.outputs,
      WINDOWS_ROWS.flatMap((row) => row.hidden),
    );
  });
});
