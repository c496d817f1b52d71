// An Alibaba Cloud ECS instance launched from a launch template, and an ESS scaling group running one, take from the
// template what they do not set themselves: security groups, vSwitch, public bandwidth (above zero: public; unknown
// at preview: may be, so its openings are notes). The instance's own fields win.
import { UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import type { GenericResource } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { probes } from "./stack-probes";
import { StackBuilder, ref } from "./stack-builder";

const LT = {
  ecs: "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
  older: "alicloud:ecs/launchTemplate:LaunchTemplate",
  scalingGroup: "alicloud:ess/scalingGroup:ScalingGroup",
  slbListener: "alicloud:slb/listener:Listener",
};

const OPEN: Record<string, Record<string, unknown>> = {
  ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" },
  mysql: { portRange: "3306/3306", cidrIp: "0.0.0.0/0" },
};

interface Options {
  /** The template's `internetMaxBandwidthOut`; left out when undefined. */
  bandwidth?: unknown;
  /** Rules of the template's group (default: SSH and MySQL open to 0.0.0.0/0). */
  rules?: Record<string, Record<string, unknown>>;
  /** The older `ecs.LaunchTemplate` rather than `ecs.EcsLaunchTemplate`. */
  older?: boolean;
  /** The template names its group by `securityGroupId` rather than `securityGroupIds`. */
  singleGroup?: boolean;
  /** The template's `securityGroupIds` as given (default: a reference to the group holding `rules`). */
  groups?: unknown;
  /** What launches from the template: an instance (its own extra inputs) or a scaling group. */
  launcher?: { instance: (lt: GenericResource, n: ReturnType<typeof aliNetwork>) => Record<string, unknown> } | "ess";
}

const byId = (lt: GenericResource) => ({ launchTemplateId: ref(lt) });

function launched(opts: Options = {}): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  for (const [name, inputs] of Object.entries(opts.rules ?? OPEN)) rule(b, n.sg, name, inputs);
  const lt = b.add(opts.older ? LT.older : LT.ecs, "web-lt", {
    ...(opts.older ? { name: "web-lt" } : { launchTemplateName: "web-lt" }),
    imageId: "ubuntu_22_04_x64",
    vswitchId: ref(n.vswitch),
    ...(opts.singleGroup ? { securityGroupId: ref(n.sg) } : { securityGroupIds: opts.groups ?? [ref(n.sg)] }),
    ...(opts.bandwidth === undefined ? {} : { internetMaxBandwidthOut: opts.bandwidth }),
  });
  const launcher = opts.launcher ?? { instance: byId };
  if (launcher === "ess")
    b.add(LT.scalingGroup, "web", { minSize: 1, maxSize: 2, vswitchIds: [ref(n.vswitch)], launchTemplateId: ref(lt) });
  else b.add(A.instance, "web", { instanceType: "ecs.g7.large", ...launcher.instance(lt, n) });
  return b;
}

const byName = () => ({ launchTemplateName: "web-lt" });
const ownGroupAndSwitch = (lt: GenericResource, n: ReturnType<typeof aliNetwork>) => ({
  ...byId(lt),
  vswitchId: ref(n.vswitch),
  securityGroups: [ref(n.sg)],
});
const ownBandwidth = (bandwidth: number) => (lt: GenericResource) => ({
  ...byId(lt),
  internetMaxBandwidthOut: bandwidth,
});
const unlinked = () => ({ launchTemplateId: UNKNOWN });

