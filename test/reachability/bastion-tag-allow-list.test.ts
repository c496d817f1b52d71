// A bastion's `hardening:allowed-cidrs` tag is written by any stack author: it may narrow who reaches the bastion, but
// it cannot declare the internet (or a broad public range) an allow-list. The policy config's allowCidrs, set by the
// pack's owner, is not bounded so.
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { taggedAllowList } from "../../policies/stack/roles";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const bastionTags = (allowList: string) => ({ "hardening:role": "bastion", "hardening:allowed-cidrs": allowList });

/** A public AWS bastion whose group admits SSH from `sources`, tagged with `allowList`. */
function awsBastion(sources: { cidrBlocks?: string[]; ipv6CidrBlocks?: string[] }, allowList: string) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: true });
  const sg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, ...sources }],
  });
  const host = b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    ipv6AddressCount: 1,
    tags: bastionTags(allowList),
  });
  return { b, host };
}

/** A public Alibaba Cloud bastion admitting SSH from `source`, tagged with `allowList`. */
function aliBastion(source: string, allowList: string) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: source });
  const host = b.add(A.instance, "jump", {
    vswitchId: ref(n.vswitch),
    securityGroups: [ref(n.sg)],
    internetMaxBandwidthOut: 10,
    tags: bastionTags(allowList),
  });
  return { b, host };
}

describe("taggedAllowList", () => {
  it.each([
    ["203.0.113.0/24", ["203.0.113.0/24"], []],
    ["203.0.113.0/24, 198.51.100.7/32", ["203.0.113.0/24", "198.51.100.7/32"], []],
    ["10.0.0.0/8 2001:db8:1::/48", ["10.0.0.0/8", "2001:db8:1::/48"], []],
    ["0.0.0.0/0", [], ["0.0.0.0/0"]],
    ["203.0.113.0/24,::/0", ["203.0.113.0/24"], ["::/0"]],
    ["203.0.113.0/24 100.0.0.0/8", ["203.0.113.0/24"], ["100.0.0.0/8"]],
    ["10.0.0.0/8 0.0.0.0/0 203.0.113.0/24", ["10.0.0.0/8"], ["0.0.0.0/0", "203.0.113.0/24"]],
    ["100.0.0.0/8", [], ["100.0.0.0/8"]],
    ["2001:db8::/32", [], ["2001:db8::/32"]],
    // Two halves cover the internet together: each is refused.
    ["0.0.0.0/1 128.0.0.0/1", [], ["0.0.0.0/1", "128.0.0.0/1"]],
    ["", [], []],
  ])("%j → trusted %j, refused %j", (tag, trusted, refused) => {
    expect(taggedAllowList({ tags: { "hardening:allowed-cidrs": tag } })).toEqual({ trusted, refused });
  });
});

describe("disallow-internet-admin-ports-except-bastions: the bastion tag's allow-list", () => {
  it.each([
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["10.0.0.0/8 0.0.0.0/0", "0.0.0.0/0,"],
    // A tag that declares the internet is trusted for no public entry.
    ["203.0.113.0/24 0.0.0.0/0", "203.0.113.0/24, 0.0.0.0/0,"],
  ])("an AWS bastion open to the world with the tag %j is blocked", async (tag, refused) => {
    const { b, host } = awsBastion({ cidrBlocks: ["0.0.0.0/0"] }, tag);
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source 0.0.0.0/0 is outside the bastion's allow-list");
    expect(out[0].message).toContain(`its hardening:allowed-cidrs tag lists ${refused}`);
  });

  it("an AWS bastion open to ::/0 with the tag ::/0 is blocked over IPv6", async () => {
    const { b, host } = awsBastion({ ipv6CidrBlocks: ["::/0"] }, "::/0");
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source ::/0 is outside the bastion's allow-list (empty)");
  });

  it("a broad public range in the tag does not cover the same range in the rule", async () => {
    const { b, host } = awsBastion({ cidrBlocks: ["100.0.0.0/8"] }, "100.0.0.0/8");
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("its hardening:allowed-cidrs tag lists 100.0.0.0/8");
  });

  it("an Alibaba Cloud bastion open to the world with the tag 0.0.0.0/0 is blocked", async () => {
    const { b, host } = aliBastion("0.0.0.0/0", "0.0.0.0/0");
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("its hardening:allowed-cidrs tag lists 0.0.0.0/0");
  });

  it("narrow tag entries still admit their sources, beside a refused broad entry", async () => {
    const aws = awsBastion({ cidrBlocks: ["203.0.113.0/24"] }, "100.0.0.0/8 203.0.113.0/24");
    expect(await runStackPolicy(policy, aws.b.resources)).toEqual([]);
    const ali = aliBastion("198.51.100.0/28", "198.51.100.0/24");
    expect(await runStackPolicy(policy, ali.b.resources)).toEqual([]);
  });

  it("the policy config's allowCidrs, set by the pack's owner, is not bounded", async () => {
    const { b } = awsBastion({ cidrBlocks: ["0.0.0.0/0"] }, "");
    expect(await runStackPolicy(policy, b.resources, { allowCidrs: ["0.0.0.0/0"] })).toEqual([]);
  });
});
