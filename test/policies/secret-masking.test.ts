// Policy messages reach preview output, CI logs and pull-request comments, and @pulumi/policy unwraps every secret
// before a rule runs: the pack masks them itself (policies/lib/secret-values.ts, on the report path in
// report-findings.ts). Every row goes through the SDK's own Analyze or AnalyzeStack handler with the pack's decode hook
// installed, as under the CLI: the resource given a secret is reported exactly as with the plain value (same policies,
// levels and count), and each message is the plain one with the value shown as "[secret]".
import * as path from "path";
import { ResourceValidation, ResourceValidationPolicy } from "@pulumi/policy";
import { analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { requireThreatDetection } from "../../policies/stack/require-threat-detection";
import { resourceSecrets, secretsOf } from "../../policies/lib/secret-values";
import { rawProps } from "../../lib/values";
import { analyzeThroughHandler } from "./analyze-handler";
import { Diagnostic, StackInput, urnOf } from "./harness";
import { analyzedBySdk, decodedBySdk, secret, stackAnalyzedBySdk } from "./secret-wire";
import { cfn, ros } from "./template-bodies";
import { CFN_STACK, ROS_STACK } from "./templates-fixtures";
import { requireLockedBackupVaults } from "../../policies/rules/require-locked-backup-vaults";

const MASK = "[secret]";
/** A public Alibaba Cloud range: broad enough to be a finding, distinctive enough that finding it means a leak. */
const CIDR = "47.100.0.0/16";
const RDS = "alicloud:rds/instance:Instance";
const EC2 = "aws:ec2/instance:Instance";

const verdicts = (ds: Diagnostic[]) => ds.map((d) => [d.policy, d.level]);
const masked = (message: string, ...values: string[]) => values.reduce((m, v) => m.split(v).join(MASK), message);

/** The pack's diagnostics for the resource given `plain`, then `wrapped`: same verdicts, the secret never shown. */
async function expectMasked(type: string, plain: object, wrapped: object, values: string[], shown = values) {
  const open = await analyzeThroughHandler(type, "res", plain as Record<string, unknown>);
  const hidden = await analyzeThroughHandler(type, "res", wrapped as Record<string, unknown>);
  expect(open.length).toBeGreaterThan(0);
  expect(verdicts(hidden)).toEqual(verdicts(open));
  for (const v of shown) expect(open.some((d) => d.message.includes(v))).toBe(true);
  for (const d of hidden) for (const v of values) expect(d.message).not.toContain(v);
  expect(hidden.map((d) => d.message)).toEqual(open.map((d) => masked(d.message, ...values)));
  return hidden;
}

describe("resource rules: a secret value the message quotes is shown as [secret]", () => {
  it("a database whitelist given as a secret", async () => {
    const hidden = await expectMasked(RDS, { securityIps: [CIDR] }, { securityIps: secret([CIDR]) }, [CIDR]);
    expect(hidden.map((d) => d.policy)).toContain("disallow-public-managed-databases");
  });

  it("one secret entry among plain ones: only it is masked", async () => {
    const plain = { securityIps: ["10.0.0.0/8", CIDR, "0.0.0.0/0"] };
    const wrapped = { securityIps: ["10.0.0.0/8", secret(CIDR), "0.0.0.0/0"] };
    const hidden = await expectMasked(RDS, plain, wrapped, [CIDR]);
    expect(hidden.some((d) => d.message.includes("0.0.0.0/0"))).toBe(true);
  });

  it("user data given as a secret: the line it quotes is masked whole, as are the values it spells", async () => {
    const url = "https://files.acme-internal.example/keys/ops.pub";
    const line = `curl -s ${url} >> /root/.ssh/authorized_keys`;
    const script = `#!/bin/bash\n${line}\n`;
    // The quoted line whole, then the script's value-like words the message may quote apart from it.
    const pieces = [line, "//files.acme-internal.example/keys/ops.pub", "/root/.ssh/authorized_keys"];
    const hidden = await expectMasked(
      EC2,
      { ami: "a", userData: script },
      { ami: "a", userData: secret(script) },
      pieces,
    );
    expect(hidden.map((d) => d.policy)).toEqual(["disallow-userdata-login-weakening"]);
    expect(hidden[0].message).not.toContain("acme-internal");
    expect(hidden[0].message).not.toContain("curl");
  });

  it("user data given base64-encoded as a secret: the decoded line it quotes is masked too", async () => {
    const line = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # ticket-4711";
    const encoded = Buffer.from(`#!/bin/bash\n${line}\n`).toString("base64");
    const hidden = await expectMasked(
      EC2,
      { ami: "a", userDataBase64: encoded },
      { ami: "a", userDataBase64: secret(encoded) },
      [line],
    );
    expect(hidden.map((d) => d.policy)).toEqual(["disallow-userdata-login-weakening"]);
    expect(hidden[0].message).not.toContain("ticket-4711");
  });
});

describe("template rules: a secret template body's values are masked in what it deploys", () => {
  const sshFrom = (source: string) =>
    ros({
      Ssh: {
        Type: "ALIYUN::ECS::SecurityGroupIngress",
        Properties: { SecurityGroupId: "sg-1", IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: source },
      },
    });

  it("SSH open to a public range in a secret ROS body", async () => {
    const body = sshFrom(CIDR);
    const hidden = await expectMasked(ROS_STACK, { templateBody: body }, { templateBody: secret(body) }, [CIDR]);
    expect(hidden.map((d) => d.policy)).toContain("disallow-public-high-risk-ports");
    expect(hidden.every((d) => d.message.includes("template resource Ssh (ALIYUN::ECS::SecurityGroupIngress)"))).toBe(
      true,
    );
  });

  it("a secret body's logical id that looks like a value is masked in the label too", async () => {
    const body = ros({
      "Ssh-Prod-2024": {
        Type: "ALIYUN::ECS::SecurityGroupIngress",
        Properties: { SecurityGroupId: "sg-1", IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: CIDR },
      },
    });
    const hidden = await expectMasked(ROS_STACK, { templateBody: body }, { templateBody: secret(body) }, [
      CIDR,
      "Ssh-Prod-2024",
    ]);
    expect(
      hidden.every((d) => d.message.includes("template resource [secret] (ALIYUN::ECS::SecurityGroupIngress)")),
    ).toBe(true);
  });

  it("the same body given plainly with its CIDR as a secret parameter", async () => {
    const body = ros(
      {
        Ssh: {
          Type: "ALIYUN::ECS::SecurityGroupIngress",
          Properties: { SecurityGroupId: "sg-1", IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: { Ref: "Src" } },
        },
      },
      { Parameters: { Src: { Type: "String" } } },
    );
    const entry = (value: unknown) => [{ parameterKey: "Src", parameterValue: value }];
    const plain = { templateBody: body, parameters: entry(CIDR) };
    await expectMasked(ROS_STACK, plain, { templateBody: body, parameters: entry(secret(CIDR)) }, [CIDR]);
  });
});

describe("stack rules: a message masks the secrets of the resource it is about", () => {
  const BUCKET = "acme-audit-logs-7731";
  const trail = (bucket: unknown): StackInput => ({
    type: "aws:cloudtrail/trail:Trail",
    name: "audit",
    props: { name: "audit", s3BucketName: bucket, isMultiRegionTrail: true, enableLogFileValidation: true },
  });
  /** Another resource that holds the trail's bucket name as a secret. */
  const parameter = (value: unknown): StackInput => ({
    type: "aws:ssm/parameter:Parameter",
    name: "audit-bucket",
    props: { name: "audit-bucket", type: "String", value },
  });

  async function judged(resources: StackInput[]) {
    return stackAnalyzedBySdk(requireEvidenceS3DefaultRetention, resources);
  }

  it("the note naming a trail's bucket outside the stack, the name given as a secret", async () => {
    const open = await judged([trail(BUCKET)]);
    expect(open).toHaveLength(1);
    expect(open[0]).toContain(`bucket "${BUCKET}"`);
    expect(await judged([trail(secret(BUCKET))])).toEqual(open.map((m) => masked(m, BUCKET)));
  });

  it("only the secrets of the resource a message is about: a value given to it plainly is plain there", async () => {
    // A value reaching the trail from another resource's output would stay secret on the trail too; written plainly
    // into the trail, it is plain in the program, and masking every secret of the stack in every message blanked
    // plain evidence and grew with the square of the stack.
    const open = await judged([trail(BUCKET), parameter(BUCKET)]);
    expect(open).toHaveLength(1);
    expect(open[0]).toContain(BUCKET);
    expect(await judged([trail(BUCKET), parameter(secret(BUCKET))])).toEqual(open);
  });

  it("a secret of another resource does not blank a plain finding's evidence", async () => {
    const open = await judged([trail(secret(BUCKET)), parameter("audit")]);
    expect(await judged([trail(secret(BUCKET)), parameter(secret("audit"))])).toEqual(open);
    expect(open.every((m) => m.includes("audit logs"))).toBe(true);
  });
});

describe("pieces a rule reads out of a secret document or script", () => {
  const weak = "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config # mallory";
  const instanceWith = (userData: unknown) =>
    cfn({ Web: { Type: "AWS::EC2::Instance", Properties: { ImageId: "ami-1", UserData: userData } } });
  const bodyLeaks = async (body: string) => {
    const hidden = await analyzeThroughHandler(CFN_STACK, "res", { templateBody: secret(body) });
    expect(hidden.map((d) => d.policy)).toContain("disallow-userdata-login-weakening");
    return hidden.filter((d) => d.message.includes("mallory"));
  };

  it("a script in a secret template body, escaped in JSON", async () => {
    expect(await bodyLeaks(instanceWith({ "Fn::Base64": `#!/bin/bash\n${weak}\n` }))).toEqual([]);
  });

  it("base64 user data in a secret template body", async () => {
    expect(await bodyLeaks(instanceWith(Buffer.from(`#!/bin/bash\n${weak}\n`).toString("base64")))).toEqual([]);
  });

  it("a secret script line longer than a message quotes", async () => {
    const line = `${weak}, owned by the platform team, contact the on-call engineer, rotate quarterly per runbook`;
    const hidden = await analyzeThroughHandler(EC2, "res", { ami: "a", userData: secret(`#!/bin/bash\n${line}\n`) });
    expect(hidden.map((d) => d.policy)).toEqual(["disallow-userdata-login-weakening"]);
    expect(hidden[0].message).not.toContain("mallory");
    expect(hidden[0].message).not.toContain("on-call");
  });

  it("a stack message about a resource of a secret body names it by a masked logical id", async () => {
    const body = cfn({
      "Vault-Prod-2024": { Type: "AWS::Backup::BackupVault", Properties: { BackupVaultName: "acme-recovery-7731" } },
    });
    const hidden = await stackAnalyzedBySdk(requireLockedBackupVaults, [
      { type: CFN_STACK, name: "backups", props: { templateBody: secret(body) } },
    ]);
    expect(hidden.length).toBeGreaterThan(0);
    for (const m of hidden) {
      expect(m).not.toContain("Vault-Prod-2024");
      expect(m).not.toContain("acme-recovery-7731");
    }
  });
});

describe("exemption notes quote the findings masked", () => {
  const exempt = {
    exemptions: [
      { resource: "res", reason: "accepted while the data team migrates", owner: "data", expires: "2999-12-31" },
    ],
  };
  /** The rule as the SDK runs it, reading this config (no Configure call in process). */
  const configured = (policy: ResourceValidationPolicy): ResourceValidationPolicy => ({
    ...policy,
    validateResource: (args, report) =>
      (policy.validateResource as ResourceValidation)({ ...args, getConfig: <T>() => exempt as T }, report),
  });

  it("the note that would report a secret whitelist entry", async () => {
    const rule = configured(disallowPublicManagedDatabases);
    const open = await analyzedBySdk(rule, RDS, { securityIps: [CIDR] });
    expect(open).toHaveLength(1);
    expect(open[0]).toMatch(/^exempted until 2999-12-31 by data: .*would report: .*47\.100\.0\.0\/16/);
    expect(await analyzedBySdk(rule, RDS, { securityIps: secret([CIDR]) })).toEqual([masked(open[0], CIDR)]);
  });
});

describe("what carries no secret is reported as before", () => {
  it("a resource without a secret: nothing remembered, its value quoted", async () => {
    const props = { securityIps: [CIDR] };
    expect(secretsOf(decodedBySdk(props))).toEqual([]);
    const ds = await analyzeThroughHandler(RDS, "res", props);
    expect(ds.some((d) => d.message.includes(CIDR) && !d.message.includes(MASK))).toBe(true);
  });

  it("a secret shorter than four characters or a boolean is not masked", async () => {
    // The ROS port range "22" as a secret would blank "22" in every word: it is left visible.
    const decoded = decodedBySdk({ port: secret("22"), open: secret(true), cidr: secret(CIDR) });
    expect(secretsOf(decoded)).toEqual([CIDR]);
  });
});

describe("a provider's secret inputs are among its resources' secrets", () => {
  const sdk = loadPolicySdk(path.join(__dirname, "../.."));
  const policyDir = path.dirname(require.resolve("@pulumi/policy/server"));
  const { AnalyzerProviderResource } = require(
    require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }),
  );
  const PROVIDER = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::standby";

  /** What require-threat-detection reports for one instance managed by a provider with these inputs. */
  async function threatDetection(providerProps: Record<string, unknown>): Promise<string[]> {
    const type = "aws:ec2/instance:Instance";
    const sent = analyzeStackRequest(sdk.messages, [
      { type, name: "web", urn: urnOf(type, "web"), props: { ami: "a" } },
    ]);
    const provider = new AnalyzerProviderResource();
    provider.setType("pulumi:providers:aws");
    provider.setName("standby");
    provider.setUrn(PROVIDER);
    provider.setProperties(sdk.messages.Struct.fromJavaScript(providerProps));
    sent.getResourcesList()[0].setProvider(provider);
    const request = sdk.messages.AnalyzeStackRequest.deserializeBinary(sent.serializeBinary());
    const pack = new InProcessPack(sdk, "secret-masking", [requireThreatDetection]);
    return (await pack.analyzeStack(request)).diagnostics.map((d) => d.message);
  }

  it("a stack message quoting the provider's region, the region given as a secret", async () => {
    const REGION = "eu-central-2";
    const open = await threatDetection({ region: REGION });
    expect(open).toHaveLength(1);
    expect(open[0]).toContain(`(provider standby, region ${REGION})`);
    expect(await threatDetection({ region: secret(REGION) })).toEqual(open.map((m) => masked(m, REGION)));
  });

  it("through the SDK's decoding of the resource and of its provider", () => {
    const props = decodedBySdk({ securityIps: [CIDR] });
    const provider = {
      props: decodedBySdk({ region: "cn-hangzhou", assumeRole: secret('{"roleArn":"acs:ram::1234567890:role/ops"}') }),
    };
    expect(resourceSecrets({ props })).toEqual([]);
    expect(resourceSecrets({ props, provider })).toEqual(
      expect.arrayContaining(['{"roleArn":"acs:ram::1234567890:role/ops"}', "1234567890", "role/ops"]),
    );
    expect(secretsOf(rawProps(provider.props))).toEqual(resourceSecrets({ props, provider }));
  });
});
