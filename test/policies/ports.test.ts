import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { Case, run, table, UNKNOWN } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const DEFAULT_NACL = "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl";
const ALI_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const ALI_ACL = "alicloud:vpc/networkAcl:NetworkAcl";
const ALI_ACL_ENTRIES = "alicloud:vpc/networkAclEntries:NetworkAclEntries";
const LIGHTSAIL_PORTS = "aws:lightsail/instancePublicPorts:InstancePublicPorts";

const sgIngress = (...ingress: Record<string, unknown>[]) => ({ vpcId: "vpc-1", ingress });
const tcp = (fromPort: number, toPort: number, cidrBlocks: string[], extra: Record<string, unknown> = {}) => ({
  protocol: "tcp",
  fromPort,
  toPort,
  cidrBlocks,
  ...extra,
});
const sgRule = (extra: Record<string, unknown>) => ({ type: "ingress", securityGroupId: "sg-1", ...extra });
const aliRule = (extra: Record<string, unknown>) => ({
  type: "ingress",
  ipProtocol: "tcp",
  securityGroupId: "sg-1",
  ...extra,
});

describe("disallow-internet-admin-ports", () => {
  table(disallowInternetAdminPorts, [
    // AWS inline security-group rules
    {
      name: "SG inline 22 from 0.0.0.0/0",
      type: SG,
      props: sgIngress(tcp(22, 22, ["0.0.0.0/0"])),
      violations: 1,
      mentions: "port 22",
    },
    {
      name: "SG inline range 20-25 contains 22",
      type: SG,
      props: sgIngress(tcp(20, 25, ["0.0.0.0/0"])),
      violations: 1,
    },
    {
      name: "SG inline 3389 from ::/0",
      type: SG,
      props: sgIngress(tcp(3389, 3389, [], { ipv6CidrBlocks: ["::/0"] })),
      violations: 1,
    },
    {
      name: "SG inline protocol -1",
      type: SG,
      props: sgIngress({ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "ports 22, 3389, 5900, 5985, 5986",
    },
    {
      name: "SG inline protocol all",
      type: SG,
      props: sgIngress({ protocol: "all", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "SG inline split halves in one rule",
      type: SG,
      props: sgIngress(tcp(22, 22, ["0.0.0.0/1", "128.0.0.0/1"])),
      violations: 1,
    },
    {
      name: "SG inline split halves across rules",
      type: SG,
      props: sgIngress(tcp(22, 22, ["0.0.0.0/1"]), tcp(22, 22, ["128.0.0.0/1"])),
      violations: 2,
    },
    { name: "SG inline 0-65535", type: SG, props: sgIngress(tcp(0, 65535, ["0.0.0.0/0"])), violations: 1 },
    {
      name: "SG inline by protocol number 6",
      type: SG,
      props: sgIngress({ protocol: "6", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    { name: "default SG open", type: DEFAULT_SG, props: sgIngress(tcp(22, 22, ["0.0.0.0/0"])), violations: 1 },
    { name: "SG inline 443 only", type: SG, props: sgIngress(tcp(443, 443, ["0.0.0.0/0", "::/0"])), violations: 0 },
    {
      name: "SG inline 22 from private range",
      type: SG,
      props: sgIngress(tcp(22, 22, ["10.0.0.0/16"])),
      violations: 0,
    },
    {
      name: "SG inline 22 from one office address",
      type: SG,
      props: sgIngress(tcp(22, 22, ["203.0.113.10/32"])),
      violations: 0,
    },
    {
      name: "SG inline 22 from a source SG",
      type: SG,
      props: sgIngress({ protocol: "tcp", fromPort: 22, toPort: 22, securityGroups: ["sg-bastion"] }),
      violations: 0,
    },
    {
      name: "SG inline self",
      type: SG,
      props: sgIngress({ protocol: "-1", fromPort: 0, toPort: 0, self: true }),
      violations: 0,
    },
    { name: "SG egress only", type: SG, props: { egress: [tcp(22, 22, ["0.0.0.0/0"])] }, violations: 0 },
    {
      name: "SG icmp from anywhere",
      type: SG,
      props: sgIngress({ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
    { name: "SG without ingress", type: SG, props: { vpcId: "vpc-1" }, violations: 0 },
    ...["50", "51", "47", "4", "132"].map((protocol) => ({
      name: `SG inline port-less protocol ${protocol} from anywhere`,
      type: SG,
      props: sgIngress({ protocol, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    })),
    {
      name: "SG inline protocol ALL still opens every port",
      type: SG,
      props: sgIngress({ protocol: "ALL", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "SG inline udp 3389 by number 17",
      type: SG,
      props: sgIngress({ protocol: "17", fromPort: 3389, toPort: 3389, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "SG inline unknown protocol is a note",
      type: SG,
      props: sgIngress({ protocol: UNKNOWN, fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
      notes: 1,
    },
    // AWS separate rule resources
    { name: "SecurityGroupRule ingress 22", type: SG_RULE, props: sgRule(tcp(22, 22, ["0.0.0.0/0"])), violations: 1 },
    {
      name: "SecurityGroupRule with unknown group id still blocked",
      type: SG_RULE,
      props: { ...sgRule(tcp(22, 22, ["0.0.0.0/0"])), securityGroupId: UNKNOWN },
      violations: 1,
    },
    {
      name: "SecurityGroupRule egress is not ingress",
      type: SG_RULE,
      props: { ...sgRule(tcp(22, 22, ["0.0.0.0/0"])), type: "egress" },
      violations: 0,
    },
    {
      name: "SecurityGroupRule from source SG",
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: 22, toPort: 22, sourceSecurityGroupId: "sg-2" }),
      violations: 0,
    },
    {
      name: "SecurityGroupRule IPv6 ::/0 on 3389",
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: 3389, toPort: 3389, ipv6CidrBlocks: ["::/0"] }),
      violations: 1,
    },
    {
      name: "SecurityGroupRule unknown CIDR is a note",
      type: SG_RULE,
      props: sgRule(tcp(22, 22, [UNKNOWN])),
      violations: 0,
      notes: 1,
    },
    {
      name: "SecurityGroupRule unknown type is a note",
      type: SG_RULE,
      props: { ...sgRule(tcp(22, 22, ["0.0.0.0/0"])), type: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "SecurityGroupRule unknown port with internet source is a note",
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
      notes: 1,
    },
    {
      name: "SecurityGroupRule protocol -1 with unknown ports is still all ports",
      type: SG_RULE,
      props: sgRule({ protocol: "-1", fromPort: UNKNOWN, toPort: UNKNOWN, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
    },
    {
      name: "vpc ingress rule -1 from cidrIpv4",
      type: VPC_RULE,
      props: { securityGroupId: UNKNOWN, ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" },
      violations: 1,
    },
    {
      name: "vpc ingress rule 22 from cidrIpv6",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 22, toPort: 22, cidrIpv6: "::/0" },
      violations: 1,
    },
    {
      name: "vpc ingress rule from referenced SG",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 22, toPort: 22, referencedSecurityGroupId: "sg-b" },
      violations: 0,
    },
    {
      name: "Lightsail public port 22 with no source (Lightsail opens it to everyone)",
      type: LIGHTSAIL_PORTS,
      props: { instanceName: "web", portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22 }] },
      violations: 1,
    },
    {
      name: "Lightsail public port 22 from ::/0",
      type: LIGHTSAIL_PORTS,
      props: { instanceName: "web", portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, ipv6Cidrs: ["::/0"] }] },
      violations: 1,
    },
    {
      name: "Lightsail public port 22 from an office /28 and 443 from anywhere",
      type: LIGHTSAIL_PORTS,
      props: {
        instanceName: "web",
        portInfos: [
          { protocol: "tcp", fromPort: 22, toPort: 22, cidrs: ["203.0.113.16/28"] },
          { protocol: "tcp", fromPort: 443, toPort: 443, cidrs: ["0.0.0.0/0"] },
        ],
      },
      violations: 0,
    },
    {
      name: "Lightsail public ports unknown at preview is a note",
      type: LIGHTSAIL_PORTS,
      props: { instanceName: "web", portInfos: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "vpc ingress rule ESP (50) from cidrIpv4",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "50", cidrIpv4: "0.0.0.0/0" },
      violations: 0,
    },
    {
      name: "SecurityGroupRule AH (51) from anywhere",
      type: SG_RULE,
      props: sgRule({ protocol: "51", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
    {
      name: "vpc ingress rule 443",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" },
      violations: 0,
    },
    // AWS network ACLs
    {
      name: "NACL rule allow 22",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "6",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 22,
        toPort: 22,
      },
      violations: 1,
    },
    {
      name: "NACL rule allow all protocols",
      type: NACL_RULE,
      props: { networkAclId: "acl", ruleNumber: 100, protocol: "-1", ruleAction: "allow", cidrBlock: "0.0.0.0/0" },
      violations: 1,
    },
    {
      name: "NACL rule deny 22 is not an opening",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 90,
        protocol: "6",
        ruleAction: "deny",
        cidrBlock: "0.0.0.0/0",
        fromPort: 22,
        toPort: 22,
      },
      violations: 0,
    },
    {
      name: "NACL rule egress",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        egress: true,
        protocol: "-1",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
      },
      violations: 0,
    },
    {
      name: "NACL rule ephemeral return range",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "6",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 1024,
        toPort: 65535,
      },
      violations: 0,
    },
    {
      name: "NACL rule IPv6 allow 3389",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "tcp",
        ruleAction: "allow",
        ipv6CidrBlock: "::/0",
        fromPort: 3389,
        toPort: 3389,
      },
      violations: 1,
    },
    {
      name: "NACL inline allow all",
      type: NACL,
      props: {
        vpcId: "v",
        ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
      },
      violations: 1,
    },
    {
      name: "NACL inline deny of tcp 22 ahead of allow-all closes tcp 22 only: udp 22 and 3389 stay open",
      type: NACL,
      props: {
        vpcId: "v",
        ingress: [
          { ruleNo: 200, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 },
          { ruleNo: 100, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 },
        ],
      },
      violations: 1,
      mentions: "ports 22, 3389, 5900, 5985, 5986",
    },
    {
      name: "NACL inline denies of tcp and udp 22 and tcp 3389, 5900, 5985-5986 ahead of allow-all leave those open over udp",
      type: NACL,
      props: {
        vpcId: "v",
        ingress: [
          { ruleNo: 200, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 },
          { ruleNo: 100, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 },
          { ruleNo: 101, action: "deny", protocol: "udp", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 },
          { ruleNo: 110, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 },
          { ruleNo: 120, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 5900, toPort: 5900 },
          { ruleNo: 130, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 5985, toPort: 5986 },
        ],
      },
      violations: 1,
      mentions: "opens ports 3389, 5900, 5985, 5986 (rule covers all ports) over udp",
    },
    {
      name: "NACL inline hardened: deny admin ports, allow 443 and return traffic",
      type: NACL,
      props: {
        vpcId: "v",
        ingress: [
          { ruleNo: 90, action: "deny", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 3389, toPort: 3389 },
          { ruleNo: 100, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 443, toPort: 443 },
          { ruleNo: 110, action: "allow", protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 },
          { ruleNo: 120, action: "allow", protocol: "tcp", cidrBlock: "10.0.0.0/16", fromPort: 22, toPort: 22 },
        ],
      },
      violations: 0,
    },
    {
      name: "default NACL left open",
      type: DEFAULT_NACL,
      props: {
        defaultNetworkAclId: "a",
        ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }],
      },
      violations: 1,
    },
    {
      name: "default NACL with no rules denies everything",
      type: DEFAULT_NACL,
      props: { defaultNetworkAclId: "a" },
      violations: 0,
    },
    {
      name: "NACL inline ingress list unknown is a note",
      type: NACL,
      props: { vpcId: "v", ingress: UNKNOWN },
      violations: 0,
      notes: 1,
    },
    {
      name: "NACL inline udp deny does not hide a later tcp allow of 22",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "udp", fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
      mentions: "port 22",
    },
    {
      name: "NACL inline udp deny ahead of allow-all leaves 22 and 3389 open over tcp",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "17", fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
      mentions: "ports 22, 3389, 5900, 5985, 5986",
    },
    {
      name: "NACL inline deny of all protocols (ALL) ahead of a tcp allow closes 22",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "ALL", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "6", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 0,
    },
    {
      name: "NACL inline deny with an unknown rule number is a note, not a pass",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: UNKNOWN, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "NACL inline deny with an unknown action is a note",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: UNKNOWN, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "NACL inline deny with an unknown protocol is a note",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: "deny", protocol: UNKNOWN, fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "NACL inline deny with an unknown CIDR is a note",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: UNKNOWN },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "NACL inline allow with an unknown rule number still opens 22 past a later deny",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 200, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
          { ruleNo: UNKNOWN, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
    },
    {
      name: "NACL inline udp deny with an unknown rule number leaves the tcp allow a violation",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: UNKNOWN, action: "deny", protocol: "udp", fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
    },
    {
      name: "NACL rule 3389-65535 is not an ephemeral return range",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 100, action: "allow", protocol: "6", fromPort: 3389, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
      mentions: "ports 3389, 5900, 5985, 5986 (rule covers ports 3389-65535)",
    },
    {
      name: "NACL rule 2000-65535 is not an ephemeral return range",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "6",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 2000,
        toPort: 65535,
      },
      violations: 1,
    },
    ...[1024, 1025, 32768, 49152].map((fromPort) => ({
      name: `NACL ephemeral return range ${fromPort}-65535`,
      type: NACL,
      props: {
        ingress: [{ ruleNo: 100, action: "allow", protocol: "tcp", fromPort, toPort: 65535, cidrBlock: "0.0.0.0/0" }],
      },
      violations: 0,
    })),
    ...["50", "51", "47", "4", "132", "icmp", "1", "58"].map((protocol) => ({
      name: `NACL allow-all of port-less protocol ${protocol} opens no admin port`,
      type: NACL,
      props: {
        ingress: [{ ruleNo: 100, action: "allow", protocol, fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
      },
      violations: 0,
    })),
    {
      name: "NACL rule ESP from anywhere opens no admin port",
      type: NACL_RULE,
      props: { networkAclId: "acl", ruleNumber: 100, protocol: "50", ruleAction: "allow", cidrBlock: "0.0.0.0/0" },
      violations: 0,
    },
    {
      name: "NACL inline unknown protocol on an allow is a note",
      type: NACL,
      props: {
        ingress: [{ ruleNo: 100, action: "allow", protocol: UNKNOWN, fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
      },
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud security-group rules
    {
      name: "Alicloud 22/22 from 0.0.0.0/0",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud -1/-1 default range",
      type: ALI_RULE,
      props: aliRule({ portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud absent range means every port",
      type: ALI_RULE,
      props: aliRule({ cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud protocol all",
      type: ALI_RULE,
      props: aliRule({ ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud range 20/25 is not matched as text",
      type: ALI_RULE,
      props: aliRule({ portRange: "20/25", cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud 1/65535 IPv6",
      type: ALI_RULE,
      props: aliRule({ portRange: "1/65535", ipv6CidrIp: "::/0" }),
      violations: 1,
    },
    {
      name: "Alicloud nicType internet, accept",
      type: ALI_RULE,
      props: aliRule({
        portRange: "3389/3389",
        cidrIp: "0.0.0.0/0",
        nicType: "internet",
        policy: "accept",
        priority: 1,
      }),
      violations: 1,
    },
    {
      name: "Alicloud with unknown security group id still blocked",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: "0.0.0.0/0", securityGroupId: UNKNOWN }),
      violations: 1,
    },
    {
      name: "Alicloud drop rule is not an opening",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 }),
      violations: 0,
    },
    {
      name: "Alicloud egress",
      type: ALI_RULE,
      props: { ...aliRule({ portRange: "22/22", cidrIp: "0.0.0.0/0" }), type: "egress" },
      violations: 0,
    },
    {
      name: "Alicloud source group",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", sourceSecurityGroupId: "sg-bastion" }),
      violations: 0,
    },
    {
      name: "Alicloud from VPC CIDR",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: "172.16.0.0/12" }),
      violations: 0,
    },
    {
      name: "Alicloud bare address",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: "198.51.100.7" }),
      violations: 0,
    },
    {
      name: "Alicloud 80/443 web",
      type: ALI_RULE,
      props: aliRule({ portRange: "80/443", cidrIp: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "Alicloud icmp",
      type: ALI_RULE,
      props: aliRule({ ipProtocol: "icmp", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
      violations: 0,
    },
    {
      name: "Alicloud unknown cidr on 22 is a note",
      type: ALI_RULE,
      props: aliRule({ portRange: "22/22", cidrIp: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
    // Alibaba Cloud network ACLs
    {
      name: "Alicloud ACL accept all",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [{ policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" }],
      },
      violations: 1,
    },
    {
      name: "Alicloud ACL drop first closes",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [
          { policy: "drop", protocol: "all", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
          { policy: "drop", protocol: "all", port: "3389/3389", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 0,
    },
    {
      name: "Alicloud ACL tcp drops of the admin ports ahead of accept-all leave them open over udp",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [
          { policy: "drop", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
          { policy: "drop", protocol: "tcp", port: "3389/3389", sourceCidrIp: "0.0.0.0/0" },
          { policy: "drop", protocol: "tcp", port: "5900/5900", sourceCidrIp: "0.0.0.0/0" },
          { policy: "drop", protocol: "tcp", port: "5985/5986", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 1,
      mentions: "ports 22, 3389, 5900, 5985, 5986 (rule covers all ports) over udp",
    },
    {
      name: "Alicloud ACL udp drop does not hide a later tcp accept of 22",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [
          { policy: "drop", protocol: "udp", port: "1/65535", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 1,
    },
    {
      name: "Alicloud ACL drop of all protocols closes a later tcp accept",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [
          { policy: "drop", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 0,
    },
    {
      name: "Alicloud ACL drop with an unknown policy is a note",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        ingressAclEntries: [
          { policy: UNKNOWN, protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "Alicloud ACL entries resource accept 22",
      type: ALI_ACL_ENTRIES,
      props: {
        networkAclId: "acl",
        ingresses: [{ policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" }],
      },
      violations: 1,
    },
    {
      name: "Alicloud ACL egress only",
      type: ALI_ACL,
      props: {
        vpcId: "v",
        egressAclEntries: [{ policy: "accept", protocol: "all", port: "-1/-1", destinationCidrIp: "0.0.0.0/0" }],
      },
      violations: 0,
    },
  ] as Case[]);

  it("lists every entry and port in the message", async () => {
    const ds = await run(
      disallowInternetAdminPorts,
      SG,
      sgIngress(tcp(22, 22, ["0.0.0.0/0"]), tcp(3389, 3389, ["::/0"])),
    );
    expect(ds.map((d) => d.message.split("\n")[1])).toEqual([
      "ingress[0] opens port 22 (rule covers port 22) to 0.0.0.0/0 — breaks case step 1 (SSH brute-forced in 137 s)",
      "ingress[1] opens port 3389 (rule covers port 3389) to ::/0 — breaks case step 1 (SSH brute-forced in 137 s)",
    ]);
  });

  it("honours configured ports and allow-listed ranges", async () => {
    const telnet = sgIngress(tcp(23, 23, ["0.0.0.0/0"]));
    expect(await run(disallowInternetAdminPorts, SG, telnet)).toHaveLength(0);
    expect(await run(disallowInternetAdminPorts, SG, telnet, { config: { ports: [22, 23, 5900] } })).toHaveLength(1);
    const office = sgIngress(tcp(22, 22, ["198.51.0.0/16"]));
    expect(await run(disallowInternetAdminPorts, SG, office, { config: { minPublicPrefixV4: 24 } })).toHaveLength(1);
    expect(
      await run(disallowInternetAdminPorts, SG, office, {
        config: { minPublicPrefixV4: 24, allowCidrs: ["198.51.0.0/16"] },
      }),
    ).toHaveLength(0);
  });

  it("reports a deny with an unknown rule number as mandatory with failClosed", async () => {
    const props = {
      ingress: [
        { ruleNo: UNKNOWN, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
      ],
    };
    const ds = await run(disallowInternetAdminPorts, NACL, props, { config: { failClosed: true } });
    expect(ds.map((d) => [d.level, d.message.split("\n")[1]])).toEqual([
      ["mandatory", expect.stringContaining("cannot be verified at preview: ingress[0] rule number is unknown")],
    ]);
  });

  it("treats NACL return ranges as openings when configured to", async () => {
    const rule = {
      networkAclId: "acl",
      ruleNumber: 100,
      protocol: "6",
      ruleAction: "allow",
      cidrBlock: "0.0.0.0/0",
      fromPort: 1024,
      toPort: 65535,
    };
    expect(
      await run(disallowInternetAdminPorts, NACL_RULE, rule, { config: { allowNaclEphemeralReturn: false } }),
    ).toHaveLength(1);
  });
});

describe("disallow-public-high-risk-ports", () => {
  table(disallowPublicHighRiskPorts, [
    {
      name: "MySQL to the internet",
      type: SG,
      props: sgIngress(tcp(3306, 3306, ["0.0.0.0/0"])),
      violations: 1,
      mentions: "3306",
    },
    {
      name: "Redis over IPv6",
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: 6379, toPort: 6379, ipv6CidrBlocks: ["::/0"] }),
      violations: 1,
    },
    {
      name: "MongoDB from a broad public /16",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 27017, toPort: 27017, cidrIpv4: "198.51.0.0/16" },
      violations: 1,
    },
    {
      name: "Postgres from a partner /28",
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, cidrIpv4: "198.51.100.16/28" },
      violations: 0,
    },
    {
      name: "SQL Server from the app subnet",
      type: SG,
      props: sgIngress(tcp(1433, 1433, ["10.0.1.0/24"])),
      violations: 0,
    },
    {
      name: "Alicloud Oracle 1521 to the internet",
      type: ALI_RULE,
      props: aliRule({ portRange: "1521/1521", cidrIp: "0.0.0.0/0" }),
      violations: 1,
    },
    {
      name: "Alicloud Elasticsearch in a 9000/9999 range",
      type: ALI_RULE,
      props: aliRule({ portRange: "9000/9999", cidrIp: "0.0.0.0/0" }),
      violations: 1,
      mentions: "9200",
    },
    {
      name: "Docker API 2375 to the internet",
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: 2375, toPort: 2376, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 1,
      mentions: "2375",
    },
    {
      name: "Alicloud kubelet 10250 to the internet over IPv6",
      type: ALI_RULE,
      props: aliRule({ portRange: "10250/10250", ipv6CidrIp: "::/0" }),
      violations: 1,
      mentions: "10250",
    },
    {
      name: "etcd 2379 from the VPC",
      type: SG,
      props: sgIngress(tcp(2379, 2380, ["10.0.0.0/16"])),
      violations: 0,
    },
    {
      name: "Alicloud memcached dropped",
      type: ALI_RULE,
      props: aliRule({ ipProtocol: "udp", portRange: "11211/11211", cidrIp: "0.0.0.0/0", policy: "drop" }),
      violations: 0,
    },
    {
      name: "twelve public hosts as a broad /20",
      type: ALI_RULE,
      props: aliRule({ portRange: "3306/3306", cidrIp: "203.0.112.0/20" }),
      violations: 1,
    },
    {
      name: "NACL ephemeral return range is not a database opening",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "6",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 1024,
        toPort: 65535,
      },
      violations: 0,
    },
    {
      name: "NACL allow 3306 from anywhere",
      type: NACL_RULE,
      props: {
        networkAclId: "acl",
        ruleNumber: 100,
        protocol: "6",
        ruleAction: "allow",
        cidrBlock: "0.0.0.0/0",
        fromPort: 3306,
        toPort: 3306,
      },
      violations: 1,
    },
    { name: "HTTPS only", type: SG, props: sgIngress(tcp(443, 443, ["0.0.0.0/0"])), violations: 0 },
    {
      name: "Alicloud ACL udp drop does not hide a later MySQL accept",
      type: ALI_ACL,
      props: {
        ingressAclEntries: [
          { policy: "drop", protocol: "udp", port: "1/65535", sourceCidrIp: "0.0.0.0/0" },
          { policy: "accept", protocol: "tcp", port: "3306/3306", sourceCidrIp: "0.0.0.0/0" },
        ],
      },
      violations: 1,
      mentions: "3306",
    },
    {
      name: "NACL 3389-65535 is not an ephemeral return range for databases either",
      type: NACL,
      props: {
        ingress: [
          { ruleNo: 100, action: "allow", protocol: "6", fromPort: 3389, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        ],
      },
      violations: 1,
    },
    {
      name: "GRE from anywhere is not a database opening",
      type: SG,
      props: sgIngress({ protocol: "47", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }),
      violations: 0,
    },
  ] as Case[]);
});

// A resource policy sees one rule: a managed prefix list's contents live in another resource (or in AWS), so a rule
// admitting a port from known prefix lists only is left to the stack policies, with no note. A prefix-list id unknown
// at preview may name any list, and a managed prefix list may hold 0.0.0.0/0: like an unknown CIDR, it is a note
// when the rule covers a listed port. Internet CIDRs in the same rule are reported as before.
describe("prefix-list sources in the resource policies", () => {
  const KNOWN = ["pl-0123456789abcdef0"];
  /** Cases for `port`, the rules naming `lists` (known ids, unknown ids, or an unknown list); `notes` per rule. */
  const fromLists = (port: number, lists: unknown, label: string, notes = 0): Case[] => [
    {
      name: `SG inline ${port} from ${label} only`,
      type: SG,
      props: sgIngress(tcp(port, port, [], { prefixListIds: lists })),
      violations: 0,
      notes,
    },
    {
      name: `SG inline ${port} from ${label} and 0.0.0.0/0`,
      type: SG,
      props: sgIngress(tcp(port, port, ["0.0.0.0/0"], { prefixListIds: lists })),
      violations: 1,
      notes,
      mentions: `port ${port}`,
    },
    {
      name: `default SG ${port}: a rule from ${label} next to an internet rule`,
      type: DEFAULT_SG,
      props: sgIngress(tcp(port, port, [], { prefixListIds: lists }), tcp(port, port, ["0.0.0.0/0"])),
      violations: 1,
      notes,
      mentions: "ingress[1]",
    },
    {
      name: `SG rule ${port} from ${label} only`,
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: port, toPort: port, prefixListIds: lists }),
      violations: 0,
      notes,
    },
    {
      name: `SG rule ${port} from ${label} and ::/0`,
      type: SG_RULE,
      props: sgRule({ protocol: "tcp", fromPort: port, toPort: port, prefixListIds: lists, ipv6CidrBlocks: ["::/0"] }),
      violations: 1,
      notes,
      mentions: "::/0",
    },
  ];
  const vpcRules = (port: number): Case[] =>
    [KNOWN[0], UNKNOWN].map((prefixListId) => ({
      name: `VPC ingress rule ${port} from ${prefixListId === UNKNOWN ? "an unknown" : "a"} prefix list`,
      type: VPC_RULE,
      props: { securityGroupId: "sg", ipProtocol: "tcp", fromPort: port, toPort: port, prefixListId },
      violations: 0,
      notes: prefixListId === UNKNOWN ? 1 : 0,
    }));

  describe("disallow-internet-admin-ports", () => {
    table(disallowInternetAdminPorts, [
      ...fromLists(22, KNOWN, "a prefix list"),
      ...fromLists(3389, [UNKNOWN], "an unknown prefix-list id", 1),
      ...fromLists(22, UNKNOWN, "an unknown prefix-list array", 1),
      ...vpcRules(22),
    ]);
  });

  describe("disallow-public-high-risk-ports", () => {
    table(disallowPublicHighRiskPorts, [
      ...fromLists(3306, KNOWN, "a prefix list"),
      ...fromLists(6379, [UNKNOWN], "an unknown prefix-list id", 1),
      ...vpcRules(27017),
      // The case's MySQL port behind a prefix list unknown at preview, in each AWS form.
      {
        name: "VPC ingress rule 3306 from a prefix list unknown at preview is a note naming prefixListId",
        type: VPC_RULE,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 3306, toPort: 3306, prefixListId: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "SecurityGroupRule 3306 from an unknown prefix-list id next to a known one is a note",
        type: SG_RULE,
        props: sgRule({ protocol: "tcp", fromPort: 3306, toPort: 3306, prefixListIds: [...KNOWN, UNKNOWN] }),
        violations: 0,
        notes: 1,
      },
      {
        name: "inline 3306 from a prefix-list array unknown at preview is a note",
        type: SG,
        props: sgIngress(tcp(3306, 3306, [], { prefixListIds: UNKNOWN })),
        violations: 0,
        notes: 1,
      },
      {
        name: "VPC ingress rule, protocol -1, from an unknown prefix list is a note",
        type: VPC_RULE,
        props: { securityGroupId: "sg-1", ipProtocol: "-1", prefixListId: UNKNOWN },
        violations: 0,
        notes: 1,
      },
      {
        name: "inline: only the rule naming the unknown prefix list is in doubt, not its private neighbour",
        type: SG,
        props: sgIngress(tcp(3306, 3306, ["10.0.0.0/8"]), tcp(3306, 3306, [], { prefixListIds: [UNKNOWN] })),
        violations: 0,
        notes: 1,
      },
      {
        name: "SecurityGroupRule of unknown type, 3306 from an unknown prefix list, is one note naming both",
        type: SG_RULE,
        props: sgRule({ type: UNKNOWN, protocol: "tcp", fromPort: 3306, toPort: 3306, prefixListIds: [UNKNOWN] }),
        violations: 0,
        notes: 1,
      },
      // good: an unknown prefix list on a port no list names, or a rule that is not an ingress
      {
        name: "VPC ingress rule 443 from an unknown prefix list: 443 is not listed",
        type: VPC_RULE,
        props: { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 443, toPort: 443, prefixListId: UNKNOWN },
        violations: 0,
      },
      {
        name: "egress SecurityGroupRule 3306 to an unknown prefix list is no ingress",
        type: SG_RULE,
        props: {
          type: "egress",
          securityGroupId: "sg-1",
          protocol: "tcp",
          fromPort: 3306,
          toPort: 3306,
          prefixListIds: [UNKNOWN],
        },
        violations: 0,
      },
    ]);

    it("names the prefix-list field and why it stands for the internet", async () => {
      const ds = await run(disallowPublicHighRiskPorts, VPC_RULE, {
        securityGroupId: "sg-1",
        ipProtocol: "tcp",
        fromPort: 3306,
        toPort: 3306,
        prefixListId: UNKNOWN,
      });
      expect(ds.map((d) => d.message)).toEqual([
        expect.stringContaining(
          "cannot be verified at preview: rule prefixListId is unknown (the prefix list it names may hold 0.0.0.0/0 or ::/0)",
        ),
      ]);
      const inline = await run(
        disallowPublicHighRiskPorts,
        SG,
        sgIngress(tcp(6379, 6379, [], { prefixListIds: [UNKNOWN] })),
      );
      expect(inline.map((d) => d.message)).toEqual([
        expect.stringContaining("cannot be verified at preview: ingress[0] prefixListIds is unknown"),
      ]);
    });

    it("an unreadable CIDR next to an unknown prefix list keeps the unreadable-source note", async () => {
      const ds = await run(
        disallowPublicHighRiskPorts,
        SG_RULE,
        sgRule({
          protocol: "tcp",
          fromPort: 3306,
          toPort: 3306,
          cidrBlocks: ["010.0.0.0/8"],
          prefixListIds: [UNKNOWN],
        }),
      );
      expect(ds.map((d) => d.message)).toEqual([
        expect.stringContaining('cannot be verified: rule source "010.0.0.0/8" is not a CIDR block or address'),
      ]);
    });

    it("an unknown CIDR next to an unknown prefix list keeps the CIDR note", async () => {
      const ds = await run(
        disallowPublicHighRiskPorts,
        SG_RULE,
        sgRule({ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: [UNKNOWN], prefixListIds: [UNKNOWN] }),
      );
      expect(ds.map((d) => d.message)).toEqual([
        expect.stringContaining("cannot be verified at preview: rule source CIDR is unknown"),
      ]);
    });
  });
});
