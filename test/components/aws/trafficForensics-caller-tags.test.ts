// TrafficForensics' caller tags go on its flow log and mirror resources (EC2's 127-character keys) and evidence bucket
// (S3's characters: letters, digits, spaces and _ . : / = + - @). The flow log adds Name and the bucket
// hardening:evidence, one each, so the caller has 49 tags, a caller's copy of either counted (it stays on the other
// resource); a caller's copy of both leaves each resource the caller's tags alone, so 50.
import { installMocks, one, ofType } from "./mocks";
import { callerTags, describeCallerTagRows, refused, taggedWith } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { TrafficForensics } from "../../../components/aws/trafficForensics";

const mirroring = { targetEniId: "eni-sensor", sourceEniIds: ["eni-a"] };

const subject = {
  component: "TrafficForensics",
  construct: (tags: unknown) => new TrafficForensics("n", { vpcId: "vpc-1", tags } as never),
  reserved: 1,
  cloud: "EC2",
  maxKeyLength: 127,
  iamRole: false,
  taggedType: "aws:ec2/flowLog:FlowLog",
};

describeCallerTagRows(subject);

describe("TrafficForensics (AWS) holds the tags to the characters its S3 bucket takes", () => {
  it("refuses the review's tags before anything is created, hiding the value", () => {
    const { problems, message } = refused(subject, { owner: "ops (sre), #1", "cost#center": "x" });
    expect(problems).toEqual([
      ["tags.owner", "a string of 13 characters"],
      ["tags.cost#center", "cost#center"],
    ]);
    expect(message).toContain("(S3's tag characters: the tags go on the evidence bucket)");
    expect(message).not.toContain("sre");
  });
});

describe("TrafficForensics (AWS) counts its own tags per resource", () => {
  it("refuses 49 tags and a Name: the bucket would carry 51", () => {
    expect(refused(subject, { ...callerTags(49), Name: "mine" }).problems).toEqual([["tags", 50]]);
  });

  it("refuses 49 tags and a hardening:evidence: the flow log would carry 51", () => {
    expect(refused(subject, { ...callerTags(49), "hardening:evidence": "mine" }).problems).toEqual([["tags", 50]]);
  });

  it("accepts 48 tags and a Name: the bucket carries exactly 50", async () => {
    await taggedWith(subject, { ...callerTags(48), Name: "mine" });
    expect(Object.keys(one("aws:s3/bucket:Bucket").inputs.tags)).toHaveLength(50);
  });

  it("accepts 48 tags, a Name and a hardening:evidence: every resource carries exactly 50", async () => {
    const construct = (tags: unknown) => new TrafficForensics("n", { vpcId: "vpc-1", mirroring, tags } as never);
    await taggedWith({ ...subject, construct }, { ...callerTags(48), Name: "mine", "hardening:evidence": "true" });
    const flowLog = one("aws:ec2/flowLog:FlowLog").inputs.tags;
    expect(Object.keys(flowLog)).toHaveLength(50);
    expect(flowLog.Name).toBe("n-flow-log");
    expect(Object.keys(one("aws:s3/bucket:Bucket").inputs.tags)).toHaveLength(50);
    for (const type of ["TrafficMirrorTarget", "TrafficMirrorFilter", "TrafficMirrorSession"]) {
      const [mirror] = ofType(`aws:ec2/${type[0].toLowerCase()}${type.slice(1)}:${type}`);
      expect(Object.keys(mirror.inputs.tags)).toHaveLength(50);
    }
  });
});