describe("disallow-internet-admin-ports-except-bastions: Alicloud launch templates", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "bad: instance, template bandwidth 10",
      build: () => launched({ bandwidth: 10 }),
      violations: 1,
      says: "public-ip:web-lt",
    },
    {
      name: "bad: instance, the older LaunchTemplate naming its group by securityGroupId",
      build: () => launched({ bandwidth: 10, older: true, singleGroup: true }),
      violations: 1,
      says: "sg:web rule ssh",
    },
    {
      name: "bad: instance naming the template by its known launchTemplateName",
      build: () => launched({ bandwidth: 10, launcher: { instance: byName } }),
      violations: 1,
    },
    {
      name: "bad: instance with its own vSwitch and groups, bandwidth from the template",
      build: () => launched({ bandwidth: 5, launcher: { instance: ownGroupAndSwitch } }),
      violations: 1,
    },
    {
      name: "bad: all protocols, every port (-1/-1): every admin port",
      build: () =>
        launched({ bandwidth: 10, rules: { all: { ipProtocol: "all", portRange: "-1/-1", cidrIp: "0.0.0.0/0" } } }),
      violations: 5,
    },
    {
      name: "bad: a port range covering 22",
      build: () => launched({ bandwidth: 10, rules: { range: { portRange: "20/30", cidrIp: "0.0.0.0/0" } } }),
      violations: 1,
    },
    {
      name: "bad: scaling group, template bandwidth 10",
      build: () => launched({ bandwidth: 10, launcher: "ess" }),
      violations: 1,
      says: "ess:web",
    },
    { name: "good: template bandwidth 0", build: () => launched({ bandwidth: 0 }), violations: 0 },
    { name: "good: template without bandwidth", build: () => launched(), violations: 0 },
    {
      name: "good: scaling group, template bandwidth 0",
      build: () => launched({ bandwidth: 0, launcher: "ess" }),
      violations: 0,
    },
    {
      name: "good: the instance's own bandwidth 0 overrides the template's 10",
      build: () => launched({ bandwidth: 10, launcher: { instance: ownBandwidth(0) } }),
      violations: 0,
    },
    {
      name: "good: the group admits only the VPC",
      build: () => launched({ bandwidth: 10, rules: { ssh: { portRange: "22/22", cidrIp: "172.16.0.0/16" } } }),
      violations: 0,
    },
    {
      name: "good: a drop of higher priority closes SSH",
      build: () =>
        launched({
          bandwidth: 10,
          rules: {
            ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0", priority: 10 },
            "deny-ssh": { portRange: "22/22", cidrIp: "0.0.0.0/0", policy: "drop", priority: 1 },
          },
        }),
      violations: 0,
    },
    {
      name: "note: template bandwidth unknown at preview",
      build: () => launched({ bandwidth: UNKNOWN }),
      violations: 0,
      notes: 1,
      label: "internetMaxBandwidthOut unknown at preview",
    },
    {
      name: "note: scaling group, template bandwidth unknown at preview",
      build: () => launched({ bandwidth: UNKNOWN, launcher: "ess" }),
      violations: 0,
      notes: 1,
      label: "internetMaxBandwidthOut unknown at preview",
    },
    {
      name: "note: template groups unknown at preview with no dependency may be any group: every admin port",
      build: () => launched({ bandwidth: 10, groups: UNKNOWN }),
      violations: 0,
      notes: 5,
      label: "rules unknown at preview",
    },
    {
      name: "note: one unknown group id beside a outside group: every admin port",
      build: () => launched({ bandwidth: 10, groups: ["sg-outside", UNKNOWN] }),
      violations: 0,
      notes: 5,
    },
    {
      name: "good: unknown template groups, bandwidth 0: no internet path",
      build: () => launched({ bandwidth: 0, groups: UNKNOWN }),
      violations: 0,
      notes: 0,
    },
    {
      name: "not linked: a template id unknown with no dependency names no template",
      build: () => launched({ bandwidth: 10, launcher: { instance: unlinked } }),
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: Alicloud launch templates", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "bad: instance, MySQL open, template bandwidth 10",
      build: () => launched({ bandwidth: 10 }),
      violations: 1,
      says: "3306",
    },
    {
      name: "bad: scaling group, MySQL open",
      build: () => launched({ bandwidth: 10, launcher: "ess" }),
      violations: 1,
      says: "3306",
    },
    { name: "good: template bandwidth 0", build: () => launched({ bandwidth: 0 }), violations: 0 },
    {
      name: "good: the instance's own bandwidth 0 overrides the template's",
      build: () => launched({ bandwidth: 10, launcher: { instance: ownBandwidth(0) } }),
      violations: 0,
    },
    {
      name: "note: template bandwidth unknown",
      build: () => launched({ bandwidth: UNKNOWN }),
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("Alicloud launch templates: paths", () => {
  const paths = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources)).map((e) => renderPath(e));

  it("an instance takes the template's vSwitch, group and bandwidth", () => {
    expect(paths(launched({ bandwidth: 10 }))).toContain(
      "0.0.0.0/0 → public-ip:web-lt (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule ssh (priority 1 accept) → ecs:web:22",
    );
  });

  it("a scaling group running the template is a host in its vSwitches", () => {
    expect(paths(launched({ bandwidth: 10, launcher: "ess" }))).toContain(
      "0.0.0.0/0 → public-ip:web-lt (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule ssh (priority 1 accept) → ess:web:22",
    );
  });

  it("an internet-facing balancer in front of a template-launched scaling group reaches it with no bandwidth", () => {
    const b = launched({ bandwidth: 0, launcher: "ess" });
    const group = b.resources.find((r) => r.type === LT.scalingGroup)!;
    const slb = b.add(A.slb, "lb", { addressType: "internet" });
    b.add(LT.slbListener, "ssh", { loadBalancerId: ref(slb), frontendPort: 22, backendPort: 22, protocol: "tcp" });
    group.inputs.loadbalancerIds = [UNKNOWN];
    group.propertyDependencies.loadbalancerIds = [slb.urn];
    expect(paths(b).some((p) => p.includes("listener:ssh:22") && p.endsWith("ess:web:22"))).toBe(true);
  });
});
