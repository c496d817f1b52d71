// EC2 fleets: a spot fleet request (`launchSpecifications`, `launchTemplateConfigs`) and an EC2 Fleet
// (`launchTemplateConfigs`) are each one host launching from every specification and template they name, in the
// subnets those name (a template config's override subnets, else its template's interfaces', else the default VPC).
// What any of them opens, the fleet may launch. A list or element unknown at preview names its subnets, groups and
// templates through the input's dependencies, and may ask for a public address: it stands, unverified.
import { Host, NetworkModel, PublicAddress } from "../model";
import { GenericResource, bool, isUnknown, list, prop, unwrap } from "../resource";
import { commaList, hostBase } from "./host-parts";
import { LaunchSource, launchFrom, templateSource } from "./launch-sources";
import { AWS, AWS_SECURITY_GROUPS } from "./tokens";

/** The fields a template config's specification names its template by. */
interface TemplateKeys {
  id: string;
  name: string;
}

const SPOT_FLEET_KEYS: TemplateKeys = { id: "id", name: "name" };
const EC2_FLEET_KEYS: TemplateKeys = { id: "launchTemplateId", name: "launchTemplateName" };

/** One launch specification or template config: what it launches and where. */
interface FleetPart {
  sources: LaunchSource[];
  subnets: string[];
  externalSubnets: string[];
  /** It names no subnet: the default VPC's. */
  defaultSubnet: boolean;
}

export function addAwsFleets(m: NetworkModel, defaults: Map<string, string>): void {
  const res = m.resolver;
  for (const r of res.ofType(AWS.spotFleetRequest))
    addFleet(m, r, [...launchSpecifications(m, r), ...templateConfigs(m, r, SPOT_FLEET_KEYS)], defaults);
  for (const r of res.ofType(AWS.ec2Fleet)) addFleet(m, r, templateConfigs(m, r, EC2_FLEET_KEYS), defaults);
}

function addFleet(m: NetworkModel, r: GenericResource, parts: FleetPart[], defaults: Map<string, string>): void {
  const host: Host = {
    ...hostBase(r, "scaling-group"),
    subnets: [...new Set(parts.flatMap((p) => p.subnets))],
    externalSubnets: [...new Set(parts.flatMap((p) => p.externalSubnets))],
    defaultSubnet: parts.some((p) => p.defaultSubnet),
  };
  launchFrom(
    m,
    host,
    parts.flatMap((p) => p.sources),
    defaults,
  );
  m.hosts.set(r.urn, host);
}

/** An address a list or element unknown at preview may ask for. */
function unknownAddress(r: GenericResource, what: string): PublicAddress {
  return { label: `public-ip:${r.name} (${what} unknown at preview)`, urn: r.urn, unverified: true };
}

/** Subnets `values` (read from `propName`, each one id or several separated by commas) name; none: the default VPC's. */
function subnetsOf(m: NetworkModel, from: GenericResource, propName: string, values: unknown[]) {
  const named = values.filter((v) => v !== undefined && v !== null && v !== "").flatMap(commaList);
  const refs = m.resolver.many(from, propName, named, [AWS.subnet]);
  return {
    subnets: refs.urns,
    externalSubnets: refs.external,
    defaultSubnet: refs.urns.length === 0 && refs.external.length === 0,
  };
}

/**
 * A spot fleet's launch specifications: `vpcSecurityGroupIds` (none: the default group), `subnetId`, and
 * `associatePublicIpAddress` (true or unknown: public; the provider sends false and unset alike, so the subnet decides).
 */
