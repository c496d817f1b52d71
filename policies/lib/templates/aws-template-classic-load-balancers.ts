// CloudFormation classic load balancers (AWS::ElasticLoadBalancing::LoadBalancer) as the provider's
// `aws.elb.LoadBalancer`: the network model publishes each listener's instance port on the instances it names (or
// that an auto scaling group's LoadBalancerNames attaches), from its subnets behind its groups. `Ref` gives the
// balancer's name, which LoadBalancerNames names it by.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { internal } from "./aws-template-schemes";
import { defined, tagMap, Translation } from "./embedded-resource";

/** `Listeners` as the provider's `listeners`; a list or an entry unknown at preview stays unknown. */
function listeners(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((l) => {
    if (isUnknown(l)) return UNKNOWN;
    const o = obj(l) ?? {};
    return defined({
      lbPort: o.LoadBalancerPort,
      lbProtocol: o.Protocol,
      instancePort: o.InstancePort,
      instanceProtocol: o.InstanceProtocol,
    });
  });
}

const classicLoadBalancer: Translation = (read) => [
  {
    type: "aws:elb/loadBalancer:LoadBalancer",
    props: defined({
      name: read("LoadBalancerName"),
      internal: internal(read("Scheme")),
      instances: read("Instances"),
      listeners: listeners(read("Listeners")),
      subnets: read("Subnets"),
      securityGroups: read("SecurityGroups"),
      availabilityZones: read("AvailabilityZones"),
      tags: tagMap(read("Tags")),
    }),
  },
];

export const AWS_CLASSIC_LOAD_BALANCER_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::ElasticLoadBalancing::LoadBalancer", classicLoadBalancer],
]);
