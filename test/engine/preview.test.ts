// One real preview of the fixture program with the fixture pack, checked from every side.
import { runPreview, type PreviewResult } from "../../engine/preview";
import { PACK, PROJECT, UNKNOWN, urnOf } from "./helpers";

const STACK = urnOf("pulumi:pulumi:Stack", "fixture-dev");
const NET = urnOf("fixture:net:Network", "net");
const VPC = urnOf("fixture:net:Network$aws:ec2/vpc:Vpc", "net-vpc");
const SUBNET = urnOf("fixture:net:Network$aws:ec2/subnet:Subnet", "net-subnet");
const SG = urnOf("aws:ec2/securityGroup:SecurityGroup", "open-sg");

describe("runPreview", () => {
  let result: PreviewResult;
  const resource = (urn: string) => result.resources.find((r) => r.urn === urn)!;
  beforeAll(async () => {
    result = await runPreview({ stack: "dev", cwd: PROJECT, policyPacks: [PACK] });
  });

  it("plans every resource under the URNs the engine builds", () => {
    expect(result.resources.map((r) => r.urn).sort()).toEqual(
      [STACK, NET, VPC, SUBNET, SG, urnOf("aws:rds/instance:Instance", "db")].sort(),
    );
  });

  it("records parents, dependencies and property dependencies of a component's children", () => {
    expect(resource(STACK).parent).toBe("");
    expect(resource(NET).parent).toBe(STACK);
    expect(resource(SUBNET)).toMatchObject({
      type: "aws:ec2/subnet:Subnet",
      name: "net-subnet",
      parent: NET,
      dependencies: [VPC],
    });
    expect(resource(SUBNET).propertyDependencies).toEqual({ vpcId: [VPC], cidrBlock: [], availabilityZone: [] });
  });

  it("leaves outputs of new resources unknown, so inputs carry the unknown sentinel", () => {
    expect(resource(SUBNET).inputs.vpcId).toBe(UNKNOWN);
    expect(resource(SG).inputs.vpcId).toBe(UNKNOWN);
  });

  it("lets the pack see the unknown value as unknown", () => {
    const d = result.diagnostics.find((x) => x.policyName === "subnet-vpc-id-state");
    expect(d).toMatchObject({ urn: SUBNET, enforcementLevel: "advisory" });
    expect(d!.message).toContain("vpcId is unknown during preview");
  });

  it("hands config from Pulumi.<stack>.yaml and region-aware invoke answers to the program", () => {
    expect(resource(VPC).inputs).toEqual({ cidrBlock: "10.1.0.0/16", tags: { team: "platform", tier: 1 } });
    expect(resource(SUBNET).inputs.availabilityZone).toBe("eu-central-1a");
  });

  it("hands the pack the real secret but redacts it in the result", () => {
    const db = resource(urnOf("aws:rds/instance:Instance", "db"));
    expect(db.inputs.password).toBe("[secret]");
    const seen = result.diagnostics.find((d) => d.policyName === "db-password-seen");
    // 6 characters is "s3cret": the pack saw the value, not the marker, and its echo of it was cut.
    expect(seen?.message).toContain("password has 6 characters: [secret]");
    expect(JSON.stringify(result)).not.toContain("s3cret");
  });

  it("records resource options and plans every resource as a create without a baseline", () => {
    expect(resource(SG).options).toEqual({});
    expect(result.resources.every((r) => r.step === "create")).toBe(true);
    expect(result.steps).toMatchObject({ create: 6, same: 0, update: 0, delete: 0 });
    expect(result.baseline).toBe(false);
  });

  it("keeps component warnings with their URN", () => {
    expect(result.logs).toContainEqual({
      severity: "warning",
      message: "flow logs are off for this network",
      urn: NET,
    });
  });

  it("reports mandatory violations first and counts them", () => {
    expect(result.diagnostics[0]).toMatchObject({
      policyName: "no-public-ssh",
      enforcementLevel: "mandatory",
      urn: SG,
    });
    expect(result.summary).toEqual({ resources: 6, mandatory: 1, advisory: result.diagnostics.length - 1 });
  });

  it("runs stack policies once with links and the default provider", () => {
    const links = result.diagnostics.filter((d) => d.policyName === "stack-links");
    expect(links).toHaveLength(1);
    expect(links[0].message).toContain(`parent=${NET} vpcId<-${VPC} provider=default`);
  });
});
