// A value given plainly was checked before anything was created, so it stays known at preview even while another
// argument of the same component is still unknown and its children wait on that other check: the policy pack reads
// the Bastion's SSH egress block and the evidence bucket's name.
import { installMocks, ofType, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { Bastion } from "../../../components/aws/bastion";
import { TrafficForensics } from "../../../components/aws/trafficForensics";

beforeEach(() => {
  reset();
  jest.spyOn(console, "warn").mockImplementation(() => undefined);
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => jest.restoreAllMocks());

const BASTION = {
  vpcId: "vpc-1",
  subnetId: "subnet-1",
  vpcCidr: "10.0.0.0/16",
  allowedCidrs: ["203.0.113.0/28"],
};

function sshEgressBlocks(): unknown[] {
  return ofType("aws:ec2/securityGroup:SecurityGroup").flatMap((g) =>
    (g.inputs.egress ?? []).filter((rule: any) => rule.fromPort === 22).map((rule: any) => rule.cidrBlocks),
  );
}

describe("plain values stay known beside an argument unknown at preview", () => {
  it("keeps the Bastion's SSH egress block while its instance type is unknown", async () => {
    new Bastion("b", { ...BASTION, instanceType: unknownAtPreview() });
    await settle();
    expect(sshEgressBlocks()).toEqual([["10.0.0.0/16"]]);
  });

  it("keeps the Bastion's SSH egress block with every argument plain (the baseline)", async () => {
    new Bastion("b", BASTION);
    await settle();
    expect(sshEgressBlocks()).toEqual([["10.0.0.0/16"]]);
  });

  it("keeps the evidence bucket's name while the mirror target is unknown", async () => {
    new TrafficForensics("tf", {
      vpcId: "vpc-1",
      bucketName: "tf-evidence-named",
      mirroring: { targetNlbArn: unknownAtPreview(), sourceEniIds: ["eni-a"] },
    });
    await settle();
    expect(ofType("aws:s3/bucket:Bucket").map((b) => b.inputs.bucket)).toEqual(["tf-evidence-named"]);
  });
});
