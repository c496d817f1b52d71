// The pack runs in its own process, started as the CLI starts it, and is reached over the analyzer protocol.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyPack, type PolicyHost } from "../../engine/policy-host";
import { PACK, UNKNOWN, urnOf } from "./helpers";

const SUBNET = {
  urn: urnOf("aws:ec2/subnet:Subnet", "a"),
  type: "aws:ec2/subnet:Subnet",
  name: "a",
  inputs: { vpcId: UNKNOWN, cidrBlock: "10.0.1.0/24" },
};
const BUCKET = { urn: urnOf("aws:s3/bucket:Bucket", "logs"), type: "aws:s3/bucket:Bucket", name: "logs", inputs: {} };

describe("policy host", () => {
  let host: PolicyHost;
  beforeAll(async () => {
    host = await startPolicyPack(PACK, {
      config: { "bucket-owner-tag": "remediate", "vpc-min-prefix": { minPrefix: 20 } },
      stack: { stack: "dev", project: "fixture" },
    });
  });
  afterAll(() => host?.close());

  it("runs the pack in a separate process and reads its metadata over GetAnalyzerInfo", () => {
    expect(host.pid).toBeGreaterThan(0);
    expect(host.pid).not.toBe(process.pid);
    const info = host.info();
    expect(info).toMatchObject({ name: "engine-fixture", version: "0.0.1" });
    expect(info.policies.find((p) => p.name === "no-public-ssh")).toMatchObject({
      enforcementLevel: "mandatory",
      severity: "critical",
      type: "resource",
    });
    expect(info.policies.find((p) => p.name === "stack-links")?.type).toBe("stack");
  });

  it("sends the configuration it was given in Configure", async () => {
    expect(host.info().config["vpc-min-prefix"]).toEqual({
      enforcementLevel: "advisory",
      properties: { minPrefix: 20 },
    });
    const vpc = {
      urn: urnOf("aws:ec2/vpc:Vpc", "v"),
      type: "aws:ec2/vpc:Vpc",
      name: "v",
      inputs: { cidrBlock: "10.0.0.0/16" },
    };
    const ds = await host.analyze(vpc);
    expect(ds).toEqual([
      expect.objectContaining({
        policyName: "vpc-min-prefix",
        urn: vpc.urn,
        message: expect.stringContaining("/16 is larger than /20"),
      }),
    ]);
  });

  it("delivers the unknown sentinel as an unknown value", async () => {
    const ds = await host.analyze(SUBNET);
    expect(ds.map((d) => [d.policyName, d.enforcementLevel, d.severity])).toEqual([
      ["subnet-vpc-id-state", "advisory", "low"],
    ]);
    expect(ds[0].message).toContain("vpcId is unknown during preview");
    const known = await host.analyze({ ...SUBNET, inputs: { vpcId: "vpc-123" } });
    expect(known[0].message).toContain("vpcId is known: vpc-123");
  });

  it("remediates at the remediate level and returns the new inputs", async () => {
    expect(host.remediates).toBe(true);
    const { remediations, inputs } = await host.remediate(BUCKET);
    expect(remediations).toEqual([expect.objectContaining({ policyName: "bucket-owner-tag", diagnostic: "" })]);
    expect(inputs).toEqual({ tags: { owner: "platform" } });
    expect(await host.analyze({ ...BUCKET, inputs })).toEqual([]);
  });

  it("analyzes the stack with parents and property dependencies", async () => {
    const vpcUrn = urnOf("aws:ec2/vpc:Vpc", "v");
    const ds = await host.analyzeStack([
      { urn: vpcUrn, type: "aws:ec2/vpc:Vpc", name: "v", inputs: { cidrBlock: "10.0.0.0/20" } },
      { ...SUBNET, parent: vpcUrn, dependencies: [vpcUrn], propertyDependencies: { vpcId: [vpcUrn] } },
    ]);
    expect(ds).toHaveLength(1);
    expect(ds[0].message).toContain(`subnet a parent=${vpcUrn} vpcId<-${vpcUrn}`);
  });

  it("says how the pack's process ended when it ends during a call, with what it printed last", async () => {
    const own = await startPolicyPack(PACK);
    try {
      const ending = { ...BUCKET, urn: urnOf("aws:s3/bucket:Bucket", "end-the-pack"), name: "end-the-pack" };
      await expect(own.analyze(ending)).rejects.toMatchObject({
        code: 14,
        details: "the pack's process exited with code 7: the pack ends here, as asked",
      });
    } finally {
      own.close();
    }
  });

  it("reports a pack that cannot start, with its error", async () => {
    // A PulumiPolicy.yaml and nothing to run: the pack process starts and exits.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-no-entry-"));
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), "runtime: nodejs\n");
    try {
      await expect(startPolicyPack(dir)).rejects.toThrow(/policy pack .*pack-no-entry-.* exited with code/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
