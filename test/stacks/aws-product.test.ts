// The AWS product (stack aws-prod) through the offline preview engine and the kit's pack, as `npm run preview` runs
// it: the acceptance check of issue 7 item 1 and of issue 3's composed stack. Runs the compiled program and pack
// from dist/ (`npm test` builds it first) and fails when they are missing.
import { existsSync } from "fs";
import * as path from "path";
import { loadStackConfig, readProject } from "../../engine/config";
import type { Registration } from "../../engine/model";
import { LocalMonitor } from "../../engine/monitor";
import { runPreview, type PreviewResult } from "../../engine/preview";
import { parseProviderRef } from "../../engine/urn";

const root = path.resolve(__dirname, "../..");
const STACK = "aws-prod";
const PROGRAM = path.join(root, "dist/stacks/index.js");
const PACK_ENTRY = path.join(root, "policies/dist/index.js");
const urn = (typePath: string, name: string) => `urn:pulumi:${STACK}::hardening-kit::${typePath}::${name}`;
/** The standby region's explicit provider (its one-region name, kept so the backup copy vault is not replaced). */
const STANDBY_PROVIDER = urn("pulumi:providers:aws", "secondary");
/** Route 53 health-check metrics, their failover alarm and the topic it pages are in us-east-1 whatever the regions. */
const FAILOVER_PAGES = "failover-pages";

/** What each region holds, by type: both regions must have exactly these counts. */
const PER_REGION: Record<string, number> = {
  "hardening:aws:HardenedVpc": 1,
  "hardening:aws:Bastion": 1,
  "hardening:aws:WebFirewall": 1,
  "hardening:aws:TrafficForensics": 1,
  "hardening:aws:ThreatDetection": 1,
  "aws:ec2/vpc:Vpc": 1,
  "aws:ec2/subnet:Subnet": 9,
  "aws:ec2/natGateway:NatGateway": 3,
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": 1,
  "aws:ec2/networkAcl:NetworkAcl": 3,
  "aws:ec2/flowLog:FlowLog": 2,
  "aws:ec2/vpcEndpoint:VpcEndpoint": 4,
  "aws:ec2/instance:Instance": 3,
  "aws:ec2/launchTemplate:LaunchTemplate": 1,
  "aws:lb/loadBalancer:LoadBalancer": 1,
  "aws:lb/listener:Listener": 2,
  "aws:lb/targetGroupAttachment:TargetGroupAttachment": 1,
  "aws:acm/certificate:Certificate": 1,
  "aws:wafv2/webAcl:WebAcl": 1,
  "aws:wafv2/webAclAssociation:WebAclAssociation": 1,
  "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": 1,
  "aws:rds/instance:Instance": 1,
  "aws:rds/subnetGroup:SubnetGroup": 1,
  "aws:ec2/trafficMirrorSession:TrafficMirrorSession": 1,
  "aws:guardduty/detector:Detector": 1,
  "aws:guardduty/detectorFeature:DetectorFeature": 3,
  "aws:guardduty/publishingDestination:PublishingDestination": 1,
  "aws:cloudwatch/eventRule:EventRule": 3,
  "aws:cloudwatch/eventTarget:EventTarget": 3,
  "aws:sns/topic:Topic": 3,
};

/** Account-wide or cross-region parts, once per product. */
const ONCE: Record<string, number> = {
  "hardening:aws:AuditTrail": 1,
  "hardening:aws:IdentityBaseline": 1,
  "hardening:aws:ImmutableBackup": 1,
  "hardening:aws:DnsFailover": 1,
  "aws:cloudtrail/trail:Trail": 1,
  "aws:iam/accountPasswordPolicy:AccountPasswordPolicy": 1,
  "aws:route53/zone:Zone": 1,
  "aws:route53/healthCheck:HealthCheck": 2,
  "aws:backup/vault:Vault": 2,
  "aws:backup/vaultLockConfiguration:VaultLockConfiguration": 2,
  "pulumi:providers:aws": 1,
};