function launchSpecifications(m: NetworkModel, r: GenericResource): FleetPart[] {
  const input = "launchSpecifications";
  const whole = isUnknown(unwrap(r.inputs[input]));
  return list(r.inputs[input]).map((spec, i) => {
    const where = subnetsOf(m, r, input, [isUnknown(spec) ? spec : prop(spec, "subnetId")]);
    if (isUnknown(spec)) {
      const address = unknownAddress(r, whole ? input : `${input}[${i}]`);
      const groups = m.resolver.many(r, input, [spec], AWS_SECURITY_GROUPS).urns;
      return { ...where, sources: [{ groups, address: { address, subnetDecides: true }, namesNoGroup: true }] };
    }
    const ids = prop(spec, "vpcSecurityGroupIds");
    const groups = m.resolver.many(r, input, list(ids), AWS_SECURITY_GROUPS).urns;
    const assoc = bool(prop(spec, "associatePublicIpAddress"));
    const address: PublicAddress | undefined =
      assoc === true || assoc === "unknown" ? { label: `public-ip:${r.name}`, urn: r.urn } : undefined;
    return {
      ...where,
      sources: [
        {
          groups,
          address: address ? { address, subnetDecides: false } : { subnetDecides: true },
          namesNoGroup: list(ids).length === 0,
        },
      ],
    };
  });
}

/**
 * Template configs: the template a `launchTemplateSpecification` names (by id, else name) and the subnets its
 * `overrides` name. A config, specification or override list unknown at preview names them through the input's
 * dependencies; a template outside the stack gives no group and leaves the address to the subnet.
 */
function templateConfigs(m: NetworkModel, r: GenericResource, keys: TemplateKeys): FleetPart[] {
  const input = "launchTemplateConfigs";
  const res = m.resolver;
  const whole = isUnknown(unwrap(r.inputs[input]));
  return list(r.inputs[input]).map((config, i) => {
    const spec = prop(config, "launchTemplateSpecification");
    const unknownSpec = [config, spec].find((v) => isUnknown(unwrap(v)));
    const ref = unknownSpec ?? prop(spec, keys.id) ?? prop(spec, keys.name);
    const templates = res
      .many(r, input, ref === undefined ? [] : [ref], [AWS.launchTemplate])
      .urns.map((u) => res.get(u))
      .filter((t): t is GenericResource => t !== undefined);
    const sources: LaunchSource[] = templates.map((t) => templateSource(m, t));
    if (unknownSpec !== undefined)
      sources.push({
        groups: res.many(r, input, [unknownSpec], AWS_SECURITY_GROUPS).urns,
        address: { address: unknownAddress(r, whole ? input : `${input}[${i}]`), subnetDecides: true },
        namesNoGroup: false,
      });
    else if (templates.length === 0)
      sources.push({ groups: [], address: { subnetDecides: true }, namesNoGroup: false });
    // Unknown, the config names its subnets through the input's dependencies too.
    if (unknownSpec !== undefined) return { ...subnetsOf(m, r, input, [unknownSpec]), sources };
    const overrides = prop(config, "overrides");
    const overrideSubnets = isUnknown(unwrap(overrides))
      ? [overrides]
      : list(overrides).map((o) => (isUnknown(o) ? o : prop(o, "subnetId")));
    const named = overrideSubnets.filter((v) => v !== undefined && v !== null && v !== "");
    const own = named.length > 0 ? [subnetsOf(m, r, input, named)] : [];
    // An override naming no subnet (or no override at all) launches where the template's interfaces say.
    const templatePlaced = named.length < overrideSubnets.length || overrideSubnets.length === 0;
    const placed = templatePlaced ? templates.map((t) => templateSubnets(m, t)) : [];
    const where = [...own, ...placed];
    return {
      sources,
      subnets: where.flatMap((w) => w.subnets),
      externalSubnets: where.flatMap((w) => w.externalSubnets),
      defaultSubnet: (templatePlaced && templates.length === 0) || placed.some((w) => w.defaultSubnet),
    };
  });
}

/** The subnets a template's interfaces name (an interface unknown at preview: its dependencies'). */
function templateSubnets(m: NetworkModel, lt: GenericResource) {
  const values = list(lt.inputs.networkInterfaces).map((ni) => (isUnknown(ni) ? ni : prop(ni, "subnetId")));
  return subnetsOf(m, lt, "networkInterfaces", values);
}
