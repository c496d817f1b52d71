// Hostile stacks for stack policies: hostile bags linked by parents, dependencies and property dependencies that
// point at each other, at themselves, or at URNs that are not in the stack.
import fc from "fast-check";
import { SyntheticResource, urnOf } from "../../bench/synthetic/resource";
import { bagForAnyType, FuzzBag } from "./resource-shapes";

const DANGLING = "urn:pulumi:bench::hardening-kit::aws:ec2/securityGroup:SecurityGroup::gone";

/** Inputs the stack rules and the network model read as references to other resources, and one they never read. */
const LINK_KEYS = [
  // Networks, groups, buckets, hosts, mirror filters.
  "vpcId",
  "securityGroupId",
  "securityGroups",
  "bucket",
  "instanceId",
  "trafficMirrorFilterId",
  // Cross-resource reads: mirror sources, balancer backends, WAF logging, failover checks, trail buckets.
  "networkInterfaceId",
  "subnetId",
  "targetGroupArn",
  "targetId",
  "serverGroupId",
  "serverId",
  "servers",
  "backendServers",
  "loadBalancerId",
  "listenerArn",
  "defaultActions",
  "internalIp",
  "endpointConfigurations",
  "resourceArn",
  "webAclArn",
  "healthCheckId",
  "s3BucketName",
  "ossBucketName",
  "routeTableId",
  "destinationPrefixListId",
  // The network model: hosts, groups, subnets, routes, ACLs, IPv6 addresses and gateways, launch templates.
  "vswitchId",
  "vswitchIds",
  "subnetIds",
  "subnets",
  "subnetMappings",
  "zoneMappings",
  "vpcZoneIdentifiers",
  "securityGroupIds",
  "securityGroupNames",
  "vpcSecurityGroupIds",
  "sourceSecurityGroupId",
  "referencedSecurityGroupId",
  "networkInterface",
  "networkInterfaces",
  "aclId",
  "aclIds",
  "networkAclId",
  "defaultNetworkAclId",
  "defaultRouteTableId",
  "gatewayId",
  "natGatewayId",
  "egressOnlyGatewayId",
  "forwardTableId",
  "prefixListId",
  "prefixListIds",
  "ipv6AddressId",
  "ipv6Addresses",
  "ipv6GatewayId",
  "allocationId",
  "address",
  "instance",
  "instances",
  "instanceName",
  "launchTemplate",
  "templateId",
  "templateName",
  "autoscalingGroupName",
  "scalingGroupId",
  "dbSubnetGroupName",
  "subnetGroupName",
  "clusterIdentifier",
  // Balancers and accelerators in front of hosts.
  "albServerGroupId",
  "albServerGroups",
  "masterSlaveServerGroupId",
  "serverIds",
  "loadBalancerArn",
  "loadBalancers",
  "loadbalancerIds",
  "lbTargetGroupArn",
  "targetGroupArns",
  "targetGroups",
  "listenerId",
  "elb",
  "accelerateIpId",
  "acceleratorArn",
  "acceleratorId",
  "endpointGroupId",
  "endpointId",
  "endpoint",
  "endpointAddress",
  "externalIp",
  // Endpoints a web ACL protects or cannot attach to: HTTP APIs, REST stages, CloudFront origins, Verified Access.
  "apiId",
  "target",
  "restApi",
  "resourceId",
  "origins",
  "webAclId",
  "domainName",
  "verifiedAccessGroupId",
  "verifiedaccessInstanceId",
  // Audit trails, flow logs, backup vaults, DNS health checks, mirror sources, bastion hosts.
  "logDestination",
  "logGroupName",
  "logStoreName",
  "projectName",
  "slsProjectArn",
  "maxComputeProjectArn",
  "bucketName",
  "backupVaultName",
  "targetVaultName",
  "destinationVaultArn",
  "rules",
  "resourceRecordSets",
  "cloudwatchAlarmName",
  "addrPoolId",
  "hostId",
  "trafficMirrorSourceIds",
  // Read by nothing: a key no rule looks up.
  "x",
];

interface Links {
  parent: number;
  dependencies: number[];
  propertyDependencies: [string, number[]][];
}

const links = (): fc.Arbitrary<Links> =>
  fc.record({
    parent: fc.integer({ min: -1, max: 40 }),
    dependencies: fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 4 }),
    propertyDependencies: fc.array(
      fc.tuple(fc.constantFrom(...LINK_KEYS), fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 3 })),
      { maxLength: 3 },
    ),
  });

function link(bags: [FuzzBag, Links][]): SyntheticResource[] {
  const urns = bags.map(([bag], i) => urnOf(bag.type, `r${i}`));
  // -1 and indexes past the end stand for a URN the stack does not contain.
  const urnAt = (i: number): string => urns[i] ?? DANGLING;
  return bags.map(([bag, l], i) => ({
    type: bag.type,
    name: `r${i}`,
    urn: urns[i],
    props: bag.props,
    parent: l.parent === -1 ? undefined : urnAt(l.parent),
    dependencies: l.dependencies.map(urnAt),
    propertyDependencies: Object.fromEntries(l.propertyDependencies.map(([k, is]) => [k, is.map(urnAt)])),
  }));
}

/** `types`: draw resources from these types only, so that the few that refer to each other meet often. */
export function stackArbitrary(maxResources = 25, types?: readonly string[]): fc.Arbitrary<SyntheticResource[]> {
  return fc.array(fc.tuple(bagForAnyType(types), links()), { maxLength: maxResources }).map(link);
}
