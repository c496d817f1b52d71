// Where the stack's file is and what it may hold: stackConfigDir, Pulumi.yml, ESC environments, stack names.
import { listStacks } from "../../engine/config";
import { parseStackReference } from "../../engine/stack-reference";
import { cfgProject, configOf, projectDir, refusalOf } from "./project-dir";

const PROJECT = "name: cfg\nruntime: nodejs\nmain: index.js\n";

describe("stack file location", () => {
  it("reads the stack file from stackConfigDir", () => {
    const dir = projectDir({
      "Pulumi.yaml": `${PROJECT}stackConfigDir: stacks\n`,
      "stacks/Pulumi.dev.yaml": "config:\n  cfg:where: from-stacks-dir\n",
      "Pulumi.dev.yaml": "config:\n  cfg:where: next-to-the-project\n",
    });
    expect(configOf(dir).values["cfg:where"]).toBe("from-stacks-dir");
    expect(listStacks(dir)).toEqual(["dev"]);
  });

  it("reads the old spelling `config: DIR` as stackConfigDir, and refuses both at once", () => {
    const old = projectDir({
      "Pulumi.yaml": `${PROJECT}config: stacks\n`,
      "stacks/Pulumi.dev.yaml": "config:\n  cfg:where: old-spelling\n",
    });
    expect(configOf(old).values["cfg:where"]).toBe("old-spelling");
    const both = projectDir({
      "Pulumi.yaml": `${PROJECT}config: stacks\nstackConfigDir: other\n`,
      "stacks/Pulumi.dev.yaml": "config: {}\n",
    });
    expect(refusalOf(both)).toContain("Should not use both config and stackConfigDir");
  });

  it("finds a Pulumi.yml project and its Pulumi.<stack>.yml stack files", () => {
    const dir = projectDir({
      "Pulumi.yml": "name: ymlproj\nruntime: nodejs\n",
      "Pulumi.dev.yml": "config:\n  ymlproj:mode: yml\n",
    });
    expect(configOf(dir).values).toEqual({ "ymlproj:mode": "yml" });
    expect(listStacks(dir)).toEqual(["dev"]);
  });

  it("points at the extension the CLI reads when the stack file has the other one", () => {
    const dir = projectDir({ "Pulumi.yml": "name: p\nruntime: nodejs\n", "Pulumi.dev.yaml": "config: {}\n" });
    expect(refusalOf(dir)).toContain("Pulumi.dev.yaml exists, but the pulumi CLI reads stack files with the project");
  });

  it("refuses a stack without a file, saying how to create one and listing the others", () => {
    const dir = cfgProject("", "config: {}\n");
    const message = refusalOf(dir, "prod");
    expect(message).toContain('no stack "prod"');
    expect(message).toContain("config: {}");
    expect(message).toContain("pulumi config set KEY VALUE --stack prod");
    expect(message).toContain("stacks here: dev");
  });
});

describe("ESC environments", () => {
  it("refuses a stack file that imports environments, naming them and the way forward", () => {
    const dir = cfgProject("", "environment:\n  - my-esc-env\nconfig:\n  cfg:x: 1\n");
    const message = refusalOf(dir);
    expect(message).toContain("Pulumi ESC environments (my-esc-env)");
    expect(message).toContain("cannot open");
    expect(message).toContain("under config:");
  });

  it("accepts an empty environment list", () => {
    expect(configOf(cfgProject("", "environment: []\nconfig:\n  cfg:x: 1\n")).values).toEqual({ "cfg:x": "1" });
  });

  it("keeps the kit's stacks free of environment imports", () => {
    const root = `${__dirname}/../..`;
    for (const stack of listStacks(root)) expect(() => configOf(root, stack, {})).not.toThrow();
  });
});

describe("stack names", () => {
  it.each([
    ["dev", { name: "dev" }],
    ["prod.eu-west_1", { name: "prod.eu-west_1" }],
    ["acme/dev", { name: "dev", organization: "acme" }],
    ["acme/cfg/dev", { name: "dev", organization: "acme", project: "cfg" }],
  ])("reads %s as the CLI does", (ref, expected) => {
    expect(parseStackReference(ref, "cfg")).toEqual(expected);
  });

  it.each([
    ["a::b", "stack names may only contain alphanumeric, hyphens, underscores, and periods"],
    ["dev stack", "stack names may only contain alphanumeric"],
    ["", "stack name must not be empty"],
    ["acme/", "stack names may only contain alphanumeric"],
    ["a/b/c/d", "could not parse stack reference 'a/b/c/d'"],
    ["acme/other/dev", `provided project name "other" doesn't match Pulumi.yaml`],
    ["-x/dev", 'invalid stack owner "-x"'],
    ["x".repeat(101), "stack names must be less than 100 characters"],
  ])("refuses %s", (ref, expected) => {
    expect(() => parseStackReference(ref, "cfg")).toThrow(expected);
  });

  it("refuses an invalid stack name before reading any file, and lists only valid names", () => {
    const dir = cfgProject("", "config: {}\n", { "Pulumi.a::b.yaml": "config: {}\n" });
    expect(refusalOf(dir, "a::b")).toContain("stack names may only contain alphanumeric");
    expect(listStacks(dir)).toEqual(["dev"]);
  });
});
