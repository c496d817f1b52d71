// The secret tests' common checks: the redactor on the messages the kit's pack writes, and the offline preview of a
// stack holding secrets with every output it prints (text, --json, SARIF, Markdown, stderr) searched for them.
import * as fs from "fs";
import * as path from "path";
import { Redactor, SECRET_MARKER } from "../../engine/secrets";
import { analyzeThroughHandler } from "../policies/analyze-handler";
import { runCli, type CliRun } from "./helpers";
import { customRegistration } from "./registration-fixture";

export const KIT_PACK = path.join(__dirname, "../../policies");
export const USERDATA_RULE = "disallow-userdata-login-weakening";
export const INSTANCE_TYPES = ["aws:ec2/instance:Instance", "alicloud:ecs/instance:Instance"];
/** A stack file setting both instance types' regions. */
export const REGIONS_STACK = "config:\n  aws:region: eu-central-1\n  alicloud:region: cn-hangzhou\n";

const SIG = "4dabf18193072939515e22adb298388d";
/** A value as the monitor hands over a secret. */
export const secret = (value: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

/** What a message says after the policy's description, which names settings in its own words. */
export const finding = (message: string) => message.slice(message.indexOf("\n") + 1);

/** The redactor, knowing `secretProps`, cuts every `hidden` needle from the messages the pack wrote for `openProps`. */
export async function expectRedacted(
  type: string,
  openProps: Record<string, unknown>,
  secretProps: Record<string, unknown>,
  hidden: string[],
) {
  const messages = (await analyzeThroughHandler(type, "n", openProps))
    .filter((d) => d.policy === USERDATA_RULE)
    .map((d) => d.message);
  expect(hidden.some((needle) => messages.some((m) => finding(m).includes(needle)))).toBe(true);
  const redactor = new Redactor().addRegistrations([customRegistration(type, secretProps)]);
  for (const message of messages) {
    const printed = [
      redactor.text(message),
      redactor.fields({ message }).message,
      redactor.text(JSON.stringify(message)),
    ];
    const leaks = printed.flatMap((p) => hidden.filter((needle) => finding(p).includes(needle)));
    expect(leaks).toEqual([]);
    expect(finding(redactor.text(message))).toContain(SECRET_MARKER);
  }
}

/** A program body (for `programProject`) with instances "ec2-<i>" and "ecs-<i>" per script, its userData secret. */
export function secretUserDataProgram(scripts: string[], ecsImageId: string): string {
  return `
const scripts = ${JSON.stringify(scripts)};
const types = ${JSON.stringify(INSTANCE_TYPES)};
scripts.forEach((script, i) => {
  new Res(types[0], "ec2-" + i, { ami: "ami-0123456789abcdef0", instanceType: "t3.micro", userData: pulumi.secret(script) });
  new Res(types[1], "ecs-" + i, { imageId: ${JSON.stringify(ecsImageId)}, instanceType: "ecs.g7.large", userData: pulumi.secret(script) });
});
`;
}

export interface PreviewDiagnostic {
  urn: string;
  policyName: string;
  enforcementLevel: string;
  message: string;
}

export interface SecretPreview {
  json: CliRun;
  /** The plain text run, when asked for. */
  text?: CliRun;
  /** Every output by name: the --json run's stdout and stderr, its SARIF and Markdown files, and the text run's. */
  outputs: Record<string, string>;
  diagnostics: PreviewDiagnostic[];
}

/**
 * Previews stack "s" of `dir` with the kit's pack and any further `args`: once with --json, SARIF and Markdown, and
 * once as text if asked.
 */
export async function previewOutputs(
  dir: string,
  { text: withText, args = [] }: { text: boolean; args?: string[] },
): Promise<SecretPreview> {
  const base = ["--cwd", dir, "--stack", "s", "--policy-pack", KIT_PACK, ...args];
  const sarif = path.join(dir, "out", "preview.sarif");
  const markdown = path.join(dir, "out", "preview.md");
  const json = await runCli([...base, "--json", "--sarif", sarif, "--markdown", markdown]);
  const text = withText ? await runCli(base) : undefined;
  const outputs: Record<string, string> = { "--json": json.stdout, "json run stderr": json.stderr };
  if (text) Object.assign(outputs, { text: text.stdout, "text run stderr": text.stderr });
  outputs.sarif = fs.readFileSync(sarif, "utf8");
  outputs.markdown = fs.readFileSync(markdown, "utf8");
  return { json, text, outputs, diagnostics: JSON.parse(json.stdout).diagnostics };
}

/** No output prints any needle. */
export function expectNoLeaks(outputs: Record<string, string>, needles: string[]) {
  for (const [output, content] of Object.entries(outputs))
    for (const needle of needles)
      expect({ output, needle, leaks: content.includes(needle) }).toEqual({ output, needle, leaks: false });
}

/** The userData rule reports instances "ec2-<i>" and "ecs-<i>" of every row. */
export function expectEachInstanceReported(diagnostics: PreviewDiagnostic[], rows: { name: string }[]) {
  for (const prefix of ["ec2-", "ecs-"])
    rows.forEach((row, i) => {
      const reported = diagnostics.some((d) => d.policyName === USERDATA_RULE && d.urn.endsWith(`::${prefix}${i}`));
      expect({ row: row.name, prefix, reported }).toEqual({ row: row.name, prefix, reported: true });
    });
}
