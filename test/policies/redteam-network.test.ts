// Adversarial probes of the two port-exposure resource rules: every way AWS and Alibaba Cloud let a rule open SSH,
// RDP or a database port to the internet must be blocked (known-bad), and look-alikes that open nothing must pass
// (known-good). One row per probe, including those the rules already got right.
import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { Case, table, UNKNOWN } from "./harness";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const DEFAULT_SG = "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup";
const SG_RULE = "aws:ec2/securityGroupRule:SecurityGroupRule";
const VPC_RULE = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const VPC_EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const NACL_RULE = "aws:ec2/networkAclRule:NetworkAclRule";
const NACL = "aws:ec2/networkAcl:NetworkAcl";
const ALI_RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const ALI_ACL = "alicloud:vpc/networkAcl:NetworkAcl";
const ENS_SG = "alicloud:ens/securityGroup:SecurityGroup";
const SWAS_RULE = "alicloud:simpleapplicationserver/firewallRule:FirewallRule";
const LIGHTSAIL_PORTS = "aws:lightsail/instancePublicPorts:InstancePublicPorts";

const sg = (...ingress: Record<string, unknown>[]) => ({ vpcId: "vpc-1", ingress });
const inline = (protocol: unknown, fromPort: unknown, toPort: unknown, sources: Record<string, unknown>) => ({
  protocol,
  fromPort,
  toPort,
  ...sources,
});
const v4 = (...cidrBlocks: unknown[]) => ({ cidrBlocks });
const v6 = (...ipv6CidrBlocks: unknown[]) => ({ ipv6CidrBlocks });
const sgRule = (extra: Record<string, unknown>) => ({ type: "ingress", securityGroupId: "sg-1", ...extra });
const vpcRule = (extra: Record<string, unknown>) => ({ securityGroupId: "sg-1", ...extra });
const ali = (extra: Record<string, unknown>) => ({
  type: "ingress",
  ipProtocol: "tcp",
  securityGroupId: "sg-1",
  ...extra,
});
const naclRule = (extra: Record<string, unknown>) => ({
  networkAclId: "acl-1",
  ruleNumber: 100,
  ruleAction: "allow",
  egress: false,
  ...extra,
});

/** One bad row per way of writing "the whole IPv4 or IPv6 internet" on an inline SG rule for port `port`. */
const internetForms = (port: number): Case[] =>
  [
    ["0.0.0.0/0", v4("0.0.0.0/0")],
    ["::/0", v6("::/0")],
    ["0::/0", v6("0::/0")],
    ["::0/0", v6("::0/0")],
    ["0:0:0:0:0:0:0:0/0", v6("0:0:0:0:0:0:0:0/0")],
    ["::/00 (leading zero in the prefix)", v6("::/00")],
    ["::0.0.0.0/0 (IPv4-embedded notation)", v6("::0.0.0.0/0")],
    ["0.0.0.0/00", v4("0.0.0.0/00")],
    ["host bits set: 1.2.3.4/0", v4("1.2.3.4/0")],
    ["host bits set: 2001:db8::1/0", v6("2001:db8::1/0")],
    ["surrounding whitespace", v4(" 0.0.0.0/0 ")],
    ["upper-case IPv6 halves ::/1 + 8000::/1", v6("::/1", "8000::/1")],
    ["halves 0.0.0.0/1 + 128.0.0.0/1", v4("0.0.0.0/1", "128.0.0.0/1")],
    ["quarters", v4("0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2")],
    ["halves with host bits 1.2.3.4/1 + 200.0.0.0/1", v4("1.2.3.4/1", "200.0.0.0/1")],
    ["a broad public /8", v4("47.0.0.0/8")],
    ["IPv6 global unicast 2000::/3", v6("2000::/3")],
  ].map(([label, sources]) => ({
    name: `SG inline tcp ${port} from ${label}`,
    type: SG,
    props: sg(inline("tcp", port, port, sources as Record<string, unknown>)),
    violations: 1,
  }));

