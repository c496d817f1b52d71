// Alibaba Cloud: a bastion whose group reference may name several groups of the stack (a literal id several may have,
// a value unknown at preview read from several) carries each only possibly. Only the groups it certainly carries are
// bastion groups: a possible one may be another host's group, and offering it would exempt every login from it
// (was: each possible group offered, 0 findings). Carriers keep their possible groups: a group a non-bastion may carry
// is still shared, the safe direction.
import type { GenericResource } from "../../lib/reachability";
import { requireBastionOnlySshToPrivateHosts as policy } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A } from "./alicloud-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";

const probes = probesWith({ onlyUnverifiedNotes: true });

const ECI = "alicloud:eci/containerGroup:ContainerGroup";
const LITERAL = "sg-bp1abcdefghij";
const BASTION_TAGS = { "hardening:role": "bastion" };

interface Groups {
  /** Meant for the bastion. */
  jump: GenericResource;
  /** Another host's group. */
  app: GenericResource;
  /** Drops 22 from the internet. */
  spare: GenericResource;
}

interface Layout {
  /** The bastion's kind: an ECI container group (securityGroupId) or an ECS instance (securityGroups). */
  bastion?: "eci" | "instance";
  /** The bastion's group input values: one for an ECI, a list for an instance. */
  values?: (g: Groups) => unknown[];
  /** The groups that input is recorded as depending on besides its values' (ECI: all three, instance: none). */
  alsoDependsOn?: (g: Groups) => GenericResource[];
  /** Groups whose id is known (an existing group on an update preview), by name. */
  knownIds?: Partial<Record<keyof Groups, string>>;
  /** The group `db` admits 22 from (`app` by default). */
  source?: keyof Groups;
  /** Groups tagged hardening:role=bastion. */
  taggedBastion?: (keyof Groups)[];
  /** A plain instance `worker` (no bastion) whose `securityGroups` is `[ref(app)]` recorded as naming these too. */
  workerAlsoDependsOn?: (g: Groups) => GenericResource[];
}

/**
 * A VPC, groups `jump`, `app`, `spare` and `db`; `db` admits 22 from `source`; a plain instance `server` carries
 * `db`; a bastion whose group reference is `values`, recorded with dependencies on `alsoDependsOn` too.
 */
function stack(o: Layout = {}): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
    const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
    const [jump, app, spare] = (["jump", "app", "spare"] as const).map((n) =>
      b.add(A.sg, n, {
        vpcId: ref(vpc),
        ...(o.knownIds?.[n] ? { id: o.knownIds[n] } : {}),
        ...(o.taggedBastion?.includes(n) ? { tags: BASTION_TAGS } : {}),
      }),
    );
    const g: Groups = { jump, app, spare };
    const db = b.add(A.sg, "db", { vpcId: ref(vpc) });
    const ssh = { type: "ingress", ipProtocol: "tcp", portRange: "22/22", priority: 1 };
    b.add(A.rule, "no-ssh", { ...ssh, policy: "drop", securityGroupId: ref(spare), cidrIp: "0.0.0.0/0" });
    b.add(A.rule, "ssh", {
      ...ssh,
      policy: "accept",
      securityGroupId: ref(db),
      sourceSecurityGroupId: ref(g[o.source ?? "app"]),
    });
    b.add(A.instance, "server", { vswitchId: ref(vswitch), securityGroups: [ref(db)] });
    if (o.workerAlsoDependsOn) {
      const worker = b.add(A.instance, "worker", { vswitchId: ref(vswitch), securityGroups: [ref(app)] });
      alsoDependsOn(worker, "securityGroups", o.workerAlsoDependsOn(g));
    }
    const values = (o.values ?? (() => [LITERAL]))(g);
    const host = { vswitchId: ref(vswitch), tags: BASTION_TAGS };
    if (o.bastion === "instance") {
      const bastion = b.add(A.instance, "jumphost", { ...host, securityGroups: values });
      alsoDependsOn(bastion, "securityGroups", (o.alsoDependsOn ?? (() => []))(g));
    } else {
      const bastion = b.add(ECI, "jumpbox", { ...host, securityGroupId: values[0] });
      alsoDependsOn(bastion, "securityGroupId", (o.alsoDependsOn ?? ((x) => [x.jump, x.app, x.spare]))(g));
    }
    return b;
  };
}

