// Traffic mirroring types of both clouds and the preview form of a session's or rule's filter reference, shared by
// the tests of require-effective-traffic-mirroring.
import { StackInput, UNKNOWN, urnOf } from "./harness";

export const AWS_MIRROR = {
  session: "aws:ec2/trafficMirrorSession:TrafficMirrorSession",
  filter: "aws:ec2/trafficMirrorFilter:TrafficMirrorFilter",
  rule: "aws:ec2/trafficMirrorFilterRule:TrafficMirrorFilterRule",
};
export const ALI_MIRROR = {
  session: "alicloud:vpc/trafficMirrorSession:TrafficMirrorSession",
  filter: "alicloud:vpc/trafficMirrorFilter:TrafficMirrorFilter",
  ingress: "alicloud:vpc/trafficMirrorFilterIngressRule:TrafficMirrorFilterIngressRule",
  egress: "alicloud:vpc/trafficMirrorFilterEgressRule:TrafficMirrorFilterEgressRule",
};

/** At preview a new filter's id is unknown: the reference is a property dependency. */
export const refersTo = (type: string, name: string) => ({
  props: { trafficMirrorFilterId: UNKNOWN },
  propertyDependencies: { trafficMirrorFilterId: [urnOf(type, name)] },
});

/** An AWS rule of filter `filterName` accepting every address and port in `direction` unless `props` say otherwise. */
export function awsAcceptRule(
  filterName: string,
  name: string,
  direction: "ingress" | "egress",
  props: Record<string, unknown> = {},
): StackInput {
  const ref = refersTo(AWS_MIRROR.filter, filterName);
  return {
    type: AWS_MIRROR.rule,
    name,
    props: {
      ...ref.props,
      trafficDirection: direction,
      ruleNumber: 100,
      ruleAction: "accept",
      sourceCidrBlock: "0.0.0.0/0",
      destinationCidrBlock: "0.0.0.0/0",
      ...props,
    },
    propertyDependencies: ref.propertyDependencies,
  };
}
