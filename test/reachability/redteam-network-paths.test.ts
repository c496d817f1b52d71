// Adversarial probes of the three network stack rules over the reachability model: the forms a rule can take on
// either cloud (protocol spellings, split internet blocks, IPv6 equivalents, host bits, priorities and drops, ACL
// entries in separate resources, default groups, unknown values) on a host the internet can reach, and look-alikes
// that open nothing. One row per probe: the mandatory violations and advisory notes each stack must produce.
import { UNKNOWN } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, rule } from "./alicloud-fixtures";
import { addBastion } from "./aws-bastion";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { aliPublic } from "./alicloud-public-host";
import { StackBuilder, ref } from "./stack-builder";
import { Probe, probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";
import type { GenericResource } from "../../lib/reachability";

/** Only "cannot be verified" advisories are notes; the stacks are not run again with failClosed. */
const probes = probesWith({ onlyUnverifiedNotes: true, failClosed: false });

/** An AWS host with an EIP in the public subnet (IPv6 too when asked), carrying one group with `ingress`. */
function awsPublic(
  ingress: Record<string, unknown>[],
  opts: { ipv6?: boolean; sg?: (b: StackBuilder, sg: GenericResource) => void } = {},
) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b, { ipv6: opts.ipv6 });
  const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress });
  opts.sg?.(b, sg);
  const web = b.add(T.instance, "web", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    ...(opts.ipv6 ? { ipv6AddressCount: 1 } : {}),
  });
  b.add(T.eip, "web-ip", { instance: ref(web) });
  return b;
}

/** An AWS host with an EIP whose only group is given by separate rule resources of `type`. */
function awsPublicWithRule(type: string, inputs: Record<string, unknown>, ipv6 = false) {
  return awsPublic([], { ipv6, sg: (b, sg) => b.add(type, "rule", { securityGroupId: ref(sg), ...inputs }) });
}

