// Simple Application Server instances: the server's own firewall starts open to any address on 22 (Linux images) or
// 3389 (Windows images) plus 80 and 443, and FirewallRule resources only add ports, each to any address. The stack
// rules see every server as an internet-facing host behind that firewall.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, knownRef, ref } from "./stack-builder";

const SWAS = "alicloud:simpleapplicationserver/instance:Instance";
const SWAS_RULE = "alicloud:simpleapplicationserver/firewallRule:FirewallRule";

function server(b: StackBuilder, name = "blog") {
  return b.add(SWAS, name, {
    imageId: "e1f2dd3cd9b04f8d8ec01d4a41e5f02d",
    planId: "swas.s2.c2m1s40b1.linux",
    period: 1,
  });
}

const firewallRule = (b: StackBuilder, name: string, instanceId: unknown, port: unknown, ruleProtocol = "Tcp") =>
  b.add(SWAS_RULE, name, { instanceId, port, ruleProtocol });

describe("Simple Application Server default firewall", () => {
  it("known-bad: a server alone exposes its default SSH and RDP rules to the internet", async () => {
    const b = new StackBuilder();
    const blog = server(b);
    const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources));
    expect(found.map((f) => f.urn)).toEqual([blog.urn, blog.urn]);
    expect(found[0].message).toContain(
      "blog: tcp/22 is reachable from the internet: 0.0.0.0/0 → swas:blog (default firewall, Linux images) → swas:blog:22",
    );
    expect(found[1].message).toContain("swas:blog (default firewall, Windows images) → swas:blog:3389");
    expect(found[0].message).toContain("delete this port's rule of blog (console or DeleteFirewallRule)");
  });

  it("known-bad: a designated bastion is still open beyond any allow-list", async () => {
    const b = new StackBuilder();
    server(b, "jump");
    const config = { bastions: ["jump"], allowCidrs: ["203.0.113.0/24"] };
    const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources, config));
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining("source 0.0.0.0/0 is outside the bastion's allow-list (203.0.113.0/24)"),
      expect.stringContaining("source 0.0.0.0/0 is outside the bastion's allow-list (203.0.113.0/24)"),
    ]);
  });

  it("known-good: an exemption for the server turns its findings into notes", async () => {
    const b = new StackBuilder();
    server(b);
    const exemption = {
      resource: "blog",
      reason: "default SSH and RDP rules deleted in the console by the platform team",
      owner: "platform",
      expires: "2999-12-31",
    };
    const out = await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources, {
      exemptions: [exemption],
    });
    expect(mandatory(out)).toEqual([]);
    expect(out).toHaveLength(2);
  });

  it("known-good: a stack without servers has no such rows, and the web defaults are no high-risk port", async () => {
    expect(await runStackPolicy(disallowInternetAdminPortsExceptBastions, [])).toEqual([]);
    const b = new StackBuilder();
    server(b);
    expect(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, b.resources)).toEqual([]);
  });
});

describe("Simple Application Server FirewallRule", () => {
  const highRisk = async (b: StackBuilder) =>
    mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, b.resources)).map((f) => f.message);

  it.each([
    ["MySQL over TCP", "3306", "Tcp", "high-risk port 3306"],
    ["MySQL as a range (with a second instance's 3307)", "3300/3310", "Tcp", "high-risk ports 3306, 3307 "],
    ["Redis over TCP and UDP", "6379/6379", "TcpAndUdp", "high-risk port 6379"],
    ["every port", "1/65535", "Tcp", "high-risk ports 20, 21, 23"],
  ])("known-bad: a rule for %s opens it to any address", async (_n, port, protocol, mentions) => {
    const b = new StackBuilder();
    const blog = server(b);
    firewallRule(b, "db", ref(blog), port, protocol);
    const found = await highRisk(b);
    expect(found).toEqual([expect.stringContaining(mentions)]);
    expect(found[0]).toContain("0.0.0.0/0 → swas:blog (FirewallRule db) → swas:blog:");
  });

  it("known-bad: a rule whose port is unknown at preview may open any port", async () => {
    const b = new StackBuilder();
    const blog = server(b);
    firewallRule(b, "db", ref(blog), UNKNOWN);
    expect(await highRisk(b)).toEqual([expect.stringContaining("(FirewallRule db) → swas:blog:all")]);
  });

  it("known-bad: a rule naming a server the plan cannot tell adds its port to every server", async () => {
    const b = new StackBuilder();
    server(b, "blog");
    server(b, "shop");
    firewallRule(b, "db", UNKNOWN, "3306");
    const found = await highRisk(b);
    expect(found).toHaveLength(2);
    expect(found[0]).toContain("(FirewallRule db, one of several servers it may name)");
  });

  it("known-good: rules for web ports open no high-risk port", async () => {
    const b = new StackBuilder();
    const blog = server(b);
    firewallRule(b, "https", ref(blog), "443");
    firewallRule(b, "app", ref(blog), "8443/8443");
    expect(await highRisk(b)).toEqual([]);
  });

  it("known-good: a rule for a server outside the stack opens nothing on the stack's servers", async () => {
    const b = new StackBuilder();
    server(b);
    firewallRule(b, "db", "2b8ad6f7a7a14b5c9b7ea0b0e4dfc3a1", "3306");
    expect(await highRisk(b)).toEqual([]);
  });

  it("names the rule resource among the causes of the row", () => {
    const b = new StackBuilder();
    const blog = server(b);
    const rule = firewallRule(b, "db", knownRef(blog, "blog-id"), "5432");
    const rows = internetExposures(buildNetworkModel(b.resources)).filter((e) => e.ports.from === 5432);
    expect(rows.map((e) => [e.urn, e.causes, renderPath(e)])).toEqual([
      [blog.urn, [blog.urn, rule.urn], "0.0.0.0/0 → swas:blog (FirewallRule db) → swas:blog:5432"],
    ]);
  });
});
