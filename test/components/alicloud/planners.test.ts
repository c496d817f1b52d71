// Alibaba Cloud planners: pure functions, no mocks.
import { checkAdminSourceCidrs, sshIngressRules } from "../../../components/plan/alicloud-sg";
import { publicTierEgressEntries, publicTierIngressEntries } from "../../../components/plan/alicloud-acl";
import { uaBlockRules, checkRateLimit, checkUaTokens } from "../../../components/plan/alicloud-waf";
import { checkFailoverRegions, checkHealthCheck, monitorExtendInfo } from "../../../components/plan/alicloud-gtm";
import {
  checkLogRetention,
  checkOssBucketName,
  checkSlsProjectName,
  MIN_LOG_RETENTION_DAYS,
} from "../../../components/plan/alicloud-retention";
import { SCANNER_USER_AGENTS } from "../../../components/plan/scanners";
import { alicloudAclEntryRange, rangeCoversPort } from "../../../lib/ports";
import { Problems } from "../../../components/validation";

describe("checkAdminSourceCidrs", () => {
  it("accepts narrow public and private sources", () => {
    expect(checkAdminSourceCidrs("allowedCidrs", ["203.0.113.0/28", "10.0.0.0/8", "2001:db8:1::/48"])).toEqual([]);
  });

  it("rejects the internet, broad public blocks and garbage, naming every offending entry", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", [
      "203.0.113.0/28",
      "0.0.0.0/0",
      "8.0.0.0/8",
      "nope",
      "::/0",
    ]);
    expect(problems.map((p) => [p.argument, p.value])).toEqual([
      ["allowedCidrs[3]", "nope"],
      ["allowedCidrs[1]", "0.0.0.0/0"],
      ["allowedCidrs[2]", "8.0.0.0/8"],
      ["allowedCidrs[4]", "::/0"],
    ]);
    expect(problems[1].fix).toMatch(/office\/VPN/);
  });

  it("rejects a set of narrow-looking halves that together cover the internet", () => {
    const problems = checkAdminSourceCidrs("allowedCidrs", ["0.0.0.0/1", "128.0.0.0/1"]);
    expect(problems.map((p) => p.argument)).toEqual(["allowedCidrs[0]", "allowedCidrs[1]"]);
  });

  it("rejects an empty list", () => {
    expect(checkAdminSourceCidrs("allowedCidrs", [])).toHaveLength(1);
  });
});

describe("sshIngressRules", () => {
  it("plans one explicit accept rule per source with the right address field", () => {
    expect(sshIngressRules(["203.0.113.0/28", "2001:db8:1::/48"])).toEqual([
      expect.objectContaining({
        type: "ingress",
        ipProtocol: "tcp",
        portRange: "22/22",
        policy: "accept",
        priority: 1,
        cidrIp: "203.0.113.0/28",
      }),
      expect.objectContaining({ portRange: "22/22", priority: 1, ipv6CidrIp: "2001:db8:1::/48" }),
    ]);
    expect(sshIngressRules(["2001:db8:1::/48"])[0].cidrIp).toBeUndefined();
  });
});

describe("publicTierIngressEntries", () => {
  const { cidrContains } = require("../../../lib/cidr");
  /** First-match evaluation with the implicit final drop, as the VPC ACL does it. */
  function verdict(
    entries: ReturnType<typeof publicTierIngressEntries>,
    protocol: string,
    source: string,
    port: number,
  ) {
    const hit = entries.find((e) => {
      if (e.protocol !== "all" && e.protocol !== protocol) return false;
      const r = alicloudAclEntryRange(e.protocol, e.port);
      return typeof r === "object" && rangeCoversPort(r, port) && cidrContains(e.sourceCidrIp, source);
    });
    return hit?.policy ?? "drop";
  }
  const base = { adminSourceCidrs: ["203.0.113.0/28"], vpcCidr: "10.20.0.0/16", publicTcpPorts: [80, 443] };

  it("orders admin accepts, admin-port drops, public ports, replies, VPC and ICMP", () => {
    const entries = publicTierIngressEntries({ ...base, ipv6: false });
    expect(entries.map((e) => [e.policy, e.protocol, e.port, e.sourceCidrIp])).toEqual([
      ["accept", "tcp", "22/22", "203.0.113.0/28"],
      ["drop", "tcp", "22/22", "0.0.0.0/0"],
      ["drop", "tcp", "3389/3389", "0.0.0.0/0"],
      ["drop", "tcp", "5900/5900", "0.0.0.0/0"],
      ["drop", "tcp", "5985/5985", "0.0.0.0/0"],
      ["drop", "tcp", "5986/5986", "0.0.0.0/0"],
      ["accept", "tcp", "80/80", "0.0.0.0/0"],
      ["accept", "tcp", "443/443", "0.0.0.0/0"],
      ["accept", "tcp", "1024/65535", "0.0.0.0/0"],
      ["accept", "udp", "1024/65535", "0.0.0.0/0"],
      ["accept", "all", "-1/-1", "10.20.0.0/16"],
      ["accept", "icmp", "-1/-1", "0.0.0.0/0"],
    ]);
    expect(new Set(entries.map((e) => e.networkAclEntryName)).size).toBe(entries.length);
  });

  it("drops SSH/RDP from the internet while admins, web clients and replies get in", () => {
    const entries = publicTierIngressEntries({ ...base, ipv6: false });
    expect(verdict(entries, "tcp", "198.51.100.1/32", 22)).toBe("drop");
    expect(verdict(entries, "tcp", "198.51.100.1/32", 3389)).toBe("drop");
    for (const port of [5900, 5985, 5986]) expect(verdict(entries, "tcp", "198.51.100.1/32", port)).toBe("drop");
    expect(verdict(entries, "tcp", "203.0.113.5/32", 22)).toBe("accept");
    expect(verdict(entries, "tcp", "198.51.100.1/32", 443)).toBe("accept");
    expect(verdict(entries, "tcp", "198.51.100.1/32", 40000)).toBe("accept");
    expect(verdict(entries, "tcp", "198.51.100.1/32", 445)).toBe("drop");
    expect(verdict(entries, "tcp", "10.20.16.5/32", 445)).toBe("accept");
  });

  it("adds ::/0 drops when IPv6 is on and stays within the 20-rule quota per family", () => {
    const entries = publicTierIngressEntries({ ...base, adminSourceCidrs: [], ipv6: true });
    expect(entries.filter((e) => e.policy === "drop").map((e) => [e.port, e.sourceCidrIp, e.ipVersion])).toEqual([
      ["22/22", "0.0.0.0/0", "IPv4"],
      ["3389/3389", "0.0.0.0/0", "IPv4"],
      ["5900/5900", "0.0.0.0/0", "IPv4"],
      ["5985/5985", "0.0.0.0/0", "IPv4"],
      ["5986/5986", "0.0.0.0/0", "IPv4"],
      ["22/22", "::/0", "IPv6"],
      ["3389/3389", "::/0", "IPv6"],
      ["5900/5900", "::/0", "IPv6"],
      ["5985/5985", "::/0", "IPv6"],
      ["5986/5986", "::/0", "IPv6"],
    ]);
    expect(entries.filter((e) => e.ipVersion === "IPv4").length).toBeLessThanOrEqual(20);
    expect(entries.filter((e) => e.ipVersion === "IPv6").length).toBeLessThanOrEqual(20);
    expect(publicTierEgressEntries({ ipv6: true }).map((e) => e.destinationCidrIp)).toEqual(["0.0.0.0/0", "::/0"]);
  });
});

