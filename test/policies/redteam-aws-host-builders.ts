// Builders of the AWS hosts the red-team probes write: a VPC with a bastion, groups admitting a port, spot requests,
// instances with attached groups, mixed-instances groups and the internet-facing NLB forwarding to them.
import type { GenericResource } from "../../lib/reachability";
import { addBastion } from "../reachability/aws-bastion";
import { T, Vpc, vpcWithSubnets } from "../reachability/aws-fixtures";
import { StackBuilder, ref } from "../reachability/stack-builder";
import { tcp } from "../reachability/tcp-ingress";

const SPOT = "aws:ec2/spotInstanceRequest:SpotInstanceRequest";
const SG_ATTACHMENT = "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment";

/** A probe: a VPC with subnets and the bastion `jump` (SSH from 203.0.113.0/24), then what `build` adds. */
export const stack = (build: (b: StackBuilder, v: Vpc, bastionSg: GenericResource) => void) => () => {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const bastionSg = addBastion(b, v, { publicIp: true, tagsAllowList: true });
  build(b, v, bastionSg);
  return b;
};

/** A group admitting `port` from `sources` (a CIDR list, or the bastion's group). */
export const group = (b: StackBuilder, v: Vpc, name: string, port: number, sources: Record<string, unknown>) =>
  b.add(T.sg, name, { vpcId: ref(v.vpc), ingress: [tcp(port, sources)] });

export const fromVpc = { cidrBlocks: ["10.0.0.0/16"] };
export const fromAnywhere = { cidrBlocks: ["0.0.0.0/0"] };
export const fromBastion = (bastionSg: GenericResource) => ({ securityGroups: [ref(bastionSg)] });

/**
 * An internet-facing NLB forwarding `port` to an instance target group that hands targets the balancer's own
 * address (preserveClientIp false), so a group admitting the VPC range admits the internet.
 */
function nlbForwarding(b: StackBuilder, v: Vpc, port: number, attach: (tg: GenericResource) => void) {
  const nlb = b.add(T.lb, "nlb", { loadBalancerType: "network", subnets: [ref(v.publicSubnet)] });
  const tg = b.add(T.tg, "tg", { port, protocol: "TCP", targetType: "instance", preserveClientIp: "false" });
  b.add(T.listener, "tcp", {
    loadBalancerArn: ref(nlb),
    port,
    protocol: "TCP",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  attach(tg);
}

/** An auto-scaling group launching from a mixed instances policy: its template, then the overrides' templates. */
export function mixedGroup(
  b: StackBuilder,
  v: Vpc,
  templates: GenericResource[],
  extra: Record<string, unknown> = {},
): GenericResource {
  const [main, ...others] = templates;
  return b.add(T.asg, "workers", {
    vpcZoneIdentifiers: [ref(v.privateSubnet)],
    mixedInstancesPolicy: {
      launchTemplate: {
        launchTemplateSpecification: { launchTemplateId: ref(main), version: "$Latest" },
        overrides: [
          { instanceType: "m5.large" },
          ...others.map((t) => ({
            instanceType: "m6g.large",
            launchTemplateSpecification: { launchTemplateId: ref(t) },
          })),
        ],
      },
    },
    ...extra,
  });
}

export const template = (b: StackBuilder, name: string, sg: GenericResource, inputs: Record<string, unknown> = {}) =>
  b.add(T.lt, name, { imageId: "ami-1", vpcSecurityGroupIds: [ref(sg)], ...inputs });

/** A NLB forwarding `port` to the auto-scaling group `asg` through an attachment named `name`. */
export const nlbForwardingToGroup = (b: StackBuilder, v: Vpc, port: number, asg: GenericResource, name: string) =>
  nlbForwarding(b, v, port, (tg) =>
    b.add("aws:autoscaling/attachment:Attachment", name, { autoscalingGroupName: ref(asg), lbTargetGroupArn: ref(tg) }),
  );

/** A NLB forwarding `port` to the instance `app` as a target. */
export const nlbForwardingToInstance = (b: StackBuilder, v: Vpc, port: number, app: GenericResource) =>
  nlbForwarding(b, v, port, (tg) => b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) }));

/** A private instance `app` naming no group itself, `sg` attached to its primary interface. */
export function privateInstanceWithAttachedGroup(b: StackBuilder, v: Vpc, sg: GenericResource): GenericResource {
  const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [] });
  b.add(SG_ATTACHMENT, "app", { networkInterfaceId: ref(app), securityGroupId: ref(sg) });
  return app;
}

/** An instance `app` in the public subnet behind `sg`. */
export const publicInstance = (b: StackBuilder, v: Vpc, sg: GenericResource) =>
  b.add(T.instance, "app", { subnetId: ref(v.publicSubnet), vpcSecurityGroupIds: [ref(sg)] });

/** The template `workers` whose interface behind `sg` asks for a public address as `associatePublicIpAddress` says. */
export const templateAskingForAddress = (b: StackBuilder, sg: GenericResource, associatePublicIpAddress: unknown) =>
  b.add(T.lt, "workers", {
    imageId: "ami-1",
    networkInterfaces: [{ associatePublicIpAddress, securityGroups: [ref(sg)] }],
  });

/** A spot instance request in `subnet` behind `sg`, with its own inputs (a public address, a price). */
export const spotRequest = (
  b: StackBuilder,
  subnet: GenericResource,
  sg: GenericResource,
  name: string,
  inputs: Record<string, unknown> = {},
) => b.add(SPOT, name, { subnetId: ref(subnet), vpcSecurityGroupIds: [ref(sg)], ...inputs });
