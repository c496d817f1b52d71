// CloudFormation bucket policies (AWS::S3::BucketPolicy) are judged as the program's: one that lets everyone unlock,
// delete or overwrite a template or program evidence bucket is a violation on its container; named principals,
// conditions naming the callers and a Deny taking the grant back are not; what the template leaves unknown is a note.
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { isUnknown } from "../../lib/values";
import { runStack, StackInput, urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { cfn, stacksNamed } from "./template-bodies";
import type { TemplateResources } from "./templates-fixtures";

const CFN_STACK = "aws:cloudformation/stack:Stack";
const CFN_STACK_SET = "aws:cloudformation/stackSet:StackSet";

const stack = stacksNamed("app");
const STACK_URN = urnOf(CFN_STACK, "app");
const COMPLIANCE_YEAR = {
  ObjectLockEnabled: true,
  ObjectLockConfiguration: {
    ObjectLockEnabled: "Enabled",
    Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
  },
};
/** A locked bucket: only its policy can be wrong. */
const lockedBucket = (tags: unknown[], props: Record<string, unknown> = {}) => ({
  Type: "AWS::S3::Bucket",
  Properties: { Tags: tags, ...COMPLIANCE_YEAR, ...props },
});
const EVIDENCE_TAGS = [{ Key: "hardening:evidence", Value: "true" }];
const evidenceBucket = (props: Record<string, unknown> = {}) => lockedBucket(EVIDENCE_TAGS, props);
const siteBucket = () => lockedBucket([{ Key: "purpose", Value: "website" }]);

type Statement = Record<string, unknown>;
const OWN_ARNS = [{ "Fn::GetAtt": ["Evidence", "Arn"] }, { "Fn::Sub": "${Evidence.Arn}/*" }];
const allow = (extra: Statement = {}): Statement => ({
  Effect: "Allow",
  Principal: "*",
  Action: "s3:PutBucketObjectLockConfiguration",
  Resource: OWN_ARNS,
  ...extra,
});
const document = (...statements: unknown[]) => ({ Version: "2012-10-17", Statement: statements });
const bucketPolicy = (policyDocument: unknown, bucket: unknown = { Ref: "Evidence" }) => ({
  Type: "AWS::S3::BucketPolicy",
  Properties: { Bucket: bucket, PolicyDocument: policyDocument },
});
/** A template with a locked evidence bucket and a policy on it. */
const withPolicy = (policyDocument: unknown, extra: Record<string, unknown> = {}, more: TemplateResources = {}) =>
  stack(CFN_STACK, cfn({ Evidence: evidenceBucket(), Policy: bucketPolicy(policyDocument), ...more }, extra));
const ACCOUNT_ROOT = { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:root" };

/** A program evidence bucket, locked by a separate lock configuration, named acme-evidence. */
const PROGRAM_EVIDENCE: StackInput[] = [
  {
    type: "aws:s3/bucket:Bucket",
    name: "evidence",
    props: { bucket: "acme-evidence", objectLockEnabled: true, tags: { "hardening:evidence": "true" } },
  },
  {
    type: "aws:s3/bucketObjectLockConfiguration:BucketObjectLockConfiguration",
    name: "evidence-lock",
    props: { bucket: "acme-evidence", rule: { defaultRetention: { mode: "COMPLIANCE", days: 365 } } },
  },
];

const YAML_OPEN = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Evidence:
    Type: AWS::S3::Bucket
    Properties:
      ObjectLockEnabled: true
      ObjectLockConfiguration:
        ObjectLockEnabled: Enabled
        Rule:
          DefaultRetention: { Mode: COMPLIANCE, Years: 1 }
      Tags:
        - Key: hardening:evidence
          Value: "true"
  Policy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Evidence
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Sid: Open
            Effect: Allow
            Principal: "*"
            Action:
              - s3:GetObject
              - s3:BypassGovernanceRetention
              - s3:DeleteObject
            Resource:
              - !GetAtt Evidence.Arn
              - !Sub "\${Evidence.Arn}/*"
`;
const YAML_ORG_ONLY = YAML_OPEN.replace(
  "            Resource:",
  "            Condition:\n              StringEquals:\n                aws:PrincipalOrgID: o-a1b2c3d4e5\n            Resource:",
);

describe("require-evidence-s3-default-retention judges CloudFormation bucket policies", () => {
  stackTable(requireEvidenceS3DefaultRetention, [
    // Known bad.
    {
      name: 'Principal "*" may change the Object Lock configuration of a template evidence bucket',
      resources: [withPolicy(document(allow()))],
      violations: 1,
      mentions: "template resource Policy (AWS::S3::BucketPolicy)",
      urn: STACK_URN,
    },
    {
      name: 'Principal "*" may do s3:* on it',
      resources: [withPolicy(document(allow({ Action: ["s3:GetObject", "s3:*"] })))],
      violations: 1,
      mentions: "s3:PutBucketPolicy",
    },
    {
      name: "NotPrincipal naming the account lets everyone else delete objects",
      resources: [withPolicy(document(allow({ Principal: undefined, NotPrincipal: { AWS: ACCOUNT_ROOT } })))],
      violations: 1,
      mentions: "NotPrincipal",
    },
    {
      name: '{"AWS": "*"} with only a TLS condition',
      resources: [
        withPolicy(
          document(allow({ Principal: { AWS: "*" }, Condition: { Bool: { "aws:SecureTransport": "true" } } })),
        ),
      ],
      violations: 1,
    },
    {
      name: "YAML short forms: !Ref bucket, !GetAtt and !Sub resources",
      resources: [stack(CFN_STACK, YAML_OPEN)],
      violations: 1,
      mentions: "s3:BypassGovernanceRetention, s3:DeleteObject on evidence bucket app/Evidence",
    },
    {
      name: "a StackSet's template",
      resources: [
        {
          type: CFN_STACK_SET,
          name: "app",
          props: { templateBody: cfn({ Evidence: evidenceBucket(), Policy: bucketPolicy(document(allow())) }) },
        },
      ],
      violations: 1,
    },
    // Known good.
    {
      name: "the account's root, built from pseudo parameters",
      resources: [withPolicy(document(allow({ Principal: { AWS: ACCOUNT_ROOT } })))],
      violations: 0,
    },
    {
      name: "a role of the template, named by !GetAtt Role.Arn",
      resources: [
        withPolicy(
          document(allow({ Principal: { AWS: { "Fn::GetAtt": ["Responder", "Arn"] } } })),
          {},
          { Responder: { Type: "AWS::IAM::Role", Properties: { AssumeRolePolicyDocument: document() } } },
        ),
      ],
      violations: 0,
    },
    {
      name: "another account's ARN",
      resources: [withPolicy(document(allow({ Principal: { AWS: "arn:aws:iam::111122223333:root" } })))],
      violations: 0,
    },
    {
      name: 'Principal "*" narrowed to the organization',
      resources: [stack(CFN_STACK, YAML_ORG_ONLY)],
      violations: 0,
    },
    {
      name: 'Principal "*" narrowed to the stack\'s own account by aws:SourceAccount',
      resources: [
        withPolicy(
          document(allow({ Condition: { StringEquals: { "aws:SourceAccount": { Ref: "AWS::AccountId" } } } })),
        ),
      ],
      violations: 0,
    },
    {
      name: "a Deny on everyone of s3:* on the same ARNs takes the grant back",
      resources: [
        withPolicy(document(allow(), { Effect: "Deny", Principal: "*", Action: "s3:*", Resource: OWN_ARNS })),
      ],
      violations: 0,
    },
    {
      name: 'a Deny on everyone of "*" everywhere takes it back',
      resources: [
        withPolicy(document(allow(), { Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: "*" })),
      ],
      violations: 0,
    },
    {
      name: "an open policy on a template bucket that holds no evidence",
      resources: [
        stack(CFN_STACK, cfn({ Site: siteBucket(), Policy: bucketPolicy(document(allow()), { Ref: "Site" }) })),
      ],
      violations: 0,
    },
    {
      name: "an open read-only policy on the evidence bucket",
      resources: [withPolicy(document(allow({ Action: ["s3:GetObject", "s3:ListBucket"] })))],
      violations: 0,
    },
    {
      name: "a policy whose condition is false is not created",
      resources: [
        withPolicy(
          document(allow()),
          {
            Parameters: { Open: { Type: "String", Default: "no" } },
            Conditions: { IsOpen: { "Fn::Equals": [{ Ref: "Open" }, "yes"] } },
          },
          { Policy: { ...bucketPolicy(document(allow())), Condition: "IsOpen" } },
        ),
      ],
      violations: 0,
    },
    // Tricky: how the policy names its bucket.
    {
      name: "two template buckets: the open policy names the evidence one by Ref",
      resources: [
        stack(
          CFN_STACK,
          cfn({ Evidence: evidenceBucket(), Site: siteBucket(), Policy: bucketPolicy(document(allow())) }),
        ),
      ],
      violations: 1,
      mentions: "evidence bucket app/Evidence",
    },
    {
      name: "a template policy naming a program evidence bucket by its name",
      resources: [
        ...PROGRAM_EVIDENCE,
        stack(CFN_STACK, cfn({ Policy: bucketPolicy(document(allow({ Resource: "*" })), "acme-evidence") })),
      ],
      violations: 1,
      mentions: "evidence bucket evidence",
      urn: STACK_URN,
    },
    {
      name: "a template policy naming another bucket than the program's evidence bucket",
      resources: [
        ...PROGRAM_EVIDENCE,
        stack(CFN_STACK, cfn({ Policy: bucketPolicy(document(allow({ Resource: "*" })), "acme-website") })),
      ],
      violations: 0,
    },
    {
      name: "a template evidence bucket with a BucketName, named by that literal",
      resources: [
        stack(
          CFN_STACK,
          cfn({
            Evidence: evidenceBucket({ BucketName: "acme-case-files" }),
            Policy: bucketPolicy(document(allow({ Resource: "*" })), "acme-case-files"),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "a bucket named by !Sub of its Ref",
      resources: [
        stack(
          CFN_STACK,
          cfn({ Evidence: evidenceBucket(), Policy: bucketPolicy(document(allow()), { "Fn::Sub": "${Evidence}" }) }),
        ),
      ],
      violations: 1,
    },
    // Tricky: how the document is written.
    {
      name: "a single statement, not a list, with Action as a string",
      resources: [withPolicy({ Version: "2012-10-17", Statement: allow({ Action: "s3:DeleteObjectVersion" }) })],
      violations: 1,
      mentions: "s3:DeleteObjectVersion",
    },
    {
      name: "resources built with Fn::Join and the partition",
      resources: [
        withPolicy(
          document(
            allow({
              Resource: {
                "Fn::Join": ["", ["arn:", { Ref: "AWS::Partition" }, ":s3:::", { Ref: "Evidence" }, "/*"]],
              },
            }),
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "the document as JSON text built with Fn::Sub",
      resources: [
        withPolicy({
          "Fn::Sub": JSON.stringify(document(allow({ Resource: "${Evidence.Arn}/*", Action: "s3:DeleteObject" }))),
        }),
      ],
      violations: 1,
    },
    {
      name: "an IAM policy variable in the resource stays as written",
      resources: [withPolicy(document(allow({ Resource: "arn:aws:s3:::acme/${aws:username}/*" })))],
      violations: 1,
    },
    {
      name: "aws:PrincipalArn like a role of any account, the partition from a pseudo parameter",
      resources: [
        withPolicy(
          document(
            allow({
              Condition: { ArnLike: { "aws:PrincipalArn": { "Fn::Sub": "arn:${AWS::Partition}:iam::*:role/Audit" } } },
            }),
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "aws:PrincipalArn like a role of the stack's account",
      resources: [
        withPolicy(
          document(
            allow({
              Condition: {
                ArnLike: { "aws:PrincipalArn": { "Fn::Sub": "arn:${AWS::Partition}:iam::${AWS::AccountId}:role/*" } },
              },
            }),
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: 'a parameter whose default is "*" as the principal',
      resources: [
        withPolicy(document(allow({ Principal: { AWS: { Ref: "Who" } } })), {
          Parameters: { Who: { Type: "String", Default: "*" } },
        }),
      ],
      violations: 1,
    },
    // Unknown at preview: notes, never a pass or a crash.
    {
      name: "a document from a parameter without a value",
      resources: [withPolicy({ Ref: "Doc" }, { Parameters: { Doc: { Type: "String" } } })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a document imported from another stack",
      resources: [withPolicy({ "Fn::ImportValue": "shared-policy" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "a principal from a parameter without a value",
      resources: [
        withPolicy(document(allow({ Principal: { AWS: { Ref: "Who" } } })), {
          Parameters: { Who: { Type: "String" } },
        }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "an action built on a template resource",
      resources: [withPolicy(document(allow({ Action: { "Fn::Sub": "s3:${Evidence}" } })))],
      violations: 0,
      notes: 1,
    },
    {
      name: "an open policy on a bucket from a parameter without a value, beside the evidence bucket",
      resources: [
        withPolicy(
          document(allow()),
          { Parameters: { Target: { Type: "String" } } },
          {
            Policy: bucketPolicy(document(allow()), { Ref: "Target" }),
          },
        ),
      ],
      violations: 0,
    },
  ]);
});

describe("AWS::S3::BucketPolicy translation", () => {
  const container = TEMPLATE_CONTAINERS.get(CFN_STACK)!;
  const translated = (policyDocument: unknown) => {
    const body = cfn({ Evidence: evidenceBucket(), Policy: bucketPolicy(policyDocument) });
    const reading = readTemplateResources(container, { templateBody: body });
    return reading.resources.find((r) => r.logicalId === "Policy")!;
  };

  it("is the provider's BucketPolicy, its document an object with template parts named", () => {
    const r = translated(
      document(
        allow({
          Principal: { AWS: ACCOUNT_ROOT },
          Resource: OWN_ARNS,
          Action: ["s3:GetObject", { "Fn::Sub": "s3:${Evidence}" }],
        }),
      ),
    );
    expect(r.type).toBe("aws:s3/bucketPolicy:BucketPolicy");
    const statement = (r.props.policy as { Statement: Record<string, unknown>[] }).Statement[0];
    expect(statement.Principal).toEqual({ AWS: "arn:<AWS.Partition>:iam::<AWS.AccountId>:root" });
    expect(statement.Resource).toEqual(["<Evidence.Arn>", "<Evidence.Arn>/*"]);
    const actions = statement.Action as unknown[];
    expect(actions[0]).toBe("s3:GetObject");
    expect(isUnknown(actions[1])).toBe(true);
  });

  it("keeps a document that is not JSON as written, and an unknown one unknown", () => {
    expect(translated("not json").props.policy).toBe("not json");
    expect(isUnknown(translated({ "Fn::ImportValue": "x" }).props.policy)).toBe(true);
  });

  it.each([
    ["null", null],
    ["a number", 7],
    ["a list", [1, [2, { Statement: null }]]],
    ["statements that are not objects", { Statement: [null, 5, "x", [], { Effect: {} }] }],
    ["JSON text nested beyond any policy", { "Fn::Sub": `${"[".repeat(5000)}${"]".repeat(5000)}` }],
  ])("reads a hostile document (%s) without throwing", async (_name, policyDocument) => {
    await expect(runStack(requireEvidenceS3DefaultRetention, [withPolicy(policyDocument)])).resolves.toBeDefined();
  });
});
