// Known-bad / known-good fixtures for AWS managed prefix lists: a rule naming a list in the stack admits the list's
// CIDRs (inline `entries` and separate ManagedPrefixListEntry resources); a list outside the stack (AWS-managed or
// foreign) opens nothing; a list in the stack whose entries are unknown at preview counts as open to any source.
import { GenericResource, UNKNOWN, buildNetworkModel, internalReach, internetExposures } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, knownRef, ref } from "./stack-builder";

type Form = "inline" | "sg-rule" | "vpc-rule";

/** A public host whose group admits `port` from `list` (a resource reference or a literal id), in one rule form. */
function hostBehind(b: StackBuilder, v: Vpc, form: Form, list: unknown, port = 22, name = "web") {
  const sg =
    form === "inline"
      ? b.add(T.sg, name, {
          vpcId: ref(v.vpc),
          ingress: [{ protocol: "tcp", fromPort: port, toPort: port, prefixListIds: [list] }],
        })
      : b.add(T.sg, name, { vpcId: ref(v.vpc) });
  if (form === "sg-rule")
    b.add(T.sgRule, `${name}-from-list`, {
      type: "ingress",
      securityGroupId: ref(sg),
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      prefixListIds: [list],
    });
  if (form === "vpc-rule")
    b.add(T.ingress, `${name}-from-list`, {
      securityGroupId: ref(sg),
      ipProtocol: "tcp",
      fromPort: port,
      toPort: port,
      prefixListId: list,
    });
  const host = b.add(T.instance, name, {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    ipv6AddressCount: 1,
  });
  return { sg, host };
}

function stack(opts: { ipv6?: boolean } = {}) {
  const b = new StackBuilder();
  return { b, v: vpcWithSubnets(b, { ipv6: opts.ipv6 ?? true }) };
}

const entries = (...cidrs: unknown[]) => cidrs.map((cidr) => ({ cidr, description: "x" }));

function onPort(b: StackBuilder, port: number) {
  return internetExposures(buildNetworkModel(b.resources)).filter((e) => e.ports.from <= port && port <= e.ports.to);
}

const sources = (b: StackBuilder, port = 22) => onPort(b, port).map((e) => e.source);

const FORMS: Form[] = ["inline", "sg-rule", "vpc-rule"];

describe("stack model: prefix lists in the stack", () => {
  it.each(FORMS)("%s: SSH from a list holding 0.0.0.0/0 (inline entries) is internet exposure", (form) => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", entries: entries("0.0.0.0/0") });
    const { host } = hostBehind(b, v, form, ref(pl));
    const rows = onPort(b, 22);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ urn: host.urn, source: "0.0.0.0/0", family: "ipv4" });
    expect(rows[0].path.join(" → ")).toContain("via prefix-list:corp →");
  });

  it.each(FORMS)("%s: entries from separate ManagedPrefixListEntry resources count too", (form) => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", maxEntries: 5 });
    b.add(T.prefixListEntry, "office", { prefixListId: ref(pl), cidr: "10.20.0.0/16" });
    b.add(T.prefixListEntry, "anywhere", { prefixListId: ref(pl), cidr: "0.0.0.0/0" });
    hostBehind(b, v, form, ref(pl));
    expect(sources(b)).toEqual(["0.0.0.0/0"]);
  });

  it("an IPv6 ::/0 entry exposes the host over IPv6", () => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "v6", { name: "v6", addressFamily: "IPv6", entries: entries("::/0") });
    const { host } = hostBehind(b, v, "vpc-rule", ref(pl));
    expect(onPort(b, 22)).toEqual([expect.objectContaining({ urn: host.urn, family: "ipv6", source: "::/0" })]);
  });

  it("resolves a known list id through the rule's dependency, and an id the list carries", () => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", entries: entries("0.0.0.0/0") });
    hostBehind(b, v, "sg-rule", knownRef(pl, "pl-0123456789abcdef0"));
    expect(sources(b)).toEqual(["0.0.0.0/0"]);

    const s = stack();
    s.b.add(T.prefixList, "corp", {
      id: "pl-0123456789abcdef0",
      name: "corp",
      addressFamily: "IPv4",
      entries: entries("0.0.0.0/0"),
    });
    hostBehind(s.b, s.v, "inline", "pl-0123456789abcdef0");
    expect(sources(s.b)).toEqual(["0.0.0.0/0"]);
  });

  it("a public /8 entry is internet exposure too (the high-risk rule's broad range)", () => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "partners", {
      name: "partners",
      addressFamily: "IPv4",
      entries: entries("3.0.0.0/8"),
    });
    hostBehind(b, v, "inline", ref(pl), 3306);
    expect(sources(b, 3306)).toEqual(["3.0.0.0/8"]);
  });

  it.each<[string, Record<string, unknown>, { entry?: unknown }]>([
    ["private entries", { entries: entries("10.0.0.0/8", "fd00::/8") }, {}],
    ["no entries at all", {}, {}],
    ["an empty entry list", { entries: [] }, {}],
    ["a private separate entry", {}, { entry: "192.168.0.0/16" }],
  ])("known-good: %s open nothing to the internet", (_name, inputs, opts) => {
    for (const form of FORMS) {
      const { b, v } = stack();
      const pl = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", ...inputs });
      if (opts.entry) b.add(T.prefixListEntry, "e", { prefixListId: ref(pl), cidr: opts.entry });
      hostBehind(b, v, form, ref(pl));
      expect(onPort(b, 22)).toEqual([]);
    }
  });

  it("keeps the list's entries apart from other rules' sources", () => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", entries: entries("10.0.0.0/8") });
    const sg = b.add(T.sg, "web", {
      vpcId: ref(v.vpc),
      ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [ref(pl)] },
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
      ],
    });
    b.add(T.instance, "web", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      associatePublicIpAddress: true,
    });
    expect(onPort(b, 22)).toEqual([]);
    expect(sources(b, 443)).toEqual(["0.0.0.0/0"]);
  });
});

