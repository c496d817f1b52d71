// Traffic mirroring types of both clouds and the preview form of a session's or rule's filter reference, shared by
// the tests of require-effective-traffic-mirroring.
import { UNKNOWN, urnOf } from "./harness";

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
