import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { listStacks, loadStackConfig, readProject, SECRETS_ENV } from "../../engine/config";

const FIXTURE = path.join(__dirname, "../fixtures/engine/project");

describe("stack configuration", () => {
  const project = readProject(FIXTURE);

  it("lists the stacks defined next to Pulumi.yaml", () => {
    expect(listStacks(FIXTURE)).toEqual(["dev", "invoke", "secure", "throws"]);
  });

  it("takes Pulumi.yaml defaults in the project namespace, overridden by the stack file", () => {
    const { values, secretKeys } = loadStackConfig(FIXTURE, project, "dev", {});
    expect(values["fixture:mode"]).toBe("ok");
    expect(values["fixture:cidr"]).toBe("10.1.0.0/16");
    expect(values["aws:region"]).toBe("eu-central-1");
    expect(secretKeys).toEqual([]);
  });

  it("JSON-encodes object values, as `pulumi config` hands them to programs", () => {
    const { values } = loadStackConfig(FIXTURE, project, "dev", {});
    expect(JSON.parse(values["fixture:tags"])).toEqual({ team: "platform", tier: 1 });
  });

  it("qualifies stack keys given without a namespace", () => {
    expect(loadStackConfig(FIXTURE, project, "invoke", {}).values["fixture:mode"]).toBe("unknown-invoke");
  });

  it("refuses secure values it cannot decrypt, naming the key and the override variable", () => {
    expect(() => loadStackConfig(FIXTURE, project, "secure", {})).toThrow(
      new RegExp(`fixture:dbPassword.*${SECRETS_ENV}`),
    );
  });

  it("accepts a plaintext stand-in for a secure value and marks it secret", () => {
    const env = { [SECRETS_ENV]: JSON.stringify({ "fixture:dbPassword": "stand-in" }) };
    const { values, secretKeys } = loadStackConfig(FIXTURE, project, "secure", env);
    expect(values["fixture:dbPassword"]).toBe("stand-in");
    expect(secretKeys).toEqual(["fixture:dbPassword"]);
  });

  it("names the missing stack file and lists the stacks that exist", () => {
    expect(() => loadStackConfig(FIXTURE, project, "prod", {})).toThrow(/no stack "prod".*dev, invoke, secure, throws/);
  });

  it("reads typed defaults from Pulumi.yaml and `value:`s for other namespaces", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-config-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      "name: p\nruntime: nodejs\nconfig:\n  size:\n    type: integer\n    default: 3\n  other:proxy:\n    value: [a, b]\n",
    );
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config: {}\n");
    const config = loadStackConfig(dir, readProject(dir), "s", {});
    expect(config.values).toEqual({ "p:size": "3", "other:proxy": '["a","b"]' });
    expect(config.secretKeys).toEqual([]);
  });

  it("refuses a typed secret declaration whose only value is a plaintext default, as the CLI does", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-config-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.yaml"),
      "name: p\nruntime: nodejs\nconfig:\n  token:\n    type: string\n    secret: true\n    default: t\n",
    );
    fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), "config: {}\n");
    expect(() => loadStackConfig(dir, readProject(dir), "s", {})).toThrow(
      "Stack 's' with configuration key 'token' must be encrypted as it's secret",
    );
  });
});
