// AWS managed databases as hosts that listen on one port: RDS instances and clusters and Redshift clusters (subnet
// group, groups, publiclyAccessible) and ElastiCache (never given a public address, but reachable from inside).
import { defaultDatabasePort } from "../database-ports";
import { Host, NetworkModel, nodeOf } from "../model";
import { GenericResource, list, mayBeTrue, num, str, tags } from "../resource";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

export function addAwsDatabases(m: NetworkModel): void {
  const res = m.resolver;
  const publicClusters = new Set<string>();
  for (const r of res.ofType(AWS.rdsClusterInstance)) {
    const cluster = res.one(r, "clusterIdentifier", r.inputs.clusterIdentifier, [AWS.rdsCluster]);
    if (cluster && mayBeTrue(r.inputs.publiclyAccessible)) publicClusters.add(cluster);
  }
  for (const r of res.ofType(AWS.rdsInstance, AWS.rdsCluster)) {
    const host = database(m, r, "dbSubnetGroupName", [AWS.rdsSubnetGroup], "vpcSecurityGroupIds", 3306);
    const isPublic = r.type === AWS.rdsCluster ? publicClusters.has(r.urn) : mayBeTrue(r.inputs.publiclyAccessible);
    if (isPublic) host.publicV4.push({ label: `public-endpoint:${r.name}`, urn: r.urn });
    m.hosts.set(r.urn, host);
  }
  // Redshift: public only when asked (the provider's default is false), on 5439 unless `port` says otherwise.
  for (const r of res.ofType(AWS.redshiftCluster)) {
    const host = database(m, r, "clusterSubnetGroupName", [AWS.redshiftSubnetGroup], "vpcSecurityGroupIds", 5439);
    if (mayBeTrue(r.inputs.publiclyAccessible)) host.publicV4.push({ label: `public-endpoint:${r.name}`, urn: r.urn });
    m.hosts.set(r.urn, host);
  }
  for (const r of res.ofType(AWS.cacheCluster, AWS.cacheReplicationGroup)) {
    m.hosts.set(r.urn, database(m, r, "subnetGroupName", [AWS.cacheSubnetGroup], "securityGroupIds", 6379));
  }
}

function database(
  m: NetworkModel,
  r: GenericResource,
  subnetGroupProp: string,
  subnetGroupTypes: string[],
  groupsProp: string,
  fallbackPort: number,
): Host {
  const res = m.resolver;
  const groupUrn = res.one(r, subnetGroupProp, r.inputs[subnetGroupProp], subnetGroupTypes);
  const group = groupUrn ? res.get(groupUrn) : undefined;
  const subnets = group ? res.many(group, "subnetIds", list(group.inputs.subnetIds), [AWS.subnet]) : undefined;
  const port = num(r.inputs.port) ?? defaultDatabasePort(str(r.inputs.engine), fallbackPort);
  return {
    ...nodeOf(r),
    cloud: "aws",
    kind: "database",
    subnets: subnets?.urns ?? [],
    externalSubnets: subnets?.external ?? [],
    // Without a subnet group RDS uses the default VPC's subnets.
    defaultSubnet: r.inputs[subnetGroupProp] === undefined,
    securityGroups: res.many(r, groupsProp, list(r.inputs[groupsProp]), AWS_SECURITY_GROUPS).urns,
    publicV4: [],
    tags: tags(r),
    listenPorts: [port],
  };
}
