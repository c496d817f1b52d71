// A hand-written preview result: an Alicloud estate with a bastion, a web tier behind a load balancer, a database,
// violations (one of them stack-wide) and exposures, plus names that need escaping.
import type { PlannedResource, PolicyDiagnostic } from "../../engine/model";
import type { PreviewDocument } from "../../engine/reports/document";

const STACK = "fixture";
const ROOT = `urn:pulumi:${STACK}::hardening-kit::pulumi:pulumi:Stack::hardening-kit-${STACK}`;

export function urnOf(type: string, name: string): string {
  return `urn:pulumi:${STACK}::hardening-kit::${type}::${name}`;
}

function resource(
  type: string,
  name: string,
  propertyDependencies: Record<string, string[]> = {},
  extra: Partial<PlannedResource> = {},
): PlannedResource {
  return {
    urn: urnOf(type, name),
    type,
    name,
    parent: ROOT,
    inputs: {},
    dependencies: [...new Set(Object.values(propertyDependencies).flat())],
    propertyDependencies,
    ...extra,
  };
}

const VPC = "alicloud:vpc/network:Network";
const SWITCH = "alicloud:vpc/switch:Switch";
const SG = "alicloud:ecs/securityGroup:SecurityGroup";
const ECS = "alicloud:ecs/instance:Instance";

export const vpc = resource(VPC, "prod-vpc");
export const publicSwitch = resource(SWITCH, "public-a", { vpcId: [vpc.urn] });
export const privateSwitch = resource(SWITCH, "private-a", { vpcId: [vpc.urn] });
export const group = resource(SG, "web-sg", { vpcId: [vpc.urn] });
export const bastion = resource(ECS, "ops-bastion", { vswitchId: [publicSwitch.urn], securityGroups: [group.urn] });
/** A name with every character the writers must escape. */
export const oddName = 'web|"1"<b>#2`@dev&co';
export const web = resource(ECS, oddName, { vswitchId: [privateSwitch.urn], securityGroups: [group.urn] });
export const balancer = resource("alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer", "web-lb", {
  vswitchId: [publicSwitch.urn],
});
export const backends = resource("alicloud:slb/backendServer:BackendServer", "web-backends", {
  loadBalancerId: [balancer.urn],
  backendServers: [web.urn],
});
export const database = resource("alicloud:rds/instance:Instance", "orders-db", { vswitchId: [privateSwitch.urn] });
export const rule = resource("alicloud:ecs/securityGroupRule:SecurityGroupRule", "ssh-world", {
  securityGroupId: [group.urn],
});
export const nat = resource("alicloud:vpc/natGateway:NatGateway", "egress-nat", {
  vpcId: [vpc.urn],
  vswitchId: [publicSwitch.urn],
});

function diagnostic(
  policyName: string,
  urn: string,
  enforcementLevel: "mandatory" | "advisory",
  message: string,
): PolicyDiagnostic {
  return { policyPackName: "hardening-kit", policyName, enforcementLevel, severity: "high", urn, message };
}

export const diagnostics: PolicyDiagnostic[] = [
  diagnostic("alicloud-disallow-ssh-from-internet", rule.urn, "mandatory", "22/22 open to 0.0.0.0/0 (case step 1)."),
  diagnostic(
    "alicloud-disallow-password-login",
    web.urn,
    "mandatory",
    "ECS `password` set | login by password (case step 1).",
  ),
  diagnostic("alicloud-disallow-password-login", bastion.urn, "mandatory", "ECS password set (case step 1)."),
  {
    ...diagnostic("require-actiontrail", "", "advisory", "No ActionTrail in this stack (case step 5)."),
    severity: "medium",
  },
  {
    ...diagnostic("foreign-policy", database.urn, "advisory", "From another pack."),
    policyPackName: "other-pack",
    severity: "low",
  },
];

export function fixtureDocument(
  sourcePositions: Record<string, PlannedResource["sourcePosition"]> = {},
): PreviewDocument {
  const resources = [
    vpc,
    publicSwitch,
    privateSwitch,
    group,
    bastion,
    web,
    balancer,
    backends,
    database,
    rule,
    nat,
  ].map((r) => ({ ...r, sourcePosition: sourcePositions[r.name] }));
  return {
    stack: STACK,
    resources,
    diagnostics,
    summary: { resources: resources.length, mandatory: 3, advisory: 2 },
    exposures: [
      {
        urn: bastion.urn,
        resourceName: bastion.name,
        type: ECS,
        protocol: "tcp",
        ports: [22],
        sources: ["0.0.0.0/0"],
        path: ["0.0.0.0/0", "public ip", "sg rule ssh-world", "ops-bastion:22"],
      },
      {
        urn: balancer.urn,
        resourceName: balancer.name,
        type: balancer.type,
        protocol: "tcp",
        ports: "80",
        sources: ["0.0.0.0/0", "::/0"],
        path: "0.0.0.0/0 → listener → web-lb:80",
      },
    ],
  };
}
