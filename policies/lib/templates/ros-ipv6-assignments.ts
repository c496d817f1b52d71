// ROS IPv6 addresses assigned after launch: ALIYUN::ECS::AssignIpv6Addresses adds addresses (Ipv6AddressCount or
// Ipv6Addresses) to the interface NetworkInterfaceId names. Once the whole template is read, an assignment to an
// instance of the template (its PrimaryNetworkInterfaceId, which names the instance: template-references.ts) joins the
// addresses that instance asks for, as the provider's instance holds them, and an address id read from the assignment
// (`Fn::Select` of its Ipv6AddressIds) is read from the interface it names: the instance, so internet bandwidth bought
// for it reaches the instance as bandwidth for the instance's own address does (ros-ipv6-internet.ts). A known
// interface id outside the template (an existing one) keeps its value, as any other reference to it would; an
// interface the template cannot tell may be any instance's (ANY_ASSIGNMENT).
import { ALI } from "../../../lib/reachability/alicloud/tokens";
import { isUnknown, list, num, obj, UNKNOWN } from "../../../lib/values";
import { defined, EmbeddedResource, Translation } from "./embedded-resource";
import { instanceIpv6 } from "./ros-instance-ipv6";
import { isTemplateReference, templateReference } from "./template-references";

/** An assignment as read, before it is settled on its instance; never handed to a rule. */
const IPV6_ASSIGNMENT = "template:ALIYUN::ECS::AssignIpv6Addresses";

const assignment: Translation = (read) => [
  {
    type: IPV6_ASSIGNMENT,
    // The interface is required: left out, which one it is stays unknown.
    props: defined({ networkInterfaceId: read("NetworkInterfaceId") ?? UNKNOWN, ...instanceIpv6(read) }),
  },
];

export const ROS_IPV6_ASSIGNMENT_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::AssignIpv6Addresses", assignment],
]);

/** Two address counts as one: either absent is the other; either unknown (or not a number), unknown. */
function addedCounts(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const [x, y] = [num(a), num(b)];
  return x === undefined || y === undefined ? UNKNOWN : x + y;
}

/** Two address lists as one: either absent is the other; either unknown as a whole, unknown. */
function joinedAddresses(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return isUnknown(a) || isUnknown(b) ? UNKNOWN : [...list(a), ...list(b)];
}

/** The instance's inputs with the addresses the assignments add to it. */
function withAssigned(
  props: Record<string, unknown>,
  assigned: readonly Pick<EmbeddedResource, "props">[],
): Record<string, unknown> {
  const joined = assigned.reduce(
    (acc, a) => ({
      ipv6AddressCount: addedCounts(acc.ipv6AddressCount, a.props.ipv6AddressCount),
      ipv6Addresses: joinedAddresses(acc.ipv6Addresses, a.props.ipv6Addresses),
    }),
    { ipv6AddressCount: props.ipv6AddressCount, ipv6Addresses: props.ipv6Addresses },
  );
  return { ...props, ...defined(joined) };
}

/** `v` with every reference to one of `aliases`' keys replaced by its value. */
function realiased(v: unknown, aliases: ReadonlyMap<unknown, unknown>): unknown {
  if (aliases.has(v)) return aliases.get(v);
  if (Array.isArray(v)) return v.map((item) => realiased(item, aliases));
  const o = obj(v);
  return o ? Object.fromEntries(Object.entries(o).map(([k, item]) => [k, realiased(item, aliases)])) : v;
}

/** The template's instances with the IPv6 addresses assigned to them; the assignments leave the reading. */
export function settleIpv6Assignments(resources: EmbeddedResource[]): EmbeddedResource[] {
  const assignments = resources.filter((r) => r.type === IPV6_ASSIGNMENT);
  if (assignments.length === 0) return resources;
  const instances = new Set(resources.filter(isInstance).map((r) => templateReference(r.logicalId)));
  const unresolved = assignments.filter((a) => !namesKnown(a.props.networkInterfaceId, instances));
  const aliases = new Map(
    assignments.map((a) => [
      templateReference(a.logicalId),
      unresolved.includes(a) ? UNKNOWN : a.props.networkInterfaceId,
    ]),
  );
  return resources
    .filter((r) => r.type !== IPV6_ASSIGNMENT)
    .map((r) => {
      const own = templateReference(r.logicalId);
      const assigned = !isInstance(r)
        ? []
        : [
            ...assignments.filter((a) => a.props.networkInterfaceId === own),
            ...(unresolved.length > 0 ? [ANY_ASSIGNMENT] : []),
          ];
      const props = assigned.length > 0 ? withAssigned(r.props, assigned) : r.props;
      return { ...r, props: realiased(props, aliases) as Record<string, unknown> };
    });
}

const isInstance = (r: EmbeddedResource): boolean => r.type === ALI.instance && !r.where;

/**
 * The interface is one the template shows: an instance of the template, or a known id outside it (an existing
 * interface, which no instance of the template is). Otherwise (a parameter without a value, an attribute the template
 * cannot give, a resource of the template that is no instance) it may be any instance's.
 */
function namesKnown(networkInterfaceId: unknown, instances: ReadonlySet<string>): boolean {
  if (isTemplateReference(networkInterfaceId)) return instances.has(networkInterfaceId);
  return typeof networkInterfaceId === "string" && !isUnknown(networkInterfaceId);
}

/**
 * An assignment to an interface the template cannot tell: any of its instances may hold its addresses, so each may
 * hold IPv6 (a count unknown at preview). Bandwidth on an address read from it then reaches no named instance, and
 * the network model gives the address, unverified, to every instance that may hold IPv6 in the gateway's VPC
 * (lib/reachability/alicloud/ipv6-unlinked-address.ts): its openings are notes.
 */
const ANY_ASSIGNMENT: Pick<EmbeddedResource, "props"> = { props: { ipv6AddressCount: UNKNOWN } };
