// Pulumi.yaml `config:` declarations: `value:`s pass down, the schema is enforced before the program runs, with the
// CLI's own wording (sdk/go/common/workspace/project.go, project_test.go).
import { ConfigError } from "../../engine/config";
import { cfgProject, configOf, refusalOf } from "./project-dir";

const SCHEMA = `config:
  needed:
    type: string
  count:
    type: integer
    default: 1
  pw:
    type: string
    secret: true
    default: placeholder
`;

describe("Pulumi.yaml value: entries", () => {
  it("passes `value:` entries down as stack config, as the CLI does", () => {
    const dir = cfgProject(
      "config:\n  aws:region:\n    value: eu-west-1\n  cfg:flag:\n    value: true\n  cfg:typed:\n    type: integer\n    default: 7\n  cfg:tags:\n    type: array\n    items:\n      type: string\n    default: [a, b]\n",
      "config: {}\n",
    );
    expect(configOf(dir).values).toEqual({
      "aws:region": "eu-west-1",
      "cfg:flag": "true",
      "cfg:typed": "7",
      "cfg:tags": '["a","b"]',
    });
  });

  it("lets the stack file's value win over a `value:`", () => {
    const dir = cfgProject("config:\n  aws:region:\n    value: eu-west-1\n", "config:\n  aws:region: us-east-1\n");
    expect(configOf(dir).values["aws:region"]).toBe("us-east-1");
  });

  it("reads shorthand entries: a default in the project's namespace, a value in another", () => {
    const dir = cfgProject("config:\n  size: 3\n  aws:region: eu-west-1\n", "config: {}\n");
    expect(configOf(dir).values).toEqual({ "cfg:size": "3", "aws:region": "eu-west-1" });
  });
});

