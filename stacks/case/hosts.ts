// The case's ECS servers and the one security group they shared.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { CaseNetwork } from "./network";
import { caseUserData } from "./userData";

/** The address space the database rule let in: wide enough to hold the 12 internet IPs of step 3. */
export const BROAD_PUBLIC_RANGE = "47.0.0.0/8";

export function caseSecurityGroup(network: CaseNetwork): alicloud.ecs.SecurityGroup {
  const group = new alicloud.ecs.SecurityGroup("case-sg", {
    securityGroupName: "logistics-web",
    vpcId: network.vpc.id,
  });
  // Each rule is declared on its own line so that a finding points at the rule that causes it.
  // Step 1: SSH open to the whole internet, which is how the scanners reached the servers.
  new alicloud.ecs.SecurityGroupRule("case-ssh-from-internet", {
    ...ingressTo(group),
    ipProtocol: "tcp",
    portRange: "22/22",
    cidrIp: "0.0.0.0/0",
  });
  // Steps 1 and 3: a "temporary" allow-all rule left from a patch window: every port, every protocol.
  new alicloud.ecs.SecurityGroupRule("case-all-from-internet", {
    ...ingressTo(group),
    ipProtocol: "all",
    portRange: "-1/-1",
    cidrIp: "0.0.0.0/0",
  });
  // Step 3: MySQL open to a broad public range, so connections came from 12 internet IPs.
  new alicloud.ecs.SecurityGroupRule("case-mysql-from-public-range", {
    ...ingressTo(group),
    ipProtocol: "tcp",
    portRange: "3306/3306",
    cidrIp: BROAD_PUBLIC_RANGE,
  });
  // The web port is meant to be public; it is not a weakness of the case.
  new alicloud.ecs.SecurityGroupRule("case-http-from-internet", {
    ...ingressTo(group),
    ipProtocol: "tcp",
    portRange: "80/80",
    cidrIp: "0.0.0.0/0",
  });
  return group;
}

function ingressTo(group: alicloud.ecs.SecurityGroup) {
  return { type: "ingress", securityGroupId: group.id };
}

export function caseServers(network: CaseNetwork, group: alicloud.ecs.SecurityGroup): alicloud.ecs.Instance[] {
  const config = new pulumi.Config("case");
  // Step 1: a guessable password; kept secret so the preview never prints it.
  const password = config.getSecret("ecsPassword") ?? pulumi.secret("Logistics@2023");
  // A named function, so each registration carries the source line that declared it.
  function webServer(name: string): alicloud.ecs.Instance {
    return new alicloud.ecs.Instance(name, {
      instanceName: name,
      instanceType: "ecs.g7.large",
      imageId: "ubuntu_22_04_x64_20G_alibase_20240130.vhd",
      vswitchId: network.vswitch.id,
      securityGroups: [group.id],
      // Step 1: password login instead of a key pair.
      password,
      // Step 1: a public IP on every server; there was no bastion in front.
      internetMaxBandwidthOut: 10,
      // Steps 1 and 2: the boot script enables password and root login and plants a root key.
      userData: caseUserData,
      // The metadata service is not part of the case; hardened so the pinned findings stay the case's own.
      httpTokens: "required",
    });
  }
  return [webServer("case-web-1"), webServer("case-web-2")];
}
