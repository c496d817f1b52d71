// Known-bad / known-good fixtures for Alibaba Cloud prefix lists: a SecurityGroupRule naming a list in the stack with
// `prefixListId` admits (or drops) the list's entries; a list outside the stack opens nothing; entries unknown at
// preview count as open to any source on an accept and close nothing on a drop.
import {
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internalReach,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, ALI_LISTS, AliNet, aliNetwork, ecsPrefixList, rule } from "./alicloud-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, knownRef, ref } from "./stack-builder";

const SSH = { ipProtocol: "tcp", portRange: "22/22" };

function stack() {
  const b = new StackBuilder();
  return { b, n: aliNetwork(b) };
}

/** An ECS host with public bandwidth behind the network's group. */
function publicEcs(b: StackBuilder, n: AliNet) {
  return b.add(A.instance, "web", {
    vswitchId: ref(n.vswitch),
    securityGroups: [ref(n.sg)],
    internetMaxBandwidthOut: 10,
  });
}

/** An ECS host reached only through a dual-stack internet SLB forwarding port 22: the IPv6 path to the host. */
function behindDualStackSlb(b: StackBuilder, n: AliNet) {
  const ecs = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const slb = b.add(A.slb, "front", { addressType: "internet", addressIpVersion: "ipv6" });
  b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  b.add(A.slbListener, "ssh", { loadBalancerId: ref(slb), frontendPort: 22, backendPort: 22, protocol: "tcp" });
  return ecs;
}

/** Exposure rows of `host` covering `port`. */
function onPort(b: StackBuilder, host: GenericResource, port = 22) {
  return internetExposures(buildNetworkModel(b.resources)).filter(
    (e) => e.urn === host.urn && e.ports.from <= port && port <= e.ports.to,
  );
}

const sources = (b: StackBuilder, host: GenericResource, port = 22) =>
  [...new Set(onPort(b, host, port).map((e) => e.source))].sort();

