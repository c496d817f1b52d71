// EC2 Instance Connect Endpoints and the bastion SSH rule. An endpoint is an IAM-authorised tunnel into private hosts,
// not an internet source: a private host admitting SSH from the endpoint's security group is reached the way a
// bastion reaches it. Only the groups an endpoint of the stack names (known id or property dependency) count, and
// only while no ordinary host shares them; its subnet's block, the VPC's default group and any other group do not.
import { UNKNOWN, type GenericResource } from "../../lib/reachability";
import { requireBastionOnlySshToPrivateHosts } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { T, Vpc, vpcWithSubnets } from "../reachability/aws-fixtures";
import { StackBuilder, knownRef, ref } from "../reachability/stack-builder";
import { probes } from "../reachability/stack-probes";
import { tcp } from "../reachability/tcp-ingress";

const EICE = "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint";
const NOT_BASTION = "is not a bastion group";

interface Parts {
  b: StackBuilder;
  v: Vpc;
  /** The group the endpoint's `securityGroupIds` names (unless the row says otherwise). */
  eiceSg: GenericResource;
}

/**
 * A VPC, a group `eice` (no rules: the endpoint's traffic is outbound), an endpoint built by `endpoint`, and a
 * private host whose group `app` admits what `ingress` returns.
 */
function stack(
  ingress: (p: Parts) => unknown[],
  endpoint: (p: Parts) => Record<string, unknown> | undefined = (p) => ({ securityGroupIds: [ref(p.eiceSg)] }),
  more: (p: Parts & { app: GenericResource }) => void = () => {},
): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const eiceSg = b.add(T.sg, "eice", { vpcId: ref(v.vpc), egress: [tcp(22, { cidrBlocks: ["10.0.0.0/16"] })] });
    const parts = { b, v, eiceSg };
    const inputs = endpoint(parts);
    if (inputs) b.add(EICE, "connect", { subnetId: ref(v.privateSubnet), ...inputs });
    const app = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: ingress(parts) });
    b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(app)] });
    more({ ...parts, app });
    return b;
  };
}

const fromEice = (p: Parts) => [tcp(22, { securityGroups: [ref(p.eiceSg)] })];

describe("EC2 Instance Connect Endpoint groups as a bastion access path", () => {
  probes(requireBastionOnlySshToPrivateHosts, [
    {
      name: "good: SSH from the group the endpoint names (was: eice is not a bastion group)",
      build: stack(fromEice),
      violations: 0,
    },
    {
      name: "good: the endpoint preserves client addresses: the group reference still admits the tunnel",
      build: stack(fromEice, (p) => ({ securityGroupIds: [ref(p.eiceSg)], preserveClientIp: true })),
      violations: 0,
    },
    {
      name: "good: preserveClientIp unknown at preview changes nothing",
      build: stack(fromEice, (p) => ({ securityGroupIds: [ref(p.eiceSg)], preserveClientIp: UNKNOWN })),
      violations: 0,
    },
    {
      name: "good: the endpoint names its group by a known id, with no dependency",
      build: () => {
        const b = new StackBuilder();
        const v = vpcWithSubnets(b);
        const eiceSg = b.add(T.sg, "eice", { vpcId: ref(v.vpc), id: "sg-0eice" });
        b.add(EICE, "connect", { subnetId: ref(v.privateSubnet), securityGroupIds: ["sg-0eice"] });
        const app = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(22, { securityGroups: [ref(eiceSg)] })] });
        b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(app)] });
        return b;
      },
      violations: 0,
    },
    {
      name: "good: a known id that is also a dependency (knownRef)",
      build: stack(fromEice, (p) => ({ securityGroupIds: [knownRef(p.eiceSg, "sg-0eice")] })),
      violations: 0,
    },
    {
      name: "good: a separate SecurityGroupRule naming the endpoint's group",
      build: stack(
        () => [],
        undefined,
        (p) =>
          p.b.add(T.sgRule, "ssh-from-eice", {
            type: "ingress",
            securityGroupId: ref(p.app),
            protocol: "tcp",
            fromPort: 22,
            toPort: 22,
            sourceSecurityGroupId: ref(p.eiceSg),
          }),
      ),
      violations: 0,
    },
    {
      name: "good: a VpcSecurityGroupIngressRule naming the endpoint's group, all protocols (-1)",
      build: stack(
        () => [],
        undefined,
        (p) =>
          p.b.add(T.ingress, "all-from-eice", {
            securityGroupId: ref(p.app),
            ipProtocol: "-1",
            referencedSecurityGroupId: ref(p.eiceSg),
          }),
      ),
      violations: 0,
    },
    {
      name: "good: a bastion host shares the endpoint's group",
      build: stack(fromEice, undefined, (p) =>
        p.b.add(T.instance, "bastion", {
          subnetId: ref(p.v.publicSubnet),
          vpcSecurityGroupIds: [ref(p.eiceSg)],
          tags: { "hardening:role": "bastion" },
        }),
      ),
      violations: 0,
    },
    {
      name: "bad: the same group, but no endpoint in the stack names it",
      build: stack(fromEice, () => undefined),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "bad: the endpoint names no group (the VPC's default group serves it, no access path of its own)",
      build: stack(fromEice, () => ({})),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "bad: the endpoint names a group outside the stack; the host admits another group",
      build: stack(fromEice, () => ({ securityGroupIds: ["sg-0123456789abcdef0"] })),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "bad: an ordinary host also carries the endpoint's group: it could log in too",
      build: stack(fromEice, undefined, (p) =>
        p.b.add(T.instance, "worker", { subnetId: ref(p.v.privateSubnet), vpcSecurityGroupIds: [ref(p.eiceSg)] }),
      ),
      // The worker's own group (eice) admits nothing: only the app host's rule is reported.
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "bad: SSH from the endpoint's subnet block: only groups count",
      build: stack(() => [tcp(22, { cidrBlocks: ["10.0.1.0/24"] })]),
      violations: 1,
    },
    {
      name: "bad: the endpoint's group beside another group in one rule: the other is judged",
      build: stack((p) => {
        const other = p.b.add(T.sg, "ops", { vpcId: ref(p.v.vpc) });
        return [tcp(22, { securityGroups: [ref(p.eiceSg), ref(other)] })];
      }),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "bad: the endpoint's groups unknown at preview with no dependency: nothing is linked",
      build: stack(fromEice, () => ({ securityGroupIds: UNKNOWN })),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "unknown: two inline rules naming unknown groups, one of them the endpoint's: a note per rule",
      build: stack((p) => {
        const ops = p.b.add(T.sg, "ops", { vpcId: ref(p.v.vpc) });
        return [tcp(22, { securityGroups: [ref(p.eiceSg)] }), tcp(22, { securityGroups: [ref(ops)] })];
      }),
      violations: 0,
      notes: 2,
      says: "use separate rule resources",
    },
  ]);
});