describe("stack model: lists outside the stack", () => {
  it.each(FORMS)("%s: an AWS-managed or foreign list id opens nothing", (form) => {
    const { b, v } = stack();
    hostBehind(b, v, form, "pl-3b927c52"); // com.amazonaws.global.cloudfront.origin-facing
    const m = buildNetworkModel(b.resources);
    expect(internetExposures(m)).toEqual([]);
    // Still a source for the internal question (only bastion groups may admit SSH).
    expect(internalReach(m).map((r) => r.from)).toEqual([{ kind: "prefix-list", id: "pl-3b927c52" }]);
  });

  it("an unknown reference with no list among its dependencies opens nothing", () => {
    const { b, v } = stack();
    hostBehind(b, v, "sg-rule", UNKNOWN);
    expect(onPort(b, 22)).toEqual([]);
  });

  it("separate entries the stack adds to a foreign list by id are admitted", () => {
    const { b, v } = stack();
    b.add(T.prefixListEntry, "anywhere", { prefixListId: "pl-0feedfeedfeedfeed", cidr: "0.0.0.0/0" });
    hostBehind(b, v, "vpc-rule", "pl-0feedfeedfeedfeed");
    expect(sources(b)).toEqual(["0.0.0.0/0"]);
  });
});

describe("stack model: entries unknown at preview", () => {
  it.each<[string, Record<string, unknown>, unknown, string[]]>([
    ["the whole entries list", { addressFamily: "IPv4", entries: UNKNOWN }, undefined, ["0.0.0.0/0"]],
    [
      "one inline entry's cidr",
      { addressFamily: "IPv4", entries: entries("10.0.0.0/8", UNKNOWN) },
      undefined,
      ["0.0.0.0/0"],
    ],
    ["a separate entry's cidr", { addressFamily: "IPv6" }, UNKNOWN, ["::/0"]],
    [
      "the entries and the address family",
      { addressFamily: UNKNOWN, entries: UNKNOWN },
      undefined,
      ["0.0.0.0/0", "::/0"],
    ],
  ])("%s: the list counts as open to any source", (_name, inputs, entryCidr, expected) => {
    for (const form of FORMS) {
      const { b, v } = stack();
      const pl = b.add(T.prefixList, "corp", { name: "corp", ...inputs });
      if (entryCidr !== undefined) b.add(T.prefixListEntry, "e", { prefixListId: ref(pl), cidr: entryCidr });
      hostBehind(b, v, form, ref(pl));
      const rows = onPort(b, 22);
      expect(rows.map((e) => e.source).sort()).toEqual(expected);
      for (const r of rows) expect(r.path.join(" → ")).toContain("prefix-list:corp (entries unknown at preview)");
    }
  });

  it("a list whose name is unknown is labelled by its resource name", () => {
    const { b, v } = stack();
    const pl = b.add(T.prefixList, "corp", { name: UNKNOWN, addressFamily: "IPv4", entries: UNKNOWN });
    hostBehind(b, v, "inline", ref(pl));
    expect(sources(b)).toEqual(["0.0.0.0/0"]);
  });
});

