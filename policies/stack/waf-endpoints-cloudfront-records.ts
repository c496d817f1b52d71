// Route 53 records between a CloudFront origin and an ALB: a custom origin domain (origin.example.com) whose alias or
// CNAME names the ALB, so that the ALB's certificate matches the host CloudFront asks for. One record is followed:
// the distribution's origin names the record (a property dependency on it, or its fully qualified name as a literal:
// `fqdn` of a new record is unknown at preview, so then only the dependency links it), and the record names the ALB
// (its alias `name`, or a CNAME's `records`: a property dependency on the ALB, or its known dnsName). Records of one
// name in one zone (weighted, failover, latency) all answer that name, so an origin naming one reaches every target
// the others name: each of them is linked, and each is still judged on its own way around CloudFront. A wildcard
// record (`*.example.com`) also answers a literal origin below its name, as DNS would (RFC 4592): see wildcardAnswers.
import { GenericResource, isUnknown, list, prop, Resolver, str } from "../../lib/reachability/internals";
import { RECORD } from "../lib/route53-failover-sets";
import { CLOUDFRONT, dnsHost } from "./waf-endpoints-cloudfront";

export const ROUTE53_ZONE = "aws:route53/zone:Zone";
/** The types the hop reads. */
export const CLOUDFRONT_RECORD_TYPES = [RECORD, ROUTE53_ZONE];

/** An alias to a load balancer may carry the `dualstack.` prefix the console adds: the same balancer. */
const balancerHost = (name: string): string => dnsHost(name).replace(/^dualstack\./, "");

/** What `key` flowed from; the resource-wide list when an older SDK sent no per-property dependencies. */
function depsOf(r: GenericResource, key: string): readonly string[] {
  const byProp = r.propertyDependencies;
  return Object.keys(byProp).length > 0 ? (byProp[key] ?? []) : r.dependencies;
}

/** A record as the hop reads it. */
interface RecordHop {
  record: GenericResource;
  /** The names a literal origin domainName gives it by: its fqdn, its name completed with its zone's. */
  hosts: string[];
  /** Its name within its zone, shared by the records that answer that name together; none when either is unknown. */
  nameKey: string | undefined;
  /** Its zone (urn in the stack, or known zoneId), and its fully qualified name; either undefined when unknown. */
  zoneKey: string | undefined;
  full: string | undefined;
  /** Resources its alias or CNAME value flowed from, and the known host names they give. */
  targetDeps: ReadonlySet<string>;
  targetHosts: ReadonlySet<string>;
}

/** Only a CNAME's values are host names (an A record's are addresses); a type unknown at preview may be one. */
const mayBeCname = (r: GenericResource): boolean =>
  isUnknown(r.inputs.type) || str(r.inputs.type)?.toUpperCase() === "CNAME";

/**
 * Where the record points. An alias name unknown at preview that no property dependency names (a stack reference,
 * a config value) links nothing: the ALB it may name keeps needing its own web ACL.
 */
function targetsOf(r: GenericResource): Pick<RecordHop, "targetDeps" | "targetHosts"> {
  const aliasNames = list(r.inputs.aliases).map((a) => str(prop(a, "name")));
  const cname = mayBeCname(r);
  const values = cname ? list(r.inputs.records).map(str) : [];
  const deps = [...depsOf(r, "aliases"), ...(cname ? depsOf(r, "records") : [])];
  const hosts = [...aliasNames, ...values].filter((h): h is string => h !== undefined && h.trim() !== "");
  return { targetDeps: new Set(deps), targetHosts: new Set(hosts.map(balancerHost)) };
}

/** The record's zone as the stack has it: its urn and known name, or the known zoneId of a zone outside it. */
function zoneOf(res: Resolver, r: GenericResource): { key: string | undefined; name: string | undefined } {
  const urn = res.one(r, "zoneId", r.inputs.zoneId, [ROUTE53_ZONE]);
  const zone = urn === undefined ? undefined : res.get(urn);
  const name = str(zone?.inputs.name);
  return { key: urn ?? str(r.inputs.zoneId), name: name === undefined ? undefined : dnsHost(name) };
}

/** A record's owner name as DNS compares it; Route 53 gives a wildcard's `*` back as the escape `\052`. */
const ownerName = (name: string): string => dnsHost(name).replace(/^\\052(?=\.|$)/, "*");

/** A name Route 53 completes with the zone's unless it already ends with it; "" or "@" is the zone's apex. */
function completed(name: string, zone: string | undefined): string {
  const n = ownerName(name);
  if (zone === undefined) return n;
  if (n === "" || n === "@") return zone;
  return n === zone || n.endsWith(`.${zone}`) ? n : `${n}.${zone}`;
}

function hopOf(res: Resolver, r: GenericResource): RecordHop {
  const zone = zoneOf(res, r);
  const name = str(r.inputs.name);
  const full = name === undefined ? undefined : completed(name, zone.name);
  const fqdn = str(r.inputs.fqdn);
  const hosts = [fqdn === undefined ? undefined : ownerName(fqdn), full].filter((h): h is string => !!h);
  const nameKey = zone.key !== undefined && full !== undefined ? `${zone.key} ${full}` : undefined;
  return { record: r, hosts: [...new Set(hosts)], nameKey, zoneKey: zone.key, full, ...targetsOf(r) };
}

