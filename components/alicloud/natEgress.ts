// HardenedVpc's way out for private vSwitches: an enhanced NAT gateway on the first public vSwitch, its EIP, and one
// SNAT entry per private vSwitch. No DNAT entries: nothing on the internet reaches in through it.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";

export interface NatEgressArgs {
  vpcId: pulumi.Input<string>;
  /** The public vSwitch the NAT gateway sits in. */
  publicSwitch: alicloud.vpc.Switch;
  /** The vSwitches that egress through it, one SNAT entry each, in zone order. */
  privateSwitches: alicloud.vpc.Switch[];
  tags: pulumi.Input<Record<string, string>>;
}

/** Makes the NAT gateway, its EIP and the SNAT entries as children of `component`; returns the gateway and address. */
export function createNatEgress(
  component: pulumi.Resource,
  name: string,
  args: NatEgressArgs,
): { natGatewayId: pulumi.Output<string>; natPublicIp: pulumi.Output<string> } {
  const parent = { parent: component };
  const nat = new alicloud.vpc.NatGateway(
    `${name}-nat`,
    {
      vpcId: args.vpcId,
      vswitchId: args.publicSwitch.id,
      natGatewayName: `${name}-nat`,
      natType: "Enhanced",
      networkType: "internet",
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByLcu",
      eipBindMode: "NAT",
      description: "Outbound only: SNAT for private vSwitches, no DNAT entries",
      tags: args.tags,
    },
    parent,
  );
  const eip = new alicloud.ecs.EipAddress(
    `${name}-nat-eip`,
    {
      addressName: `${name}-nat`,
      paymentType: "PayAsYouGo",
      internetChargeType: "PayByTraffic",
      bandwidth: "100",
      description: "SNAT address of the NAT gateway",
      tags: args.tags,
    },
    parent,
  );
  const association = new alicloud.ecs.EipAssociation(
    `${name}-nat-eip-association`,
    { allocationId: eip.id, instanceId: nat.id, instanceType: "Nat" },
    parent,
  );
  const snatTableId = nat.snatTableIds.apply((ids) => ids.split(",")[0]);
  args.privateSwitches.forEach(
    (s, i) =>
      new alicloud.vpc.SnatEntry(
        `${name}-snat-${i}`,
        {
          snatTableId,
          sourceVswitchId: s.id,
          snatIp: eip.ipAddress,
          snatEntryName: `${name}-private-${i}`,
        },
        { parent: component, dependsOn: [association] },
      ),
  );
  return { natGatewayId: nat.id, natPublicIp: eip.ipAddress };
}
