// Bastion designation, shared by the stack rules: a host is a bastion when tagged `hardening:role = "bastion"` or
// named (URN, name, or glob) in the rule's `bastions` config; its security groups are bastion groups. A bastion
// may publish its allow-list in the tag `hardening:allowed-cidrs` (comma or space separated). An EC2 Instance Connect
// Endpoint of the stack is a bastion-like access path: the groups it names are bastion groups (see endpointGroups).
import { internetSources } from "../../lib/cidr";
import { Host, NetworkModel, groupCarriers } from "../../lib/reachability";
import { isLiteralGroup } from "../../lib/reachability/literal-groups";
import { instanceConnectEndpointGroups } from "../../lib/reachability/aws/instance-connect-endpoints";
import { NAMES_SCHEMA } from "../lib/config";
import { ConfigReader } from "../lib/config";
import { PolicyConfigSchema } from "@pulumi/policy";

export const ROLE_TAG = "hardening:role";
export const BASTION_ROLE = "bastion";
export const ALLOWED_CIDRS_TAG = "hardening:allowed-cidrs";

export interface BastionConfig {
  /** URNs, names or globs of hosts designated as bastions in addition to the tag. */
  bastions: string[];
}

export const BASTION_SCHEMA: PolicyConfigSchema["properties"] = {
  bastions: {
    ...NAMES_SCHEMA,
    description: "Hosts (URN, name or glob) designated as bastions besides the hardening:role tag.",
  },
};

export function readBastions(r: ConfigReader): BastionConfig {
  return { bastions: r.strings("bastions", []) };
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
  );
}

export function isBastion(host: Pick<Host, "urn" | "name" | "tags">, c: BastionConfig): boolean {
  if (host.tags[ROLE_TAG] === BASTION_ROLE) return true;
  return c.bastions.some((p) => glob(p).test(host.urn) || glob(p).test(host.name));
}

/**
 * Security groups carried by a bastion, tagged as the bastion role themselves, or named by an EC2 Instance Connect
 * Endpoint of the stack (endpointGroups). A group the stack names only by id never is one: whatever else carries it
 * lies outside the stack, so a rule naming it may admit more than the bastion.
 */
export function bastionGroups(m: NetworkModel, c: BastionConfig): Set<string> {
  const out = new Set<string>();
  for (const h of m.hosts.values())
    if (isBastion(h, c)) for (const sg of h.securityGroups) if (!isLiteralGroup(sg)) out.add(sg);
  for (const sg of m.securityGroups.values()) if (sg.tags[ROLE_TAG] === BASTION_ROLE) out.add(sg.urn);
  endpointGroups(m, c).forEach((sg) => out.add(sg));
  return out;
}

/**
 * The groups an EC2 Instance Connect Endpoint of the stack names (known id or property dependency) that no host
 * but a bastion, and no balancer, also carries: a rule naming such a group admits the IAM-authorised tunnel alone,
 * while a group shared with ordinary hosts would admit them too.
 */
function endpointGroups(m: NetworkModel, c: BastionConfig): string[] {
  const carriers = groupCarriers(m);
  const onlyBastions = (sg: string) =>
    (carriers.get(sg) ?? []).every((urn) => {
      const host = m.hosts.get(urn);
      return host !== undefined && isBastion(host, c);
    });
  return [...instanceConnectEndpointGroups(m)].filter((sg) => !isLiteralGroup(sg) && onlyBastions(sg));
}

/** A bastion's tag allow-list: the entries the pack trusts, and those it refuses. */
export interface TaggedAllowList {
  trusted: string[];
  /** Public blocks broader than /24 (IPv6 /48), or every public entry of a list that covers the internet. */
  refused: string[];
}

/**
 * The `hardening:allowed-cidrs` tag of a host. Any stack author can write a tag, so it cannot declare the internet
 * (or a broad public range) an allow-list: the bound is the one the Bastion components enforce on their own sources.
 */
export function taggedAllowList(host: Pick<Host, "tags">): TaggedAllowList {
  const listed = (host.tags[ALLOWED_CIDRS_TAG] ?? "").split(/[\s,]+/).filter((s) => s !== "");
  const refused = new Set(internetSources(listed));
  return { trusted: listed.filter((c) => !refused.has(c)), refused: [...refused] };
}