describe("stack model: several inline rules naming unknown lists", () => {
  it("keeps every candidate list and says the plan cannot tell them apart", () => {
    const { b, v } = stack();
    const corp = b.add(T.prefixList, "corp", { name: "corp", addressFamily: "IPv4", entries: entries("10.0.0.0/8") });
    const any = b.add(T.prefixList, "any", { name: "any", addressFamily: "IPv4", entries: entries("0.0.0.0/0") });
    const sg = b.add(T.sg, "web", {
      vpcId: ref(v.vpc),
      ingress: [
        { protocol: "tcp", fromPort: 22, toPort: 22, prefixListIds: [ref(corp)] },
        { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [ref(any)] },
      ],
    });
    b.add(T.instance, "web", {
      subnetId: ref(v.publicSubnet),
      vpcSecurityGroupIds: [ref(sg)],
      associatePublicIpAddress: true,
    });
    const ssh = onPort(b, 22);
    expect(ssh.map((e) => e.source)).toEqual(["0.0.0.0/0"]);
    expect(ssh[0].path.join(" → ")).toContain("prefix-list:any (one of several lists the inline rules name)");
  });
});

describe("stack policies see prefix-list sources", () => {
  function listStack(cidrs: unknown[], port: number, opts: { separate?: boolean; listId?: string } = {}) {
    const { b, v } = stack();
    let list: unknown = opts.listId;
    let pl: GenericResource | undefined;
    if (!opts.listId) {
      pl = b.add(T.prefixList, "corp", {
        name: "corp",
        addressFamily: "IPv4",
        ...(opts.separate ? {} : { entries: entries(...cidrs) }),
      });
      if (opts.separate)
        cidrs.forEach((c, i) => b.add(T.prefixListEntry, `e${i}`, { prefixListId: ref(pl!), cidr: c }));
      list = ref(pl);
    }
    return { b, ...hostBehind(b, v, "sg-rule", list, port) };
  }

  it("disallow-internet-admin-ports-except-bastions blocks SSH from a list holding the internet", async () => {
    const policy = disallowInternetAdminPortsExceptBastions;
    for (const separate of [false, true]) {
      const { b, host } = listStack(["0.0.0.0/0"], 22, { separate });
      const out = mandatory(await runStackPolicy(policy, b.resources));
      expect(out.map((r) => r.urn)).toEqual([host.urn]);
      expect(out[0].message).toContain("prefix-list:corp");
    }
    const unknown = listStack([UNKNOWN], 22, { separate: true });
    expect(mandatory(await runStackPolicy(policy, unknown.b.resources)).map((r) => r.urn)).toEqual([unknown.host.urn]);
    // known-good: a private list, a foreign list
    expect(await runStackPolicy(policy, listStack(["10.0.0.0/8"], 22).b.resources)).toEqual([]);
    expect(await runStackPolicy(policy, listStack([], 22, { listId: "pl-3b927c52" }).b.resources)).toEqual([]);
  });

  it("disallow-internet-database-and-high-risk-ports blocks MySQL from a list with a public /8", async () => {
    const policy = disallowInternetDatabaseAndHighRiskPorts;
    const { b, host } = listStack(["10.0.0.0/8", "3.0.0.0/8"], 3306);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((r) => r.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("3.0.0.0/8");
    expect(await runStackPolicy(policy, listStack(["10.0.0.0/8"], 3306).b.resources)).toEqual([]);
    expect(await runStackPolicy(policy, listStack([], 3306, { listId: "pl-3b927c52" }).b.resources)).toEqual([]);
  });

  it("require-bastion-only-ssh-to-private-hosts judges a list in the stack by its entries", async () => {
    const policy = requireBastionOnlySshToPrivateHosts;
    const mgmt = { allowCidrs: ["10.20.0.0/16"] };
    expect(await runStackPolicy(policy, listStack(["10.20.0.0/24"], 22).b.resources, mgmt)).toEqual([]);
    const wide = listStack(["10.20.0.0/24", "10.0.0.0/8"], 22, { separate: true });
    const out = mandatory(await runStackPolicy(policy, wide.b.resources, mgmt));
    expect(out).toHaveLength(1);
    expect(out[0].message).toContain("10.0.0.0/8 → sg:web rule web-from-list via prefix-list:corp");
    // A foreign list cannot be checked against the allow-list: reported as before.
    const foreign = listStack([], 22, { listId: "pl-3b927c52" });
    expect(mandatory(await runStackPolicy(policy, foreign.b.resources, mgmt))).toHaveLength(1);
  });
});