/** Every spelling of "all protocols" and of TCP/UDP, on an inline SG rule from the internet. */
const protocolForms = (port: number): Case[] => [
  ...["-1", -1, "all", "ALL", "All", " all ", "-01"].map((protocol) => ({
    name: `SG inline protocol ${JSON.stringify(protocol)} 0-0 opens every port`,
    type: SG,
    props: sg(inline(protocol, 0, 0, v4("0.0.0.0/0"))),
    violations: 1,
  })),
  ...["tcp", "TCP", "Tcp", " tcp", "6", 6, "06", "udp", "UDP", "17", 17].map((protocol) => ({
    name: `SG inline protocol ${JSON.stringify(protocol)} on ${port}`,
    type: SG,
    props: sg(inline(protocol, port, port, v4("0.0.0.0/0"))),
    violations: 1,
  })),
  {
    name: "SG inline protocol -1 with fromPort/toPort -1",
    type: SG,
    props: sg(inline("-1", -1, -1, v6("::/0"))),
    violations: 1,
  },
  {
    name: "SG inline protocol -1 naming only port 443 still opens every port",
    type: SG,
    props: sg(inline("-1", 443, 443, v4("0.0.0.0/0"))),
    violations: 1,
  },
  {
    name: `SG inline ports as strings "${port}"`,
    type: SG,
    props: sg(inline("tcp", String(port), String(port), v4("0.0.0.0/0"))),
    violations: 1,
  },
];