/** URNs the primary had as a one-region estate: they must not move (a moved URN is a replaced resource). */
const PRIMARY_URNS = [
  urn("hardening:aws:HardenedVpc", "core"),
  urn("hardening:aws:HardenedVpc$aws:ec2/vpc:Vpc", "core-vpc"),
  urn("hardening:aws:Bastion$aws:ec2/instance:Instance", "bastion-host"),
  urn("aws:lb/loadBalancer:LoadBalancer", "web-alb"),
  urn("aws:ec2/instance:Instance", "web-app-0"),
  urn("aws:rds/instance:Instance", "data-db"),
  urn("hardening:aws:WebFirewall", "edge"),
  urn("hardening:aws:TrafficForensics", "forensics"),
  urn("hardening:aws:ThreatDetection", "threat-detection"),
  urn("aws:ec2/instance:Instance", "forensics-sensor"),
  urn("hardening:aws:ImmutableBackup", "backup"),
  urn("hardening:aws:DnsFailover", "app-dns"),
  STANDBY_PROVIDER,
];

const isStandby = (r: { name: string }) => r.name.startsWith("standby-");
const configValues = () => loadStackConfig(root, readProject(root), STACK).values;

let result: PreviewResult;
/** The engine's own registrations (they carry the provider reference the JSON document leaves out). */
let registrations: Registration[];

beforeAll(async () => {
  for (const built of [PROGRAM, PACK_ENTRY]) {
    if (!existsSync(built)) throw new Error(`${built} is missing: run \`npm run build\` first (npm test does).`);
  }
  const finish = jest.spyOn(LocalMonitor.prototype, "finish");
  try {
    result = await runPreview({ stack: STACK, cwd: root, program: PROGRAM, policyPacks: ["policies"] });
    registrations = finish.mock.results[0].value as Registration[];
  } finally {
    finish.mockRestore();
  }
}, 300_000);

const ofType = (type: string) => result.resources.filter((r) => r.type === type);
const named = (name: string, type?: string) => {
  const found = result.resources.filter((r) => r.name === name && (!type || r.type === type));
  if (found.length !== 1) throw new Error(`expected one resource named ${name}, found ${found.length}`);
  return found[0];
};

