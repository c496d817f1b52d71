// Inbound openings written by a managed service or a firewall outside ECS/VPC security groups: EKS node group
// remote access, Elastic Beanstalk's SSHSourceRestriction, GameLift fleet permissions, ENS security groups and
// Simple Application Server firewall rules.
import { disallowInternetAdminPorts } from "../../policies/rules/disallow-internet-admin-ports";
import { disallowPublicHighRiskPorts } from "../../policies/rules/disallow-public-high-risk-ports";
import { Case, table, UNKNOWN } from "./harness";

const NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
const BEANSTALK = "aws:elasticbeanstalk/environment:Environment";
const BEANSTALK_TEMPLATE = "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate";
const GAMELIFT = "aws:gamelift/fleet:Fleet";
const ENS_SG = "alicloud:ens/securityGroup:SecurityGroup";
const SWAS_RULE = "alicloud:simpleapplicationserver/firewallRule:FirewallRule";

const nodeGroup = (remoteAccess: unknown, extra: Record<string, unknown> = {}) => ({
  clusterName: "c",
  scalingConfig: { desiredSize: 1, maxSize: 1, minSize: 1 },
  remoteAccess,
  ...extra,
});
const sshRestriction = (value: unknown) => ({
  application: "app",
  settings: [
    { namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" },
    { namespace: "aws:autoscaling:launchconfiguration", name: "SSHSourceRestriction", value },
  ],
});
const inbound = (fromPort: number, toPort: number, ipRange: unknown, protocol = "TCP") => ({
  ec2InboundPermissions: [{ fromPort, toPort, ipRange, protocol }],
});
const ens = (...permissions: Record<string, unknown>[]) => ({ securityGroupName: "edge", permissions });
const ensIn = (portRange: string, sourceCidrIp: string, extra: Record<string, unknown> = {}) => ({
  direction: "ingress",
  ipProtocol: "TCP",
  portRange,
  sourceCidrIp,
  policy: "Accept",
  priority: 1,
  ...extra,
});
const swas = (port: unknown, ruleProtocol: unknown = "Tcp") => ({ instanceId: "swas-1", port, ruleProtocol });

const adminCases: Case[] = [
  // EKS: a key without source groups opens 22 (3389 on Windows) to 0.0.0.0/0.
  {
    name: "EKS node group SSH key, no source groups",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: "ops" }),
    violations: 1,
    mentions: "port 22",
  },
  {
    name: "EKS Windows node group key, no source groups",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: "ops" }, { amiType: "WINDOWS_FULL_2022_x86_64" }),
    violations: 1,
    mentions: "port 3389",
  },
  {
    name: "EKS key created in the stack (unknown name) still opens 22",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: UNKNOWN, sourceSecurityGroupIds: [] }),
    violations: 1,
  },
  {
    name: "EKS key restricted to a bastion group",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: "ops", sourceSecurityGroupIds: ["sg-bastion"] }),
    violations: 0,
  },
  {
    name: "EKS key restricted to a group created in the stack",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: "ops", sourceSecurityGroupIds: [UNKNOWN] }),
    violations: 0,
  },
  { name: "EKS node group without remote access", type: NODE_GROUP, props: nodeGroup(undefined), violations: 0 },
  { name: "EKS remote access without a key", type: NODE_GROUP, props: nodeGroup({}), violations: 0 },
  {
    name: "EKS unknown source groups are a note",
    type: NODE_GROUP,
    props: nodeGroup({ ec2SshKey: "ops", sourceSecurityGroupIds: UNKNOWN }),
    violations: 0,
    notes: 1,
  },
  {
    name: "EKS unknown remote access is a note",
    type: NODE_GROUP,
    props: nodeGroup(UNKNOWN),
    violations: 0,
    notes: 1,
  },
  // Elastic Beanstalk
  {
    name: "Beanstalk SSH restricted to the internet",
    type: BEANSTALK,
    props: sshRestriction("tcp, 22, 22, 0.0.0.0/0"),
    violations: 1,
    mentions: "SSHSourceRestriction",
  },
  {
    name: "Beanstalk template SSH restricted to ::/0",
    type: BEANSTALK_TEMPLATE,
    props: sshRestriction("tcp,22,22,::/0"),
    violations: 1,
  },
  {
    name: "Beanstalk SSH restricted to a bastion group",
    type: BEANSTALK,
    props: sshRestriction("tcp, 22, 22, sg-0123456789abcdef0"),
    violations: 0,
  },
  {
    name: "Beanstalk SSH restricted to the office /24",
    type: BEANSTALK,
    props: sshRestriction("tcp, 22, 22, 203.0.113.0/24"),
    violations: 0,
  },
  {
    name: "Beanstalk unknown restriction is a note",
    type: BEANSTALK,
    props: sshRestriction(UNKNOWN),
    notes: 1,
    violations: 0,
  },
  {
    name: "Beanstalk key pair without SSHSourceRestriction opens SSH to the internet",
    type: BEANSTALK,
    props: {
      application: "app",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" }],
    },
    violations: 1,
    mentions: "EC2KeyName without SSHSourceRestriction",
  },
  {
    name: "Beanstalk key pair unknown at preview still counts",
    type: BEANSTALK,
    props: {
      application: "app",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: UNKNOWN }],
    },
    violations: 1,
  },
  {
    name: "Beanstalk without a key pair opens no SSH",
    type: BEANSTALK,
    props: {
      application: "app",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "InstanceType", value: "t3.micro" }],
    },
    violations: 0,
  },
  {
    name: "Beanstalk key pair from a template may take its restriction from it",
    type: BEANSTALK,
    props: {
      application: "app",
      templateName: "hardened",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" }],
    },
    violations: 0,
  },
  {
    name: "Beanstalk template with a key pair and no restriction opens SSH on every environment launched from it",
    type: BEANSTALK_TEMPLATE,
    props: {
      application: "app",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" }],
    },
    violations: 1,
    mentions: "EC2KeyName without SSHSourceRestriction",
  },
  {
    name: "Beanstalk template with a key pair restricted to a bastion group",
    type: BEANSTALK_TEMPLATE,
    props: {
      application: "app",
      settings: [
        { namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" },
        { namespace: "aws:autoscaling:launchconfiguration", name: "SSHSourceRestriction", value: "tcp,22,22,sg-0abc" },
      ],
    },
    violations: 0,
  },
  {
    name: "Beanstalk template copied from an environment may take the restriction from it",
    type: BEANSTALK_TEMPLATE,
    props: {
      application: "app",
      environmentId: "e-abc123",
      settings: [{ namespace: "aws:autoscaling:launchconfiguration", name: "EC2KeyName", value: "ops" }],
    },
    violations: 0,
  },
  // GameLift
  { name: "GameLift SSH from anywhere", type: GAMELIFT, props: inbound(22, 22, "0.0.0.0/0"), violations: 1 },
  { name: "GameLift RDP range from anywhere", type: GAMELIFT, props: inbound(3000, 4000, "0.0.0.0/0"), violations: 1 },
  {
    name: "GameLift game port from anywhere",
    type: GAMELIFT,
    props: inbound(7777, 7777, "0.0.0.0/0", "UDP"),
    violations: 0,
  },
  { name: "GameLift SSH from the office", type: GAMELIFT, props: inbound(22, 22, "203.0.113.10/32"), violations: 0 },
  // ENS security groups
  { name: "ENS SSH from anywhere", type: ENS_SG, props: ens(ensIn("22/22", "0.0.0.0/0")), violations: 1 },
  {
    name: "ENS RDP over IPv6",
    type: ENS_SG,
    props: ens({ ...ensIn("3389/3389", ""), ipv6SourceCidrIp: "::/0" }),
    violations: 1,
  },
  {
    name: "ENS all protocols from anywhere",
    type: ENS_SG,
    props: ens(ensIn("-1/-1", "0.0.0.0/0", { ipProtocol: "ALL" })),
    violations: 1,
  },
  {
    name: "ENS drop at equal priority closes SSH",
    type: ENS_SG,
    props: ens(ensIn("22/22", "0.0.0.0/0"), ensIn("22/22", "0.0.0.0/0", { policy: "Drop" })),
    violations: 0,
  },
  {
    name: "ENS drop at a lower priority does not",
    type: ENS_SG,
    props: ens(ensIn("22/22", "0.0.0.0/0"), ensIn("22/22", "0.0.0.0/0", { policy: "Drop", priority: 50 })),
    violations: 1,
  },
  {
    name: "ENS egress rule",
    type: ENS_SG,
    props: ens(ensIn("22/22", "0.0.0.0/0", { direction: "egress" })),
    violations: 0,
  },
  { name: "ENS SSH from the VPC", type: ENS_SG, props: ens(ensIn("22/22", "10.0.0.0/8")), violations: 0 },
  {
    name: "ENS unknown direction is a note",
    type: ENS_SG,
    props: ens(ensIn("22/22", "0.0.0.0/0", { direction: UNKNOWN })),
    violations: 0,
    notes: 1,
  },
  // Simple Application Server: a firewall rule has no source, so it admits any address.
  { name: "SWAS SSH rule", type: SWAS_RULE, props: swas("22/22"), violations: 1 },
  { name: "SWAS RDP over TCP and UDP", type: SWAS_RULE, props: swas("3389", "TcpAndUdp"), violations: 1 },
  { name: "SWAS HTTPS rule", type: SWAS_RULE, props: swas("443/443"), violations: 0 },
  { name: "SWAS unknown port is a note", type: SWAS_RULE, props: swas(UNKNOWN), violations: 0, notes: 1 },
];

describe("disallow-internet-admin-ports: managed services and edge firewalls", () => {
  table(disallowInternetAdminPorts, adminCases);
});

describe("disallow-public-high-risk-ports: managed services and edge firewalls", () => {
  table(disallowPublicHighRiskPorts, [
    { name: "GameLift Redis from anywhere", type: GAMELIFT, props: inbound(6379, 6379, "0.0.0.0/0"), violations: 1 },
    { name: "ENS MySQL from a /16", type: ENS_SG, props: ens(ensIn("3306/3306", "47.96.0.0/16")), violations: 1 },
    { name: "SWAS MySQL rule", type: SWAS_RULE, props: swas("3306/3306"), violations: 1, mentions: "3306" },
    { name: "SWAS web rule", type: SWAS_RULE, props: swas("80/80"), violations: 0 },
  ]);
});
