// The case's network: one VPC and one vSwitch in one region, nothing recording its traffic.
import * as alicloud from "@pulumi/alicloud";

export interface CaseNetwork {
  vpc: alicloud.vpc.Network;
  vswitch: alicloud.vpc.Switch;
}

export function caseNetwork(zoneId: string): CaseNetwork {
  // Step 5: no vpc.FlowLog and no traffic mirroring, so the responders had no record of who connected from where.
  const vpc = new alicloud.vpc.Network("case-vpc", { vpcName: "logistics-vpc", cidrBlock: "172.16.0.0/16" });
  const vswitch = new alicloud.vpc.Switch("case-vswitch", {
    vswitchName: "logistics-web",
    vpcId: vpc.id,
    cidrBlock: "172.16.1.0/24",
    zoneId,
  });
  return { vpc, vswitch };
}
