// Hostile stacks for stack policies: hostile bags linked by parents, dependencies and property dependencies that
// point at each other, at themselves, or at URNs that are not in the stack.
import fc from "fast-check";
import { SyntheticResource, urnOf } from "../../bench/synthetic/resource";
import { bagForAnyType, FuzzBag } from "./resource-shapes";

const DANGLING = "urn:pulumi:bench::hardening-kit::aws:ec2/securityGroup:SecurityGroup::gone";

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
      fc.tuple(
        fc.constantFrom(
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
          "x",
        ),
        fc.array(fc.integer({ min: -1, max: 40 }), { maxLength: 3 }),
      ),
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
