// The alicloud-prod stack under mocks: all nine components composed in two regions, with the case's weaknesses absent.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { recorded, settle } from "./mocks";
import { alicloudSecurityGroupIdOf } from "../mock-ids";
import { isPublicCidr } from "../../../lib/cidr";
import { checkConfig, type EstateConfig } from "../../../stacks/alicloud/config";

const COMPONENTS = [
  "HardenedVpc",
  "Bastion",
  "WebFirewall",
  "TrafficForensics",
  "DnsFailover",
  "AuditTrail",
  "ImmutableBackup",
  "IdentityBaseline",
  "ThreatDetection",
];
const STANDBY_PROVIDER = "secondary-region";

const ofType = (token: string) => recorded.filter((r) => r.type === token).sort((a, b) => a.name.localeCompare(b.name));

describe("stacks/alicloud (alicloud-prod)", () => {
  beforeAll(async () => {
    const file = path.join(__dirname, "../../../Pulumi.alicloud-prod.yaml");
    const config = parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    );
    require("../../../stacks/alicloud");
    await settle();
  }, 180_000); // ~160 resources under mocks; slow on a shared machine

  it("composes all nine components, the regional ones once per region", () => {
    const count = (c: string) => recorded.filter((r) => r.type === `hardening:alicloud:${c}`).length;
    expect(Object.fromEntries(COMPONENTS.map((c) => [c, count(c)]))).toEqual({
      HardenedVpc: 2,
      Bastion: 2,
      WebFirewall: 2,
      TrafficForensics: 2,
      DnsFailover: 1,
      AuditTrail: 1,
      ImmutableBackup: 1,
      IdentityBaseline: 1,
      ThreatDetection: 1,
    });
  });

  it("gives public bandwidth to the two bastions only and never sets a password", () => {
    const instances = ofType("alicloud:ecs/instance:Instance");
    expect(instances.length).toBe(10);
    expect(instances.filter((i) => (i.inputs.internetMaxBandwidthOut ?? 0) > 0).map((i) => i.name)).toEqual([
      "ops-instance",
      "standby-ops-instance",
    ]);
    for (const i of instances) {
      expect([i.inputs.password, i.inputs.kmsEncryptedPassword, i.inputs.passwordInherit]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(i.inputs.keyName).toBeTruthy();
      expect(i.inputs.httpTokens).toBe("required");
      expect(i.inputs.userData).toMatch(/PermitRootLogin no/);
    }
  });

  it("states portRange, priority and policy on every rule and opens SSH only to the office and each bastion", () => {
    const all = ofType("alicloud:ecs/securityGroupRule:SecurityGroupRule");
    for (const r of all) expect(r.inputs).toEqual(expect.objectContaining({ portRange: expect.any(String) }));
    const rules = all.filter((r) => r.inputs.type === "ingress");
    for (const r of rules) {
      expect(r.inputs).toEqual(expect.objectContaining({ priority: 1, policy: "accept" }));
      expect(r.inputs.cidrIp).not.toBe("0.0.0.0/0");
    }
    // Egress: the bastions' own, ending in a drop of everything else at the lowest priority.
    const egress = all.filter((r) => r.inputs.type === "egress");
    for (const [site, vpcCidr] of [
      ["ops", "10.20.0.0/16"],
      ["standby-ops", "10.30.0.0/16"],
    ]) {
      const own = egress.filter((r) => r.name.startsWith(`${site}-egress`));
      expect(own.length).toBeGreaterThan(0);
      const drops = own.filter((r) => r.inputs.policy === "drop");
      expect(drops.map((r) => [r.inputs.priority, r.inputs.ipProtocol])).toEqual(drops.map(() => [100, "all"]));
      expect(drops.length).toBeGreaterThan(0);
      expect(own.filter((r) => r.inputs.portRange === "22/22").map((r) => r.inputs.cidrIp)).toEqual([vpcCidr]);
    }
    const ssh = rules
      .filter((r) => r.inputs.portRange === "22/22")
      .map((r) => `${r.name} <- ${r.inputs.cidrIp ?? r.inputs.sourceSecurityGroupId}`);
    expect(ssh).toEqual([
      "ops-ssh-in-0 <- 203.0.113.0/28",
      `ops-ssh-to-app <- ${alicloudSecurityGroupIdOf("ops-sg")}`,
      `ops-ssh-to-web <- ${alicloudSecurityGroupIdOf("ops-sg")}`,
      "standby-ops-ssh-in-0 <- 203.0.113.0/28",
      `standby-ops-ssh-to-app <- ${alicloudSecurityGroupIdOf("standby-ops-sg")}`,
      `standby-ops-ssh-to-web <- ${alicloudSecurityGroupIdOf("standby-ops-sg")}`,
    ]);
  });

  it("locks each region's web load balancer listeners with its WebFirewall's whitelist of WAF's ranges", () => {
    // The whitelist is the WebFirewall's child, made in the load balancer's region (the standby's by its provider).
    const acls = ofType("alicloud:slb/acl:Acl");
    expect(acls.map((a) => [a.name, a.provider, a.inputs.entryLists.map((e: any) => e.entry)])).toEqual([
      ["standby-web-waf-origin-acl", STANDBY_PROVIDER, ["198.51.100.0/24"]],
      ["web-waf-origin-acl", undefined, ["198.51.100.0/24"]],
    ]);
    const listeners = ofType("alicloud:slb/listener:Listener");
    const access = (l: (typeof listeners)[number]) => [l.inputs.aclStatus, l.inputs.aclType, l.inputs.aclIds];
    expect(listeners.map((l) => [l.name, l.inputs.frontendPort, ...access(l)])).toEqual([
      ["standby-web-http", 80, "on", "white", ["standby-web-waf-origin-acl-id"]],
      ["standby-web-https", 443, "on", "white", ["standby-web-waf-origin-acl-id"]],
      ["web-http", 80, "on", "white", ["web-waf-origin-acl-id"]],
      ["web-https", 443, "on", "white", ["web-waf-origin-acl-id"]],
    ]);
    const https = listeners.filter((l) => l.inputs.protocol === "https").map((l) => l.inputs.serverCertificateId);
    expect(https).toEqual(["1234567890123456-cn-shanghai", "1234567890123456-cn-hangzhou"]);
  });

  it("puts both regions' sites behind one WAF instance and collects its logs once", () => {
    expect(ofType("alicloud:wafv3/instance:Instance").map((i) => i.name)).toEqual(["web-waf-instance"]);
    expect(ofType("alicloud:log/audit:Audit")).toHaveLength(1);
    const domains = ofType("alicloud:wafv3/domain:Domain");
    expect(domains.map((d) => [d.name, d.inputs.domain, d.inputs.instanceId])).toEqual([
      ["standby-web-waf-domain-0", "standby.example.com", "web-waf-instance-id"],
      ["web-waf-domain-0", "www.example.com", "web-waf-instance-id"],
    ]);
  });

  it("turns Security Center's brute-force block and core file watch on once, account-wide, in the primary region", () => {
    const rules = ofType("alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule");
    expect(rules.map((r) => [r.name, r.provider, r.inputs.defaultRule, r.inputs.protocolType.ssh])).toEqual([
      ["threat-anti-brute-force", undefined, true, "on"],
    ]);
    // The pack's require-threat-detection contract: no looser than 10 failures in 10 minutes, blocked ≥ 60 minutes.
    const { failCount, span, forbiddenTime } = rules[0].inputs;
    expect(failCount <= 10 && failCount / span <= 10 / 10 && forbiddenTime >= 60).toBe(true);
    const files = ofType("alicloud:threatdetection/clientFileProtect:ClientFileProtect");
    expect(files.map((f) => [f.name, f.provider, f.inputs.ruleAction, f.inputs.alertLevel])).toEqual([
      ["threat-core-files", undefined, "alert", 3],
    ]);
    expect(files[0].inputs.filePaths).toEqual(expect.arrayContaining(["/etc/ssh/sshd_config", "/root/.ssh/*"]));
  });

  it("lets only each region's private ranges reach its database", () => {
    const dbs = ofType("alicloud:rds/instance:Instance");
    expect(dbs.map((d) => d.name)).toEqual(["orders-db", "standby-orders-db"]);
    for (const db of dbs) {
      expect(db.inputs.securityIps.length).toBeGreaterThan(0);
      expect(db.inputs.securityIps.filter(isPublicCidr)).toEqual([]);
    }
    expect(dbs[0].inputs.securityIps.every((c: string) => c.startsWith("10.20."))).toBe(true);
    expect(dbs[1].inputs.securityIps.every((c: string) => c.startsWith("10.30."))).toBe(true);
  });

  it("builds the standby from the same code as the primary: each standby resource has a primary twin", () => {
    const custom = recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));
    const key = (r: { type: string; name: string }) => `${r.type}::${r.name}`;
    const names = new Set(custom.map(key));
    const standby = custom.filter((r) => r.name.startsWith("standby-"));
    expect(standby.length).toBe(65);
    const twins = standby.filter((r) => names.has(key({ type: r.type, name: r.name.slice("standby-".length) })));
    expect(twins.length).toBe(standby.length);
  });

  it("creates every standby resource with the standby provider, except WAF's (its API is mainland-wide)", () => {
    const custom = recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));
    const standby = custom.filter((r) => r.name.startsWith("standby-"));
    const wrong = standby.filter((r) =>
      r.type.startsWith("alicloud:wafv3/") ? r.provider !== undefined : r.provider !== STANDBY_PROVIDER,
    );
    expect(wrong.map((r) => `${r.name}: ${r.provider}`)).toEqual([]);
    const primaryOnStandby = custom
      .filter((r) => !r.name.startsWith("standby-") && r.provider === STANDBY_PROVIDER)
      .map((r) => r.name)
      .sort();
    // The backup replica is the only primary-named resource in the standby region.
    expect(primaryOnStandby).toEqual([
      "backup-replica",
      "backup-replica-key",
      "backup-replica-public-access-block",
      "backup-replica-worm",
    ]);
  });

  it("fails GTM over from the primary's load balancer to the standby's", () => {
    const pools = ofType("alicloud:dns/addressPool:AddressPool");
    expect(pools.map((p) => p.inputs.addressPoolName)).toEqual([
      "web-failover-primary-cn-hangzhou",
      "web-failover-secondary-cn-shanghai",
    ]);
  });
});