const adminProbes: Probe[] = [
  // known-bad: AWS
  {
    name: "AWS inline 22 from the halves 0.0.0.0/1 + 128.0.0.0/1",
    build: () => awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] })]),
    violations: 2,
  },
  {
    name: "AWS inline 22 from host-bits 1.2.3.4/0",
    build: () => awsPublic([tcp(22, { cidrBlocks: ["1.2.3.4/0"] })]),
    violations: 1,
  },
  {
    name: "AWS inline protocol 6 (number) on 3389",
    build: () => awsPublic([tcp(3389, { cidrBlocks: ["0.0.0.0/0"] }, 6)]),
    violations: 1,
  },
  {
    name: "AWS inline protocol ALL 0-0",
    build: () => awsPublic([{ protocol: "ALL", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
    violations: 5, // 22, 3389, 5900, 5985, 5986
    mentions: "all/",
  },
  {
    name: "AWS inline 20-25 covers 22",
    build: () => awsPublic([{ protocol: "tcp", fromPort: 20, toPort: 25, cidrBlocks: ["0.0.0.0/0"] }]),
    violations: 1,
  },
  {
    name: "AWS IPv6 host: inline 22 from 0::/0",
    build: () => awsPublic([tcp(22, { ipv6CidrBlocks: ["0::/0"] })], { ipv6: true }),
    violations: 1,
  },
  {
    name: "AWS IPv6 host: inline 22 from ::/1 + 8000::/1",
    build: () => awsPublic([tcp(22, { ipv6CidrBlocks: ["::/1", "8000::/1"] })], { ipv6: true }),
    violations: 2,
  },
  {
    name: "AWS IPv6 host: inline 22 from ::/00",
    build: () => awsPublic([tcp(22, { ipv6CidrBlocks: ["::/00"] })], { ipv6: true }),
    violations: 1,
  },
  {
    name: "AWS SecurityGroupRule protocol all from 0.0.0.0/0",
    build: () =>
      awsPublicWithRule(T.sgRule, {
        type: "ingress",
        protocol: "all",
        fromPort: 0,
        toPort: 65535,
        cidrBlocks: ["0.0.0.0/0"],
      }),
    violations: 5, // one per admin port: 22, 3389, 5900, 5985, 5986
  },
  {
    name: "AWS vpc.SecurityGroupIngressRule -1 from ::0/0 on an IPv6 host",
    build: () => awsPublicWithRule(T.ingress, { ipProtocol: "-1", cidrIpv6: "::0/0" }, true),
    violations: 5, // one per admin port: 22, 3389, 5900, 5985, 5986
  },
  {
    name: "AWS instance with no group gets the VPC's default group, which the stack opens",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet) });
      b.add(T.eip, "web-ip", { instance: ref(web) });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS instance with no group: a separate rule opens the VPC's default group",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      const dflt = b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", { vpcId: ref(v.vpc) });
      b.add(T.ingress, "ssh", {
        securityGroupId: ref(dflt),
        ipProtocol: "tcp",
        fromPort: 22,
        toPort: 22,
        cidrIpv4: "0.0.0.0/0",
      });
      b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), associatePublicIpAddress: true });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS routes 0.0.0.0/1 + 128.0.0.0/1 to the internet gateway",
    build: () => {
      const b = new StackBuilder();
      const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16" });
      const igw = b.add(T.igw, "igw", { vpcId: ref(vpc) });
      const rtb = b.add(T.rtb, "split", {
        vpcId: ref(vpc),
        routes: [
          { cidrBlock: "0.0.0.0/1", gatewayId: ref(igw) },
          { cidrBlock: "128.0.0.0/1", gatewayId: ref(igw) },
        ],
      });
      const subnet = b.add(T.subnet, "public", { vpcId: ref(vpc), cidrBlock: "10.0.0.0/24" });
      b.add(T.rta, "public", { subnetId: ref(subnet), routeTableId: ref(rtb) });
      const sg = b.add(T.sg, "web", { vpcId: ref(vpc), ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] });
      b.add(T.instance, "web", {
        subnetId: ref(subnet),
        vpcSecurityGroupIds: [ref(sg)],
        associatePublicIpAddress: true,
      });
      return b;
    },
    violations: 2,
  },
  {
    name: "AWS NACL: a deny of 0.0.0.0/1 only leaves 128.0.0.0/1 open",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", {
        vpcId: UNKNOWN,
        subnetIds: [ref(subnet)],
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/1" },
          { ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" },
        ],
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS NACL: an allow whose CIDR is unknown at preview may be the internet",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", {
        subnetIds: [ref(subnet)],
        ingress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: UNKNOWN }],
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS NACL: a separate allow rule whose CIDR is unknown at preview",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      const acl = b.add(T.nacl, "acl", { subnetIds: [ref(subnet)] });
      b.add(T.naclRule, "allow", {
        networkAclId: ref(acl),
        ruleNumber: 100,
        ruleAction: "allow",
        protocol: "6",
        fromPort: 0,
        toPort: 65535,
        cidrBlock: UNKNOWN,
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS NACL: an IPv6 allow beside an empty cidrBlock",
    build: () => {
      const b = awsPublic([tcp(22, { ipv6CidrBlocks: ["::/0"] })], { ipv6: true });
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", {
        subnetIds: [ref(subnet)],
        ingress: [
          {
            ruleNo: 100,
            action: "allow",
            protocol: "-1",
            fromPort: 0,
            toPort: 0,
            cidrBlock: "",
            ipv6CidrBlock: "::/0",
          },
        ],
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS NACL: an inline entry unknown at preview as a whole may allow everything",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", { subnetIds: [ref(subnet)], ingress: [UNKNOWN] });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS route to the internet gateway whose destination is unknown at preview",
    build: () => {
      const b = new StackBuilder();
      const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16" });
      const igw = b.add(T.igw, "igw", { vpcId: ref(vpc) });
      const rtb = b.add(T.rtb, "public", { vpcId: ref(vpc) });
      b.add(T.route, "default", { routeTableId: ref(rtb), destinationCidrBlock: UNKNOWN, gatewayId: ref(igw) });
      const subnet = b.add(T.subnet, "public", { vpcId: ref(vpc), cidrBlock: "10.0.0.0/24" });
      b.add(T.rta, "public", { subnetId: ref(subnet), routeTableId: ref(rtb) });
      const sg = b.add(T.sg, "web", { vpcId: ref(vpc), ingress: [tcp(3389, { cidrBlocks: ["0.0.0.0/0"] })] });
      b.add(T.instance, "web", {
        subnetId: ref(subnet),
        vpcSecurityGroupIds: [ref(sg)],
        associatePublicIpAddress: true,
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS interface naming no group, with an EIP, in a VPC whose default group the stack opens",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(3389, { ipv6CidrBlocks: [], cidrBlocks: ["0.0.0.0/0"] })],
      });
      const eni = b.add("aws:ec2/networkInterface:NetworkInterface", "eni", { subnetId: ref(v.publicSubnet) });
      b.add(T.eip, "eni-ip", { networkInterface: ref(eni) });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS auto-scaling group whose launch template names no group, in a VPC whose default group the stack opens",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      const lt = b.add(T.lt, "web", { imageId: "ami-1", networkInterfaces: [{ associatePublicIpAddress: "true" }] });
      b.add(T.asg, "web", {
        vpcZoneIdentifiers: [ref(v.publicSubnet)],
        launchTemplate: { id: ref(lt) },
        maxSize: 1,
        minSize: 1,
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS instance from a launch template that names no group, in a VPC whose default group the stack opens",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      const lt = b.add(T.lt, "web", { imageId: "ami-1" });
      b.add(T.instance, "web", {
        subnetId: ref(v.publicSubnet),
        launchTemplate: { id: ref(lt) },
        associatePublicIpAddress: true,
      });
      return b;
    },
    violations: 1,
  },
  {
    name: "AWS NLB forwarding 22 to a host whose group admits a CIDR unknown at preview is a note",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: [UNKNOWN] })] });
      const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
      const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", subnets: [ref(v.publicSubnet)] });
      const tg = b.add(T.tg, "ssh", { port: 22, protocol: "TCP" });
      b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
      b.add(T.listener, "ssh", {
        loadBalancerArn: ref(nlb),
        port: 22,
        protocol: "TCP",
        defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
      });
      return b;
    },
    // The NLB passes connections through and answers nothing itself: only the host behind it, whose rule's CIDR
    // is unknown, may be reached.
    violations: 0,
    notes: 1,
  },
  {
    name: "Lightsail public ports with empty source lists are open to any address",
    build: () => {
      const b = new StackBuilder();
      b.add(T.lightsail, "web", {
        name: "web",
        availabilityZone: "us-east-1a",
        blueprintId: "ubuntu_22_04",
        bundleId: "small_3_0",
        ipAddressType: "ipv4",
      });
      b.add(T.lightsailPorts, "web-ports", {
        instanceName: "web",
        portInfos: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrs: [] }],
      });
      return b;
    },
    violations: 1,
  },
  // known-bad: Alibaba Cloud
  {
    name: "Alicloud 22/22 accept priority 1, drop priority 2",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 1 },
        drop: { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 2 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud ipProtocol ALL -1/-1",
    build: () => aliPublic({ all: { ipProtocol: "ALL", portRange: "-1/-1", cidrIp: "0.0.0.0/0" } }),
    violations: 5, // one per admin port: 22, 3389, 5900, 5985, 5986
  },
  {
    name: "Alicloud portRange 22 (single number)",
    build: () => aliPublic({ ssh: { portRange: "22", cidrIp: "0.0.0.0/0" } }),
    violations: 1,
  },
  {
    name: "Alicloud portRange 1/65535",
    build: () => aliPublic({ ssh: { portRange: "1/65535", cidrIp: "0.0.0.0/0" } }),
    violations: 5, // one per admin port: 22, 3389, 5900, 5985, 5986
  },
  {
    name: "Alicloud cidrIp with host bits 1.2.3.4/0",
    build: () => aliPublic({ ssh: { portRange: "22/22", cidrIp: "1.2.3.4/0" } }),
    violations: 1,
  },
  {
    name: "Alicloud nicType intranet",
    build: () => aliPublic({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", nicType: "intranet" } }),
    violations: 1,
  },
  {
    name: "Alicloud rule type unknown at preview may be ingress: unverified, as an unknown CIDR is",
    build: () => aliPublic({ ssh: { type: UNKNOWN, portRange: "22/22", cidrIp: "0.0.0.0/0" } }),
    violations: 0,
    notes: 1,
  },
  {
    name: "Alicloud drop whose type is unknown may be egress: it closes nothing",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
        drop: { type: UNKNOWN, portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud drop whose CIDR is unknown closes nothing",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
        drop: { portRange: "22/22", cidrIp: UNKNOWN, policy: "drop", priority: 1 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud drop of half the internet leaves the other half open",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
        drop: { portRange: "22/22", cidrIp: "0.0.0.0/1", policy: "drop", priority: 1 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud drop of udp leaves tcp 22 open",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 2 },
        drop: { ipProtocol: "udp", portRange: "1/65535", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud ACL accept whose source is unknown at preview may be the internet",
    build: () =>
      aliPublic({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => {
        b.add(A.acl, "acl", {
          vpcId: ref(n.vpc),
          resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
          ingressAclEntries: [{ policy: "accept", protocol: "tcp", port: "1/65535", sourceCidrIp: UNKNOWN }],
        });
      }),
    violations: 1,
  },
  {
    name: "Alicloud ACL entries in a separate NetworkAclEntries resource accept everything",
    build: () =>
      aliPublic({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => {
        const acl = b.add(A.acl, "acl", {
          vpcId: ref(n.vpc),
          resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
        });
        b.add("alicloud:vpc/networkAclEntries:NetworkAclEntries", "entries", {
          networkAclId: ref(acl),
          ingresses: [{ policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" }],
        });
      }),
    violations: 1,
  },
  // known-good
  {
    name: "AWS inline 22 from an office /24 on a non-bastion is still not the internet's... it is: only bastions",
    build: () => awsPublic([tcp(22, { cidrBlocks: ["203.0.113.0/24"] })]),
    violations: 1,
  },
  {
    name: "AWS inline 22 from RFC 1918 only",
    build: () => awsPublic([tcp(22, { cidrBlocks: ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"] })]),
    violations: 0,
  },
  {
    name: "AWS inline 443 from everywhere",
    build: () => awsPublic([tcp(443, { cidrBlocks: ["0.0.0.0/0"] })]),
    violations: 0,
  },
  {
    name: "AWS inline icmp -1/-1 from everywhere",
    build: () => awsPublic([{ protocol: "icmp", fromPort: -1, toPort: -1, cidrBlocks: ["0.0.0.0/0"] }]),
    violations: 0,
  },
  {
    name: "AWS ::/0 rule on a host without an IPv6 address",
    build: () => awsPublic([tcp(22, { ipv6CidrBlocks: ["::/0"] })]),
    violations: 0,
  },
  {
    name: "AWS SecurityGroupRule of type egress to the internet",
    build: () =>
      awsPublicWithRule(T.sgRule, {
        type: "egress",
        protocol: "-1",
        fromPort: 0,
        toPort: 0,
        cidrBlocks: ["0.0.0.0/0"],
      }),
    violations: 0,
  },
  {
    name: "AWS instance with no group while the stack does not manage the default group",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet) });
      b.add(T.eip, "web-ip", { instance: ref(web) });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS instance with its own group is not behind the VPC's open default group",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
      const web = b.add(T.instance, "web", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });
      b.add(T.eip, "web-ip", { instance: ref(web) });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS instance from a launch template that names its own group is not in the open default group",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      const sg = b.add(T.sg, "web", { vpcId: ref(v.vpc), ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })] });
      const lt = b.add(T.lt, "web", { imageId: "ami-1", vpcSecurityGroupIds: [ref(sg)] });
      b.add(T.instance, "web", {
        subnetId: ref(v.publicSubnet),
        launchTemplate: { id: ref(lt) },
        associatePublicIpAddress: true,
      });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS instance whose group list is unknown at preview is not put in the default group",
    build: () => {
      const b = new StackBuilder();
      const v = vpcWithSubnets(b);
      b.add("aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", "default", {
        vpcId: ref(v.vpc),
        ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
      });
      b.add(T.instance, "web", {
        subnetId: ref(v.publicSubnet),
        vpcSecurityGroupIds: UNKNOWN,
        associatePublicIpAddress: true,
      });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS NACL: denies of both halves ahead of the allow-all",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", {
        subnetIds: [ref(subnet)],
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/1" },
          { ruleNo: 11, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "128.0.0.0/1" },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlock: "0.0.0.0/0" },
        ],
      });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS NACL: a deny whose CIDR is unknown does not count, the allow it shadows needs no note",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["0.0.0.0/0"] })]);
      const subnet = b.resources.find((r) => r.name === "public-a" && r.type === T.subnet)!;
      b.add(T.nacl, "acl", {
        subnetIds: [ref(subnet)],
        ingress: [
          { ruleNo: 10, action: "deny", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: UNKNOWN },
          { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
        ],
      });
      return b;
    },
    violations: 0,
  },
  {
    name: "AWS IPv6 only through an egress-only gateway",
    build: () => {
      const b = new StackBuilder();
      const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true });
      const eigw = b.add(T.eigw, "eigw", { vpcId: ref(vpc) });
      const rtb = b.add(T.rtb, "v6", {
        vpcId: ref(vpc),
        routes: [{ ipv6CidrBlock: "::/0", egressOnlyGatewayId: ref(eigw) }],
      });
      const subnet = b.add(T.subnet, "v6", { vpcId: ref(vpc), assignIpv6AddressOnCreation: true });
      b.add(T.rta, "v6", { subnetId: ref(subnet), routeTableId: ref(rtb) });
      const sg = b.add(T.sg, "web", { vpcId: ref(vpc), ingress: [tcp(22, { ipv6CidrBlocks: ["::/0"] })] });
      b.add(T.instance, "web", { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)] });
      return b;
    },
    violations: 0,
  },
  {
    name: "Alicloud drop of equal priority closes the accept",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 5 },
        drop: { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "Drop", priority: 5 },
      }),
    violations: 0,
  },
  {
    name: "Alicloud drops of both halves at a higher priority close the accept",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 10 },
        "drop-low": { portRange: "1/1024", cidrIp: "0.0.0.0/1", policy: "drop", priority: 1 },
        "drop-high": { portRange: "22/22", cidrIp: "128.0.0.0/1", policy: "drop", priority: 1 },
      }),
    violations: 0,
  },
  {
    name: "Alicloud accept from a cidrIp unknown at preview, dropped by a priority-1 drop of everything",
    build: () =>
      aliPublic({
        ssh: { portRange: "22/22", cidrIp: UNKNOWN, priority: 5 },
        drop: { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
      }),
    violations: 0,
  },
  {
    name: "Alicloud ACL entry whose source is unknown, after a drop of everything, opens nothing",
    build: () =>
      aliPublic({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => {
        b.add(A.acl, "acl", {
          vpcId: ref(n.vpc),
          resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
          ingressAclEntries: [
            { policy: "drop", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
            { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: UNKNOWN },
          ],
        });
      }),
    violations: 0,
  },
  {
    name: "Alicloud egress all to the internet",
    build: () => aliPublic({ out: { type: "egress", ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" } }),
    violations: 0,
  },
  {
    name: "Alicloud 22 from the VPC range",
    build: () => aliPublic({ ssh: { portRange: "22/22", cidrIp: "172.16.0.0/12" } }),
    violations: 0,
  },
  {
    name: "Alicloud gre from anywhere",
    build: () => aliPublic({ gre: { ipProtocol: "gre", portRange: "-1/-1", cidrIp: "0.0.0.0/0" } }),
    violations: 0,
  },
  {
    name: "Alicloud separate ACL entries dropping 22 ahead of an accept-all",
    build: () =>
      aliPublic({ ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" } }, (b, n) => {
        const acl = b.add(A.acl, "acl", {
          vpcId: ref(n.vpc),
          resources: [{ resourceId: ref(n.vswitch), resourceType: "VSwitch" }],
        });
        b.add("alicloud:vpc/networkAclEntries:NetworkAclEntries", "entries", {
          networkAclId: ref(acl),
          ingresses: [
            { policy: "drop", protocol: "tcp", port: "22/22", sourceCidrIp: "0.0.0.0/0" },
            { policy: "accept", protocol: "all", port: "-1/-1", sourceCidrIp: "0.0.0.0/0" },
          ],
        });
      }),
    violations: 0,
  },
  {
    name: "A bastion admitted only from its allow-list",
    build: () => {
      const b = awsPublic([tcp(22, { cidrBlocks: ["203.0.113.0/24"] })]);
      b.resources.find((r) => r.type === T.instance)!.inputs.tags = {
        "hardening:role": "bastion",
        "hardening:allowed-cidrs": "203.0.113.0/24",
      };
      return b;
    },
    violations: 0,
  },
  // unknown at preview: a note, not a silent pass
  {
    name: "AWS inline 22 from a CIDR unknown at preview",
    build: () => awsPublic([tcp(22, { cidrBlocks: [UNKNOWN] })]),
    violations: 0,
    notes: 1,
  },
  {
    name: "AWS inline 443 from a CIDR unknown at preview needs no note",
    build: () => awsPublic([tcp(443, { cidrBlocks: [UNKNOWN] })]),
    violations: 0,
  },
  {
    name: "Alicloud 22 from a cidrIp unknown at preview",
    build: () => aliPublic({ ssh: { portRange: "22/22", cidrIp: UNKNOWN } }),
    violations: 0,
    notes: 1,
  },
  {
    name: "AWS vpc ingress rule -1 from an IPv6 block unknown at preview",
    build: () => awsPublicWithRule(T.ingress, { ipProtocol: "-1", cidrIpv6: UNKNOWN }, true),
    violations: 0,
    notes: 5, // one per admin port
  },
];

describe("red team: disallow-internet-admin-ports-except-bastions", () => {
  probes(disallowInternetAdminPortsExceptBastions, adminProbes);
});

const dbProbes: Probe[] = [
  {
    name: "AWS MySQL from the halves over protocol 6",
    build: () => awsPublic([tcp(3306, { cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }, "6")]),
    violations: 2,
  },
  {
    name: "AWS Redis from ::0/0 on an IPv6 host",
    build: () => awsPublic([tcp(6379, { ipv6CidrBlocks: ["::0/0"] })], { ipv6: true }),
    violations: 1,
  },
  {
    name: "AWS all protocols from 0.0.0.0/0 (every high-risk port)",
    build: () => awsPublic([{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]),
    violations: 1,
  },
  {
    name: "Alicloud MySQL portRange 3306 (single number) from a /8",
    build: () => aliPublic({ mysql: { portRange: "3306", cidrIp: "47.0.0.0/8" } }),
    violations: 1,
  },
  {
    name: "Alicloud 3000/3400 accept beats a priority-50 drop",
    build: () =>
      aliPublic({
        db: { portRange: "3000/3400", cidrIp: "0.0.0.0/0", priority: 1 },
        drop: { portRange: "3306/3306", cidrIp: "0.0.0.0/0", policy: "drop", priority: 50 },
      }),
    violations: 1,
  },
  {
    name: "Alicloud MySQL dropped at the same priority",
    build: () =>
      aliPublic({
        db: { portRange: "3306/3306", cidrIp: "0.0.0.0/0", priority: 3 },
        drop: { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0", policy: "drop", priority: 3 },
      }),
    violations: 0,
  },
  {
    name: "AWS 443 and 80 only",
    build: () =>
      awsPublic([tcp(443, { cidrBlocks: ["0.0.0.0/0"] }), tcp(80, { ipv6CidrBlocks: ["::/0"] })], { ipv6: true }),
    violations: 0,
  },
  {
    name: "AWS MySQL from the app subnet",
    build: () => awsPublic([tcp(3306, { cidrBlocks: ["10.0.1.0/24"] })]),
    violations: 0,
  },
  {
    name: "AWS MySQL from a CIDR unknown at preview",
    build: () => awsPublic([tcp(3306, { cidrBlocks: [UNKNOWN] })]),
    violations: 0,
    notes: 1,
  },
];

describe("red team: disallow-internet-database-and-high-risk-ports", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, dbProbes);
});

/** A private AWS host (no public address) whose group has `ingress`, and a tagged bastion with its own group. */
function awsPrivate(ingress: (bastionSg: GenericResource) => Record<string, unknown>[]) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const bastionSg = addBastion(b, v);
  const sg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: ingress(bastionSg) });
  b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  return b;
}

/** Two private ECS hosts sharing one group built with `sg` inputs and `rules`. */
function aliPrivatePeers(sg: Record<string, unknown>, rules: Record<string, Record<string, unknown>> = {}) {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24" });
  const group = b.add(A.sg, "app", { vpcId: ref(vpc), ...sg });
  for (const [name, inputs] of Object.entries(rules)) rule(b, group, name, inputs);
  for (const name of ["app-1", "app-2"])
    b.add(A.instance, name, { vswitchId: ref(vswitch), securityGroups: [ref(group)] });
  return b;
}

const bastionProbes: Probe[] = [
  {
    name: "AWS 22 from the VPC range",
    build: () => awsPrivate(() => [tcp(22, { cidrBlocks: ["10.0.0.0/16"] })]),
    violations: 1,
  },
  {
    name: "AWS -1 from self",
    build: () => awsPrivate(() => [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]),
    violations: 1,
  },
  {
    name: "AWS 22 from the bastion's group",
    build: () => awsPrivate((bsg) => [tcp(22, { securityGroups: [ref(bsg)] })]),
    violations: 0,
  },
  {
    name: "AWS 22 from a CIDR unknown at preview is a CIDR source all the same",
    build: () => awsPrivate(() => [tcp(22, { cidrBlocks: [UNKNOWN] })]),
    violations: 1,
  },
  {
    name: "AWS 22 from a CIDR unknown at preview with allowCidrs configured is a note",
    build: () => awsPrivate(() => [tcp(22, { cidrBlocks: [UNKNOWN] })]),
    config: { allowCidrs: ["10.0.0.0/24"] },
    violations: 0,
    notes: 1,
  },
  {
    name: "AWS 3389 from the VPC range when 3389 is a configured login port",
    build: () => awsPrivate(() => [tcp(3389, { cidrBlocks: ["10.0.0.0/16"] })]),
    config: { ports: [22, 3389] },
    violations: 1,
    mentions: "3389",
  },
  {
    name: "AWS 3389 from the VPC range with the default ports [22]",
    build: () => awsPrivate(() => [tcp(3389, { cidrBlocks: ["10.0.0.0/16"] })]),
    violations: 0,
  },
  {
    name: "Alicloud peers in a group whose inner access policy is Accept",
    build: () => aliPrivatePeers({ innerAccessPolicy: "Accept" }),
    violations: 2,
    mentions: "self-reference",
  },
  {
    name: "Alicloud peers in a group whose inner access policy is unknown at preview",
    build: () => aliPrivatePeers({ innerAccessPolicy: UNKNOWN }),
    violations: 2,
  },
  {
    name: "Alicloud peers in a group with the deprecated innerAccess: true",
    build: () => aliPrivatePeers({ innerAccess: true }),
    violations: 2,
  },
  {
    name: "Alicloud peers in a group that leaves the inner access policy to the cloud default",
    build: () => aliPrivatePeers({}),
    violations: 0,
  },
  {
    name: "Alicloud peers in a group whose inner access policy is Drop",
    build: () => aliPrivatePeers({ innerAccessPolicy: "Drop" }),
    violations: 0,
  },
  {
    name: "Alicloud inner Accept overridden by priority-1 drops of 22 (tcp and udp) from everywhere",
    build: () =>
      aliPrivatePeers(
        { innerAccessPolicy: "Accept" },
        {
          "drop-tcp": { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
          "drop-udp": { ipProtocol: "udp", portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
        },
      ),
    violations: 0,
  },
  {
    name: "Alicloud inner Accept with a tcp-only drop of 22 leaves udp/22 to peers",
    build: () =>
      aliPrivatePeers(
        { innerAccessPolicy: "Accept" },
        { drop: { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 } },
      ),
    violations: 2,
  },
  {
    name: "Alicloud 22 from the VPC range written as host bits",
    build: () =>
      aliPrivatePeers({ innerAccessPolicy: "Drop" }, { ssh: { portRange: "22/22", cidrIp: "172.16.9.9/16" } }),
    violations: 2,
  },
];

describe("red team: require-bastion-only-ssh-to-private-hosts", () => {
  probes(requireBastionOnlySshToPrivateHosts, bastionProbes);
});
