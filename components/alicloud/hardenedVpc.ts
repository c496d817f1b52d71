// A VPC whose only internet edge is deliberate: public vSwitches behind a network ACL that drops SSH/RDP from the
// internet (the case's 137-second brute force), private vSwitches egressing through SNAT only, and a flow log of
// ALL traffic kept at least six months (the case's investigation had to rebuild traffic after the fact).
// Arguments and their checks: hardenedVpcArgs.ts; the NAT gateway and SNAT entries: natEgress.ts.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { guardEvidence, guardInheritedTransformations } from "../evidenceGuard";
import { answeredInvoke } from "../invokeAnswer";
import { publicTierEgressEntries, publicTierIngressEntries } from "../plan/alicloud-acl";
import { withPinnedMessage } from "../pinnedMessage";
import { ValidationError } from "../validation";
import { ChildGate } from "./childGate";
import { HardenedVpcArgs, validateHardenedVpcArgs, warnWeakerArguments } from "./hardenedVpcArgs";
import { createAllTrafficFlowLog } from "./flowLog";
import { createNatEgress } from "./natEgress";
import { assertZonesInRegion } from "./zones";

export type { HardenedVpcArgs } from "./hardenedVpcArgs";

export class HardenedVpc extends pulumi.ComponentResource {
  public readonly vpcId: pulumi.Output<string>;
  public readonly cidrBlock: string;
  public readonly publicVswitchIds: pulumi.Output<string>[];
  public readonly privateVswitchIds: pulumi.Output<string>[];
  public readonly publicCidrs: string[];
  public readonly privateCidrs: string[];
  public readonly zoneIds: pulumi.Output<string>[];
  public readonly networkAclId: pulumi.Output<string>;
  public readonly natGatewayId?: pulumi.Output<string>;
  public readonly natPublicIp?: pulumi.Output<string>;
  public readonly flowLogId: pulumi.Output<string>;
  public readonly flowLogProjectName: pulumi.Output<string>;
  public readonly flowLogStoreName: pulumi.Output<string>;