const adminBad: Case[] = [
  ...internetForms(22),
  ...protocolForms(3389),
  { name: "SG inline 0-65535", type: SG, props: sg(inline("tcp", 0, 65535, v4("0.0.0.0/0"))), violations: 1 },
  { name: "SG inline 1-1024 covers 22", type: SG, props: sg(inline("tcp", 1, 1024, v4("0.0.0.0/0"))), violations: 1 },
  {
    name: "SG inline 3000-4000 covers 3389",
    type: SG,
    props: sg(inline("tcp", 3000, 4000, v6("::/0"))),
    violations: 1,
  },
  {
    name: "SG inline 1024-65535 is a service opening on a security group (stateful: no return range)",
    type: SG,
    props: sg(inline("tcp", 1024, 65535, v4("0.0.0.0/0"))),
    violations: 1,
  },
  {
    name: "SG inline self plus the internet in one rule",
    type: SG,
    props: sg(inline("tcp", 22, 22, { self: true, cidrBlocks: ["0.0.0.0/0"] })),
    violations: 1,
  },
  {
    name: "SG inline source group plus the internet in one rule",
    type: SG,
    props: sg(inline("tcp", 22, 22, { securityGroups: ["sg-bastion"], ipv6CidrBlocks: ["::/0"] })),
    violations: 1,
  },
  {
    name: "SG inline prefix list plus the internet in one rule",
    type: SG,
    props: sg(inline("tcp", 22, 22, { prefixListIds: ["pl-1"], cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })),
    violations: 1,
  },
  {
    name: "SG inline: the open rule hidden behind a harmless one",
    type: SG,
    props: sg(inline("tcp", 443, 443, v4("0.0.0.0/0")), inline("tcp", 22, 22, v4("0.0.0.0/0"))),
    violations: 1,
    mentions: "ingress[1]",
  },
  {
    name: "SG inline: halves split across a -1 rule and a tcp 22 rule",
    type: SG,
    props: sg(inline("-1", 0, 0, v4("0.0.0.0/1")), inline("tcp", 22, 22, v4("128.0.0.0/1"))),
    violations: 2,
  },
  {
    name: "default SG with the internet on protocol -1",
    type: DEFAULT_SG,
    props: sg(inline("-1", 0, 0, v4("0.0.0.0/0"))),
    violations: 1,
  },
  // aws.ec2.SecurityGroupRule
  {
    name: "SG rule tcp 22 from ::0/0",
    type: SG_RULE,
    props: sgRule(inline("tcp", 22, 22, v6("::0/0"))),
    violations: 1,
  },
  {
    name: "SG rule protocol all 0-65535",
    type: SG_RULE,
    props: sgRule(inline("all", 0, 65535, v4("0.0.0.0/0"))),
    violations: 1,
  },
  {
    name: "SG rule protocol 6 (number) 20-25",
    type: SG_RULE,
    props: sgRule(inline(6, 20, 25, v4("0.0.0.0/0"))),
    violations: 1,
  },
  {
    name: "SG rule with self: true and the internet",
    type: SG_RULE,
    props: sgRule({ ...inline("tcp", 3389, 3389, v4("0.0.0.0/0")), self: true }),
    violations: 1,
  },
  {
    name: "SG rule halves in one rule",
    type: SG_RULE,
    props: sgRule(inline("tcp", 22, 22, v6("::/1", "8000::/1"))),
    violations: 1,
  },
  // aws.vpc.SecurityGroupIngressRule
  {
    name: "VPC rule -1 from ::/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "-1", cidrIpv6: "::/0" }),
    violations: 1,
  },
  {
    name: "VPC rule all from 0.0.0.0/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "all", cidrIpv4: "0.0.0.0/0" }),
    violations: 1,
  },
  {
    name: "VPC rule -1 with ports -1/-1 from 1.2.3.4/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "-1", fromPort: -1, toPort: -1, cidrIpv4: "1.2.3.4/0" }),
    violations: 1,
  },
  {
    name: "VPC rule tcp by number 6 from 0.0.0.0/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "6", fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
    violations: 1,
  },
  {
    name: "VPC rule udp 3389 from 0::/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "udp", fromPort: 3389, toPort: 3389, cidrIpv6: "0::/0" }),
    violations: 1,
  },
  // AWS network ACLs
  {
    name: "NACL rule all protocols by name",
    type: NACL_RULE,
    props: naclRule({ protocol: "all", cidrBlock: "0.0.0.0/0", fromPort: 0, toPort: 0 }),
    violations: 1,
  },
  {
    name: "NACL rule action in capitals",
    type: NACL_RULE,
    props: naclRule({ ruleAction: "ALLOW", protocol: "6", cidrBlock: "0.0.0.0/0", fromPort: 22, toPort: 22 }),
    violations: 1,
  },
  {
    name: "NACL rule IPv6 ::0/0 protocol -1",
    type: NACL_RULE,
    props: naclRule({ protocol: "-1", ipv6CidrBlock: "::0/0" }),
    violations: 1,
  },
  {
    name: "NACL rule egress given as the string false is still ingress",
    type: NACL_RULE,
    props: naclRule({ egress: "false", protocol: "-1", cidrBlock: "0.0.0.0/0" }),
    violations: 1,
  },
  {
    name: "NACL inline: deny of 0.0.0.0/1 alone leaves 128.0.0.0/1 open",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 10, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/1" },
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
      ],
    },
    violations: 1,
  },
  {
    name: "NACL inline: deny after the allow closes nothing",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 200, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0" },
      ],
    },
    violations: 1,
  },
  {
    name: "NACL inline: IPv4 deny does not close the IPv6 allow",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 10, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlock: "::/0" },
      ],
    },
    violations: 1,
  },
  {
    name: "NACL inline: IPv6 allow written with an empty cidrBlock beside it",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "", ipv6CidrBlock: "::/0" },
      ],
    },
    violations: 1,
  },
  // Alibaba Cloud ecs.SecurityGroupRule: every portRange spelling
  ...["22/22", "1/65535", "-1/-1", "0/65535", "20/25", " 22 / 22 ", "022/022", "22", "1/1024"].map((portRange) => ({
    name: `Alicloud portRange ${JSON.stringify(portRange)} from 0.0.0.0/0`,
    type: ALI_RULE,
    props: ali({ portRange, cidrIp: "0.0.0.0/0" }),
    violations: 1,
  })),
  ...["all", "ALL", "All"].map((ipProtocol) => ({
    name: `Alicloud ipProtocol ${ipProtocol} with a narrow portRange still opens every port`,
    type: ALI_RULE,
    props: ali({ ipProtocol, portRange: "80/80", cidrIp: "0.0.0.0/0" }),
    violations: 1,
  })),
  {
    name: "Alicloud TCP in capitals",
    type: ALI_RULE,
    props: ali({ ipProtocol: "TCP", portRange: "3389/3389", cidrIp: "0.0.0.0/0" }),
    violations: 1,
  },
  {
    name: "Alicloud udp 3389 (RDP's UDP transport)",
    type: ALI_RULE,
    props: ali({ ipProtocol: "udp", portRange: "3389/3389", cidrIp: "0.0.0.0/0" }),
    violations: 1,
  },
  {
    name: "Alicloud nicType intranet on a VPC group is still the internet's way in",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", nicType: "intranet" }),
    violations: 1,
  },
  {
    name: "Alicloud ipv6CidrIp ::/0",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", ipv6CidrIp: "::/0" }),
    violations: 1,
  },
  {
    name: "Alicloud ipv6CidrIp 0::0/0",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", ipv6CidrIp: "0::0/0" }),
    violations: 1,
  },
  {
    name: "Alicloud cidrIp with host bits 10.159.6.18/0",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "10.159.6.18/0" }),
    violations: 1,
  },
  {
    name: "Alicloud policy Accept in capitals",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "Accept" }),
    violations: 1,
  },
  {
    name: "Alicloud policy with surrounding whitespace",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", policy: " accept " }),
    violations: 1,
  },
  {
    name: "ENS group direction in capitals with whitespace",
    type: ENS_SG,
    props: {
      permissions: [
        { direction: " Ingress", ipProtocol: "tcp", portRange: "22", sourceCidrIp: "0.0.0.0/0", policy: "accept" },
      ],
    },
    violations: 1,
  },
  {
    name: "Alicloud accept at the weakest priority 100 (no drop in this resource)",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 100 }),
    violations: 1,
  },
  {
    name: "Alicloud cidrIp wins over a prefixListId the provider then ignores",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", prefixListId: "pl-1" }),
    violations: 1,
  },
  // Alibaba Cloud network ACL
  {
    name: "Alicloud ACL accept all, protocol in capitals",
    type: ALI_ACL,
    props: { ingressAclEntries: [{ policy: "Accept", protocol: "ALL", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" }] },
    violations: 1,
  },
  {
    name: "Alicloud ACL accept of 22 ahead of the drop",
    type: ALI_ACL,
    props: {
      ingressAclEntries: [
        { policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        { policy: "drop", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
      ],
    },
    violations: 1,
  },
  // Other firewalls
  {
    name: "ENS group: an accept of priority 1 ahead of a drop of priority 2",
    type: ENS_SG,
    props: {
      permissions: [
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Accept",
          priority: 1,
        },
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Drop",
          priority: 2,
        },
      ],
    },
    violations: 1,
  },
  {
    name: "ENS group all protocols from ::/0",
    type: ENS_SG,
    props: {
      permissions: [
        { direction: "ingress", ipProtocol: "ALL", portRange: "-1/-1", ipv6SourceCidrIp: "::/0", policy: "Accept" },
      ],
    },
    violations: 1,
  },
  {
    name: "Simple Application Server firewall rule 3389",
    type: SWAS_RULE,
    props: { instanceId: "swas-1", port: "3389", ruleProtocol: "TcpAndUdp" },
    violations: 1,
  },
  {
    name: "Simple Application Server firewall rule range 20/30",
    type: SWAS_RULE,
    props: { instanceId: "swas-1", port: "20/30", ruleProtocol: "TCP" },
    violations: 1,
  },
  {
    name: "Lightsail 22 with empty source lists (the provider sends none: open to any address)",
    type: LIGHTSAIL_PORTS,
    props: {
      instanceName: "web",
      portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [], ipv6Cidrs: [] }],
    },
    violations: 1,
  },
  {
    name: "ENS group: a drop of one half at a higher priority leaves the other half open",
    type: ENS_SG,
    props: {
      permissions: [
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Accept",
          priority: 2,
        },
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/1",
          policy: "Drop",
          priority: 1,
        },
      ],
    },
    violations: 1,
  },
  {
    name: "Lightsail all protocols from 0::/0",
    type: LIGHTSAIL_PORTS,
    props: { instanceName: "web", portInfos: [{ protocol: "all", fromPort: 0, toPort: 65535, ipv6Cidrs: ["0::/0"] }] },
    violations: 1,
  },
];