describe("the aws-prod preview", () => {
  it("passes the pack with no violation, mandatory or advisory", () => {
    expect(result.packs.map((p) => p.name)).toEqual(["hardening-kit"]);
    expect(result.diagnostics.map((d) => `${d.enforcementLevel} ${d.policyName} on ${d.urn}`)).toEqual([]);
    expect(result.summary).toMatchObject({ mandatory: 0, advisory: 0 });
    expect(result.logs.filter((l) => l.severity !== "info")).toEqual([]);
  });

  it("builds the same regional estate in both regions", () => {
    const counts = Object.keys(PER_REGION).map((type) => {
      const all = ofType(type).filter((r) => r.name !== FAILOVER_PAGES);
      const standby = all.filter(isStandby).length;
      return [type, all.length - standby, standby];
    });
    expect(counts).toEqual(Object.entries(PER_REGION).map(([type, n]) => [type, n, n]));
  });

  it("holds the account-wide parts once", () => {
    const counts = Object.keys(ONCE).map((type) => [type, ofType(type).length]);
    expect(counts).toEqual(Object.entries(ONCE));
    expect(named("audit-trail").inputs).toMatchObject({ isMultiRegionTrail: true, enableLogFileValidation: true });
    // The failover alarm pages a topic beside it, in us-east-1 where Route 53 publishes health-check metrics.
    const alarm = named("app-dns-primary-unhealthy");
    expect(alarm.inputs.region).toBe("us-east-1");
    expect(alarm.propertyDependencies.alarmActions).toEqual([named(FAILOVER_PAGES).urn]);
    expect(named(FAILOVER_PAGES).inputs.region).toBe("us-east-1");
  });

  it("keeps the primary's one-region URNs", () => {
    const urns = new Set(result.resources.map((r) => r.urn));
    expect(PRIMARY_URNS.filter((u) => !urns.has(u))).toEqual([]);
  });

  it("keeps each region's flow-log evidence write-once", () => {
    for (const name of ["forensics-evidence-object-lock", "standby-forensics-evidence-object-lock"]) {
      expect(named(name).inputs.rule).toEqual({ defaultRetention: { days: 365, mode: "COMPLIANCE" } });
    }
  });

  it("pages each region's red responder on GuardDuty findings of that region's enabled detector", () => {
    for (const prefix of ["", "standby-"]) {
      expect(named(`${prefix}threat-detection-detector`).inputs).toMatchObject({ enable: true });
      const rule = named(`${prefix}threat-detection-red`, "aws:cloudwatch/eventRule:EventRule");
      expect(JSON.parse(rule.inputs.eventPattern as string)).toMatchObject({ source: ["aws.guardduty"] });
      const target = named(`${prefix}threat-detection-red-target`);
      expect(target.propertyDependencies.rule).toEqual([rule.urn]);
      expect(target.propertyDependencies.arn).toEqual([
        named(`${prefix}threat-detection-red`, "aws:sns/topic:Topic").urn,
      ]);
    }
  });

  it("logs every flow of each VPC to CloudWatch Logs and to the evidence bucket", () => {
    for (const vpcName of ["core-vpc", "standby-core-vpc"]) {
      const vpc = named(vpcName);
      const logs = ofType("aws:ec2/flowLog:FlowLog").filter((f) => f.propertyDependencies.vpcId?.includes(vpc.urn));
      expect(logs.map((f) => [f.inputs.trafficType, f.inputs.logDestinationType]).sort()).toEqual([
        ["ALL", "cloud-watch-logs"],
        ["ALL", "s3"],
      ]);
    }
  });
});

describe("regions and providers", () => {
  const providerOf = (r: Registration) => parseProviderRef(r.provider)?.urn ?? "default";

  it("creates the standby provider for the configured standby region", () => {
    const standby = JSON.parse(configValues()["hardening-kit:standby"]);
    const provider = registrations.find((r) => r.urn === STANDBY_PROVIDER)!;
    expect(provider.inputs.region).toBe(standby.region);
    expect(standby.region).not.toBe(configValues()["aws:region"]);
  });

  it("creates every standby resource, and only those and the backup copy, with the standby provider", () => {
    const custom = registrations.filter((r) => r.custom && !r.type.startsWith("pulumi:"));
    const standby = custom.filter(isStandby);
    // Each standby resource is the twin of a primary one: same type, same name after the prefix.
    const primaryKeys = new Set(custom.filter((r) => !isStandby(r)).map((r) => `${r.type} ${r.name}`));
    const twinless = standby.filter((r) => !primaryKeys.has(`${r.type} ${r.name.slice("standby-".length)}`));
    expect(standby.length).toBeGreaterThan(0);
    expect(twinless.map((r) => r.name)).toEqual([]);
    expect(standby.filter((r) => providerOf(r) !== STANDBY_PROVIDER).map((r) => r.name)).toEqual([]);
    // ImmutableBackup's copy side lives in the standby region: vault, its lock and its key.
    const others = custom.filter((r) => !isStandby(r) && providerOf(r) === STANDBY_PROVIDER).map((r) => r.name);
    expect(others.sort()).toEqual(["backup-copy-vault", "backup-copy-vault-key", "backup-copy-vault-lock"]);
    // Everything else is in the primary region, through the stack's default provider.
    expect(custom.filter((r) => !isStandby(r) && providerOf(r) === "default")).toHaveLength(
      custom.length - standby.length - others.length,
    );
  });

  it("reads zones, AMIs and endpoint names from each resource's own region", () => {
    const values = configValues();
    const regions = { primary: values["aws:region"], standby: JSON.parse(values["hardening-kit:standby"]).region };
    for (const [role, prefix] of [
      ["primary", ""],
      ["standby", "standby-"],
    ] as const) {
      expect(named(`${prefix}core-public-0`).inputs.availabilityZone).toBe(`${regions[role]}a`);
      expect(named(`${prefix}core-ssm-endpoint`).inputs.serviceName).toBe(`com.amazonaws.${regions[role]}.ssm`);
    }
    expect(named("bastion-host").inputs.ami).not.toBe(named("standby-bastion-host").inputs.ami);
  });
});

