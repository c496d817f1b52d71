// A template body the program sets from a Pulumi secret is read as its text, as a secret parameter is: judged, never
// skipped silently. @pulumi/policy unwraps secrets before any rule runs (the last rows go through its decoding); a
// direct caller passing the wrapper reads exactly what the plain body gives, findings and messages alike.
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { advisory, mandatory, run, runStack, UNKNOWN } from "./harness";
import { decodedBySdk, secret, stackAnalyzedBySdk } from "./secret-wire";
import { cfn, ros, stacksNamed } from "./template-bodies";
import { CFN_STACK, ROS_STACK, rule } from "./templates-fixtures";

const adminPorts = rule("disallow-internet-admin-ports");
const stack = stacksNamed("app");

const BUCKET_NAME = "acme-case-evidence-7731";
/** An evidence bucket with a compliant lock and this AccessControl, so that only its ACL is judged. */
const evidenceBucket = (accessControl: string) =>
  cfn({
    Evidence: {
      Type: "AWS::S3::Bucket",
      Properties: {
        BucketName: BUCKET_NAME,
        AccessControl: accessControl,
        Tags: [{ Key: "hardening:evidence", Value: "true" }],
        ObjectLockEnabled: true,
        ObjectLockConfiguration: {
          ObjectLockEnabled: "Enabled",
          Rule: { DefaultRetention: { Mode: "COMPLIANCE", Days: 365 } },
        },
      },
    },
  });
const PUBLIC_ACL_FINDING = 'template resource Evidence (AWS::S3::Bucket): the bucket sets acl "public-read"';

const GROUP_ID = "sg-2f9c41e0d7";
/** A ROS rule letting `source` reach SSH. */
const sshRule = (source: string) =>
  ros({
    Ssh: {
      Type: "ALIYUN::ECS::SecurityGroupIngress",
      Properties: { SecurityGroupId: GROUP_ID, IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: source },
    },
  });

describe("a secret body is read as its text", () => {
  const cfnStack = TEMPLATE_CONTAINERS.get(CFN_STACK)!;
  const body = cfn({ B: { Type: "AWS::S3::Bucket", Properties: { AccessControl: "PublicRead" } } });

  it("its reading is exactly that of the same body passed plainly", () => {
    const read = readTemplateResources(cfnStack, { templateBody: secret(body) });
    expect(read.resources.length).toBeGreaterThan(0);
    expect(read.unreadable).toEqual([]);
    expect(read).toEqual(readTemplateResources(cfnStack, { templateBody: body }));
  });

  it("a body unknown at preview inside the secret is the note an unknown plain body is", () => {
    expect(readTemplateResources(cfnStack, { templateBody: secret(UNKNOWN) })).toEqual({
      resources: [],
      unreadable: ["templateBody is unknown"],
    });
  });

  it("a secret body's unread Transform is said as a plain body's is, naming the macro", () => {
    const transformed = cfn({ B: { Type: "AWS::S3::Bucket" } }, { Transform: "AcmeInternalMacro" });
    const unreadable = ['Transform "AcmeInternalMacro" rewrites it at deployment, and what that adds cannot be read'];
    expect(readTemplateResources(cfnStack, { templateBody: transformed }).unreadable).toEqual(unreadable);
    expect(readTemplateResources(cfnStack, { templateBody: secret(transformed) }).unreadable).toEqual(unreadable);
  });

  it("a templateUrl set from a secret is outside the program; an empty one is none", () => {
    const url = (templateUrl: unknown) =>
      readTemplateResources(cfnStack, { templateBody: body, templateUrl }).unreadable;
    expect(url(secret("https://example.com/t.json"))).toEqual([
      "it is kept outside the program (templateUrl), so its resources cannot be read",
    ]);
    expect(url(secret(""))).toEqual([]);
  });
});

describe("require-evidence-s3-default-retention: a public evidence bucket in a secret CloudFormation body", () => {
  const judge = (templateBody: unknown) =>
    runStack(requireEvidenceS3DefaultRetention, [stack(CFN_STACK, "", { templateBody })]);

  it("is the violation the plain body gives, word for word", async () => {
    const plain = await judge(evidenceBucket("PublicRead"));
    expect(mandatory(plain)).toHaveLength(1);
    expect(plain[0].message).toContain(PUBLIC_ACL_FINDING);
    expect(await judge(secret(evidenceBucket("PublicRead")))).toEqual(plain);
  });

  it("a private evidence bucket in a secret body passes", async () => {
    expect(await judge(evidenceBucket("Private"))).toEqual([]);
    expect(await judge(secret(evidenceBucket("Private")))).toEqual([]);
  });
});

describe("disallow-internet-admin-ports: SSH in a secret ROS body", () => {
  const judge = (templateBody: unknown) => run(adminPorts, ROS_STACK, { templateBody });

  it("open to the internet is the violation the plain body gives, word for word", async () => {
    const plain = await judge(sshRule("0.0.0.0/0"));
    expect(mandatory(plain)).toHaveLength(1);
    expect(plain[0].message).toContain("template resource Ssh (ALIYUN::ECS::SecurityGroupIngress)");
    expect(plain[0].message).toContain("0.0.0.0/0");
    expect(await judge(secret(sshRule("0.0.0.0/0")))).toEqual(plain);
  });

  it("open to a private range passes", async () => {
    expect(await judge(sshRule("10.0.0.0/8"))).toEqual([]);
    expect(await judge(secret(sshRule("10.0.0.0/8")))).toEqual([]);
  });

  it("a secret body unknown at preview is the same note as an unknown plain body", async () => {
    const plain = await judge(UNKNOWN);
    expect(advisory(plain)).toHaveLength(1);
    expect(plain[0].message).toContain("templateBody is unknown");
    expect(await judge(secret(UNKNOWN))).toEqual(plain);
  });
});

describe("through @pulumi/policy's decoding, as under the CLI", () => {
  it("a stack rule reads a secret body as plain text and reports what the plain body gives", async () => {
    const body = evidenceBucket("PublicRead");
    const wrapped = stack(CFN_STACK, "", { templateBody: secret(body) });
    const plain = stack(CFN_STACK, body);
    expect(decodedBySdk(wrapped.props)).toEqual(plain.props);
    const found = await stackAnalyzedBySdk(requireEvidenceS3DefaultRetention, [wrapped]);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(PUBLIC_ACL_FINDING);
    expect(found).toEqual(await stackAnalyzedBySdk(requireEvidenceS3DefaultRetention, [plain]));
    expect(found).toEqual((await runStack(requireEvidenceS3DefaultRetention, [plain])).map((d) => d.message));
  });
});
