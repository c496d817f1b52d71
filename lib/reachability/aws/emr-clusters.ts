// EMR clusters: one host for the nodes `ec2Attributes` places in `subnetId` / `subnetIds` (none: the default VPC),
// behind the master and core/task groups (`emrManagedMasterSecurityGroup`, `additionalMasterSecurityGroups`, and the
// slave ones; the additional lists are comma-separated strings). EMR gives nodes in a public subnet public
// addresses whatever the subnet maps, so the cluster holds one and the subnet's route to an internet gateway decides.
// The service-access group sits on EMR's own interface, not on the nodes. While ids are unknown the references
// share one dependency list, so every group it names joins.
import { NetworkModel } from "../model";
import { isUnknown, list, prop, unwrap } from "../resource";
import { commaList, hostBase } from "./host-parts";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

const NODE_GROUPS = ["emrManagedMasterSecurityGroup", "emrManagedSlaveSecurityGroup"];
const ADDITIONAL_GROUPS = ["additionalMasterSecurityGroups", "additionalSlaveSecurityGroups"];
const PROP = "ec2Attributes";

export function addAwsEmrClusters(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(AWS.emrCluster)) {
    const attrs = r.inputs[PROP];
    const unknownAttrs = isUnknown(unwrap(attrs));
    const groupRefs = unknownAttrs
      ? [attrs]
      : [...NODE_GROUPS.map((k) => prop(attrs, k)), ...ADDITIONAL_GROUPS.flatMap((k) => commaList(prop(attrs, k)))];
    const subnetRefs = unknownAttrs ? [attrs] : [prop(attrs, "subnetId"), ...list(prop(attrs, "subnetIds"))];
    const named = (values: unknown[]) => values.filter((v) => v !== undefined && v !== null && v !== "");
    const subnets = res.many(r, PROP, named(subnetRefs), [AWS.subnet]);
    m.hosts.set(r.urn, {
      ...hostBase(r, "scaling-group"),
      subnets: subnets.urns,
      externalSubnets: subnets.external,
      defaultSubnet: subnets.urns.length === 0 && subnets.external.length === 0,
      securityGroups: res.many(r, PROP, named(groupRefs), AWS_SECURITY_GROUPS).urns,
      publicV4: [{ label: `public-ip:${r.name} (EMR node in a public subnet)`, urn: r.urn }],
    });
  }
}
