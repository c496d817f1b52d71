import pc from "picocolors";
import type { PreviewResult } from "../../engine/preview";
import { renderText } from "../../engine/render";

const plain = pc.createColors(false);
const STACK = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
const NET = "urn:pulumi:dev::p::kit:net:Vpc::net";
const VPC = "urn:pulumi:dev::p::kit:net:Vpc$aws:ec2/vpc:Vpc::net-vpc";
const SG = "urn:pulumi:dev::p::aws:ec2/securityGroup:SecurityGroup::web";

const resource = (urn: string, parent: string) => ({
  urn,
  parent,
  type: urn.split("::")[2].split("$").pop()!,
  name: urn.split("::")[3],
  inputs: {},
  dependencies: [],
  propertyDependencies: {},
  step: "create" as const,
});

function result(overrides: Partial<PreviewResult> = {}): PreviewResult {
  return {
    stack: "dev",
    project: "p",
    resources: [resource(STACK, ""), resource(NET, STACK), resource(VPC, NET), resource(SG, STACK)],
    steps: { create: 4, same: 0, update: 0, delete: 0, read: 0, mayReplace: 0 },
    baseline: false,
    deleted: [],
    diagnostics: [],
    summary: { resources: 4, mandatory: 0, advisory: 0 },
    exposures: [],
    outputs: {},
    logs: [{ severity: "warning", message: "flow logs off", urn: NET }],
    programOutput: "",
    programErrors: "",
    remediations: [],
    packs: [{ name: "kit", version: "1.0.0", policies: [], config: {} }],
    timings: { programMs: 0, policyMs: 0 },
    ...overrides,
  };
}

