import { ADMIN_PORTS } from "../../lib/ports";
import { CIDRS_SCHEMA, PORTS_SCHEMA, PREFIX_SCHEMA } from "../lib/config";
import { PortExposureConfig, portExposureChecks } from "../lib/ingress-checks";
import { defineResourceRule } from "../lib/rule";

export const INTERNET_ADMIN_PORTS = "disallow-internet-admin-ports";
/** Case step 1: SSH was brute-forced from the internet in 137 seconds. */
export const disallowInternetAdminPorts = defineResourceRule<PortExposureConfig>({
  metadata: {
    name: INTERNET_ADMIN_PORTS,
    description:
      "Remote administration ports (SSH, RDP, VNC and WinRM by default) must not be reachable from the internet or from a broad public range.",
    details:
      "Remote administration ports (SSH 22, RDP 3389, VNC 5900 and WinRM 5985/5986 by default) must not be reachable from the internet or from a broad public range, in any inbound rule form on AWS or Alibaba Cloud. An AWS security-group rule admitting a listed port from a prefix list whose id is unknown at preview is a note, like an unknown CIDR (the list may hold 0.0.0.0/0); known prefix lists are left to the stack rules, which resolve the lists of the stack.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Remove the internet source (0.0.0.0/0, ::/0, or CIDRs that together cover them) from the rule.",
      "Reach hosts through a bastion, Session Manager or Cloud Assistant; allow the bastion's security group as the source.",
      "If an office must connect directly, allow only its /24 or narrower public range via config allowCidrs.",
      "Service-written rules: give an EKS node group's remoteAccess sourceSecurityGroupIds, point Elastic Beanstalk's SSHSourceRestriction at the bastion's group, delete Simple Application Server firewall rules for 22/3389 (they admit any address), and leave an ACK dedicated cluster's enableSsh false (it opens SSH to the masters on the API server's internet SLB to any address).",
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.13" },
      { framework: "AWS FSBP", id: "EC2.14" },
      { framework: "AWS FSBP", id: "EC2.21" },
      { framework: "AWS FSBP", id: "EC2.53" },
      { framework: "AWS FSBP", id: "EC2.54" },
      { framework: "CIS AWS v3.0", id: "5.1" },
      { framework: "CIS AWS v3.0", id: "5.2" },
      { framework: "CIS AWS v3.0", id: "5.3" },
      { framework: "CIS Alibaba Cloud v2.0", id: "4.3" },
      { framework: "CIS Alibaba Cloud v2.0", id: "4.4" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 1,
  },
  configSchema: {
    ports: {
      ...PORTS_SCHEMA,
      description: "Administration ports (default [22, 3389, 5900, 5985, 5986]), e.g. add Telnet 23.",
    },
    allowCidrs: { ...CIDRS_SCHEMA, description: "Trusted public ranges that may reach the ports." },
    minPublicPrefixV4: {
      ...PREFIX_SCHEMA(32),
      description: "Public IPv4 sources shorter than this are too broad (16).",
    },
    minPublicPrefixV6: {
      ...PREFIX_SCHEMA(128),
      description: "Public IPv6 sources shorter than this are too broad (32).",
    },
    allowNaclEphemeralReturn: {
      type: "boolean",
      description: "ACL allows of 1024, 1025, 32768 or 49152 up to 65535 are reply traffic (true).",
    },
  },
  parseConfig: (r) => ({
    ports: r.ports("ports", ADMIN_PORTS),
    allowCidrs: r.cidrs("allowCidrs"),
    minPublicPrefixV4: r.integer("minPublicPrefixV4", 16, 0, 32),
    minPublicPrefixV6: r.integer("minPublicPrefixV6", 32, 0, 128),
    allowNaclEphemeralReturn: r.boolean("allowNaclEphemeralReturn", true),
  }),
  checks: portExposureChecks(),
});