describe("Alicloud prefix lists in the stack", () => {
  it("SSH from an ECS prefix list holding 0.0.0.0/0 is internet exposure, and the path names the list", () => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "corp", ["0.0.0.0/0"]);
    rule(b, n.sg, "ssh-from-list", { ...SSH, prefixListId: ref(pl) });
    const ecs = publicEcs(b, n);
    const rows = onPort(b, ecs);
    expect(rows).toHaveLength(1);
    expect(renderPath(rows[0])).toBe(
      "0.0.0.0/0 → public-ip:web (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule ssh-from-list via prefix-list:corp (priority 1 accept) → ecs:web:22",
    );
  });

  it("an IPv6 list holding ::/0 exposes the host over IPv6", () => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "v6", ["::/0"], { addressFamily: "IPv6" });
    rule(b, n.sg, "ssh-from-list", { ...SSH, prefixListId: ref(pl) });
    const ecs = behindDualStackSlb(b, n);
    const rows = onPort(b, ecs);
    expect(rows.map((e) => [e.family, e.source])).toEqual([["ipv6", "::/0"]]);
    expect(renderPath(rows[0])).toContain(
      "sg:web rule ssh-from-list via prefix-list:v6 (priority 1 accept) → ecs:web:22",
    );
  });

  it.each<[string, Record<string, unknown>]>([
    ["a tcp port range covering 22", { ipProtocol: "tcp", portRange: "1/1024" }],
    ["all protocols (all)", { ipProtocol: "all", portRange: "-1/-1" }],
    ["all protocols (-1)", { ipProtocol: "-1", portRange: "-1/-1" }],
  ])("%s from a list holding 0.0.0.0/0 exposes SSH", (_name, ports) => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "corp", ["0.0.0.0/0"]);
    rule(b, n.sg, "wide", { ...ports, prefixListId: ref(pl) });
    const ecs = publicEcs(b, n);
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
    expect(onPort(b, ecs).every((e) => renderPath(e).includes("via prefix-list:corp"))).toBe(true);
  });

  it("resolves a known list id through the rule's dependency, and an id the list carries", () => {
    const byDependency = stack();
    const pl = ecsPrefixList(byDependency.b, "corp", ["0.0.0.0/0"]);
    rule(byDependency.b, byDependency.n.sg, "ssh", { ...SSH, prefixListId: knownRef(pl, "pl-bp1corp") });
    expect(sources(byDependency.b, publicEcs(byDependency.b, byDependency.n))).toEqual(["0.0.0.0/0"]);

    const byId = stack();
    ecsPrefixList(byId.b, "corp", ["0.0.0.0/0"], { id: "pl-bp1corp" });
    rule(byId.b, byId.n.sg, "ssh", { ...SSH, prefixListId: "pl-bp1corp" });
    expect(sources(byId.b, publicEcs(byId.b, byId.n))).toEqual(["0.0.0.0/0"]);
  });

  it("a VPC prefix list (entrys, ipVersion) is read the same way", () => {
    const { b, n } = stack();
    const pl = b.add(ALI_LISTS.vpc, "corp", {
      prefixListName: "corp",
      ipVersion: "IPV4",
      maxEntries: 5,
      entrys: [{ cidr: "0.0.0.0/0", description: "x" }],
    });
    rule(b, n.sg, "ssh", { ...SSH, prefixListId: ref(pl) });
    const ecs = publicEcs(b, n);
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
    expect(renderPath(onPort(b, ecs)[0])).toContain("via prefix-list:corp");
  });

  it.each<[string, unknown[], Record<string, unknown>]>([
    ["private entries", ["10.0.0.0/8", "192.168.0.0/16"], {}],
    ["private IPv6 entries", ["fd00::/8"], { addressFamily: "IPv6" }],
    ["no entries", [], {}],
  ])("known-good: %s open nothing to the internet", (_name, cidrs, inputs) => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "corp", cidrs, inputs);
    rule(b, n.sg, "ssh", { ...SSH, prefixListId: ref(pl) });
    rule(b, n.sg, "https", { ipProtocol: "tcp", portRange: "443/443", cidrIp: "0.0.0.0/0" });
    const ecs = publicEcs(b, n);
    expect(onPort(b, ecs)).toEqual([]);
    // The host is public: the list, not the address, is what keeps SSH closed.
    expect(sources(b, ecs, 443)).toEqual(["0.0.0.0/0"]);
  });
});

describe("Alicloud prefix lists outside the stack", () => {
  it("a list id naming nothing in the stack opens nothing, and stays a prefix-list source", () => {
    const { b, n } = stack();
    rule(b, n.sg, "ssh", { ...SSH, prefixListId: "pl-bp1shared" });
    const ecs = publicEcs(b, n);
    const m = buildNetworkModel(b.resources);
    expect(internetExposures(m)).toEqual([]);
    expect(internalReach(m).map((r) => [r.target, r.from])).toEqual([
      [ecs.urn, { kind: "prefix-list", id: "pl-bp1shared" }],
    ]);
  });

  it("an unknown reference with no list among its dependencies opens nothing", () => {
    const { b, n } = stack();
    const other = b.add(A.vpc, "other", {});
    rule(b, n.sg, "ssh", { ...SSH, prefixListId: ref(other) });
    const ecs = publicEcs(b, n);
    expect(onPort(b, ecs)).toEqual([]);
    expect(internalReach(buildNetworkModel(b.resources)).map((r) => r.from)).toEqual([
      { kind: "prefix-list", id: "(unknown)" },
    ]);
  });
});