  constructor(name: string, given: HardenedVpcArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before the first child exists.
    const checked = validateHardenedVpcArgs(name, given);
    const { args, cidrBlock, zoneCount, adminSourceCidrs, publicTcpPorts, enableIpv6 } = checked;
    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    // Transformations, the component's own and inherited ones, may tag the evidence stores, never unprotect them.
    const gate = new ChildGate();
    super("hardening:alicloud:HardenedVpc", name, {}, gate.options(guardEvidence(`HardenedVpc "${name}"`, opts)));
    guardInheritedTransformations(`HardenedVpc "${name}"`, this);
    warnWeakerArguments(this, `HardenedVpc "${name}"`, checked);

    const tags = { ...(args.tags ?? {}), "hardening:component": "HardenedVpc" };
    const parent = { parent: this };

    this.cidrBlock = cidrBlock;
    // Zones are only known once the invoke answers: check the count (or the listed zones) there.
    const explicitZones = args.zones;
    const zonesToUse = (ids: string[]): string[] => {
      if (explicitZones) {
        assertZonesInRegion(`HardenedVpc "${name}"`, "zones", explicitZones, ids);
        return explicitZones;
      }
      if (ids.length < zoneCount) {
        throw new ValidationError(`HardenedVpc "${name}"`, [
          {
            argument: "zoneCount",
            value: zoneCount,
            allowed: `at most the ${ids.length} zone(s) that can create vSwitches here (${ids.join(", ")})`,
            fix: "lower zoneCount or pass zones explicitly",
          },
        ]);
      }
      return ids.slice(0, zoneCount);
    };
    // Unknown through an unconfigured provider (../invokeAnswer.ts): the zones are then checked at deployment.
    const zones = answeredInvoke(
      `HardenedVpc "${name}"`,
      "getZones",
      ["zones"],
      alicloud.getZonesOutput({ availableResourceCreation: "VSwitch" }, parent),
    ).apply((r) => withPinnedMessage(() => zonesToUse((r.zones ?? []).map((z) => z.id))));
    this.zoneIds = Array.from({ length: zoneCount }, (_, i) => zones.apply((z) => z[i]));
    // Every child waits on that check (the gate adds it to each child's dependsOn): with `pulumi up --skip-preview` a
    // zone the region does not offer fails before the first resource is created, not at the vSwitches after the VPC,
    // the EIP and the retained log project and store. The check's message is pinned and no child carries the check
    // in a property (tags), so the failure reads as the check's own message, once, not wrapped at every property.
    gate.waitFor(zones);

    const vpc = new alicloud.vpc.Network(
      `${name}-vpc`,
      { vpcName: name, cidrBlock, enableIpv6, description: `Hardened VPC ${name}`, tags },
      parent,
    );
    this.vpcId = vpc.id;

    const vswitch = (tier: "public" | "private") =>
      checked.subnetPlan
        .filter((p) => p.tier === tier)
        .map(
          (p) =>
            new alicloud.vpc.Switch(
              `${name}-${tier}-${p.zoneIndex}`,
              {
                vpcId: vpc.id,
                cidrBlock: p.cidrBlock,
                zoneId: this.zoneIds[p.zoneIndex],
                vswitchName: `${name}-${tier}-${p.zoneIndex}`,
                description: tier === "public" ? "Internet edge: NAT, load balancers, bastion" : "No public addresses",
                tags: { ...tags, "hardening:tier": tier },
              },
              parent,
            ),
        );
    const publicSwitches = vswitch("public");
    const privateSwitches = vswitch("private");
    this.publicVswitchIds = publicSwitches.map((s) => s.id);
    this.privateVswitchIds = privateSwitches.map((s) => s.id);
    this.publicCidrs = checked.subnetPlan.filter((p) => p.tier === "public").map((p) => p.cidrBlock);
    this.privateCidrs = checked.subnetPlan.filter((p) => p.tier === "private").map((p) => p.cidrBlock);

    const acl = new alicloud.vpc.NetworkAcl(
      `${name}-public-acl`,
      {
        vpcId: vpc.id,
        networkAclName: `${name}-public`,
        description: "Drops SSH/RDP from the internet ahead of any allow; drops anything not listed",
        ingressAclEntries: publicTierIngressEntries({
          adminSourceCidrs,
          vpcCidr: cidrBlock,
          publicTcpPorts,
          ipv6: enableIpv6,
        }),
        egressAclEntries: publicTierEgressEntries({ ipv6: enableIpv6 }),
        resources: publicSwitches.map((s) => ({ resourceId: s.id, resourceType: "VSwitch" })),
        tags,
      },
      parent,
    );
    this.networkAclId = acl.id;

    if (args.natGateway ?? true) {
      const egress = createNatEgress(this, name, {
        vpcId: vpc.id,
        publicSwitch: publicSwitches[0],
        privateSwitches,
        tags,
      });
      this.natGatewayId = egress.natGatewayId;
      this.natPublicIp = egress.natPublicIp;
    }

    const { project, store, flowLog } = createAllTrafficFlowLog(this, name, {
      resourceType: "VPC",
      resourceId: vpc.id,
      projectName: checked.flowLogProjectName,
      logstoreName: checked.flowLogStoreName,
      retentionDays: checked.flowLogRetentionDays,
      sinkDescription: `Flow logs of VPC ${name}`,
      description: "All accepted and dropped traffic of the VPC",
      tags,
      // An IPv6 VPC's attacks may arrive over IPv6: record both families.
      ...(enableIpv6 ? { ipVersion: "DualStack" as const } : {}),
    });
    this.flowLogId = flowLog.id;
    this.flowLogProjectName = project.projectName;
    this.flowLogStoreName = store.logstoreName;

    this.registerOutputs({
      vpcId: this.vpcId,
      publicVswitchIds: this.publicVswitchIds,
      privateVswitchIds: this.privateVswitchIds,
      networkAclId: this.networkAclId,
      natGatewayId: this.natGatewayId,
      flowLogId: this.flowLogId,
    });
  }
}