describe("Pulumi.yaml declarations", () => {
  it("refuses a declared key without default and without a stack value", () => {
    const message = refusalOf(cfgProject(SCHEMA, "config: {}\n"));
    expect(message).toContain("Stack 'dev' is missing configuration value 'needed'");
    expect(message).toContain("Pulumi.dev.yaml");
  });

  it("lists every missing key as the CLI does", () => {
    const dir = cfgProject("config:\n  b:\n    type: string\n  a:\n    type: string\n  c: {}\n", "config: {}\n");
    expect(refusalOf(dir)).toContain("Stack 'dev' is missing configuration values 'a', 'b' and 'c'");
  });

  it("accepts the key once the stack sets it, in either spelling", () => {
    expect(configOf(cfgProject("config:\n  needed:\n    type: string\n", "config:\n  needed: x\n")).values).toEqual({
      "cfg:needed": "x",
    });
    expect(configOf(cfgProject("config:\n  needed:\n    type: string\n", "config:\n  cfg:needed: x\n")).values).toEqual(
      { "cfg:needed": "x" },
    );
  });

  it("does not require a key declared in another namespace", () => {
    const dir = cfgProject("config:\n  aws:region:\n    value: eu-west-1\n", "config: {}\n");
    expect(() => configOf(dir)).not.toThrow();
  });

  it.each([
    ["an integer given as a word", "integer", "count: hello", "'count' must be of type 'integer'"],
    ["an integer given as a decimal", "integer", "count: 3.5", "'count' must be of type 'integer'"],
    ["an integer past int64", "integer", "count: 9223372036854775808", "'count' must be of type 'integer'"],
    ["a boolean given as yes", "boolean", "count: yes", "'count' must be of type 'boolean'"],
    ["a string given as an object", "string", "count:\n    a: 1", "'count' must be of type 'string'"],
    ["an array given as a string", "array\n    items:\n      type: string", "count: a", "type 'array<string>'"],
    [
      "an array of integers holding a word",
      "array\n    items:\n      type: integer",
      "count: [1, x]",
      "type 'array<integer>'",
    ],
  ])("refuses %s with the CLI's type error", (_, type, stackEntry, expected) => {
    const dir = cfgProject(`config:\n  count:\n    type: ${type}\n`, `config:\n  ${stackEntry}\n`);
    const message = refusalOf(dir);
    expect(message).toContain(`Stack 'dev' with configuration key ${expected.startsWith("'") ? expected : ""}`);
    expect(message).toContain(expected);
    expect(message).toContain("Pulumi.dev.yaml");
  });

  it.each([
    ["integer", "count: 5"],
    ["integer", "count: -12"],
    ["integer", 'count: "42"'],
    ["integer", "count: 9223372036854775807"],
    ["boolean", "count: true"],
    ["boolean", 'count: "false"'],
    ["string", "count: 5"],
    ["string", "count: true"],
    ["array\n    items:\n      type: integer", "count: [1, 2]"],
    ["array\n    items:\n      type: array\n      items:\n        type: string", "count: [[a], [b, c]]"],
  ])("accepts a %s key given %s", (type, stackEntry) => {
    const dir = cfgProject(`config:\n  count:\n    type: ${type}\n`, `config:\n  ${stackEntry}\n`);
    expect(() => configOf(dir)).not.toThrow();
  });

  it("names the value's type but never the value in a type error", () => {
    const dir = cfgProject("config:\n  count:\n    type: integer\n", "config:\n  count: hunter2-not-a-number\n");
    const message = refusalOf(dir);
    expect(message).toContain("the value is a string");
    expect(message).not.toContain("hunter2");
  });

  it("refuses a secret key given in plaintext, and accepts it encrypted with a stand-in", () => {
    const plain = cfgProject(SCHEMA, "config:\n  cfg:needed: present\n  cfg:pw: hunter2-in-plaintext\n");
    const message = refusalOf(plain);
    expect(message).toContain("Stack 'dev' with configuration key 'pw' must be encrypted as it's secret");
    expect(message).toContain("pulumi config set --secret cfg:pw");
    expect(message).not.toContain("hunter2");

    const secure = cfgProject(SCHEMA, "config:\n  cfg:needed: present\n  cfg:pw:\n    secure: v1:abc\n");
    const config = configOf(secure, "dev", { PULUMI_OFFLINE_SECRETS: JSON.stringify({ "cfg:pw": "stand-in" }) });
    expect(config.values).toMatchObject({ "cfg:pw": "stand-in", "cfg:count": "1", "cfg:needed": "present" });
    expect(config.secretKeys).toEqual(["cfg:pw"]);
  });

  it("checks a secure value's stand-in against the declared type", () => {
    const dir = cfgProject(
      "config:\n  port:\n    type: integer\n    secret: true\n",
      "config:\n  port:\n    secure: v1:x\n",
    );
    expect(refusalOf(dir, "dev", { PULUMI_OFFLINE_SECRETS: '{"cfg:port": "not-a-port"}' })).toContain(
      "'port' must be of type 'integer'",
    );
    expect(configOf(dir, "dev", { PULUMI_OFFLINE_SECRETS: '{"cfg:port": "5432"}' }).values["cfg:port"]).toBe("5432");
  });

  it("keeps an untyped secret declaration's value secret", () => {
    const dir = cfgProject("config:\n  token:\n    secret: true\n    default: t\n", "config: {}\n");
    expect(configOf(dir).secretKeys).toEqual(["cfg:token"]);
  });

  it.each([
    [
      "a default on a key outside the project's namespace",
      "config:\n  aws:region:\n    default: eu-west-1\n",
      "Configuration key 'aws:region' is not namespaced by the project and should not define a default value. " +
        "Did you mean to use the 'value' attribute instead of 'default'?",
    ],
    [
      "a type on a key outside the project's namespace",
      "config:\n  aws:region:\n    type: string\n    value: x\n",
      "Configuration key 'aws:region' is not namespaced by the project and should not define a type",
    ],
    [
      "a key outside the project's namespace without a value",
      "config:\n  aws:region:\n    description: where\n",
      "Configuration key 'aws:region' is namespaced and must provide an attribute 'value'",
    ],
    [
      "both default and value",
      "config:\n  size:\n    default: 1\n    value: 2\n",
      "project config 'size' cannot have both a 'default' and 'value' attribute",
    ],
    [
      "an array without items",
      "config:\n  zones:\n    type: array\n",
      "The configuration key 'zones' declares an array but does not specify the underlying type via the 'items' attribute",
    ],
    [
      "a default of the wrong type",
      "config:\n  size:\n    type: integer\n    default: big\n",
      "The default value specified for configuration key 'size' is not of the expected type 'integer'",
    ],
    ["an unknown type", "config:\n  size:\n    type: object\n", "type must be one of 'string', 'integer'"],
    ["an unknown attribute", "config:\n  size:\n    typ: string\n", "'typ' not allowed"],
    ["a decimal shorthand", "config:\n  ratio: 0.5\n", "config 'ratio' is a number"],
  ])("refuses %s in Pulumi.yaml, before the program runs", (_, projectConfig, expected) => {
    const dir = cfgProject(projectConfig, "config: {}\n");
    let error: unknown;
    try {
      configOf(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(expected);
  });

  it("keeps the kit's own project declarations valid", () => {
    const root = `${__dirname}/../..`;
    for (const stack of ["alicloud-prod", "aws-prod", "case"]) {
      expect(() => configOf(root, stack, { PULUMI_OFFLINE_SECRETS: "{}" })).not.toThrow();
    }
  });
});
