// HardenedVpc's caller tags go on its EC2 resources (127-character keys), its flow-log group (CloudWatch Logs'
// characters) and its flow-log role (IAM's characters, case-insensitive keys). A subnet adds Name and hardening:tier,
// so the caller has 48 tags; a caller's Name or hardening:tier is overwritten there and leaves room for one more.
import { installMocks, one, ofType } from "./mocks";
import { callerTags, describeCallerTagRows, refused, taggedWith } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { HardenedVpc } from "../../../components/aws/hardenedVpc";

const subject = {
  component: "HardenedVpc",
  construct: (tags: unknown) => new HardenedVpc("n", { tags } as never),
  reserved: 2,
  cloud: "EC2",
  maxKeyLength: 127,
  iamRole: true,
  taggedType: "aws:iam/role:Role",
};

describeCallerTagRows(subject);

describe("HardenedVpc (AWS) counts its own subnet tags", () => {
  it("refuses the issue's owner tag before anything is created", () => {
    expect(refused(subject, { owner: "ops, sre #1" }).message).toContain("HardenedVpc: 1 invalid argument");
  });

  it("accepts 48 tags with a caller's Name and hardening:tier: a subnet carries exactly 50", async () => {
    const tags = { ...callerTags(48), Name: "mine", "hardening:tier": "mine" };
    await taggedWith(subject, tags);
    const subnet = ofType("aws:ec2/subnet:Subnet")[0];
    expect(Object.keys(subnet.inputs.tags)).toHaveLength(50);
    expect(subnet.inputs.tags["hardening:tier"]).toBe("public");
    expect(Object.keys(one("aws:iam/role:Role").inputs.tags)).toHaveLength(50);
  });

  it("refuses 49 tags besides Name: a subnet would carry them, the Name overwritten, and its tier", () => {
    const { problems, message } = refused(subject, { ...callerTags(49), Name: "mine" });
    expect(problems).toEqual([["tags", 50]]);
    expect(message).toContain("allowed: at most 49 tags (the component adds 1 of its own; EC2 allows 50)");
  });
});