/** The names that exist in DNS because of a record: its owner name and every name above it (RFC 4592 §2.2.2). */
function withAncestors(name: string): string[] {
  const labels = name.split(".");
  return labels.map((_, i) => labels.slice(i).join("."));
}

/**
 * What the stack's records and zones say exists, for telling which names a wildcard answers: by zone, the names its
 * records make exist; names of records whose zone is unknown (which may be any zone) and of the stack's own zones (a
 * more specific zone answers below its name once delegated); and the zones holding a record whose name is unknown at
 * preview (which may be any name).
 */
interface ZoneNames {
  byZone: ReadonlyMap<string, ReadonlySet<string>>;
  anywhere: ReadonlySet<string>;
  unknownNameIn: ReadonlySet<string | undefined>;
}

function zoneNames(res: Resolver, hops: readonly RecordHop[]): ZoneNames {
  const byZone = new Map<string, Set<string>>();
  const anywhere = new Set<string>();
  const unknownNameIn = new Set<string | undefined>();
  for (const h of hops) {
    if (h.full === undefined) unknownNameIn.add(h.zoneKey);
    else if (h.zoneKey === undefined) withAncestors(h.full).forEach((n) => anywhere.add(n));
    else {
      const names = byZone.get(h.zoneKey) ?? new Set<string>();
      withAncestors(h.full).forEach((n) => names.add(n));
      byZone.set(h.zoneKey, names);
    }
  }
  for (const z of res.ofType(ROUTE53_ZONE)) {
    const name = str(z.inputs.name);
    if (name !== undefined) anywhere.add(dnsHost(name));
  }
  return { byZone, anywhere, unknownNameIn };
}

/**
 * Whether the wildcard record `h` (`*.example.com`) answers `host` (RFC 4592 §3.3.1): `host` lies below the
 * wildcard's parent, and no name of its zone exists at `host` or between it and the parent, so the parent is its
 * closest encloser. The `*` thus stands for one label or several (`a.b.example.com` when nothing exists at
 * `b.example.com`), and a more specific name, a record of any type, wins. A record of the zone whose name is unknown
 * at preview may be that name: no link then, so the ALB is judged on its own.
 */
function wildcardAnswers(h: RecordHop, host: string, known: ZoneNames): boolean {
  if (h.full === undefined || h.zoneKey === undefined || !h.full.startsWith("*.")) return false;
  const parent = h.full.slice(2);
  if (!host.endsWith(`.${parent}`) || known.unknownNameIn.has(h.zoneKey) || known.unknownNameIn.has(undefined))
    return false;
  const names = known.byZone.get(h.zoneKey);
  for (let name = host; name !== parent; name = name.slice(name.indexOf(".") + 1))
    if (names?.has(name) || known.anywhere.has(name)) return false;
  return true;
}

/** The literal origin domain names of the stack's distributions, as DNS compares them. */
function literalOrigins(res: Resolver): string[] {
  const hosts = res
    .ofType(CLOUDFRONT)
    .flatMap((cf) => list(cf.inputs.origins).map((o) => str(prop(o, "domainName"))))
    .filter((h): h is string => h !== undefined && h.trim() !== "");
  return [...new Set(hosts.map(dnsHost))];
}

/** The Route 53 records in front of an ALB, and the names a literal origin domainName reaches it through them. */
export interface RecordsInFront {
  records: GenericResource[];
  hosts: string[];
}

/**
 * The records of the stack that name a balancer, with the records sharing their name (each answers it); read once.
 * A balancer no record names gets none. The names include the literal origins a wildcard among them answers.
 */
export function recordsNamingBalancer(res: Resolver): (lb: GenericResource) => RecordsInFront {
  let hops: RecordHop[] | undefined;
  let known: ZoneNames | undefined;
  let origins: string[] | undefined;
  return (lb) => {
    hops ??= res.ofType(RECORD).map((r) => hopOf(res, r));
    const host = str(lb.inputs.dnsName);
    const own = hops.filter(
      (h) => h.targetDeps.has(lb.urn) || (host !== undefined && h.targetHosts.has(balancerHost(host))),
    );
    const names = new Set(own.map((h) => h.nameKey).filter((k) => k !== undefined));
    const linked = hops.filter((h) => own.includes(h) || (h.nameKey !== undefined && names.has(h.nameKey)));
    const wildcards = linked.filter((h) => h.full?.startsWith("*."));
    const answered: string[] = [];
    if (wildcards.length > 0) {
      known ??= zoneNames(res, hops);
      origins ??= literalOrigins(res);
      for (const o of origins) if (wildcards.some((h) => wildcardAnswers(h, o, known!))) answered.push(o);
    }
    const hosts = [...linked.flatMap((h) => h.hosts), ...answered];
    return { records: linked.map((h) => h.record), hosts: [...new Set(hosts)] };
  };
}
