// Known-bad / known-good fixtures for the stack model: unknown NACL values never hide an opening, a deny of one
// protocol leaves another open, and port-less IP protocols (ESP, AH, GRE, SCTP…) open no TCP/UDP port.
import { buildNetworkModel, internetExposures, UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, sshFromAnywhere, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const allowAll = { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" };
const allowSsh = { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" };

/** A public web host with SSH open in its group, behind a NACL with `ingress` and the separate `rules`. */
function awsStack(ingress: Record<string, unknown>[], rules: Record<string, unknown>[] = []) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = sshFromAnywhere(b, v);
  const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
  b.add(T.eip, "web-ip", { instance: ref(web) });
  const nacl = b.add(T.nacl, "public", { vpcId: ref(v.vpc), subnetIds: [ref(v.publicSubnet)], ingress });
  rules.forEach((r, i) => b.add(T.naclRule, `r${i}`, { networkAclId: ref(nacl), egress: false, ...r }));
  return b;
}

const ssh = (b: StackBuilder) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.ports.from <= 22 && 22 <= e.ports.to);

describe("stack model: NACL deny rules", () => {
  it.each<[string, Record<string, unknown>[], Record<string, unknown>[], number]>([
    // known-bad: the SSH opening must survive
    [
      "deny of udp ahead of an allow of tcp 22",
      [{ ...allowSsh }, { ...allowSsh, ruleNo: 10, action: "deny", protocol: "udp", fromPort: 0, toPort: 65535 }],
      [],
      1,
    ],
    [
      "inline deny-all with an unknown rule number",
      [allowSsh, { ...allowAll, ruleNo: UNKNOWN, action: "deny" }],
      [],
      1,
    ],
    [
      "separate deny-all with an unknown rule number",
      [allowSsh],
      [{ ruleNumber: UNKNOWN, ruleAction: "deny", protocol: "-1", cidrBlock: "0.0.0.0/0" }],
      1,
    ],
    [
      "separate rule with an unknown action is not a deny",
      [allowAll],
      [{ ruleNumber: 10, ruleAction: UNKNOWN, protocol: "-1", cidrBlock: "0.0.0.0/0" }],
      1,
    ],
    [
      "separate rule with an unknown action may be the allow",
      [],
      [{ ruleNumber: 10, ruleAction: UNKNOWN, protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" }],
      1,
    ],
    [
      "inline entry with an unknown action is not a deny",
      [allowSsh, { ...allowAll, ruleNo: 10, action: UNKNOWN }],
      [],
      1,
    ],
    [
      "deny with unknown ports closes nothing",
      [allowSsh, { ...allowSsh, ruleNo: 10, action: "deny", fromPort: UNKNOWN, toPort: UNKNOWN }],
      [],
      1,
    ],
    [
      "deny with an unknown protocol closes nothing",
      [allowSsh, { ...allowAll, ruleNo: 10, action: "deny", protocol: UNKNOWN }],
      [],
      1,
    ],
    [
      "allow with an unknown rule number may come first",
      [
        { ...allowAll, ruleNo: 200, action: "deny" },
        { ...allowSsh, ruleNo: UNKNOWN },
      ],
      [],
      1,
    ],
    // known-good
    ["deny of tcp ahead of the allow", [allowSsh, { ...allowSsh, ruleNo: 10, action: "deny" }], [], 0],
    ["deny of all protocols ahead of the allow", [allowSsh, { ...allowAll, ruleNo: 10, action: "deny" }], [], 0],
    [
      "separate deny-all with a known lower rule number",
      [allowSsh],
      [{ ruleNumber: 10, ruleAction: "deny", protocol: "-1", cidrBlock: "0.0.0.0/0" }],
      0,
    ],
  ])("%s", (_name, ingress, rules, expected) => {
    expect(ssh(awsStack(ingress, rules))).toHaveLength(expected);
  });

  it("Alicloud ACL: a udp drop ahead of a tcp accept leaves 22 open; a tcp drop closes it", () => {
    const stack = (dropProtocol: string) => {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
      b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 10 });
      b.add(A.acl, "acl", {
        vpcId: ref(n.vpc),
        resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
        ingressAclEntries: [
          { policy: "drop", protocol: dropProtocol, port: "1/65535", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        ],
      });
      return b;
    };
    expect(ssh(stack("udp"))).toHaveLength(1);
    expect(ssh(stack("tcp"))).toHaveLength(0);
    expect(ssh(stack(UNKNOWN))).toHaveLength(1);
  });
});

describe("stack model: Alicloud security-group drops", () => {
  it("a drop with an unknown priority does not hide an accept of priority 100", () => {
    const stack = (priority: unknown) => {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 100 });
      rule(b, n.sg, "drop", { portRange: "1/65535", cidrIp: "0.0.0.0/0", policy: "drop", priority });
      b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 10 });
      return b;
    };
    expect(ssh(stack(UNKNOWN))).toHaveLength(1);
    expect(ssh(stack(100))).toHaveLength(0);
  });
});

describe("stack model: port-less IP protocols", () => {
  it.each(["50", "51", "47", "4", "132", "icmp", "58"])("security group protocol %s opens no TCP/UDP port", (p) => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const sg = b.add(T.sg, "vpn", {
      vpcId: ref(v.vpc),
      ingress: [{ protocol: p, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
    });
    const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
    b.add(T.eip, "web-ip", { instance: ref(web) });
    expect(internetExposures(buildNetworkModel(b.resources))).toEqual([]);
  });

  it("the admin-port stack policy passes an ESP rule and still blocks protocol -1", async () => {
    const stack = (protocol: string) => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      const sg = b.add(T.sg, "vpn", { vpcId: ref(v.vpc) });
      b.add(T.ingress, "ipsec", { securityGroupId: ref(sg), ipProtocol: protocol, cidrIpv4: "0.0.0.0/0" });
      b.add(T.instance, "vpn", {
        subnetId: ref(v.publicSubnet),
        vpcSecurityGroupIds: [ref(sg)],
        associatePublicIpAddress: true,
      });
      return b.resources;
    };
    expect(mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack("50")))).toEqual([]);
    expect(mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack("-1")))).not.toEqual([]);
  });
});