describe("checkConfig", () => {
  const valid = (): EstateConfig => ({
    company: "acme",
    primary: { region: "cn-hangzhou", vpcCidr: "10.20.0.0/16", slbCertificateId: "c1", wafHost: "www.example.com" },
    standby: { region: "cn-shanghai", vpcCidr: "10.30.0.0/16", slbCertificateId: "c2", wafHost: "dr.example.com" },
    bastionAllowedCidrs: ["203.0.113.0/28"],
    bastionKeyName: "k",
    instanceKeyName: "k",
    domain: "example.com",
    webHost: "www.example.com",
    wafBackToSourceCidrs: ["198.51.100.0/24"],
    wafCertificateId: "w",
  });

  it("accepts two regions on disjoint ranges", () => {
    expect(() => checkConfig(valid())).not.toThrow();
  });

  it("names every bad standby setting at once", () => {
    const cfg = valid();
    cfg.standby = {
      region: "cn-hangzhou",
      vpcCidr: "10.20.128.0/17",
      slbCertificateId: "",
      wafHost: "www.example.com",
    };
    const message = (() => {
      try {
        checkConfig(cfg);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    })();
    expect(message).toContain("4 invalid arguments");
    for (const key of ["standby.region", "standby.vpcCidr", "standby.slbCertificateId", "standby.wafHost"]) {
      expect(message).toContain(`argument "${key}"`);
    }
    expect(message).toContain("a range disjoint from the primary's (10.20.0.0/16)");
  });

  it("rejects a range that is not an IPv4 CIDR", () => {
    const cfg = valid();
    cfg.primary.vpcCidr = "10.20.0.0";
    expect(() => checkConfig(cfg)).toThrow(/argument "vpcCidr" is "10.20.0.0"; allowed: a private IPv4 CIDR/);
  });

  it("rejects a public range for a VPC", () => {
    const cfg = valid();
    cfg.standby.vpcCidr = "8.8.0.0/16";
    expect(() => checkConfig(cfg)).toThrow(/argument "standby.vpcCidr" is "8.8.0.0\/16"/);
  });
});
