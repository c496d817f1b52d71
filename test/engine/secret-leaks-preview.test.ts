// Offline previews of programs that printed a secret in the audit (an invoke argument in the engine's own error, the
// start of a secret where a quoted line was cut, keys of a secret map, numbers from a secret, a multi-line secret in a
// thrown error, a baseline's secrets, encoded copies): no output (text, --json, SARIF, Markdown, stderr) prints the
// secret or its pieces, and ordinary values (port 22, tag words) are printed as they are.
import * as fs from "fs";
import * as path from "path";
import { SECRETS_ENV } from "../../engine/config";
import { programProject } from "./program-project";
import { REGIONS_STACK, expectNoLeaks, previewOutputs } from "./secret-output-scan";

const SIG = '"4dabf18193072939515e22adb298388d"';
const SECRET_SIG = '"1b47061264138c4ac30d75fd1eb44270"';

/** Every output of a text run and a --json/--sarif/--markdown run of stack "s", with `args` and `env` added. */
async function outputs(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    const preview = await previewOutputs(dir, { text: true, args });
    return { json: preview.json, all: preview.outputs };
  } finally {
    for (const key of Object.keys(env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

const dirs: string[] = [];
const project = (program: string, stack = REGIONS_STACK) => {
  const dir = programProject(program, stack);
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

describe("A: a secret invoke argument", () => {
  it("is not quoted in the engine's refusal the program prints", async () => {
    const dir = project(`
const name = pulumi.secret("/app/InvokeSecretJuliet10");
const p = pulumi.runtime.invokeOutput("aws:ssm/getParameter:getParameter", { name });
new Res("aws:s3/bucket:Bucket", "b", { tags: { v: p.apply((r) => r.value) } });
`);
    const { json, all } = await outputs(dir);
    expect(json.code).not.toBe(0);
    expect(all["--json"]).toContain("only public /aws/service/");
    expectNoLeaks(all, ["/app/InvokeSecretJuliet10", "InvokeSecretJuliet10", "InvokeSecret"]);
  }, 120_000);

  it("sent secret-wrapped (as other SDKs may send it) is learned and cut from what the program prints", async () => {
    const dir = project(`
const { getMonitor } = require("@pulumi/pulumi/runtime/settings");
const resproto = require("@pulumi/pulumi/proto/resource_pb");
const gstruct = require("google-protobuf/google/protobuf/struct_pb");
const name = "/aws/service/WrappedArgKilo33";
const req = new resproto.ResourceInvokeRequest();
req.setTok("aws:ssm/getParameter:getParameter");
req.setArgs(gstruct.Struct.fromJavaScript({ name: { [${SIG}]: ${SECRET_SIG}, value: name } }));
const answered = new Promise((ok, ko) => getMonitor().invoke(req, (e, r) => (e ? ko(e) : ok(r))));
const asked = answered.then((r) => { console.log("asked " + name); return r.getReturn().toJavaScript().id; });
new Res("aws:s3/bucket:Bucket", "b", { tags: { asked: pulumi.output(asked) } });
`);
    const { json, all } = await outputs(dir);
    expect(json.code).toBe(0);
    expectNoLeaks(all, ["WrappedArgKilo33"]);
  }, 120_000);
});

describe("E: a multi-line secret in a thrown error", () => {
  it("is cut from the one-line error paragraph", async () => {
    const dir = project(
      `
const k = new pulumi.Config().requireSecret("key");
new Res("aws:s3/bucket:Bucket", "b", { tags: { k } });
k.apply((v) => { throw new Error("cannot parse key:\\n" + v); });
`,
      `${REGIONS_STACK}  p:key:\n    secure: v1:AAAA\n`,
    );
    const { json, all } = await outputs(dir, [], {
      [SECRETS_ENV]: JSON.stringify({ "p:key": "Sierra\nTango16\nUni" }),
    });
    expect(json.code).not.toBe(0);
    expect(all["--json"]).toContain("cannot parse key");
    expectNoLeaks(all, ["Sierra Tango16 Uni", "Sierra", "Tango16"]);
  }, 120_000);
});

describe("B, C, D, F, G: one stack's secrets in every output", () => {
  const PRE = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config; curl -fsS -H 'X-Api-Key: ";
  const BASELINE = {
    stack: "s",
    project: "p",
    resources: [
      {
        urn: "urn:pulumi:s::p::aws:rds/instance:Instance::db-MikeSecret12",
        type: "aws:rds/instance:Instance",
        inputs: { password: JSON.parse(`{${SIG}: ${SECRET_SIG}, "value": "MikeSecret12"}`) },
      },
    ],
  };
  let all: Record<string, string>;
  let parsed: any;

  beforeAll(async () => {
    const dir = project(
      `
const c = new pulumi.Config();
const pre = ${JSON.stringify(PRE)};
// B: a plain-read config secret and a secret parameter, each cut by the quoted line's 120 characters.
new Res("aws:ec2/instance:Instance", "i", { ami: "ami-1", instanceType: "t3.micro",
  userData: "#!/bin/bash\\n" + pre + "z".repeat(120 - pre.length - 8) + c.require("tok") + "' https://x.example/\\n" });
new Res("alicloud:eflo/invocation:Invocation", "inv", { nodeIds: ["n-1"],
  commandContent: "#!/bin/bash\\n" + pre + "z".repeat(120 - pre.length - 21) + "{{token}}' https://x.example/\\n",
  parameters: { token: pulumi.secret("ParamZulu21ParamZulu21") } });
// C: keys of a secret map, one naming a resource; field-name keys stay words.
const tags = pulumi.secret({ TagKeyDelta94: "tagvalue-Echo95x", password: "pw-Foxtrot-77" });
new Res("aws:s3/bucket:Bucket", "b1", { tags });
tags.apply((o) => new Res("aws:s3/bucket:Bucket", "bk-" + Object.keys(o)[0], { tags: { team: "platform" } }));
// D: numbers from a secret; port 22 (a secret "22" too) stays a number.
const pin = Number(c.require("pin"));
const n = pulumi.secret(424242);
new Res("aws:ec2/securityGroup:SecurityGroup", "sg", { ingress: [
  { protocol: "tcp", fromPort: pin, toPort: pin, cidrBlocks: ["10.0.0.0/8"] },
  { protocol: "tcp", fromPort: Number(c.require("short")), toPort: 22, cidrBlocks: ["10.0.0.0/8"] },
] });
new Res("aws:s3/bucket:Bucket", "b3", { tags: { n: n.apply(String) } });
n.apply((v) => new Res("aws:ec2/securityGroup:SecurityGroup", "sg2", { ingress: [{ protocol: "tcp", fromPort: v, toPort: v, cidrBlocks: ["10.0.0.0/8"] }] }));
// G: encoded copies of a plain-read config secret.
const pw = c.require("pw");
new Res("aws:s3/bucket:Bucket", "b2", { tags: {
  b64: Buffer.from("user=app;" + pw + ";end").toString("base64"),
  url: "postgres://app:" + encodeURIComponent(pw) + "@db/app",
  dbl: JSON.stringify({ doc: JSON.stringify({ pw }) }),
} });
module.exports = { p: pin };
`,
      `${REGIONS_STACK}  p:tok:\n    secure: v1:AAAA\n  p:pin:\n    secure: v1:AAAA\n  p:short:\n    secure: v1:AAAA\n` +
        `  p:pw:\n    secure: v1:AAAA\n`,
    );
    const baseline = path.join(dir, "baseline.json");
    fs.writeFileSync(baseline, JSON.stringify(BASELINE));
    const standIns = { "p:tok": "TokYankee20", "p:pin": "98765", "p:short": "22", "p:pw": 'Pa"ss/w@rd Quebec#15' };
    const run = await outputs(dir, ["--baseline", baseline], { [SECRETS_ENV]: JSON.stringify(standIns) });
    all = run.all;
    parsed = JSON.parse(run.json.stdout);
  }, 180_000);

  it("B: prints no leading part of a secret where a quoted line was cut", () => {
    expect(all.text).toContain("X-Api-Key: zzz");
    expectNoLeaks(all, ["TokY", "ParamZ"]);
  });

  it("C: prints no data key of a secret map, keeping field-name keys' words", () => {
    expectNoLeaks(all, ["TagKeyDelta94", "tagvalue-Echo95x", "pw-Foxtrot-77"]);
    expect(parsed.resources.some((r: any) => r.inputs?.tags?.team === "platform")).toBe(true);
    expect(all.text).toMatch(/password/);
  });

  it("D: prints no number spelled as a secret, keeping port 22", () => {
    expectNoLeaks(all, ["98765", "424242"]);
    const sg = parsed.resources.find((r: any) => r.name === "sg");
    expect(sg.inputs.ingress[1]).toMatchObject({ fromPort: 22, toPort: 22 });
  });

  it("F: prints no secret of the baseline's resources", () => {
    expect(parsed.deleted.length).toBe(1);
    expectNoLeaks(all, ["MikeSecret12"]);
  });

  it("G: prints no base64, URL-encoded or doubly escaped copy of a secret", () => {
    const pw = 'Pa"ss/w@rd Quebec#15';
    const b64 = Buffer.from("user=app;" + pw + ";end").toString("base64");
    expectNoLeaks(all, ["Quebec", encodeURIComponent(pw), b64.slice(12, 28)]);
  });
});
