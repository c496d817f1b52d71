// ECS services in awsvpc mode (Fargate, or EC2 tasks with their own interfaces): one host for the tasks the service
// runs, in `networkConfiguration.subnets` behind its `securityGroups` (none: the VPC's default group). A task gets a
// public address only through `assignPublicIp` (the subnet's mapPublicIpOnLaunch does not apply to it); true or
// unknown counts, as an instance's `associatePublicIpAddress` does, and the subnet's route to an internet gateway
// decides. A whole `networkConfiguration` unknown at preview names its subnets and groups through its dependencies
// and may ask for an address: it stands, unverified. Services without it (bridge or host mode) run on container
// instances, which are hosts of their own.
import { Host, NetworkModel } from "../model";
import { GenericResource, isUnknown, list, mayBeTrue, prop, unwrap } from "../resource";
import { hostBase, withDefaultGroup } from "./host-parts";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

const PROP = "networkConfiguration";

export function addAwsEcsServices(m: NetworkModel, defaults: Map<string, string>): void {
  for (const r of m.resolver.ofType(AWS.ecsService)) {
    const config = unwrap(r.inputs[PROP]);
    if (config === undefined || config === null) continue;
    m.hosts.set(r.urn, serviceHost(m, r, config, defaults));
  }
}

function serviceHost(m: NetworkModel, r: GenericResource, config: unknown, defaults: Map<string, string>): Host {
  const res = m.resolver;
  const unknownConfig = isUnknown(config);
  // Subnets and groups share the input's dependency list: each reference keeps to its own type.
  const subnetRefs = unknownConfig ? [config] : list(prop(config, "subnets"));
  const groupRefs = unknownConfig ? [config] : list(prop(config, "securityGroups"));
  const subnets = res.many(r, PROP, subnetRefs, [AWS.subnet]);
  const host: Host = {
    ...hostBase(r, "scaling-group"),
    subnets: subnets.urns,
    externalSubnets:
      subnets.urns.length === 0 && subnets.external.length === 0 ? ["(unknown subnet)"] : subnets.external,
    securityGroups: res.many(r, PROP, groupRefs, AWS_SECURITY_GROUPS).urns,
  };
  if (unknownConfig)
    host.publicV4.push({ label: `public-ip:${r.name} (${PROP} unknown at preview)`, urn: r.urn, unverified: true });
  else if (mayBeTrue(prop(config, "assignPublicIp"))) host.publicV4.push({ label: `public-ip:${r.name}`, urn: r.urn });
  if (!unknownConfig && groupRefs.length === 0) withDefaultGroup(m, host, defaults);
  return host;
}