describe("renderText", () => {
  it("marks an import with its id and counts it apart", () => {
    const imported = { ...resource(SG, STACK), step: "import" as const, importId: "sg-0abc" };
    const text = renderText(
      result({
        resources: [resource(STACK, ""), imported],
        steps: { create: 1, same: 0, update: 0, delete: 0, read: 0, import: 1, mayReplace: 0 },
      }),
      plain,
    );
    expect(text).toMatch(/= {3}└─ aws:ec2\/securityGroup:SecurityGroup\s+web\s+\[import sg-0abc\]/);
    expect(text).toContain("+ 1 to create\n    = 1 to import");
    expect(renderText(result(), plain)).not.toContain("to import");
  });

  it("prints the plan as a tree, the component warning and counts by type", () => {
    const text = renderText(result(), plain);
    expect(text).toContain("Previewing update (dev)");
    expect(text).toMatch(
      /\+ {3}pulumi:pulumi:Stack\s+p-dev\n \+ {3}├─ kit:net:Vpc\s+net\n \+ {3}│ {2}└─ aws:ec2\/vpc:Vpc\s+net-vpc\n \+ {3}└─ aws:ec2\/securityGroup:SecurityGroup\s+web/,
    );
    expect(text).toContain("kit:net:Vpc (net):\n    warning: flow logs off");
    expect(text).toContain("+ 4 to create");
    expect(text).toContain("✔ Passed: no mandatory policy violations");
    expect(text).toContain("Exposures:\n    none found");
  });

  it("lists violations with level, severity, policy and resource, and a blocking verdict", () => {
    const text = renderText(
      result({
        diagnostics: [
          {
            policyPackName: "kit",
            policyName: "no-ssh",
            enforcementLevel: "mandatory",
            severity: "critical",
            urn: SG,
            message: "22 open",
          },
        ],
        summary: { resources: 4, mandatory: 1, advisory: 0 },
      }),
      plain,
    );
    expect(text).toContain("✖ kit@v1.0.0");
    expect(text).toContain(
      "- [mandatory] [severity: critical] no-ssh  (aws:ec2/securityGroup:SecurityGroup: web)\n          22 open",
    );
    expect(text).toContain("✖ Blocked: 1 mandatory policy violation (0 advisory, 4 resources, 0 exposures).");
  });

  it("renders the exposure fields as table columns, joining lists", () => {
    const exposure = {
      urn: SG,
      resourceName: "web",
      type: "aws:ec2/securityGroup:SecurityGroup",
      protocol: "tcp",
      ports: "22",
      sources: ["0.0.0.0/0", "::/0"],
      path: "internet → sg:web",
    };
    const text = renderText(result({ exposures: [exposure] }), plain);
    expect(text).toMatch(/Exposures:\n {4}urn\s+resourceName\s+type\s+protocol\s+ports\s+sources\s+path\n/);
    expect(text).toMatch(
      /::web\s+web\s+aws:ec2\/securityGroup:SecurityGroup\s+tcp\s+22\s+0\.0\.0\.0\/0, ::\/0\s+internet → sg:web/,
    );
    expect(text).toContain("4 resources, 1 exposure).");
  });

  it("marks each step against a baseline and prints the step counts with the Diff caveat", () => {
    const [stack, net, vpc, sg] = result().resources;
    const text = renderText(
      result({
        resources: [
          { ...stack, step: "same" },
          { ...net, step: "same", aliasOf: "urn:pulumi:dev::p::kit:net:Vpc::old" },
          { ...vpc, step: "update", changed: ["cidrBlock", "tags"], mayReplace: ["cidrBlock"] },
          { ...sg, step: "update", changed: ["tags"] },
        ],
        baseline: true,
        steps: { create: 0, same: 2, update: 2, delete: 1, read: 0, mayReplace: 1 },
        deleted: [{ urn: `${STACK}x`, type: "aws:s3/bucket:Bucket", name: "logs", parent: STACK, retained: true }],
      }),
      plain,
    );
    expect(text).toMatch(/ {5}├─ kit:net:Vpc\s+net {2}\(renamed via alias\)\n/);
    expect(text).toMatch(/\+- {2}│ {2}└─ aws:ec2\/vpc:Vpc\s+net-vpc {2}\[replace\? cidrBlock; diff: cidrBlock, tags\]/);
    expect(text).toMatch(/~ {3}├─ aws:ec2\/securityGroup:SecurityGroup\s+web {2}\[diff: tags\]/);
    expect(text).toMatch(/- {3}└─ aws:s3\/bucket:Bucket\s+logs {2}\(retained: leaves the state, not the cloud\)/);
    expect(text).toContain(
      "+ 0 to create\n    ~ 2 to update (1 replace?)\n    - 1 to delete (1 retained)\n      2 unchanged",
    );
    expect(text).toContain("update vs replace needs the provider's Diff");
  });
  it("prints the stack's outputs before the counts, nested values indented and an empty stack without the block", () => {
    const outputs = {
      url: "https://x",
      id: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
      db: { port: 5432, pw: "[secret]" },
      none: [],
    };
    const text = renderText(result({ outputs }), plain);
    expect(text).toContain(
      [
        "Outputs:",
        '    url : "https://x"',
        "    id  : output<string>",
        "    db  : {",
        "        port: 5432",
        "        pw  : [secret]",
        "    }",
        "    none: []",
        "",
        "Resources:",
      ].join("\n"),
    );
    expect(renderText(result(), plain)).not.toContain("Outputs:");
  });

  it("prints the program's stdout then its stderr as plain program diagnostics, stderr without error:", () => {
    const text = renderText(
      result({ logs: [], programOutput: "out line\n", programErrors: "err one\r\nerr two\n" }),
      plain,
    );
    expect(text).toContain("Diagnostics:\n  pulumi:pulumi:Stack (p-dev):\n    out line\n    err one\n    err two\n");
    expect(text).not.toContain("error:");
  });

  it("prints a program's stderr alone, and no Diagnostics block when the program printed nothing", () => {
    expect(renderText(result({ logs: [], programErrors: "only stderr" }), plain)).toContain(
      "  pulumi:pulumi:Stack (p-dev):\n    only stderr\n",
    );
    expect(renderText(result({ logs: [], programErrors: "  \n" }), plain)).not.toContain("Diagnostics:");
  });

  it("prints info messages bare and labels the stack's group with its root resource, as the CLI does", () => {
    const logs = [
      { severity: "info" as const, message: "plain note", urn: "" },
      { severity: "warning" as const, message: "on the stack itself", urn: STACK },
      { severity: "error" as const, message: "a failure", urn: "" },
      { severity: "info" as const, message: "in a component", urn: NET },
    ];
    const text = renderText(result({ logs, programOutput: "printed\n" }), plain);
    expect(text).toContain(
      [
        "Diagnostics:",
        "  pulumi:pulumi:Stack (p-dev):",
        "    plain note",
        "    warning: on the stack itself",
        "    error: a failure",
        "    printed",
        "  kit:net:Vpc (net):",
        "    in a component",
        "",
      ].join("\n"),
    );
    expect(text).not.toContain("info:");
    expect(text).not.toContain("program:");
  });

  it("shows the pack's messages under the pack's name, after the program's", () => {
    const packLogs = [
      { severity: "info" as const, message: "pack says", policyPack: "kit" },
      { severity: "warning" as const, message: "pack warns", policyPack: "kit" },
    ];
    const text = renderText(result({ packLogs }), plain);
    expect(text).toContain(
      "  kit:net:Vpc (net):\n    warning: flow logs off\n  policy pack kit:\n    pack says\n    warning: pack warns\n",
    );
  });
});