const adminGood: Case[] = [
  {
    name: "SG inline protocol 0 (HOPOPT) opens no TCP/UDP port",
    type: SG,
    props: sg(inline("0", 0, 0, v4("0.0.0.0/0"))),
    violations: 0,
  },
  {
    name: "SG inline tcp 0-0 is port 0 only",
    type: SG,
    props: sg(inline("tcp", 0, 0, v4("0.0.0.0/0"))),
    violations: 0,
  },
  {
    name: "SG inline 23-3388 skips both",
    type: SG,
    props: sg(inline("tcp", 23, 3388, v4("10.0.0.0/8"))),
    violations: 0,
  },
  {
    name: "SG inline 22 from RFC 1918, CGNAT and link-local blocks",
    type: SG,
    props: sg(
      inline("-1", 0, 0, v4("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "169.254.0.0/16")),
    ),
    violations: 0,
  },
  {
    name: "SG inline 22 from IPv6 unique-local and link-local blocks",
    type: SG,
    props: sg(inline("tcp", 22, 22, v6("fc00::/7", "fe80::/10"))),
    violations: 0,
  },
  {
    name: "SG inline 22 from one office /24 and a partner /32",
    type: SG,
    props: sg(inline("tcp", 22, 22, v4("203.0.113.0/24", "198.51.100.7/32"))),
    violations: 0,
  },
  {
    name: "SG inline 22 from a /48 of IPv6",
    type: SG,
    props: sg(inline("tcp", 22, 22, v6("2001:db8:1234::/48"))),
    violations: 0,
  },
  {
    name: "SG inline 22 from one half of the internet only as a private half",
    type: SG,
    props: sg(inline("tcp", 22, 22, v4("10.0.0.0/9", "10.128.0.0/9"))),
    violations: 0,
  },
  {
    name: "SG inline 22 from self, a source group and a prefix list",
    type: SG,
    props: sg(inline("tcp", 22, 22, { self: true, securityGroups: ["sg-b"], prefixListIds: ["pl-1"] })),
    violations: 0,
  },
  {
    name: "SG inline icmp -1/-1 from anywhere",
    type: SG,
    props: sg(inline("icmp", -1, -1, v4("0.0.0.0/0")), inline("icmpv6", -1, -1, v6("::/0"))),
    violations: 0,
  },
  {
    name: "SG egress-only: the internet as a destination is not an ingress",
    type: SG,
    props: { vpcId: "vpc-1", egress: [inline("-1", 0, 0, { cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] })] },
    violations: 0,
  },
  {
    name: "SG rule type egress with the internet",
    type: SG_RULE,
    props: { ...sgRule(inline("-1", 0, 0, v4("0.0.0.0/0"))), type: "egress" },
    violations: 0,
  },
  {
    name: "VPC egress rule resource is not read as an ingress",
    type: VPC_EGRESS,
    props: vpcRule({ ipProtocol: "-1", cidrIpv4: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "VPC rule 443 from ::/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv6: "::/0" }),
    violations: 0,
  },
  {
    name: "VPC rule icmpv6 by number 58 from ::/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "58", fromPort: -1, toPort: -1, cidrIpv6: "::/0" }),
    violations: 0,
  },
  {
    name: "NACL rule egress true with the internet",
    type: NACL_RULE,
    props: naclRule({ egress: true, protocol: "-1", cidrBlock: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "NACL inline: denies of both halves ahead of an allow-all close everything",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 10, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/1" },
        { ruleNo: 11, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "128.0.0.0/1" },
        { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
      ],
    },
    violations: 0,
  },
  {
    name: "NACL inline: deny of ::0/0 (non-canonical) ahead of an IPv6 allow of 22",
    type: NACL,
    props: {
      ingress: [
        { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlock: "::0/0" },
        { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, ipv6CidrBlock: "::/0" },
      ],
    },
    violations: 0,
  },
  {
    name: "Alicloud drop of 22 from the internet",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "DROP" }),
    violations: 0,
  },
  {
    name: "Alicloud egress all to the internet",
    type: ALI_RULE,
    props: ali({ type: "egress", ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "Alicloud icmp -1/-1 from anywhere",
    type: ALI_RULE,
    props: ali({ ipProtocol: "icmp", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "Alicloud gre from anywhere",
    type: ALI_RULE,
    props: ali({ ipProtocol: "gre", portRange: "-1/-1", cidrIp: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "Alicloud 22 from the bastion's group with nicType intranet",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", sourceSecurityGroupId: "sg-bastion", nicType: "intranet" }),
    violations: 0,
  },
  {
    name: "Alicloud 22 from a prefix list only",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", prefixListId: "pl-1" }),
    violations: 0,
  },
  {
    name: "Alicloud 443/443",
    type: ALI_RULE,
    props: ali({ portRange: "443/443", cidrIp: "0.0.0.0/0" }),
    violations: 0,
  },
  {
    name: "Alicloud ACL drops of 22 and 3389, then an ephemeral accept",
    type: ALI_ACL,
    props: {
      ingressAclEntries: [
        { policy: "drop", protocol: "all", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
        { policy: "drop", protocol: "all", port: "3389/3389", sourceCidrIp: "0.0.0.0/0" },
        { policy: "accept", protocol: "tcp", port: "1024/65535", sourceCidrIp: "0.0.0.0/0" },
      ],
    },
    violations: 0,
  },
  {
    name: "ENS group: a drop of equal priority overrides the accept",
    type: ENS_SG,
    props: {
      permissions: [
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Accept",
          priority: 5,
        },
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Drop",
          priority: 5,
        },
      ],
    },
    violations: 0,
  },
  {
    name: "ENS group egress to the internet",
    type: ENS_SG,
    props: {
      permissions: [
        { direction: "egress", ipProtocol: "ALL", portRange: "-1/-1", sourceCidrIp: "0.0.0.0/0", policy: "Accept" },
      ],
    },
    violations: 0,
  },
  {
    name: "ENS group: drops of both halves at a higher priority close the accept",
    type: ENS_SG,
    props: {
      permissions: [
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "0.0.0.0/0",
          policy: "Accept",
          priority: 2,
        },
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "1/1024",
          sourceCidrIp: "0.0.0.0/1",
          policy: "Drop",
          priority: 1,
        },
        {
          direction: "ingress",
          ipProtocol: "TCP",
          portRange: "22/22",
          sourceCidrIp: "128.0.0.0/1",
          policy: "Drop",
          priority: 1,
        },
      ],
    },
    violations: 0,
  },
  {
    name: "Lightsail 22 from the browser-console alias only",
    type: LIGHTSAIL_PORTS,
    props: {
      instanceName: "web",
      portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrListAliases: ["lightsail-connect"] }],
    },
    violations: 0,
  },
];

/** Unknown at preview: never a silent pass (a note), and never a guessed violation. */
const adminUnknown: Case[] = [
  {
    name: "SG inline unknown CIDR on 22 is a note",
    type: SG,
    props: sg(inline("tcp", 22, 22, v4(UNKNOWN))),
    violations: 0,
    notes: 1,
  },
  {
    name: "SG inline unknown IPv6 CIDR list on protocol -1 is a note",
    type: SG,
    props: sg(inline("-1", 0, 0, { ipv6CidrBlocks: UNKNOWN })),
    violations: 0,
    notes: 1,
  },
  {
    name: "SG inline unknown fromPort with the internet is a note",
    type: SG,
    props: sg(inline("tcp", UNKNOWN, 22, v4("0.0.0.0/0"))),
    violations: 0,
    notes: 1,
  },
  { name: "SG inline unknown rule element is a note", type: SG, props: sg(UNKNOWN as never), violations: 0, notes: 1 },
  {
    name: "SG unknown ingress list is a note",
    type: SG,
    props: { vpcId: "v", ingress: UNKNOWN },
    violations: 0,
    notes: 1,
  },
  {
    name: "SG inline unknown CIDR on 443 is not a note",
    type: SG,
    props: sg(inline("tcp", 443, 443, v4(UNKNOWN))),
    violations: 0,
  },
  {
    name: "VPC rule unknown cidrIpv4 on -1 is a note",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "-1", cidrIpv4: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
  {
    name: "VPC rule unknown protocol from the internet is a note",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: UNKNOWN, fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud unknown portRange from the internet is a note",
    type: ALI_RULE,
    props: ali({ portRange: UNKNOWN, cidrIp: "0.0.0.0/0" }),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud unknown ipv6CidrIp on 22 is a note",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", ipv6CidrIp: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud unknown policy is a note",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", policy: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud unknown priority on a single accept is still a violation",
    type: ALI_RULE,
    props: ali({ portRange: "22/22", cidrIp: "0.0.0.0/0", priority: UNKNOWN }),
    violations: 1,
  },
  {
    name: "SG inline unreadable source on 22 is a note, not a pass",
    type: SG,
    props: sg(inline("tcp", 22, 22, v4("0.0.0.0/0/0"))),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud ACL source naming a prefix list is not an unreadable source",
    type: ALI_ACL,
    props: { ingressAclEntries: [{ policy: "accept", protocol: "tcp", port: "22/22", sourceCidrIp: "pl-0123abcd" }] },
    violations: 0,
  },
];

describe("red team: disallow-internet-admin-ports", () => {
  describe("known-bad", () => table(disallowInternetAdminPorts, adminBad));
  describe("known-good", () => table(disallowInternetAdminPorts, adminGood));
  describe("unknown at preview", () => table(disallowInternetAdminPorts, adminUnknown));
});

const dbBad: Case[] = [
  ...internetForms(3306),
  ...protocolForms(5432),
  {
    name: "SG inline Redis by protocol number",
    type: SG,
    props: sg(inline(6, 6379, 6379, v4("0.0.0.0/1", "128.0.0.0/1"))),
    violations: 1,
  },
  {
    name: "SG inline 1000-2000 covers 1433 and 1521",
    type: SG,
    props: sg(inline("tcp", 1000, 2000, v4("0.0.0.0/0"))),
    violations: 1,
    mentions: "1433",
  },
  {
    name: "SG inline a public /20 on MongoDB (twelve internet hosts)",
    type: SG,
    props: sg(inline("tcp", 27017, 27017, v4("47.96.0.0/20"))),
    violations: 1,
  },
  {
    name: "SG inline a public IPv6 /40 on Postgres",
    type: SG,
    props: sg(inline("tcp", 5432, 5432, v6("2001:db8::/40"))),
    violations: 1,
  },
  {
    name: "VPC rule -1 from 0::/0",
    type: VPC_RULE,
    props: vpcRule({ ipProtocol: "-1", cidrIpv6: "0::/0" }),
    violations: 1,
  },
  {
    name: "SG rule memcached over udp",
    type: SG_RULE,
    props: sgRule(inline("udp", 11211, 11211, v4("0.0.0.0/0"))),
    violations: 1,
  },
  ...["3306/3306", "3306", "1/65535", "-1/-1", "3000/3400"].map((portRange) => ({
    name: `Alicloud MySQL portRange ${portRange} from a broad public /8`,
    type: ALI_RULE,
    props: ali({ portRange, cidrIp: "47.0.0.0/8" }),
    violations: 1,
  })),
  {
    name: "Alicloud all protocols from ::/0 on the high-risk list",
    type: ALI_RULE,
    props: ali({ ipProtocol: "all", ipv6CidrIp: "::/0" }),
    violations: 1,
  },
  {
    name: "SWAS firewall rule 3306",
    type: SWAS_RULE,
    props: { instanceId: "swas-1", port: "3306", ruleProtocol: "Tcp" },
    violations: 1,
  },
  {
    name: "NACL inline 6379 from anywhere over tcp by number",
    type: NACL,
    props: {
      ingress: [{ ruleNo: 100, action: "allow", protocol: "6", fromPort: 6379, toPort: 6379, cidrBlock: "0.0.0.0/0" }],
    },
    violations: 1,
  },
];

const dbGood: Case[] = [
  {
    name: "SG inline MySQL from the app subnet",
    type: SG,
    props: sg(inline("tcp", 3306, 3306, v4("10.0.1.0/24"))),
    violations: 0,
  },
  {
    name: "SG inline Postgres from a partner /28 and an IPv6 /56",
    type: SG,
    props: sg(inline("tcp", 5432, 5432, { cidrBlocks: ["198.51.100.16/28"], ipv6CidrBlocks: ["2001:db8:1:100::/56"] })),
    violations: 0,
  },
  {
    name: "SG inline MySQL from the app group",
    type: SG,
    props: sg(inline("tcp", 3306, 3306, { securityGroups: ["sg-app"] })),
    violations: 0,
  },
  {
    name: "SG inline 443 and 80 from anywhere",
    type: SG,
    props: sg(inline("tcp", 443, 443, v4("0.0.0.0/0")), inline("tcp", 80, 80, v6("::/0"))),
    violations: 0,
  },
  {
    name: "Alicloud MySQL from the VPC range",
    type: ALI_RULE,
    props: ali({ portRange: "3306/3306", cidrIp: "172.16.0.0/12" }),
    violations: 0,
  },
  {
    name: "Alicloud MySQL from the whole internet, dropped",
    type: ALI_RULE,
    props: ali({ portRange: "3306/3306", cidrIp: "0.0.0.0/0", policy: "drop" }),
    violations: 0,
  },
  {
    name: "NACL ephemeral return range 1024-65535 from anywhere (stateless replies)",
    type: NACL_RULE,
    props: naclRule({ protocol: "tcp", cidrBlock: "0.0.0.0/0", fromPort: 1024, toPort: 65535 }),
    violations: 0,
  },
];

describe("red team: disallow-public-high-risk-ports", () => {
  describe("known-bad", () => table(disallowPublicHighRiskPorts, dbBad));
  describe("known-good", () => table(disallowPublicHighRiskPorts, dbGood));
});
