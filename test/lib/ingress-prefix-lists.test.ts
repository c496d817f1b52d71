// Prefix-list sources are not CIDRs: extraction neither lists them nor calls them unknown, known or not, so the
// resource policies judge only a rule's CIDRs (the stack policies resolve the lists).
import { exposedPorts } from "../../lib/exposure";
import {
  alicloudSecurityGroupRule,
  awsSecurityGroupIngress,
  awsSecurityGroupRule,
  awsVpcIngressRule,
} from "../../lib/ingress";
import { UNKNOWN } from "../../lib/values";

describe("ingress extraction: prefix-list sources", () => {
  it.each([["pl-0123456789abcdef0"], [UNKNOWN]])("lists no CIDR and no unknown source for %s", (id) => {
    const rule = { protocol: "tcp", fromPort: 22, toPort: 22 };
    const entries = [
      ...awsSecurityGroupIngress({ ingress: [{ ...rule, prefixListIds: [id] }] }).entries,
      ...awsSecurityGroupIngress({ ingress: [{ ...rule, prefixListIds: UNKNOWN }] }).entries,
      ...awsSecurityGroupRule({ type: "ingress", ...rule, prefixListIds: [id] }).entries,
      ...awsVpcIngressRule({ ipProtocol: "tcp", fromPort: 22, toPort: 22, prefixListId: id }).entries,
    ];
    expect(entries.map((e) => [e.cidrs, e.unknownSource])).toEqual(Array(4).fill([[], false]));
  });

  it("keeps the rule's CIDRs next to its prefix lists", () => {
    const x = awsSecurityGroupRule({
      type: "ingress",
      protocol: "tcp",
      fromPort: 22,
      toPort: 22,
      prefixListIds: ["pl-1"],
      cidrBlocks: ["0.0.0.0/0"],
      ipv6CidrBlocks: ["::/0"],
    });
    expect(x.entries[0].cidrs).toEqual(["0.0.0.0/0", "::/0"]);
  });
});

describe("ingress extraction: Alicloud prefixListId", () => {
  const ssh = { type: "ingress", ipProtocol: "tcp", portRange: "22/22" };

  it.each([["pl-bp1corp"], [UNKNOWN]])("lists no CIDR and no unknown source for %s, on an accept and a drop", (id) => {
    const entries = ["accept", "drop"].flatMap(
      (policy) => alicloudSecurityGroupRule({ ...ssh, policy, prefixListId: id }).entries,
    );
    expect(entries.map((e) => [e.action, e.cidrs, e.unknownSource])).toEqual([
      ["allow", [], false],
      ["deny", [], false],
    ]);
  });

  it("a rule admitting SSH from a prefix list alone opens nothing and is not in doubt at resource level", () => {
    const { entries } = alicloudSecurityGroupRule({ ...ssh, prefixListId: UNKNOWN });
    expect(exposedPorts(entries, [22])).toEqual({ exposures: [], uncertain: [] });
  });

  it("keeps the rule's CIDRs next to its prefix list", () => {
    const v4 = alicloudSecurityGroupRule({ ...ssh, cidrIp: "0.0.0.0/0", prefixListId: "pl-bp1corp" });
    const v6 = alicloudSecurityGroupRule({ ...ssh, ipv6CidrIp: "::/0", prefixListId: "pl-bp1corp" });
    expect([...v4.entries, ...v6.entries].map((e) => e.cidrs)).toEqual([["0.0.0.0/0"], ["::/0"]]);
    expect(exposedPorts(v4.entries, [22]).exposures.map((e) => e.sources)).toEqual([["0.0.0.0/0"]]);
  });
});