describe("Alicloud prefix lists with entries unknown at preview", () => {
  it.each<[string, unknown[], Record<string, unknown>, string[]]>([
    ["the whole entries list", [], { entries: UNKNOWN }, ["0.0.0.0/0"]],
    ["one entry's cidr", ["47.96.0.0/16", UNKNOWN], {}, ["0.0.0.0/0"]],
    ["the entries of an IPv6 list", [], { addressFamily: "IPv6", entries: UNKNOWN }, ["::/0"]],
    ["the entries and the address family", [], { addressFamily: UNKNOWN, entries: UNKNOWN }, ["0.0.0.0/0", "::/0"]],
  ])("%s: the list counts as open to any source of its family", (_name, cidrs, inputs, expected) => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "corp", cidrs, inputs);
    rule(b, n.sg, "ssh", { ...SSH, prefixListId: ref(pl) });
    const ecs = behindDualStackSlb(b, n);
    expect(sources(b, ecs)).toEqual(expected);
    for (const r of onPort(b, ecs)) expect(renderPath(r)).toContain("prefix-list:corp (entries unknown at preview)");
  });
});

describe("Alicloud prefix lists and drop rules", () => {
  /** A public host admitting SSH from anywhere at priority 10, and a priority-1 SSH drop naming `list`. */
  function withDrop(list: (b: StackBuilder) => unknown, drop: Record<string, unknown> = {}) {
    const { b, n } = stack();
    rule(b, n.sg, "ssh", { ...SSH, cidrIp: "0.0.0.0/0", priority: 10 });
    const deny = rule(b, n.sg, "deny", { ...SSH, policy: "drop", priority: 1, prefixListId: list(b), ...drop });
    return { b, n, deny, ecs: publicEcs(b, n) };
  }

  const anywhere = (b: StackBuilder) => ref(ecsPrefixList(b, "anywhere", ["0.0.0.0/0"]));

  it("known-good: a higher-priority drop naming a list holding 0.0.0.0/0 closes the port; a lower one does not", () => {
    const { b, deny, ecs } = withDrop(anywhere);
    expect(onPort(b, ecs)).toEqual([]);
    deny.inputs.priority = 50;
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
  });

  it("a drop naming a list whose entries are unknown closes nothing", () => {
    const { b, ecs } = withDrop((b) => ref(ecsPrefixList(b, "corp", [], { entries: UNKNOWN })));
    const rows = onPort(b, ecs);
    expect(rows.map((e) => e.source)).toEqual(["0.0.0.0/0"]);
    expect(renderPath(rows[0])).toContain("sg:web rule ssh (priority 10 accept)");
  });

  it("a drop closes with the list's known entries even when another is unknown", () => {
    const { b, ecs } = withDrop((b) => ref(ecsPrefixList(b, "corp", ["0.0.0.0/0", UNKNOWN])));
    expect(onPort(b, ecs)).toEqual([]);
  });

  it("a drop naming a list outside the stack closes nothing", () => {
    const { b, ecs } = withDrop(() => "pl-bp1shared");
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
  });

  it("a drop whose list is one of several the rule depends on closes nothing (an SDK without property dependencies)", () => {
    const { b, n, deny, ecs } = withDrop(anywhere);
    const corp = ecsPrefixList(b, "corp", ["10.0.0.0/8"]);
    deny.propertyDependencies = {};
    deny.dependencies = [n.sg.urn, ...deny.dependencies, corp.urn];
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
    // As an accept, every candidate is kept and the path says so.
    deny.inputs.policy = "accept";
    const rows = onPort(b, ecs).filter((e) => renderPath(e).includes("rule deny"));
    expect(rows.map(renderPath)).toEqual([
      expect.stringContaining("via prefix-list:anywhere (one of several lists the rule depends on)"),
    ]);
  });

  // The provider ignores prefixListId when the rule also names cidrIp, ipv6CidrIp or sourceSecurityGroupId.
  it("a drop naming a private cidrIp does not close with its list", () => {
    const { b, ecs } = withDrop(anywhere, { cidrIp: "10.0.0.0/8" });
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
  });

  it("a drop whose cidrIp is unknown does not close with its list", () => {
    const { b, ecs } = withDrop(anywhere, { cidrIp: UNKNOWN });
    expect(sources(b, ecs)).toEqual(["0.0.0.0/0"]);
  });
});