describe("DNS failover", () => {
  it("answers PRIMARY with the primary ALB and SECONDARY with the standby ALB, each health-checked at its ALB", () => {
    const albs = { PRIMARY: named("web-alb").urn, SECONDARY: named("standby-web-alb").urn };
    const records = ofType("aws:route53/record:Record").filter((r) => r.name.startsWith("app-dns-"));
    const checks = new Map(ofType("aws:route53/healthCheck:HealthCheck").map((c) => [c.urn, c]));
    expect(records).toHaveLength(2);
    for (const record of records) {
      const side = (record.inputs.failoverRoutingPolicies as { type: "PRIMARY" | "SECONDARY" }[])[0].type;
      expect(record.inputs.type).toBe("A");
      expect(record.propertyDependencies.aliases).toEqual([albs[side]]);
      const check = checks.get(record.propertyDependencies.healthCheckId[0])!;
      expect(check.inputs).toMatchObject({ type: "HTTPS", port: 443, resourcePath: "/health" });
      expect(check.propertyDependencies.fqdn).toEqual([albs[side]]);
    }
    expect(records.map((r) => (r.inputs.failoverRoutingPolicies as { type: string }[])[0].type).sort()).toEqual([
      "PRIMARY",
      "SECONDARY",
    ]);
  });
});

describe("exposures", () => {
  const allowList = () => JSON.parse(configValues()["hardening-kit:bastionAllowedCidrs"]) as string[];
  const tagsOf = (resourceUrn: string) =>
    (result.resources.find((r) => r.urn === resourceUrn)?.inputs.tags ?? {}) as Record<string, string>;

  /** Why a row is acceptable, or undefined when it is not. */
  function allowed(e: PreviewResult["exposures"][number]): string | undefined {
    const tags = tagsOf(e.urn);
    if (e.ports === "22" && tags["hardening:role"] === "bastion") {
      const own = (tags["hardening:allowed-cidrs"] ?? "").split(" ");
      if (e.sources.every((s) => own.includes(s) && allowList().includes(s))) return "bastion";
    }
    if (e.type === "aws:lb/loadBalancer:LoadBalancer" && ["80", "443"].includes(e.ports)) return "load balancer";
    // A target is reached only through an internet-facing ALB's 80/443 listener.
    if (/→ lb:[^→]+\(internet-facing\) → .*→ listener:[^→]+:(80|443) → tg:/.test(e.path))
      return "behind a load balancer";
    return undefined;
  }

  it("admits only each bastion's 22 from its allow-list and 80/443 through the ALBs", () => {
    expect(allowList().length).toBeGreaterThan(0);
    expect(result.exposures.filter((e) => !allowed(e)).map((e) => `${e.resourceName} ${e.ports} ${e.path}`)).toEqual(
      [],
    );
  });

  it("exposes the same four things in each region and nothing else", () => {
    const rows = result.exposures.map((e) => `${e.resourceName} ${e.protocol}/${e.ports} (${allowed(e)})`).sort();
    const region = (p: string) => [
      `${p}bastion-host tcp/22 (bastion)`,
      `${p}web-alb tcp/443 (load balancer)`,
      `${p}web-alb tcp/80 (load balancer)`,
      `${p}web-app-0 tcp/8080 (behind a load balancer)`,
    ];
    expect(rows).toEqual([...region(""), ...region("standby-")].sort());
  });
});
