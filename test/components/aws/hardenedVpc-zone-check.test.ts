// With `pulumi up --skip-preview` nothing stops at a preview: a region with fewer zones than azCount must fail before
// the component creates anything (the flow-log key and log group are retained on delete and would outlive the error).
import { registrationFailures } from "../registration-failures";
import { installMocks, mockConfig, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { HardenedVpc } from "../../../components/aws/hardenedVpc";

const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
const regionZones = mockConfig.azNames;

beforeEach(() => reset());
afterEach(() => {
  mockConfig.azNames = regionZones;
});

describe("HardenedVpc zone check", () => {
  it("fails on a region with too few zones before any child is registered", async () => {
    mockConfig.azNames = ["xx-1a", "xx-1b"];
    const failures = await registrationFailures(async () => {
      new HardenedVpc("short", { azCount: 3 });
      await settle();
    });
    expect(recorded.map((r) => r.type)).toEqual(["hardening:aws:HardenedVpc"]);
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) {
      expect(m).toContain('HardenedVpc short: argument "azCount" is 3 but the region offers 2 available zone(s)');
      expect(m).toContain("(xx-1a, xx-1b)");
    }
  });

  it("creates every child, the retained key and log group included, when the region has the zones", async () => {
    mockConfig.azNames = ["xx-1a", "xx-1b"];
    const failures = await registrationFailures(async () => {
      new HardenedVpc("fits", { azCount: 2, tags: { team: "net" } });
      await settle();
    });
    expect(failures).toEqual([]);
    const types = new Set(children().map((r) => r.type));
    for (const t of [
      "aws:ec2/vpc:Vpc",
      "aws:kms/key:Key",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:ec2/flowLog:FlowLog",
    ])
      expect(types).toContain(t);
    const subnets = children().filter((r) => r.type === "aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => s.inputs.availabilityZone)).toEqual([
      "xx-1a",
      "xx-1b",
      "xx-1a",
      "xx-1b",
      "xx-1a",
      "xx-1b",
    ]);
    // Waiting on the check leaves the values as they were: the given tags, the provider's account and region.
    const vpc = children().find((r) => r.type === "aws:ec2/vpc:Vpc");
    expect(vpc?.inputs.tags).toEqual({ team: "net", Name: "fits-vpc" });
    const key = children().find((r) => r.type === "aws:kms/key:Key");
    expect(key?.inputs.policy).toContain(`arn:aws:iam::${mockConfig.accountId}:root`);
    expect(key?.inputs.policy).toContain(`logs.${mockConfig.region}.amazonaws.com`);
  });
});
