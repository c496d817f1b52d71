// The AWS product stack under mocks: every component present and the web/data tiers wired as the issue asks.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, one, recorded, reset, settle, valueOf } from "./mocks";

installMocks();
pulumi.runtime.setAllConfig({
  "aws:region": "us-east-1",
  "hardening-kit:product": "aws",
  "hardening-kit:secondaryRegion": "eu-west-1",
  "hardening-kit:bastionAllowedCidrs": JSON.stringify(["203.0.113.0/28"]),
  "hardening-kit:domain": "shop.example.com",
  "hardening-kit:standbyAddresses": JSON.stringify(["198.51.100.10"]),
});

describe("stacks/aws", () => {
  let stack: Record<string, pulumi.Output<unknown>>;
  beforeAll(async () => {
    reset();
    stack = require("../../../stacks/aws");
    await settle();
  });

  it("composes all eight components", () => {
    const components = [
      "HardenedVpc",
      "Bastion",
      "WebFirewall",
      "TrafficForensics",
      "DnsFailover",
      "AuditTrail",
      "ImmutableBackup",
      "IdentityBaseline",
    ];
    for (const c of components) expect(ofType(`hardening:aws:${c}`)).toHaveLength(1);
  });

  it("opens only the ALB to the internet, the app only to the ALB, the database only to the app", () => {
    const albSg = one("aws:ec2/securityGroup:SecurityGroup", /^web-alb-sg$/);
    expect(albSg.inputs.ingress.map((r: any) => [r.fromPort, r.toPort, r.cidrBlocks])).toEqual([
      [443, 443, ["0.0.0.0/0"]],
      [80, 80, ["0.0.0.0/0"]],
    ]);
    const appSg = one("aws:ec2/securityGroup:SecurityGroup", /^web-app-sg$/);
    expect(appSg.inputs.ingress).toEqual([]);
    const appIngress = ofType("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter(
      (r) => r.inputs.securityGroupId === "web-app-sg-id",
    );
    expect(appIngress.map((r) => [r.inputs.referencedSecurityGroupId, r.inputs.fromPort, r.inputs.cidrIpv4])).toEqual(
      expect.arrayContaining([
        ["web-alb-sg-id", 8080, undefined],
        ["bastion-sg-id", 22, undefined],
      ]),
    );
    expect(appIngress).toHaveLength(2);
    const dbSg = one("aws:ec2/securityGroup:SecurityGroup", /^data-db-sg$/);
    expect(dbSg.inputs.ingress.map((r: any) => [r.fromPort, r.securityGroups, r.cidrBlocks])).toEqual([
      [5432, ["web-app-sg-id"], undefined],
    ]);
    const db = one("aws:rds/instance:Instance");
    expect(db.inputs).toMatchObject({
      publiclyAccessible: false,
      storageEncrypted: true,
      vpcSecurityGroupIds: ["data-db-sg-id"],
    });
    expect(one("aws:rds/subnetGroup:SubnetGroup").inputs.subnetIds).toEqual([
      "core-isolated-0-id",
      "core-isolated-1-id",
      "core-isolated-2-id",
    ]);
  });

  it("keeps the app host private and puts the WAF in front of the ALB", () => {
    const app = one("aws:ec2/instance:Instance", /^web-app-0$/);
    expect(app.inputs).toMatchObject({ associatePublicIpAddress: false, subnetId: "core-private-0-id" });
    expect(app.inputs.metadataOptions.httpTokens).toBe("required");
    expect(one("aws:lb/loadBalancer:LoadBalancer").inputs).toMatchObject({
      internal: false,
      subnets: ["core-public-0-id", "core-public-1-id", "core-public-2-id"],
    });
    expect(one("aws:wafv2/webAclAssociation:WebAclAssociation").inputs.resourceArn).toBe(
      "arn:aws:mock:us-east-1:123456789012:lb/loadBalancer/web-alb",
    );
  });

  it("copies backups with the secondary-region provider and fails DNS over to the other region", async () => {
    const copyVault = one("aws:backup/vault:Vault", /copy/);
    expect(copyVault.provider).toMatch(/::secondary::/);
    expect(ofType("aws:route53/record:Record", /app-dns/).map((r) => r.inputs.failoverRoutingPolicies)).toEqual(
      expect.arrayContaining([[{ type: "PRIMARY" }], [{ type: "SECONDARY" }]]),
    );
    expect(await valueOf(stack.appUrl)).toBe("https://app.shop.example.com");
    expect(recorded.filter((r) => r.type === "pulumi:providers:aws").map((r) => r.inputs.region)).toEqual([
      "eu-west-1",
    ]);
  });
});
