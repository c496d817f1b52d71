// Throwaway projects holding one small program (and optionally one policy pack) for the CLI's process-level tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const NODE_MODULES = path.join(__dirname, "../../node_modules");

/** The program's first lines: the SDK and a custom resource class that needs no provider. */
export const PROGRAM_HEADER =
  'const pulumi = require("@pulumi/pulumi");\n' +
  "class Res extends pulumi.CustomResource {\n" +
  "  constructor(t, n, p, o) { super(t, n, { ...p, id: undefined }, o); }\n" +
  "}\n";

/** Project "p", stack "s" (stack file `stackYaml`), running `program` after the header. */
export function programProject(program: string, stackYaml = "config: {}\n"): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-program-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "package.json"), '{"name":"p","main":"index.js"}\n');
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: p\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackYaml);
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM_HEADER + program);
  return dir;
}

/** A pack named `name` whose one advisory resource policy runs `body` (with `args` and `report` in scope). */
export function policyPack(name: string, body: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-pack-"));
  fs.symlinkSync(NODE_MODULES, path.join(dir, "node_modules"));
  fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
  fs.writeFileSync(path.join(dir, "package.json"), `{"name":"${name}","version":"0.0.1","main":"index.js"}\n`);
  fs.writeFileSync(
    path.join(dir, "index.js"),
    'const pulumi = require("@pulumi/pulumi");\n' +
      'const { PolicyPack } = require("@pulumi/policy");\n' +
      `new PolicyPack(${JSON.stringify(name)}, { policies: [\n` +
      '  { name: "speaks", description: "Says things.", enforcementLevel: "advisory",\n' +
      `    validateResource: (args, report) => { ${body} } },\n` +
      "] });\n",
  );
  return dir;
}

/** A fresh folder for report files. */
export function outDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "engine-out-"));
}
