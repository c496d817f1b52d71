// Case steps 1 and 3: one foothold must not open SSH to every other server; only the bastion may log in.
import { cidrContains } from "../../lib/cidr";
import { internalReach, type InternalReach, type NetworkModel } from "../../lib/reachability";
import { CIDRS_SCHEMA, PORTS_SCHEMA } from "../lib/config";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { BastionGroups, bastionGroups } from "./bastion-groups";
import { BASTION_SCHEMA, BastionConfig, isBastion, readBastions } from "./roles";

interface Config extends BastionConfig {
  ports: number[];
  allowCidrs: string[];
}

export const requireBastionOnlySshToPrivateHosts = defineStackRule<Config>({
  metadata: {
    name: "require-bastion-only-ssh-to-private-hosts",
    description:
      "Hosts that are not bastions may accept SSH and other login ports only from the security groups of designated bastions or of an EC2 Instance Connect Endpoint.",
    details:
      "Hosts that are not bastions may accept SSH (and any other configured login port) only from the security groups of designated bastions, or the groups an EC2 Instance Connect Endpoint of the stack names in securityGroupIds (linked by known id or dependency) when no host but a bastion, and no balancer, carries them — not from CIDR ranges, other groups, or their own group (self-reference, including an Alibaba Cloud group's innerAccessPolicy Accept).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Replace the SSH rule's source with the bastion's security group, or with the security group of an EC2 Instance Connect Endpoint used by nothing else.",
      "Remove self-referencing SSH rules and set Alibaba Cloud groups' innerAccessPolicy to Drop: peers must not log in to each other.",
      "Tag the bastion hardening:role=bastion (or list it in config bastions) so its groups are recognised.",
    ],
    controls: [
      { framework: "CIS AWS v3.0", id: "5.2" },
      { framework: "CIS Alibaba Cloud v2.0", id: "4.3" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 1,
    resourceTypes: ["(network model: security groups and the hosts that carry them)"],
  },
  configSchema: {
    ...BASTION_SCHEMA,
    ports: { ...PORTS_SCHEMA, description: "Login ports checked (default [22])." },
    allowCidrs: { ...CIDRS_SCHEMA, description: "Ranges allowed besides bastion groups, e.g. a management subnet." },
  },
  parseConfig: (r) => ({ ...readBastions(r), ports: r.ports("ports", [22]), allowCidrs: r.cidrs("allowCidrs") }),
  check: ({ model, config }) => {
    const m = model();
    const bastionSgs = bastionGroups(m, config);
    const findings: StackFinding[] = [];
    // An ambiguous inline rule yields one row per group it may name: it is judged once.
    const judgedAmbiguous = new Set<string>();
    for (const reach of internalReach(m, config.ports)) {
      const host = m.hosts.get(reach.target);
      if (!host || host.kind === "database" || !config.ports.includes(reach.port) || isBastion(host, config)) continue;
      const found = rowFinding(m, reach, host.name, config, bastionSgs, judgedAmbiguous);
      // A rule whose ports are unknown at preview may not cover the login port: what it admits is a note.
      if (found) findings.push(reach.unknownPorts && !found.unverifiable ? asNote(found) : found);
    }
    return findings;
  },
});

/** The finding for one row of internal reach, if it breaks the rule. */
function rowFinding(
  m: NetworkModel,
  reach: InternalReach,
  hostName: string,
  config: Config,
  bastionSgs: BastionGroups,
  judgedAmbiguous: Set<string>,
): StackFinding | undefined {
  const from = reach.from;
  const urn = reach.rule ?? reach.target;
  const login = reach.port === 22 ? "SSH" : "login port";
  const prefix = `${hostName}: ${login} (${reach.port}) admitted by ${reach.path}`;
  if (from.kind === "sg" && bastionSgs.sources.has(from.sg)) return undefined;
  // A CIDR unknown at preview is a CIDR all the same: certain to break the rule unless allowCidrs may hold it.
  if (from.kind === "cidr" && from.unknown) {
    const message = `${prefix}; a CIDR block is the source, and only bastion security groups may be`;
    return config.allowCidrs.length === 0
      ? { urn, message }
      : { urn, message: `cannot be verified at preview: ${message} (or allowCidrs)`, unverifiable: true };
  }
  if (from.kind === "cidr" && config.allowCidrs.some((a) => cidrContains(a, from.cidr))) return undefined;
  if (from.kind === "sg" && from.ambiguous) {
    const key = `${reach.target}|${reach.port}|${ruleOf(reach.path)}`;
    if (judgedAmbiguous.has(key)) return undefined;
    judgedAmbiguous.add(key);
    const where = `${hostName}: ${login} (${reach.port}) admitted by ${ruleOf(reach.path)}`;
    return ambiguousFinding(m, urn, where, from, bastionSgs);
  }
  if (from.kind === "sg") return groupFinding(urn, prefix, from, bastionSgs);
  if (from.kind === "self")
    return { urn, message: `${prefix}; every host in ${from.name} can log in to its peers (self-reference)` };
  if (from.kind === "unresolved" && from.text === "(unknown group)")
    return { urn, message: `${prefix}; the source group cannot be identified at preview`, unverifiable: true };
  return { urn, message: `${prefix}; only bastion security groups may be the source` };
}

/**
 * A group admitting the login port that is no bastion group. One offered as a bastion's (carried by a bastion, tagged
 * the bastion role, named by an Instance Connect Endpoint) but carried by another host or balancer too admits that
 * member as well: every host carrying it may log in to every other.
 */
function groupFinding(
  urn: string,
  prefix: string,
  from: { sg: string; name: string },
  bastionSgs: BastionGroups,
): StackFinding {
  const shared = bastionSgs.shared.get(from.sg);
  const bastion = bastionSgs.mayCarry.get(from.sg);
  if (!shared && bastion !== undefined)
    return {
      urn,
      message:
        `${prefix}; ${from.name} is not a bastion group: the bastion ${bastion} only may carry ${from.name} (its ` +
        `group reference may name several groups): reference ${from.name}.id directly, or tag ${from.name} ` +
        `hardening:role=bastion`,
    };
  if (!shared) return { urn, message: `${prefix}; ${from.name} is not a bastion group` };
  const fix =
    `give the bastion a group no other host or balancer carries and admit the login port from that group only, ` +
    `or remove ${from.name} from ${shared.carrier}`;
  if (shared.unknown)
    return {
      urn,
      message:
        `cannot be verified at preview: ${prefix}; ${from.name} (offered by ${shared.offeredBy}) is a bastion group ` +
        `only if every member carrying it is a bastion, and the hardening:role tag of ${shared.carrier}, which ` +
        `carries it too, is unknown at preview: ${fix}`,
      unverifiable: true,
    };
  return {
    urn,
    message:
      `${prefix}; ${from.name} is not a bastion group: offered by ${shared.offeredBy}, it is also carried by ` +
      `${shared.carrier}, which is no bastion, so every member carrying it may log in here: ${fix}`,
  };
}

function asNote(f: StackFinding): StackFinding {
  return { ...f, message: `cannot be verified at preview: ${f.message}`, unverifiable: true };
}

/** The path after its source: the rule and the host, shared by every row of one rule. */
function ruleOf(path: string): string {
  const cut = path.indexOf(" → ");
  return cut < 0 ? path : path.slice(cut + " → ".length);
}

/**
 * Inline rules naming groups unknown at preview: the plan cannot tell which rule names which. Whatever the answer,
 * the rule breaks the policy when none of the groups is a bastion group; otherwise it may name the bastion's.
 */
function ambiguousFinding(
  m: NetworkModel,
  urn: string,
  prefix: string,
  from: { sg: string; candidates?: readonly string[] },
  bastionSgs: BastionGroups,
): StackFinding {
  const candidates = from.candidates ?? [from.sg];
  const names = candidates.map((sg) => m.securityGroups.get(sg)?.name ?? sg).join(", ");
  const which = `the inline rules name several groups (${names}) and the plan cannot tell which rule names which`;
  // A group shared with a host whose role is unknown at preview may yet be a bastion group.
  const mayBe = (sg: string) => bastionSgs.sources.has(sg) || bastionSgs.shared.get(sg)?.unknown === true;
  if (!candidates.some(mayBe)) return { urn, message: `${prefix}; ${which}, and none of them is a bastion group` };
  return {
    urn,
    message: `cannot be verified at preview: ${prefix}; ${which}: use separate rule resources to have it checked at preview`,
    unverifiable: true,
  };
}
