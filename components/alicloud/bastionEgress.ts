// Where the bastion may connect. A "normal" security group accepts all outbound traffic unless a rule says otherwise,
// so a taken-over bastion could reach anything on the internet. As on AWS it gets HTTPS anywhere (updates, agents)
// and SSH to the VPC only; Alibaba Cloud's own services (metadata with the cloud-init user data, DNS, NTP, the yum
// mirrors) sit in 100.100.0.0/16 and are kept reachable; a drop of everything else, both families, comes last.
import * as pulumi from "@pulumi/pulumi";
import { parseCidr } from "../../lib/cidr";
import { ACCEPT_PRIORITY } from "../plan/alicloud-sg";
import { checkCidrForm } from "../plan/alicloud-cidr";
import { ALICLOUD_RESERVED_VPC_CIDRS, reservedBlocksIn } from "../plan/vpcCidrSpace";
import { Problems } from "../validation";

/** The lowest precedence a rule can have (1-100): every accept, at priority 1, is evaluated before the drop. */
export const DROP_PRIORITY = 100;
/** SSH targets when the VPC's block is not given: private space, never the internet. */
export const PRIVATE_RANGES: readonly string[] = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"];
/** Alibaba Cloud's service addresses: metadata 100.100.100.200, DNS 100.100.2.136/138, NTP and yum mirrors. */
export const CLOUD_SERVICES_CIDR = "100.100.0.0/16";
/** The prefixes a VPC block can have. */
const MIN_VPC_PREFIX = 8;
const MAX_VPC_PREFIX = 28;

export interface BastionEgressRule {
  /** Suffix of the rule's logical name. */
  label: string;
  ipProtocol: "tcp" | "udp" | "all";
  portRange: string;
  policy: "accept" | "drop";
  priority: number;
  cidrIp?: pulumi.Input<string>;
  ipv6CidrIp?: string;
  description: string;
}

const accept = (
  label: string,
  ipProtocol: "tcp" | "udp",
  port: number,
  cidrIp: pulumi.Input<string>,
  description: string,
): BastionEgressRule => ({
  label,
  ipProtocol,
  portRange: `${port}/${port}`,
  policy: "accept",
  priority: ACCEPT_PRIORITY,
  cidrIp,
  description,
});

/** The egress rules, accepts first; SSH goes to `vpcCidr`, or to private space when it is not given. */
export function bastionEgressRules(vpcCidr: pulumi.Input<string> | undefined): BastionEgressRule[] {
  const sshTargets: pulumi.Input<string>[] = vpcCidr === undefined ? [...PRIVATE_RANGES] : [vpcCidr];
  return [
    accept("https", "tcp", 443, "0.0.0.0/0", "HTTPS: updates, Security Center and Cloud Assistant agents"),
    ...sshTargets.map((cidr, i) => accept(`ssh-${i}`, "tcp", 22, cidr, "SSH to the private hosts")),
    accept("metadata", "tcp", 80, CLOUD_SERVICES_CIDR, "Alibaba Cloud metadata and yum mirrors"),
    accept("dns-udp", "udp", 53, CLOUD_SERVICES_CIDR, "Alibaba Cloud DNS"),
    accept("dns-tcp", "tcp", 53, CLOUD_SERVICES_CIDR, "Alibaba Cloud DNS"),
    accept("ntp", "udp", 123, CLOUD_SERVICES_CIDR, "Alibaba Cloud NTP"),
    ...(["ipv4", "ipv6"] as const).map((family): BastionEgressRule => ({
      label: family === "ipv4" ? "drop" : "drop-ipv6",
      ipProtocol: "all",
      portRange: "-1/-1",
      policy: "drop",
      priority: DROP_PRIORITY,
      ...(family === "ipv4" ? { cidrIp: "0.0.0.0/0" } : { ipv6CidrIp: "::/0" }),
      description: "Everything else: a taken-over bastion reaches nothing more",
    })),
  ];
}

/** The bastion may SSH to this block: a typo such as 0.0.0.0/0 would let it reach port 22 anywhere. */
export function checkBastionVpcCidr(problems: Problems, vpcCidr: unknown): boolean {
  if (!checkCidrForm(problems, "vpcCidr", vpcCidr, { family: "ipv4", bareAddress: false })) return false;
  const prefix = parseCidr(vpcCidr as string)?.prefix ?? 0;
  const reserved = reservedBlocksIn(vpcCidr as string, ALICLOUD_RESERVED_VPC_CIDRS);
  return problems.check(
    prefix >= MIN_VPC_PREFIX && prefix <= MAX_VPC_PREFIX && reserved.length === 0,
    "vpcCidr",
    vpcCidr,
    `the VPC's IPv4 block, /${MIN_VPC_PREFIX} to /${MAX_VPC_PREFIX}, outside ${ALICLOUD_RESERVED_VPC_CIDRS.join(", ")}`,
    "pass the VPC's own block, e.g. vpc.cidrBlock of the HardenedVpc",
  );
}