describe("uaBlockRules", () => {
  it("covers every scanner token exactly once, in blocking contain-one conditions", () => {
    const rules = uaBlockRules(SCANNER_USER_AGENTS);
    const tokens = rules.flatMap((r) => r.conditions[0].values.split(","));
    expect(tokens).toEqual([...SCANNER_USER_AGENTS]);
    expect(rules.every((r) => r.ruleAction === "block" && r.conditions[0].key === "User-Agent")).toBe(true);
    expect(rules.every((r) => r.conditions[0].opValue === "contain-one")).toBe(true);
    expect(rules.every((r) => r.conditions[0].values.split(",").length <= 10)).toBe(true);
    expect(new Set(rules.map((r) => r.suffix)).size).toBe(rules.length);
  });

  it("rejects tokens with commas or too short, listing each", () => {
    const p = new Problems("t");
    checkUaTokens(p, "blockedUserAgents", ["sqlmap", "a,b", "x"]);
    expect(p.list.map((x) => x.argument)).toEqual(["blockedUserAgents[1]", "blockedUserAgents[2]"]);
  });

  it("checks the rate-limit ranges", () => {
    const p = new Problems("t");
    checkRateLimit(p, "rateLimit", { threshold: 1, intervalSeconds: 0, blockSeconds: 10 });
    expect(p.list.map((x) => x.argument)).toEqual([
      "rateLimit.threshold",
      "rateLimit.intervalSeconds",
      "rateLimit.blockSeconds",
    ]);
  });
});

describe("GTM planning", () => {
  it("requires two different regions", () => {
    const p = new Problems("t");
    checkFailoverRegions(p, { region: "cn-hangzhou" }, { region: "cn-hangzhou" });
    expect(p.list).toHaveLength(1);
    expect(p.list[0]).toMatchObject({ argument: "secondary.region", value: "cn-hangzhou" });
    const ok = new Problems("t");
    checkFailoverRegions(ok, { region: "cn-hangzhou" }, { region: "cn-shanghai" });
    expect(ok.list).toEqual([]);
  });

  it("writes the monitor JSON and validates its options", () => {
    expect(
      JSON.parse(
        monitorExtendInfo({ protocol: "HTTPS", port: 443, path: "/health", host: "www.example.com", failureRate: 50 }),
      ),
    ).toEqual({ failureRate: 50, port: 443, host: "www.example.com", path: "/health", code: 400 });
    expect(JSON.parse(monitorExtendInfo({ protocol: "TCP", port: 80, failureRate: 50 }))).toEqual({
      failureRate: 50,
      port: 80,
    });
    const p = new Problems("t");
    checkHealthCheck(p, "healthCheck", { protocol: "HTTPS", port: 0, failureRate: 0, path: "health" });
    expect(p.list.map((x) => x.argument)).toEqual(["healthCheck.port", "healthCheck.failureRate", "healthCheck.path"]);
  });
});

describe("retention and names", () => {
  it("enforces the six-month floor", () => {
    const p = new Problems("t");
    expect(checkLogRetention(p, "days", MIN_LOG_RETENTION_DAYS)).toBe(true);
    expect(checkLogRetention(p, "days", 179)).toBe(false);
    expect(checkLogRetention(p, "days", 30.5)).toBe(false);
    expect(p.list.map((x) => x.value)).toEqual([179, 30.5]);
    expect(p.list[0].fix).toMatch(/at least 180/);
  });

  it("validates SLS and OSS names", () => {
    const p = new Problems("t");
    expect(checkSlsProjectName(p, "project", "acme-flowlog")).toBe(true);
    expect(checkSlsProjectName(p, "project", "Acme_Flow")).toBe(false);
    expect(checkOssBucketName(p, "bucket", "acme-evidence")).toBe(true);
    expect(checkOssBucketName(p, "bucket", "-bad")).toBe(false);
    expect(p.list.map((x) => x.argument)).toEqual(["project", "bucket"]);
  });
});