describe("Alicloud prefixListId beside another source on an accept", () => {
  it("a private cidrIp makes the provider ignore a list holding 0.0.0.0/0", () => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "anywhere", ["0.0.0.0/0"]);
    rule(b, n.sg, "ssh", { ...SSH, cidrIp: "10.0.0.0/8", prefixListId: ref(pl) });
    expect(onPort(b, publicEcs(b, n))).toEqual([]);
  });

  it("an unknown cidrIp may turn out empty: the list still counts", () => {
    const { b, n } = stack();
    const pl = ecsPrefixList(b, "anywhere", ["0.0.0.0/0"]);
    rule(b, n.sg, "ssh", { ...SSH, cidrIp: UNKNOWN, prefixListId: ref(pl) });
    expect(sources(b, publicEcs(b, n))).toEqual(["0.0.0.0/0"]);
  });
});

describe("stack policies see Alicloud prefix-list sources", () => {
  function listStack(cidrs: unknown[], port: number, listId?: string) {
    const { b, n } = stack();
    const list = listId ?? ref(ecsPrefixList(b, "corp", cidrs));
    rule(b, n.sg, "from-list", { ipProtocol: "tcp", portRange: `${port}/${port}`, prefixListId: list });
    return { b, ecs: publicEcs(b, n) };
  }

  it("disallow-internet-admin-ports-except-bastions blocks SSH from a list holding the internet", async () => {
    const policy = disallowInternetAdminPortsExceptBastions;
    const { b, ecs } = listStack(["10.0.0.0/8", "0.0.0.0/0"], 22);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn)).toEqual([ecs.urn]);
    expect(out[0].message).toContain("sg:web rule from-list via prefix-list:corp");
    const unknown = listStack([UNKNOWN], 22);
    const unknownOut = mandatory(await runStackPolicy(policy, unknown.b.resources));
    expect(unknownOut.map((r) => r.urn)).toEqual([unknown.ecs.urn]);
    expect(unknownOut[0].message).toContain("prefix-list:corp (entries unknown at preview)");
    // known-good: a private list, a list outside the stack
    expect(await runStackPolicy(policy, listStack(["10.0.0.0/8"], 22).b.resources)).toEqual([]);
    expect(await runStackPolicy(policy, listStack([], 22, "pl-bp1shared").b.resources)).toEqual([]);
  });

  it("disallow-internet-database-and-high-risk-ports blocks MySQL from a list with a public /8", async () => {
    const policy = disallowInternetDatabaseAndHighRiskPorts;
    const { b, ecs } = listStack(["10.0.0.0/8", "47.0.0.0/8"], 3306);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn)).toEqual([ecs.urn]);
    expect(out[0].message).toContain("47.0.0.0/8");
    expect(await runStackPolicy(policy, listStack(["10.0.0.0/8"], 3306).b.resources)).toEqual([]);
  });

  it("require-bastion-only-ssh-to-private-hosts judges a list in the stack by its entries", async () => {
    const policy = requireBastionOnlySshToPrivateHosts;
    const mgmt = { allowCidrs: ["172.16.8.0/22"] };
    expect(await runStackPolicy(policy, listStack(["172.16.8.0/24"], 22).b.resources, mgmt)).toEqual([]);
    const wide = mandatory(
      await runStackPolicy(policy, listStack(["172.16.8.0/24", "10.0.0.0/8"], 22).b.resources, mgmt),
    );
    expect(wide).toHaveLength(1);
    expect(wide[0].message).toContain("10.0.0.0/8 → sg:web rule from-list via prefix-list:corp");
    // A list outside the stack cannot be checked against the allow-list: reported.
    const foreign = await runStackPolicy(policy, listStack([], 22, "pl-bp1shared").b.resources, mgmt);
    expect(mandatory(foreign)).toHaveLength(1);
  });
});
