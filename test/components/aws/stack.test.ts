// The AWS product stack under mocks: the regional part built in both regions, the account-wide parts once, and the
// web/data tiers wired as the issue asks. The engine-level acceptance check (pack, exposures) is
// test/stacks/aws-product.test.ts.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, one, recorded, reset, settle, valueOf } from "./mocks";
import { awsSecurityGroupIdOf } from "../mock-ids";

installMocks();
pulumi.runtime.setAllConfig({
  "aws:region": "us-east-1",
  "hardening-kit:product": "aws",
  "hardening-kit:standby": JSON.stringify({ region: "eu-west-1", vpcCidr: "10.30.0.0/16" }),
  "hardening-kit:bastionAllowedCidrs": JSON.stringify(["203.0.113.0/28"]),
  "hardening-kit:domain": "shop.example.com",
});

/** Each region and its name prefix: the primary keeps its one-region names. */
const REGIONS = [
  ["primary", ""],
  ["standby", "standby-"],
] as const;
const exactly = (name: string) => new RegExp(`^${name}$`);

describe("stacks/aws", () => {
  let stack: Record<string, pulumi.Output<unknown>>;
  beforeAll(async () => {
    reset();
    stack = require("../../../stacks/aws");
    await settle();
  });

  it("builds the regional components in both regions and the account-wide ones once", () => {
    const names = (c: string) => ofType(`hardening:aws:${c}`).map((r) => r.name);
    expect(names("HardenedVpc")).toEqual(["core", "standby-core"]);
    expect(names("Bastion")).toEqual(["bastion", "standby-bastion"]);
    expect(names("WebFirewall")).toEqual(["edge", "standby-edge"]);
    expect(names("TrafficForensics")).toEqual(["forensics", "standby-forensics"]);
    expect(names("ThreatDetection")).toEqual(["threat-detection", "standby-threat-detection"]);
    for (const c of ["DnsFailover", "AuditTrail", "ImmutableBackup", "IdentityBaseline"]) {
      expect(names(c)).toHaveLength(1);
    }
  });

  it.each(REGIONS)(
    "opens only the ALB to the internet, the app only to the ALB, the database only to the app (%s)",
    (_region, p) => {
      const albSg = one("aws:ec2/securityGroup:SecurityGroup", exactly(`${p}web-alb-sg`));
      expect(albSg.inputs.ingress.map((r: any) => [r.fromPort, r.toPort, r.cidrBlocks])).toEqual([
        [443, 443, ["0.0.0.0/0"]],
        [80, 80, ["0.0.0.0/0"]],
      ]);
      const appSg = one("aws:ec2/securityGroup:SecurityGroup", exactly(`${p}web-app-sg`));
      expect(appSg.inputs.ingress).toEqual([]);
      const appIngress = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
        (r) => r.inputs.securityGroupId === awsSecurityGroupIdOf(`${p}web-app-sg`),
      );
      expect(appIngress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4])).toEqual(
        expect.arrayContaining([
          [awsSecurityGroupIdOf(`${p}web-alb-sg`), 8080, undefined],
          [awsSecurityGroupIdOf(`${p}bastion-sg`), 22, undefined],
        ]),
      );
      expect(appIngress).toHaveLength(2);
      const dbSg = one("aws:ec2/securityGroup:SecurityGroup", exactly(`${p}data-db-sg`));
      expect(dbSg.inputs.ingress.map((r: any) => [r.fromPort, r.securityGroups, r.cidrBlocks])).toEqual([
        [5432, [awsSecurityGroupIdOf(`${p}web-app-sg`)], undefined],
      ]);
      const db = one("aws:rds/instance:Instance", exactly(`${p}data-db`));
      expect(db.inputs).toMatchObject({
        publiclyAccessible: false,
        storageEncrypted: true,
        vpcSecurityGroupIds: [awsSecurityGroupIdOf(`${p}data-db-sg`)],
      });
      expect(one("aws:rds/subnetGroup:SubnetGroup", exactly(`${p}data-db-subnets`)).inputs.subnetIds).toEqual([
        `${p}core-isolated-0-id`,
        `${p}core-isolated-1-id`,
        `${p}core-isolated-2-id`,
      ]);
    },
  );

  it.each(REGIONS)("keeps the app host private and puts the WAF in front of the ALB (%s)", (_region, p) => {
    const app = one("aws:ec2/instance:Instance", exactly(`${p}web-app-0`));
    expect(app.inputs).toMatchObject({ associatePublicIpAddress: false, subnetId: `${p}core-private-0-id` });
    expect(app.inputs.metadataOptions.httpTokens).toBe("required");
    expect(one("aws:lb/loadBalancer:LoadBalancer", exactly(`${p}web-alb`)).inputs).toMatchObject({
      internal: false,
      subnets: [`${p}core-public-0-id`, `${p}core-public-1-id`, `${p}core-public-2-id`],
    });
    // The mocks' ARNs all name the stack's region; the load balancer's name is what ties the WAF to its ALB.
    expect(one("aws:wafv2/webAclAssociation:WebAclAssociation", new RegExp(`^${p}edge-`)).inputs.resourceArn).toMatch(
      new RegExp(`:lb/loadBalancer/${p}web-alb$`),
    );
  });

  it.each(REGIONS)(
    "detects threats in each region and pages red through that region's own topic (%s)",
    (_region, p) => {
      expect(one("aws:guardduty/detector:Detector", exactly(`${p}threat-detection-detector`)).inputs.enable).toBe(true);
      const red = one("aws:cloudwatch/eventTarget:EventTarget", exactly(`${p}threat-detection-red-target`));
      const topic = one("aws:sns/topic:Topic", exactly(`${p}threat-detection-red`));
      expect(red.inputs.arn).toMatch(new RegExp(`:sns:[a-z0-9-]+:\\d{12}:${p}threat-detection-red$`));
      expect(red.provider ?? "").toBe(topic.provider ?? "");
      expect(one("aws:s3/bucket:Bucket", exactly(`${p}threat-detection-findings`)).inputs.bucket).toBe(
        `${p}threat-detection-findings-123456789012`,
      );
    },
  );

  it("gives the standby distinct cloud names where names are regional but must not collide", () => {
    expect(one("aws:rds/instance:Instance", exactly("data-db")).inputs.identifier).toBe("hardening-kit-app");
    expect(one("aws:rds/instance:Instance", exactly("standby-data-db")).inputs.identifier).toBe(
      "hardening-kit-app-standby",
    );
    // Only the primary is selected by the backup plan, which runs in the primary region.
    expect(one("aws:rds/instance:Instance", exactly("standby-data-db")).inputs.tags).toEqual({});
    expect(one("aws:rds/instance:Instance", exactly("data-db")).inputs.tags).toEqual({ backup: "true" });
  });

  it("places the standby and the backup copy with the standby provider, and fails DNS over between the ALBs", async () => {
    expect(recorded.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.inputs.region)).toEqual([
      "eu-west-1",
    ]);
    const standby = recorded.filter((r) => r.name.startsWith("standby-") && !r.type.startsWith("hardening:"));
    expect(standby.length).toBeGreaterThan(0);
    expect(standby.filter((r) => !/::secondary::/.test(r.provider ?? "")).map((r) => r.name)).toEqual([]);
    expect(one("aws:backup/vault:Vault", /copy/).provider).toMatch(/::secondary::/);
    // Which ALB each side aliases is checked on the engine's dependency graph (mocks give ALBs no DNS name).
    const records = ofType("aws:route53/record:Record", /^app-dns-/);
    expect(records.map((r) => [r.inputs.failoverRoutingPolicies, r.inputs.type, r.inputs.aliases.length])).toEqual([
      [[{ type: "PRIMARY" }], "A", 1],
      [[{ type: "SECONDARY" }], "A", 1],
    ]);
    expect(await valueOf(stack.appUrl)).toBe("https://app.shop.example.com");
  });
});
