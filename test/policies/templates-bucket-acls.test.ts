// A template bucket's canned ACL is read as the program's `acl`: CloudFormation's AccessControl (PublicRead,
// PublicReadWrite, AuthenticatedRead…) as the S3 canned ACL, ROS's (public-read, public-read-write, private) as is, so
// the evidence rules flag a public template evidence bucket as they flag `acl: "public-read"`. Its OwnershipControls
// are the provider's BucketOwnershipControls (BucketOwnerEnforced disables ACLs) and its inline
// PublicAccessBlockConfiguration the provider's block (IgnorePublicAcls neutralises a public ACL, BlockPublicAcls alone
// does not), as for a program bucket.
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { requireEvidenceOssWorm } from "../../policies/rules/require-evidence-oss-worm";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { isUnknown } from "../../lib/values";
import { StackInput, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, ROS_STACK } from "./templates-fixtures";

const stack = stacksNamed("app");
/** A secret as the engine sends it, before @pulumi/policy unwraps it. */
const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

const S3_BUCKET = "aws:s3/bucket:Bucket";
const OWNERSHIP = "aws:s3/bucketOwnershipControls:BucketOwnershipControls";
/** A compliant Object Lock, so that only the ACL is judged. */
const COMPLIANCE_YEAR = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
  },
};
const EVIDENCE_TAGS = [{ Key: "hardening:evidence", Value: "true" }];

/** A CloudFormation evidence bucket with these extra properties, in a stack with these extra sections. */
const cfnEvidence = (props: Record<string, unknown>, extra: Record<string, unknown> = {}, stackProps = {}) =>
  stack(
    CFN_STACK,
    cfn(
      { Evidence: { Type: "AWS::S3::Bucket", Properties: { Tags: EVIDENCE_TAGS, ...COMPLIANCE_YEAR, ...props } } },
      extra,
    ),
    stackProps,
  );
const readCfn = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, {
    templateBody: cfn({ Evidence: { Type: "AWS::S3::Bucket", Properties: props } }, extra),
  }).resources;
const NO_VALUE_PARAMETER = { Parameters: { Acl: { Type: "String" } } };

describe("an AWS::S3::Bucket's AccessControl and OwnershipControls as the provider's", () => {
  it.each([
    ["PublicRead", "public-read"],
    ["PublicReadWrite", "public-read-write"],
    ["AuthenticatedRead", "authenticated-read"],
    ["Private", "private"],
    ["BucketOwnerFullControl", "bucket-owner-full-control"],
    ["LogDeliveryWrite", "log-delivery-write"],
    ["publicread", "public-read"],
    ["public-read", "public-read"],
  ])("AccessControl %s is acl %s", (accessControl, acl) => {
    const [bucket] = readCfn({ AccessControl: accessControl }).filter((r) => r.type === S3_BUCKET);
    expect(bucket.props.acl).toBe(acl);
  });

  it("no AccessControl leaves acl absent", () => {
    const [bucket] = readCfn({}).filter((r) => r.type === S3_BUCKET);
    expect("acl" in bucket.props).toBe(false);
  });

  it("AccessControl from a parameter without a value is unknown", () => {
    const [bucket] = readCfn({ AccessControl: { Ref: "Acl" } }, NO_VALUE_PARAMETER).filter((r) => r.type === S3_BUCKET);
    expect(isUnknown(bucket.props.acl)).toBe(true);
  });

  it("OwnershipControls is a BucketOwnershipControls naming the bucket", () => {
    const read = readCfn({ OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] } });
    const controls = read.filter((r) => r.type === OWNERSHIP);
    expect(controls).toHaveLength(1);
    expect(controls[0].props.rule).toEqual({ objectOwnership: "BucketOwnerEnforced" });
    expect(controls[0].where).toBe("OwnershipControls");
    expect(readCfn({}).filter((r) => r.type === OWNERSHIP)).toHaveLength(0);
  });

  it.each([
    ["the whole block", { Ref: "Acl" }],
    ["its rules", { Rules: { Ref: "Acl" } }],
    ["its rule", { Rules: [{ Ref: "Acl" }] }],
  ])("OwnershipControls with %s from a parameter without a value leaves the ownership unknown", (_n, controls) => {
    const [c] = readCfn({ OwnershipControls: controls }, NO_VALUE_PARAMETER).filter((r) => r.type === OWNERSHIP);
    expect(isUnknown((c.props.rule as Record<string, unknown>).objectOwnership)).toBe(true);
  });
});

