// AuditTrail's caller tags go on its trail, bucket, log group (CloudWatch Logs' characters) and the trail's log role
// (IAM's characters, case-insensitive keys). The bucket adds hardening:evidence, so the caller has 49 tags.
import { installMocks, one } from "./mocks";
import { callerTags, describeCallerTagRows, taggedWith } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/aws/auditTrail";

const subject = {
  component: "AuditTrail",
  construct: (tags: unknown) => new AuditTrail("n", { tags } as never),
  reserved: 1,
  cloud: "AWS",
  maxKeyLength: 128,
  iamRole: true,
  taggedType: "aws:iam/role:Role",
};

describeCallerTagRows(subject);

describe("AuditTrail (AWS) counts the bucket's evidence tag", () => {
  it("accepts 49 tags and a caller's hardening:evidence: the bucket carries exactly 50", async () => {
    await taggedWith(subject, { ...callerTags(49), "hardening:evidence": "mine" });
    const bucket = one("aws:s3/bucket:Bucket");
    expect(Object.keys(bucket.inputs.tags)).toHaveLength(50);
    expect(bucket.inputs.tags["hardening:evidence"]).toBe("true");
  });
});
