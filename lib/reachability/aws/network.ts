// AWS VPC plumbing: VPCs, subnets, route tables and routes, gateways, network ACLs.
import { naclEntryRange } from "../../ports";
import { AclEntry, NetworkModel, Route, RouteTarget, nodeOf } from "../model";
import { normalizeProtocol } from "../protocol";
import { AclField, UNKNOWN_CIDR_LABEL, aclSources } from "../acl-sources";
import { GenericResource, bool, isUnknown, mayBeTrue, list, num, prop, str } from "../resource";
import { prefixListSources } from "./prefix-lists";
import { AWS, AWS_NACLS, AWS_ROUTE_TABLES } from "./tokens";
import { appendAll } from "../../arrays";

const GATEWAYS = [AWS.internetGateway, AWS.egressOnlyGateway, AWS.natGateway];

export function addAwsNetwork(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(AWS.vpc)) m.networks.set(r.urn, { ...nodeOf(r), cloud: "aws" });

  for (const r of res.ofType(AWS.subnet)) {
    m.subnets.set(r.urn, {
      ...nodeOf(r),
      network: res.one(r, "vpcId", r.inputs.vpcId, [AWS.vpc]),
      // An unknown flag is treated as set: a policy must not pass on a value it cannot see.
      publicIpv4OnLaunch: mayBeTrue(r.inputs.mapPublicIpOnLaunch),
      ipv6OnLaunch: mayBeTrue(r.inputs.assignIpv6AddressOnCreation) || mayBeTrue(r.inputs.ipv6Native),
    });
  }

  for (const r of res.ofType(...AWS_ROUTE_TABLES)) {
    const network =
      r.type === AWS.routeTable
        ? res.one(r, "vpcId", r.inputs.vpcId, [AWS.vpc])
        : networkOfDefault(m, r, "defaultRouteTableId");
    const inline = list(r.inputs.routes);
    // Property dependencies are per top-level input: with several inline routes naming lists, each may be any.
    const withLists = inline.filter((route) => hasValue(prop(route, "destinationPrefixListId"))).length;
    const routes = inline.flatMap((route, i) => [
      routeOf(m, r, `${r.urn}#${i}`, "routes", [prop(route, "cidrBlock"), prop(route, "ipv6CidrBlock")], route),
      ...prefixListRoutes(m, r, `${r.urn}#${i}`, "routes", withLists > 1 ? Infinity : 1, route),
    ]);
    m.routeTables.set(r.urn, { ...nodeOf(r), network, routes });
    if (r.type === AWS.defaultRouteTable && network) m.networks.get(network)!.mainRouteTable = r.urn;
  }
  for (const r of res.ofType(AWS.route)) {
    const table = m.routeTables.get(res.one(r, "routeTableId", r.inputs.routeTableId, AWS_ROUTE_TABLES) ?? "");
    const dest = [r.inputs.destinationCidrBlock, r.inputs.destinationIpv6CidrBlock] as const;
    table?.routes.push(routeOf(m, r, r.urn, undefined, dest, r.inputs));
    if (table) appendAll(table.routes, prefixListRoutes(m, r, r.urn, undefined, 1, r.inputs));
  }
  for (const r of res.ofType(AWS.routeTableAssociation)) {
    const subnet = m.subnets.get(res.one(r, "subnetId", r.inputs.subnetId, [AWS.subnet]) ?? "");
    const table = res.one(r, "routeTableId", r.inputs.routeTableId, AWS_ROUTE_TABLES);
    if (subnet && table) subnet.routeTable = table;
  }
  for (const r of res.ofType(AWS.mainRouteTableAssociation)) {
    const net = m.networks.get(res.one(r, "vpcId", r.inputs.vpcId, [AWS.vpc]) ?? "");
    const table = res.one(r, "routeTableId", r.inputs.routeTableId, AWS_ROUTE_TABLES);
    if (net && table) net.mainRouteTable = table;
  }

  addNacls(m);
}

/** Default route tables / NACLs name their VPC through the VPC's default-resource id output. */
function networkOfDefault(m: NetworkModel, r: GenericResource, idProp: string): string | undefined {
  return m.resolver.one(r, idProp, r.inputs[idProp], [AWS.vpc]);
}

/** `destination`: the IPv4 and IPv6 destination fields; one unknown at preview may be the whole family's internet. */
function routeOf(
  m: NetworkModel,
  owner: GenericResource,
  urn: string,
  nestedProp: string | undefined,
  destination: readonly [unknown, unknown],
  route: unknown,
): Route {
  // A route admits traffic as an allow does: an unknown destination never hides an internet gateway's route.
  const [block] = aclSources("allow", [
    [destination[0], "ipv4"],
    [destination[1], "ipv6"],
  ]);
  return { urn, destination: block?.cidr ?? "", target: targetOf(m, owner, nestedProp, route) };
}

const hasValue = (v: unknown) => v !== undefined && v !== null && v !== "";

/**
 * A route to a managed prefix list (`destinationPrefixListId`): one route per block the list holds, read as a
 * security-group rule naming the list reads it (prefix-lists.ts); entries unknown at preview are the family's
 * internet, and a list outside the stack adds only the entries the stack gives it.
 */
function prefixListRoutes(
  m: NetworkModel,
  owner: GenericResource,
  urn: string,
  nestedProp: string | undefined,
  maxPerRoute: number,
  route: unknown,
): Route[] {
  const named = prop(route, "destinationPrefixListId");
  if (!hasValue(named)) return [];
  const target = targetOf(m, owner, nestedProp, route);
  const sources = prefixListSources(m, owner, nestedProp ?? "destinationPrefixListId", named, maxPerRoute);
  return sources.flatMap((s) => (s.kind === "cidr" ? [{ urn, destination: s.cidr, target }] : []));
}

