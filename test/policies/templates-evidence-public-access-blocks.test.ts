// An AWS::S3::Bucket's inline PublicAccessBlockConfiguration is read as the aws.s3.BucketPublicAccessBlock a program
// declares: RestrictPublicBuckets limits a public bucket policy of a template evidence bucket to AWS service principals
// and the owner's account, so the policy is no violation; without it, or with it false, it is.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { isUnknown } from "../../lib/values";
import { urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, stacksNamed } from "./template-bodies";

const CFN_STACK = "aws:cloudformation/stack:Stack";
const BLOCK = "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock";
const stack = stacksNamed("app");
/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const COMPLIANCE_YEAR = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Years: 1 } },
  },
};
const bucket = (tags: unknown[], block?: unknown) => ({
  Type: "AWS::S3::Bucket",
  Properties: {
    Tags: tags,
    ...COMPLIANCE_YEAR,
    ...(block === undefined ? {} : { PublicAccessBlockConfiguration: block }),
  },
});
const EVIDENCE = [{ Key: "hardening:evidence", Value: "true" }];
const ALL_BLOCKED = {
  BlockPublicAcls: true,
  IgnorePublicAcls: true,
  BlockPublicPolicy: true,
  RestrictPublicBuckets: true,
};
/** Everyone may change the Object Lock configuration of the bucket `Evidence`. */
const OPEN_POLICY = {
  Type: "AWS::S3::BucketPolicy",
  Properties: {
    Bucket: { Ref: "Evidence" },
    PolicyDocument: {
      Version: "2012-10-17",
      Statement: [
        {
          Effect: "Allow",
          Principal: "*",
          Action: "s3:PutBucketObjectLockConfiguration",
          Resource: [{ "Fn::GetAtt": ["Evidence", "Arn"] }, { "Fn::Sub": "${Evidence.Arn}/*" }],
        },
      ],
    },
  },
};
/** A template evidence bucket with this inline block (none when undefined) and an open policy on it. */
const openEvidence = (block?: unknown, extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}) =>
  stack(CFN_STACK, cfn({ Evidence: bucket(EVIDENCE, block), Policy: OPEN_POLICY }, extra), props);

describe("the template bucket's PublicAccessBlockConfiguration as the provider's block", () => {
  it("is a BucketPublicAccessBlock naming its bucket, each flag as written", () => {
    const read = readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, {
      templateBody: cfn({ Evidence: bucket(EVIDENCE, { RestrictPublicBuckets: true, IgnorePublicAcls: "true" }) }),
    });
    const blocks = read.resources.filter((r) => r.type === BLOCK);
    expect(blocks).toHaveLength(1);
    expect(blocks[0].props).toMatchObject({ restrictPublicBuckets: true, ignorePublicAcls: "true" });
    expect(blocks[0].props.blockPublicAcls).toBeUndefined();
    expect(blocks[0].where).toBe("PublicAccessBlockConfiguration");
  });

  it("a bucket without one has none", () => {
    const read = readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, {
      templateBody: cfn({ Evidence: bucket(EVIDENCE) }),
    });
    expect(read.resources.filter((r) => r.type === BLOCK)).toHaveLength(0);
  });

  it("a block from a parameter without a value leaves each flag unknown", () => {
    const read = readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, {
      templateBody: cfn(
        { Evidence: bucket(EVIDENCE, { Ref: "Block" }) },
        { Parameters: { Block: { Type: "String" } } },
      ),
    });
    const [block] = read.resources.filter((r) => r.type === BLOCK);
    expect(isUnknown(block.props.restrictPublicBuckets)).toBe(true);
  });
});

describe("require-evidence-s3-default-retention: a template evidence bucket's public policy and its inline block", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: "no PublicAccessBlockConfiguration",
      resources: [openEvidence()],
      violations: 1,
      mentions: "restrictPublicBuckets: true",
      urn: urnOf(CFN_STACK, "app"),
    },
    {
      name: "RestrictPublicBuckets false, the other flags true",
      resources: [openEvidence({ ...ALL_BLOCKED, RestrictPublicBuckets: false })],
      violations: 1,
    },
    {
      name: "BlockPublicPolicy alone: it only refuses new public policies",
      resources: [openEvidence({ BlockPublicPolicy: true })],
      violations: 1,
    },
    {
      name: "the block is on another template bucket",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            Evidence: bucket(EVIDENCE),
            Site: bucket([{ Key: "purpose", Value: "website" }], ALL_BLOCKED),
            Policy: OPEN_POLICY,
          }),
        ),
      ],
      violations: 1,
    },
    // Known good (reverted, the template's block is not read and each is a violation).
    { name: "RestrictPublicBuckets true", resources: [openEvidence({ RestrictPublicBuckets: true })], violations: 0 },
    { name: "every flag true", resources: [openEvidence(ALL_BLOCKED)], violations: 0 },
    {
      name: 'RestrictPublicBuckets "true", as text',
      resources: [openEvidence({ RestrictPublicBuckets: "true" })],
      violations: 0,
    },
    {
      name: "RestrictPublicBuckets from a parameter with a default",
      resources: [
        openEvidence(
          { RestrictPublicBuckets: { Ref: "Restrict" } },
          { Parameters: { Restrict: { Type: "String", Default: "true" } } },
        ),
      ],
      violations: 0,
    },
    {
      // A parameter set from a secret is known at preview, only marked secret: read as its value (template-parameters.ts).
      name: "RestrictPublicBuckets from a parameter the program sets from a secret",
      resources: [
        openEvidence(
          { RestrictPublicBuckets: { Ref: "Restrict" } },
          { Parameters: { Restrict: { Type: "String" } } },
          { parameters: { Restrict: secret("true") } },
        ),
      ],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "RestrictPublicBuckets from a parameter without a value is a note",
      resources: [
        openEvidence({ RestrictPublicBuckets: { Ref: "Restrict" } }, { Parameters: { Restrict: { Type: "String" } } }),
      ],
      violations: 0,
      notes: 1,
    },
  ]);
});
