// Lightsail instances: internet-facing hosts outside any VPC, with a public IPv4 address (and IPv6 when dual-stack)
// filtered only by the instance's own firewall. An `InstancePublicPorts` replaces that firewall's whole rule set;
// without one, the blueprint's default rules stay open (SSH from anywhere on Linux).
import { awsLightsailPublicPorts } from "../../ingress";
import { entryRules, fromAnywhere } from "../firewall-rules";
import { FirewallRule, Host, NetworkModel, nodeOf } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, isUnknown, str, tags, unwrap } from "../resource";
import { AWS } from "./tokens";

const SSH = 22;
const HTTP = 80;
const HTTPS = 443;
const RDP = 3389;

const WINDOWS_BLUEPRINT = /windows/i;
/** Plain operating-system images; application blueprints (WordPress, LAMP, Node.js, …) also open HTTPS. */
const OS_BLUEPRINT = /^(amazon_linux|ubuntu|debian|centos|almalinux|alma_linux|rocky|freebsd|opensuse|windows)/i;

interface Targets {
  urns: string[];
  /** The resource surely targets these instances (it replaces their defaults) or only may (defaults stay). */
  certain: boolean;
  /** Why the target is uncertain, for paths. */
  note: string;
}

export function addAwsLightsail(m: NetworkModel): void {
  const instances = m.resolver.ofType(AWS.lightsailInstance);
  if (instances.length === 0) return;
  const replacing = new Map<string, FirewallRule[]>();
  const possible = new Map<string, FirewallRule[]>();
  for (const r of m.resolver.ofType(AWS.lightsailPublicPorts)) {
    const targets = targetsOf(m, r, instances);
    const rules = declaredRules(r, targets.note);
    for (const urn of targets.urns) pushTo(targets.certain ? replacing : possible, urn, ...rules);
  }
  for (const r of instances) {
    const maybe = possible.get(r.urn) ?? [];
    const rules = replacing.get(r.urn) ?? defaultRules(r, maybe.length > 0);
    m.hosts.set(r.urn, lightsailHost(r, [...rules, ...maybe]));
  }
}

/**
 * The instances an `InstancePublicPorts` may target: linked by a known name or its property dependencies like any
 * reference; otherwise every instance it could name, which keeps its defaults (an unknown target never hides them).
 */
function targetsOf(m: NetworkModel, r: GenericResource, instances: readonly GenericResource[]): Targets {
  const value = unwrap(r.inputs.instanceName);
  if (value === undefined || value === null || value === "") return { urns: [], certain: true, note: "" };
  const found = m.resolver.many(r, "instanceName", [value], [AWS.lightsailInstance]);
  if (found.urns.length === 1) return { urns: found.urns, certain: true, note: "" };
  if (found.urns.length > 1) return { urns: found.urns, certain: false, note: ", one of several instances it names" };
  if (isUnknown(value))
    return { urns: instances.map((i) => i.urn), certain: false, note: ", instanceName unknown at preview" };
  // A known name that matches no instance: only an instance whose own name is not known yet can be it.
  const unnamed = instances.filter((i) => str(i.inputs.name) === undefined).map((i) => i.urn);
  return { urns: unnamed, certain: false, note: ", instance name unknown at preview" };
}

/** The declared `portInfos`, read as the resource-level rules read them; unknown values open everything. */
function declaredRules(r: GenericResource, note: string): FirewallRule[] {
  const declared = awsLightsailPublicPorts(r.inputs);
  const base = `InstancePublicPorts ${r.name}`;
  if (declared.unknownField)
    return fromAnywhere(r.urn, `${base} ${declared.unknownField} unknown at preview${note}`, "all", undefined);
  return declared.entries.flatMap((e) => entryRules(r.urn, `${base} ${e.where}${note}`, e));
}

/**
 * Lightsail's rules for a new instance, on both firewalls: SSH and HTTP on Linux/Unix; RDP on Windows, where SSH is
 * kept too because sources disagree on whether it is open; HTTPS on application blueprints. A blueprint unknown at
 * preview may be any of them.
 */
function defaultRules(r: GenericResource, mayBeReplaced: boolean): FirewallRule[] {
  const blueprint = str(r.inputs.blueprintId);
  const windows = blueprint === undefined || WINDOWS_BLUEPRINT.test(blueprint);
  const application = blueprint === undefined || !OS_BLUEPRINT.test(blueprint);
  const ports = [SSH, HTTP, ...(application ? [HTTPS] : []), ...(windows ? [RDP] : [])];
  const label = `default firewall: no InstancePublicPorts${mayBeReplaced ? " known to replace it" : ""}`;
  return ports.flatMap((port) => fromAnywhere(r.urn, label, "tcp", { from: port, to: port }));
}

/** `ipAddressType`: "dualstack" (the default), "ipv4" or "ipv6"; unknown at preview counts as dual-stack. */
function lightsailHost(r: GenericResource, rules: FirewallRule[]): Host {
  const addressType = str(r.inputs.ipAddressType)?.toLowerCase();
  return {
    ...nodeOf(r),
    cloud: "aws",
    kind: "instance",
    subnets: [],
    externalSubnets: [],
    defaultSubnet: false,
    securityGroups: [],
    publicV4: addressType === "ipv6" ? [] : [{ label: `public-ip:${r.name}`, urn: r.urn }],
    publicV6: addressType === "ipv4" ? undefined : { label: `ipv6:${r.name}`, urn: r.urn },
    tags: tags(r),
    firewall: {
      hostLabel: `lightsail:${r.name}`,
      rules,
      remedy: `declare aws.lightsail.InstancePublicPorts for ${r.name} without this port, or restrict its cidrs`,
    },
  };
}
