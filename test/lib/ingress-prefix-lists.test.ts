// Prefix-list sources are not CIDRs: extraction neither lists them nor calls them unknown, known or not, so the
// resource policies judge only a rule's CIDRs (the stack policies resolve the lists).
import { awsSecurityGroupIngress, awsSecurityGroupRule, awsVpcIngressRule } from "../../lib/ingress";
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
