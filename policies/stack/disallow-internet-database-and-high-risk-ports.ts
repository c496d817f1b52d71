// Case step 3: the databases accepted connections from 12 internet addresses.
import { ADMIN_PORTS, HIGH_RISK_PORTS, PortRange, rangeCoversPort } from "../../lib/ports";
import { Exposure, renderPath } from "../../lib/reachability";
import { PORTS_SCHEMA } from "../lib/config";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { internetExposuresOnce } from "./internet-exposures-once";

interface Config {
  ports: number[];
  allowBehindLoadBalancer: number[];
}

/** Application ports that balancers commonly forward to: reaching them through a listener is the design. */
const APP_PORTS = [3000, 5000, 8080, 8088, 8888];

export const disallowInternetDatabaseAndHighRiskPorts = defineStackRule<Config>({
  metadata: {
    name: "disallow-internet-database-and-high-risk-ports",
    description: "Managed databases and high-risk ports must never be reachable from the internet by any path.",
    details:
      "Managed databases (any port) and high-risk ports (FSBP EC2.19 list plus database, cache, control-plane and data-service ports, and VNC displays :1-:3) must never be reachable from the internet by any path: public address, load-balancer listener, DNAT entry, public endpoint whitelist (each endpoint's own: an Elasticsearch cluster's on 9200 and its Kibana's on 5601) or a host's own firewall (Lightsail, Simple Application Server).",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Place databases in private subnets without public endpoints; turn off publiclyAccessible / remove the public connection.",
      "Remove DNAT entries and listeners that forward to database or high-risk ports, and host firewall rules (Lightsail InstancePublicPorts, Simple Application Server FirewallRule) that open them.",
      "Admit database ports only from application security groups; restrict Alibaba Cloud whitelists to private ranges.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.19" },
      { framework: "AWS FSBP", id: "RDS.2" },
      { framework: "CIS Alibaba Cloud v2.0", id: "6.2" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 3,
    resourceTypes: ["(network model: every host, database, balancer and DNAT entry)"],
  },
  configSchema: {
    ports: {
      ...PORTS_SCHEMA,
      description: "High-risk ports (default: the high-risk list without the administration ports 22/3389).",
    },
    allowBehindLoadBalancer: {
      ...PORTS_SCHEMA,
      description: "Application ports a balancer may forward to (default [3000, 5000, 8080, 8088, 8888]).",
    },
  },
  parseConfig: (r) => ({
    ports: r.ports(
      "ports",
      HIGH_RISK_PORTS.filter((p) => !ADMIN_PORTS.includes(p)),
    ),
    allowBehindLoadBalancer: r.ports("allowBehindLoadBalancer", APP_PORTS),
  }),
  check: ({ model, config }) => {
    const m = model();
    const findings: StackFinding[] = [];
    for (const e of internetExposuresOnce(m)) {
      // A pass-through listener answers nothing itself: its targets' rows are judged.
      if (e.passThrough) continue;
      const host = m.hosts.get(e.urn);
      // A value unknown at preview on the path (a CIDR, ports, a rule list or type, an IPv6 count, a whitelist entry)
      // stands for the widest one: what it opens is a note.
      const unknownSource = e.via === "endpoint" ? "a whitelist entry is unknown" : "a value on its path is unknown";
      const [lead, reachable] = e.unverified
        ? ["cannot be verified at preview: ", `may be reachable from the internet (${unknownSource})`]
        : ["", "reachable from the internet"];
      const finding = (message: string): StackFinding => ({
        urn: e.urn,
        message: lead + message,
        unverifiable: e.unverified,
      });
      if (host?.kind === "database") {
        findings.push(finding(`${e.name}: database ${reachable} on ${show(e)}: ${renderPath(e)}`));
        continue;
      }
      // A backend outside the plan is a host behind the balancer all the same.
      const behindBalancer = e.via === "load-balancer" && (host !== undefined || e.outsideBackend === true);
      const ports = config.ports.filter(
        (p) => rangeCoversPort(e.ports, p) && !(behindBalancer && config.allowBehindLoadBalancer.includes(p)),
      );
      if (ports.length > 0)
        findings.push(
          finding(
            `${e.name}: high-risk port${ports.length > 1 ? "s" : ""} ${ports.join(", ")} ${reachable}: ${renderPath(e)}`,
          ),
        );
    }
    return findings;
  },
});

function show(e: Exposure): string {
  const r: PortRange = e.ports;
  return `${e.protocol}/${r.from === r.to ? r.from : `${r.from}-${r.to}`}`;
}
