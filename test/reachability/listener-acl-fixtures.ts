// Alibaba Cloud load balancers in front of an ECS instance, with listener access control built per test: the
// fixtures of the listener ACL tests of the network model and the WAF origin rule's reader.
import { rangeCoversPort } from "../../lib/ports";
import { Exposure, GenericResource, buildNetworkModel, internetExposures } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { verdictsOn } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

export const ACL = {
  slb: "alicloud:slb/acl:Acl",
  slbEntry: "alicloud:slb/aclEntryAttachment:AclEntryAttachment",
  alb: "alicloud:alb/acl:Acl",
  albEntry: "alicloud:alb/aclEntryAttachment:AclEntryAttachment",
  albListener: "alicloud:alb/listenerAclAttachment:ListenerAclAttachment",
};

export const OFFICE = "203.0.113.0/24";
export const PARTNER = "198.51.100.7/32";
export const PORTS = [22, 3306];

/** An ECS instance whose group admits SSH and MySQL from the VPC (the balancer's side), with no address of its own. */
export function backend(b: StackBuilder) {
  const n = aliNetwork(b, "db");
  for (const port of PORTS) rule(b, n.sg, `vpc-${port}`, { portRange: `${port}/${port}`, cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  return { n, ecs };
}

/** An internet SLB forwarding 22 and 3306 to the ECS; `acl` is each listener's access control. */
export function slbStack(acl: (b: StackBuilder) => Record<string, unknown>, lb: Record<string, unknown> = {}) {
  const b = new StackBuilder();
  const { ecs } = backend(b);
  const slb = b.add(A.slb, "front", { addressType: "internet", ...lb });
  b.add(A.slbBackends, "front", { loadBalancerId: ref(slb), backendServers: [{ serverId: ref(ecs), weight: 100 }] });
  const inputs = acl(b);
  const listeners = PORTS.map((port) =>
    b.add(A.slbListener, `tcp-${port}`, {
      loadBalancerId: ref(slb),
      frontendPort: port,
      backendPort: port,
      protocol: "tcp",
      ...inputs,
    }),
  );
  return { b, ecs, listeners };
}

/** An internet ALB whose listener forwards 22 and 3306 to the ECS; `acl` adds its access control. */
export function albStack(
  acl: (b: StackBuilder, listeners: GenericResource[]) => void,
  listener: Record<string, unknown> = {},
) {
  const b = new StackBuilder();
  const { n, ecs } = backend(b);
  const alb = b.add(A.alb, "front", { addressType: "Internet", vpcId: ref(n.vpc) });
  const listeners = PORTS.map((port) => {
    const group = b.add(A.albGroup, `g-${port}`, {
      vpcId: ref(n.vpc),
      servers: [{ serverId: ref(ecs), serverType: "Ecs", port }],
    });
    return b.add(A.albListener, `l-${port}`, {
      loadBalancerId: ref(alb),
      listenerPort: port,
      listenerProtocol: "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
      ...listener,
    });
  });
  acl(b, listeners);
  return { b, ecs, listeners };
}

export const slbAcl = (b: StackBuilder, name: string, entries: unknown[], inputs: Record<string, unknown> = {}) =>
  b.add(ACL.slb, name, { name, ipVersion: "ipv4", entryLists: entries.map((entry) => ({ entry })), ...inputs });
export const albAcl = (b: StackBuilder, name: string, entries: unknown[]) =>
  b.add(ACL.alb, name, { aclName: name, aclEntries: entries.map((entry) => ({ entry, description: "x" })) });
export const whitelist = (...acls: GenericResource[]) => ({ aclStatus: "on", aclType: "white", aclIds: acls.map(ref) });

export const hostRows = (b: StackBuilder, host: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === host.urn);
export const onPort = (port: number) => (e: Exposure) => rangeCoversPort(e.ports, port);
/** The sources reaching the host on `port`, each marked `?` when unverified. */
export const sources = (rows: Exposure[], port: number) =>
  rows
    .filter(onPort(port))
    .map((e) => `${e.source}${e.unverified ? "?" : ""}`)
    .sort();

export const verdicts = (b: StackBuilder, host: GenericResource) =>
  verdictsOn(
    [disallowInternetAdminPortsExceptBastions, disallowInternetDatabaseAndHighRiskPorts],
    b.resources,
    host.urn,
  );
