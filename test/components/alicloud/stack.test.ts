// The alicloud-prod stack under mocks: all eight components composed, with the case's weaknesses absent.
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { recorded, settle } from "./mocks";
import { isPublicCidr } from "../../../lib/cidr";

const COMPONENTS = [
  "HardenedVpc",
  "Bastion",
  "WebFirewall",
  "TrafficForensics",
  "DnsFailover",
  "AuditTrail",
  "ImmutableBackup",
  "IdentityBaseline",
];

describe("stacks/alicloud (alicloud-prod)", () => {
  beforeAll(async () => {
    const file = path.join(__dirname, "../../../Pulumi.alicloud-prod.yaml");
    const config = parse(fs.readFileSync(file, "utf8")).config as Record<string, unknown>;
    pulumi.runtime.setAllConfig(
      Object.fromEntries(Object.entries(config).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])),
    );
    require("../../../stacks/alicloud");
    await settle();
  }, 180_000); // ~100 resources under mocks; slow on a shared machine

  it("composes all eight components", () => {
    const types = new Set(recorded.map((r) => r.type));
    for (const c of COMPONENTS) expect(types.has(`hardening:alicloud:${c}`)).toBe(true);
  });

  it("gives public bandwidth to the bastion only and never sets a password", () => {
    const instances = recorded.filter((r) => r.type === "alicloud:ecs/instance:Instance");
    expect(instances.length).toBe(5);
    expect(instances.filter((i) => (i.inputs.internetMaxBandwidthOut ?? 0) > 0).map((i) => i.name)).toEqual([
      "ops-instance",
    ]);
    for (const i of instances) {
      expect([i.inputs.password, i.inputs.kmsEncryptedPassword, i.inputs.passwordInherit]).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(i.inputs.keyName).toBeTruthy();
      expect(i.inputs.httpTokens).toBe("required");
    }
  });

  it("states portRange, priority and policy on every rule and opens SSH only to the office and the bastion", () => {
    const rules = recorded.filter((r) => r.type === "alicloud:ecs/securityGroupRule:SecurityGroupRule");
    for (const r of rules) {
      expect(r.inputs).toEqual(
        expect.objectContaining({ portRange: expect.any(String), priority: 1, policy: "accept" }),
      );
      expect(r.inputs.cidrIp).not.toBe("0.0.0.0/0");
    }
    const ssh = rules
      .filter((r) => r.inputs.portRange === "22/22")
      .map((r) => r.inputs.cidrIp ?? r.inputs.sourceSecurityGroupId);
    expect(ssh.sort()).toEqual(["203.0.113.0/28", "ops-sg-id", "ops-sg-id"]);
  });

  it("locks the web load balancer's listeners to WAF's back-to-origin ranges", () => {
    const acl = recorded.find((r) => r.type === "alicloud:slb/acl:Acl");
    expect(acl?.inputs.entryLists.map((e: any) => e.entry)).toEqual(["198.51.100.0/24"]);
    const listeners = recorded.filter((r) => r.type === "alicloud:slb/listener:Listener").map((r) => r.inputs);
    const byPort = listeners.sort((a, b) => a.frontendPort - b.frontendPort);
    expect(byPort.map((l) => [l.frontendPort, l.aclStatus, l.aclType, l.aclIds])).toEqual([
      [80, "on", "white", ["web-slb-waf-only-id"]],
      [443, "on", "white", ["web-slb-waf-only-id"]],
    ]);
  });

  it("lets only private ranges reach the database", () => {
    const db = recorded.find((r) => r.type === "alicloud:rds/instance:Instance");
    expect(db?.inputs.securityIps.length).toBeGreaterThan(0);
    expect(db?.inputs.securityIps.filter(isPublicCidr)).toEqual([]);
  });

  it("puts the standby load balancer and backup replica in the second region", () => {
    const secondary = recorded.filter((r) => r.provider === "secondary-region").map((r) => r.name);
    expect(secondary).toEqual(expect.arrayContaining(["standby-web-slb", "backup-replica", "backup-replica-worm"]));
  });
});