function targetOf(
  m: NetworkModel,
  owner: GenericResource,
  nestedProp: string | undefined,
  route: unknown,
): RouteTarget {
  for (const key of ["gatewayId", "egressOnlyGatewayId", "natGatewayId"]) {
    const value = prop(route, key);
    if (value === undefined || value === null || value === "") continue;
    // Inline routes share one dependency list ("routes"); resolve by id first, then by that list.
    const urn = m.resolver.one(owner, nestedProp ?? key, value, GATEWAYS);
    const gw = urn ? m.resolver.get(urn) : undefined;
    if (gw) return { kind: gatewayKind(gw.type), urn, name: gw.name };
    const text = str(value) ?? "";
    // Known ids outside the stack: igw-… is an internet gateway by construction.
    if (text.startsWith("igw-")) return { kind: "internet", name: text };
    if (text.startsWith("eigw-")) return { kind: "egress-only", name: text };
    if (text.startsWith("nat-")) return { kind: "nat", name: text };
    return { kind: "other", name: text || key };
  }
  return { kind: "other", name: "local" };
}

function gatewayKind(type: string): RouteTarget["kind"] {
  if (type === AWS.internetGateway) return "internet";
  if (type === AWS.egressOnlyGateway) return "egress-only";
  return "nat";
}

/** Past AWS's highest rule number (32766): where a deny whose number is unknown is evaluated. */
const UNKNOWN_DENY_ORDER = Number.MAX_SAFE_INTEGER;
/** Ahead of rule 1: where an allow whose number is unknown is evaluated. */
const UNKNOWN_ALLOW_ORDER = -1;

/**
 * Unknown values never hide an opening: only a known "deny" denies (an unknown action reads as allow), and an unknown
 * rule number puts a deny last and an allow first — as an unknown Alicloud drop priority counts as the weakest.
 */
function orderAndAction(ruleNumber: unknown, action: unknown): Pick<AclEntry, "order" | "action"> {
  const act = str(action)?.toLowerCase() === "deny" ? "deny" : "allow";
  return { order: num(ruleNumber) ?? (act === "deny" ? UNKNOWN_DENY_ORDER : UNKNOWN_ALLOW_ORDER), action: act };
}

function addNacls(m: NetworkModel): void {
  const res = m.resolver;
  for (const r of res.ofType(...AWS_NACLS)) {
    const network =
      r.type === AWS.networkAcl
        ? res.one(r, "vpcId", r.inputs.vpcId, [AWS.vpc])
        : networkOfDefault(m, r, "defaultNetworkAclId");
    const ingress: AclEntry[] = list(r.inputs.ingress).flatMap((e) => {
      const base = orderAndAction(prop(e, "ruleNo"), prop(e, "action"));
      // An entry unknown as a whole may hold either family.
      const fields: AclField[] = isUnknown(e)
        ? [[e, undefined]]
        : [
            [prop(e, "cidrBlock"), "ipv4"],
            [prop(e, "ipv6CidrBlock"), "ipv6"],
          ];
      return aclSources(base.action, fields).map((source) => ({
        urn: r.urn,
        ...base,
        protocol: normalizeProtocol(prop(e, "protocol")),
        ports: naclEntryRange(prop(e, "protocol"), prop(e, "fromPort"), prop(e, "toPort")),
        cidr: source.cidr,
        label: `#${num(prop(e, "ruleNo")) ?? "?"}${source.unknown ? UNKNOWN_CIDR_LABEL : ""}`,
      }));
    });
    const subnets = res.many(r, "subnetIds", list(r.inputs.subnetIds), [AWS.subnet]).urns;
    m.nacls.set(r.urn, { ...nodeOf(r), network, subnets, ingress });
    if (r.type === AWS.defaultNetworkAcl && network) m.networks.get(network)!.defaultNacl = r.urn;
  }
  for (const r of res.ofType(AWS.networkAclRule)) {
    const egress = bool(r.inputs.egress);
    if (egress === true) continue;
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, AWS_NACLS) ?? "");
    const base = orderAndAction(r.inputs.ruleNumber, r.inputs.ruleAction);
    // A direction unknown at preview: a deny may guard egress and closes nothing; an allow may open ingress.
    if (egress === "unknown" && base.action === "deny") continue;
    const direction = egress === "unknown" ? " (direction unknown at preview)" : "";
    const fields: AclField[] = [
      [r.inputs.cidrBlock, "ipv4"],
      [r.inputs.ipv6CidrBlock, "ipv6"],
    ];
    for (const source of aclSources(base.action, fields))
      nacl?.ingress.push({
        urn: r.urn,
        ...base,
        protocol: normalizeProtocol(r.inputs.protocol),
        ports: naclEntryRange(r.inputs.protocol, r.inputs.fromPort, r.inputs.toPort),
        cidr: source.cidr,
        label: `${r.name} #${num(r.inputs.ruleNumber) ?? "?"}${source.unknown ? UNKNOWN_CIDR_LABEL : ""}${direction}`,
      });
  }
  for (const r of res.ofType(AWS.networkAclAssociation)) {
    const nacl = m.nacls.get(res.one(r, "networkAclId", r.inputs.networkAclId, AWS_NACLS) ?? "");
    const subnet = res.one(r, "subnetId", r.inputs.subnetId, [AWS.subnet]);
    if (nacl && subnet) nacl.subnets.push(subnet);
  }
  for (const nacl of m.nacls.values()) {
    nacl.ingress.sort((a, b) => a.order - b.order);
    for (const s of nacl.subnets) {
      const subnet = m.subnets.get(s);
      if (subnet) subnet.nacl = nacl.urn;
    }
  }
}
