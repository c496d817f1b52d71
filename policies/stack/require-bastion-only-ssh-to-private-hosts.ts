// Case steps 1 and 3: one foothold must not open SSH to every other server; only the bastion may log in.
import { cidrContains } from "../../lib/cidr";
import { internalReach } from "../../lib/reachability";
import { CIDRS_SCHEMA, PORTS_SCHEMA } from "../lib/config";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { BASTION_SCHEMA, BastionConfig, bastionGroups, isBastion, readBastions } from "./roles";

interface Config extends BastionConfig {
  ports: number[];
  allowCidrs: string[];
}

export const requireBastionOnlySshToPrivateHosts = defineStackRule<Config>({
  metadata: {
    name: "require-bastion-only-ssh-to-private-hosts",
    description:
      "Hosts that are not bastions may accept SSH (and any other configured login port) only from the security groups of designated bastions — not from CIDR ranges, other groups, or their own group (self-reference, including an Alibaba Cloud group's innerAccessPolicy Accept).",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Replace the SSH rule's source with the bastion's security group.",
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
    for (const reach of internalReach(m, config.ports)) {
      const host = m.hosts.get(reach.target);
      if (!host || host.kind === "database" || !config.ports.includes(reach.port) || isBastion(host, config)) continue;
      const from = reach.from;
      const urn = reach.rule ?? reach.target;
      const login = reach.port === 22 ? "SSH" : "login port";
      const prefix = `${host.name}: ${login} (${reach.port}) admitted by ${reach.path}`;
      if (from.kind === "sg" && bastionSgs.has(from.sg)) continue;
      // A CIDR unknown at preview is a CIDR all the same: certain to break the rule unless allowCidrs may hold it.
      if (from.kind === "cidr" && from.unknown) {
        const message = `${prefix}; a CIDR block is the source, and only bastion security groups may be`;
        findings.push(
          config.allowCidrs.length === 0
            ? { urn, message }
            : { urn, message: `cannot be verified at preview: ${message} (or allowCidrs)`, unverifiable: true },
        );
        continue;
      }
      if (from.kind === "cidr" && config.allowCidrs.some((a) => cidrContains(a, from.cidr))) continue;
      if (from.kind === "sg" && from.ambiguous)
        findings.push({
          urn,
          message: `${prefix}; the inline rules name several groups and the plan cannot tell which rule names which — use separate rule resources`,
        });
      else if (from.kind === "sg") findings.push({ urn, message: `${prefix}; ${from.name} is not a bastion group` });
      else if (from.kind === "self")
        findings.push({
          urn,
          message: `${prefix}; every host in ${from.name} can log in to its peers (self-reference)`,
        });
      else if (from.kind === "unresolved" && from.text === "(unknown group)")
        findings.push({
          urn,
          message: `${prefix}; the source group cannot be identified at preview`,
          unverifiable: true,
        });
      else findings.push({ urn, message: `${prefix}; only bastion security groups may be the source` });
    }
    return findings;
  },
});