describe("require-evidence-s3-default-retention: a template evidence bucket's canned ACL", () => {
  const CONTAINER = urnOf(CFN_STACK, "app");
  stackTable(requireEvidenceS3DefaultRetention, [
    // The program's form, for parity: flagged.
    {
      name: 'program twin: an evidence bucket with acl "public-read"',
      resources: [
        {
          type: S3_BUCKET,
          name: "evidence",
          props: {
            bucket: "acme-evidence",
            tags: { "hardening:evidence": "true" },
            acl: "public-read",
            objectLockConfiguration: {
              objectLockEnabled: "Enabled",
              rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
            },
          },
        },
      ],
      violations: 1,
      mentions: 'the bucket sets acl "public-read" on evidence bucket evidence',
    },
    // Known bad (reverted, AccessControl is not read and each passes).
    {
      name: "AccessControl PublicRead",
      resources: [cfnEvidence({ AccessControl: "PublicRead" })],
      violations: 1,
      mentions: 'template resource Evidence (AWS::S3::Bucket): the bucket sets acl "public-read" on evidence bucket',
      urn: CONTAINER,
    },
    {
      name: "AccessControl PublicReadWrite",
      resources: [cfnEvidence({ AccessControl: "PublicReadWrite" })],
      violations: 1,
      mentions: "anyone may overwrite or add objects",
    },
    {
      name: "AccessControl AuthenticatedRead",
      resources: [cfnEvidence({ AccessControl: "AuthenticatedRead" })],
      violations: 1,
    },
    {
      name: "AccessControl PublicRead from a parameter's default",
      resources: [
        cfnEvidence(
          { AccessControl: { Ref: "Acl" } },
          { Parameters: { Acl: { Type: "String", Default: "PublicRead" } } },
        ),
      ],
      violations: 1,
    },
    {
      name: "AccessControl PublicRead from a parameter the program sets from a secret",
      resources: [
        cfnEvidence({ AccessControl: { Ref: "Acl" } }, NO_VALUE_PARAMETER, {
          parameters: { Acl: secret("PublicRead") },
        }),
      ],
      violations: 1,
    },
    {
      name: "BlockPublicAcls alone: it only refuses new ACLs",
      resources: [
        cfnEvidence({ AccessControl: "PublicRead", PublicAccessBlockConfiguration: { BlockPublicAcls: true } }),
      ],
      violations: 1,
    },
    {
      name: "ObjectWriter ownership keeps ACLs working",
      resources: [
        cfnEvidence({
          AccessControl: "PublicReadWrite",
          OwnershipControls: { Rules: [{ ObjectOwnership: "ObjectWriter" }] },
        }),
      ],
      violations: 1,
    },
    // Known good.
    { name: "AccessControl Private", resources: [cfnEvidence({ AccessControl: "Private" })], violations: 0 },
    { name: "no AccessControl", resources: [cfnEvidence({})], violations: 0 },
    {
      name: "AccessControl BucketOwnerFullControl",
      resources: [cfnEvidence({ AccessControl: "BucketOwnerFullControl" })],
      violations: 0,
    },
    {
      name: "a public bucket not marked as evidence",
      resources: [
        stack(CFN_STACK, cfn({ Site: { Type: "AWS::S3::Bucket", Properties: { AccessControl: "PublicRead" } } })),
      ],
      violations: 0,
    },
    {
      name: "IgnorePublicAcls neutralises the public ACL",
      resources: [
        cfnEvidence({ AccessControl: "PublicReadWrite", PublicAccessBlockConfiguration: { IgnorePublicAcls: true } }),
      ],
      violations: 0,
    },
    {
      // Reverted (OwnershipControls not read) this is a violation once AccessControl is read.
      name: "BucketOwnerEnforced ownership disables the ACL",
      resources: [
        cfnEvidence({
          AccessControl: "PublicRead",
          OwnershipControls: { Rules: [{ ObjectOwnership: "BucketOwnerEnforced" }] },
        }),
      ],
      violations: 0,
    },
    {
      name: "AccessControl Private from a parameter the program sets from a secret",
      resources: [
        cfnEvidence({ AccessControl: { Ref: "Acl" } }, NO_VALUE_PARAMETER, { parameters: { Acl: secret("Private") } }),
      ],
      violations: 0,
    },
    // Unknown at preview: a note, as a program acl unknown at preview.
    {
      name: "AccessControl from a parameter without a value",
      resources: [cfnEvidence({ AccessControl: { Ref: "Acl" } }, NO_VALUE_PARAMETER)],
      violations: 0,
      notes: 1,
    },
    {
      name: "program twin: acl unknown at preview",
      resources: [
        {
          type: S3_BUCKET,
          name: "evidence",
          props: {
            bucket: "acme-evidence",
            tags: { "hardening:evidence": "true" },
            acl: "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
            objectLockConfiguration: {
              objectLockEnabled: "Enabled",
              rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } },
            },
          },
        },
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "PublicRead under an ownership from a parameter without a value",
      resources: [cfnEvidence({ AccessControl: "PublicRead", OwnershipControls: { Ref: "Acl" } }, NO_VALUE_PARAMETER)],
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("require-evidence-oss-worm: a ROS evidence bucket's AccessControl", () => {
  /** A locked WORM policy of the program on the template bucket's name, so that only the ACL is judged. */
  const worm: StackInput = {
    type: "alicloud:oss/bucketWorm:BucketWorm",
    name: "evidence-worm",
    props: { bucket: "acme-evidence", status: "Locked", retentionPeriodInDays: 365 },
  };
  const rosEvidence = (props: Record<string, unknown>, extra: Record<string, unknown> = {}) => [
    stack(
      ROS_STACK,
      ros(
        {
          Evidence: {
            Type: "ALIYUN::OSS::Bucket",
            Properties: { BucketName: "acme-evidence", Tags: { "hardening:evidence": "true" }, ...props },
          },
        },
        extra,
      ),
    ),
    worm,
  ];
  stackTable(requireEvidenceOssWorm, [
    // Known bad.
    {
      name: "public-read-write",
      resources: rosEvidence({ AccessControl: "public-read-write" }),
      violations: 1,
      mentions: 'template resource Evidence (ALIYUN::OSS::Bucket): the bucket sets acl "public-read-write"',
      urn: urnOf(ROS_STACK, "app"),
    },
    { name: "public-read", resources: rosEvidence({ AccessControl: "public-read" }), violations: 1 },
    {
      name: "public-read-write from a parameter the program sets from a secret",
      resources: [
        stack(
          ROS_STACK,
          ros(
            {
              Evidence: {
                Type: "ALIYUN::OSS::Bucket",
                Properties: {
                  BucketName: "acme-evidence",
                  Tags: { "hardening:evidence": "true" },
                  AccessControl: { Ref: "Acl" },
                },
              },
            },
            NO_VALUE_PARAMETER,
          ),
          { parameters: [{ parameterKey: "Acl", parameterValue: secret("public-read-write") }] },
        ),
        worm,
      ],
      violations: 1,
    },
    // Known good.
    { name: "private", resources: rosEvidence({ AccessControl: "private" }), violations: 0 },
    { name: "no AccessControl", resources: rosEvidence({}), violations: 0 },
    {
      name: "public-read-write under a block of public access on the bucket",
      resources: [
        ...rosEvidence({ AccessControl: "public-read-write" }),
        {
          type: "alicloud:oss/bucketPublicAccessBlock:BucketPublicAccessBlock",
          name: "evidence-block",
          props: { bucket: "acme-evidence", blockPublicAccess: true },
        },
      ],
      violations: 0,
    },
    // Unknown at preview.
    {
      name: "AccessControl from a parameter without a value",
      resources: rosEvidence({ AccessControl: { Ref: "Acl" } }, NO_VALUE_PARAMETER),
      violations: 0,
      notes: 1,
    },
  ]);
});