/** As a component's output does: the input records groups its values do not reference. */
function alsoDependsOn(r: GenericResource, prop: string, groups: GenericResource[]) {
  const extra = groups.map((x) => x.urn);
  r.dependencies.push(...extra);
  r.propertyDependencies[prop] = [...new Set([...(r.propertyDependencies[prop] ?? []), ...extra])];
}

const NOT_BASTION = "app is not a bastion group";

describe("a group a bastion only may carry is no bastion group (require-bastion-only-ssh)", () => {
  probes(policy, [
    // known-bad (was: 0 findings, every possible group of the bastion offered as a bastion group)
    {
      name: "ECI bastion: a literal jump, app or spare may have; db admits 22 from app",
      build: stack(),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "ECI bastion: a securityGroupId unknown at preview read from jump, app and spare",
      build: stack({ values: (g) => [ref(g.jump)] }),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "ECS bastion: [ref(jump)] whose dependencies also name app",
      build: stack({ bastion: "instance", values: (g) => [ref(g.jump)], alsoDependsOn: (g) => [g.app] }),
      violations: 1,
      mentions: NOT_BASTION,
    },
    {
      name: "ECS bastion: certain jump (known id), possible app and spare; db admits 22 from app",
      build: stack({
        bastion: "instance",
        knownIds: { jump: "sg-jump" },
        values: (g) => [knownRef(g.jump, "sg-jump"), ref(g.app)],
        alsoDependsOn: (g) => [g.spare],
      }),
      violations: 1,
      mentions: NOT_BASTION,
    },
    // kept: a group a non-bastion may carry is shared, whatever offers it
    {
      name: "the bastion's certain jump, which a worker may carry ([ref(app)] also naming jump)",
      build: stack({
        source: "jump",
        values: (g) => [ref(g.jump)],
        alsoDependsOn: () => [],
        workerAlsoDependsOn: (g) => [g.jump],
      }),
      violations: 1,
      mentions: "jump is not a bastion group: offered by the bastion jumpbox, it is also carried by worker",
    },
    {
      name: "jump tagged the bastion role, which a worker may carry",
      build: stack({
        source: "jump",
        taggedBastion: ["jump"],
        values: (g) => [ref(g.spare)],
        alsoDependsOn: () => [],
        workerAlsoDependsOn: (g) => [g.jump],
      }),
      violations: 1,
      mentions: "jump is not a bastion group: offered by its hardening:role=bastion tag, it is also carried by worker",
    },
    // known-good
    {
      name: "ECI bastion certainly carrying app: app is a bastion group",
      build: stack({ values: (g) => [ref(g.app)], alsoDependsOn: () => [] }),
      violations: 0,
    },
    {
      name: "ECS bastion: certain app (known id) beside possible jump and spare",
      build: stack({
        bastion: "instance",
        knownIds: { app: "sg-app" },
        values: (g) => [knownRef(g.app, "sg-app"), ref(g.jump)],
        alsoDependsOn: (g) => [g.spare],
      }),
      violations: 0,
    },
    {
      name: "ECS bastion: [ref(jump), ref(app)], both certain",
      build: stack({ bastion: "instance", values: (g) => [ref(g.jump), ref(g.app)], alsoDependsOn: () => [] }),
      violations: 0,
    },
    {
      name: "a possible group tagged the bastion role is still offered by its tag",
      build: stack({ taggedBastion: ["app"] }),
      violations: 0,
    },
  ]);
});
