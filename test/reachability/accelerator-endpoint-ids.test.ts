// An AWS accelerator endpoint group's ids resolved together: a literal ARN of a balancer outside the stack beside a
// reference to the stack's ALB stays outside, and the ALB keeps its own configuration, wherever the list puts them.
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { GenericResource, UNKNOWN, buildNetworkModel, internetExposures, renderPath } from "../../lib/reachability";
import { BalancerTarget, Listener } from "../../lib/reachability/model";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { AGA, GA } from "./accelerator-types";

const OUTSIDE = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/net/outside/abc";
const ALB_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/app/def";
const OUTSIDE_LABEL = `endpoint-group:eg → endpoint ${OUTSIDE} (outside the stack)`;
const UNKNOWN_LABEL = "endpoint-group:eg → endpoint (id unknown at preview) (outside the stack)";

type Endpoints = (s: Stack) => Record<string, unknown>[] | string;

/**
 * An internet-facing ALB whose group admits 22 from 203.0.113.0/24 only, with an HTTP listener on 22 to a private
 * instance; a second private instance; an accelerator listener on TCP 22 to the endpoints `endpoints` names.
 */
function stack(endpoints: Endpoints, albInputs: Record<string, unknown> = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }];
  const hostSg = b.add(T.sg, "hosts", { vpcId: ref(v.vpc), ingress });
  const web = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(hostSg)] });
  const other = b.add(T.instance, "other", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(hostSg)] });
  const lbIngress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["203.0.113.0/24"] }];
  const lbSg = b.add(T.sg, "lb", { vpcId: ref(v.vpc), ingress: lbIngress });
  const alb = b.add(T.lb, "app", {
    internal: false,
    subnets: [ref(v.publicSubnet)],
    securityGroups: [ref(lbSg)],
    ...albInputs,
  });
  const tg = b.add(T.tg, "tg", { port: 22, protocol: "HTTP", vpcId: ref(v.vpc) });
  b.add(T.tga, "tg", { targetGroupArn: ref(tg), targetId: ref(web), port: 22 });
  b.add(T.listener, "http", {
    loadBalancerArn: ref(alb),
    port: 22,
    protocol: "HTTP",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: 22, toPort: 22 }],
  });
  const s: Stack = { b, alb, web, other, acc };
  b.add(AGA.group, "eg", { listenerArn: ref(listener), endpointConfigurations: endpoints(s) });
  return s;
}

interface Stack {
  b: StackBuilder;
  alb: GenericResource;
  web: GenericResource;
  other: GenericResource;
  acc: GenericResource;
}

/** The accelerator listener as the model reads it. */
function acceleratorListener(s: Stack): Listener {
  const listeners = buildNetworkModel(s.b.resources).loadBalancers.get(s.acc.urn)?.listeners ?? [];
  expect(listeners).toHaveLength(1);
  return listeners[0];
}

const outsideOf = (s: Stack) => (acceleratorListener(s).outside ?? []).map((o) => o.label);
const balancersOf = (s: Stack) =>
  (acceleratorListener(s).balancers ?? []).map((b: BalancerTarget) => `${b.balancer} ${b.clientAddress}`);
const hostsOf = (s: Stack) => acceleratorListener(s).targets.map((t) => t.host);

const alb =
  (preserve: boolean, id: (s: Stack) => unknown = (s) => ref(s.alb)) =>
  (s: Stack) => ({
    endpointId: id(s),
    clientIpPreservationEnabled: preserve,
  });
/** The outside NLB, whose configuration does not keep the client's address. */
const outside = { endpointId: OUTSIDE, clientIpPreservationEnabled: false };

describe("an outside ARN beside a reference to the stack's ALB", () => {
  it.each<[string, Endpoints]>([
    // Was: the ARN was taken for the ALB, lending it "accelerator address", and no outside endpoint was listed.
    ["the reference first", (s) => [alb(true)(s), outside]],
    ["the outside ARN first", (s) => [outside, alb(true)(s)]],
  ])("%s: the ARN is an outside endpoint, the ALB keeps its own setting", (_name, endpoints) => {
    const s = stack(endpoints);
    expect(outsideOf(s)).toEqual([OUTSIDE_LABEL]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
    expect(hostsOf(s)).toEqual([]);
  });

  it("no path reaches the ALB's instance from the accelerator's address (was: any CIDR rule admitted it)", () => {
    const s = stack((st) => [alb(true)(st), outside]);
    const rows = internetExposures(buildNetworkModel(s.b.resources));
    const paths = rows.map(renderPath);
    expect(paths.filter((p) => p.includes("accelerator address"))).toEqual([]);
    // The client's own address still reaches it through the accelerator, from the block the ALB admits.
    const accelerated = rows.filter((e) => e.urn === s.web.urn && renderPath(e).includes("behind accelerator"));
    expect(accelerated.map((e) => e.source)).toEqual(["203.0.113.0/24"]);
  });

  it("the ALB is judged as an ALB (HTTP only); the accelerator stays judged for the outside endpoint", async () => {
    const s = stack((st) => [alb(true)(st), outside]);
    const found = mandatory(await runStackPolicy(policy, s.b.resources));
    expect(found.map((f) => f.urn)).toEqual([s.acc.urn]);
  });
});

describe("endpoint ids all literal", () => {
  it("the ALB named by its ARN (known, recorded as a dependency) and an outside ARN (was: the ARN taken for the ALB)", () => {
    const s = stack((st) => [alb(true, (x) => knownRef(x.alb, ALB_ARN))(st), outside], { arn: ALB_ARN });
    expect(outsideOf(s)).toEqual([OUTSIDE_LABEL]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
  });

  it("the ALB's ARN written out, no dependency", () => {
    const s = stack(() => [{ endpointId: ALB_ARN, clientIpPreservationEnabled: true }, outside], { arn: ALB_ARN });
    expect(outsideOf(s)).toEqual([OUTSIDE_LABEL]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
  });

  it("only outside ARNs: every one outside, nothing of the stack", () => {
    const second = OUTSIDE.replace("outside/abc", "second/xyz");
    const s = stack(() => [outside, { endpointId: second }]);
    expect(outsideOf(s)).toEqual([OUTSIDE_LABEL, OUTSIDE_LABEL.replace(OUTSIDE, second)]);
    expect(balancersOf(s)).toEqual([]);
  });
});

describe("literal ids, one recorded as a dependency on the ALB whose own ARN is unknown at preview", () => {
  /** Another ALB's ARN, outside the stack: nothing in its kind says it is not the stack's. */
  const OTHER_APP = ALB_ARN.replace("app/app/def", "app/other/xyz");
  const otherApp = { endpointId: OTHER_APP, clientIpPreservationEnabled: false };
  const labelOf = (arn: string) => OUTSIDE_LABEL.replace(OUTSIDE, arn);
  const viaDependency = alb(true, (x) => knownRef(x.alb, ALB_ARN));

  it.each<[string, Endpoints]>([
    ["the ALB's ARN first", (s) => [viaDependency(s), outside]],
    // Was: the NLB ARN taken for the ALB (lending it "accelerator address"), the ALB's own ARN listed outside.
    ["the outside NLB ARN first", (s) => [outside, viaDependency(s)]],
  ])("%s: an NLB ARN is not the ALB's, wherever it stands", (_name, endpoints) => {
    const s = stack(endpoints);
    expect(outsideOf(s)).toEqual([OUTSIDE_LABEL]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
    const paths = internetExposures(buildNetworkModel(s.b.resources)).map(renderPath);
    expect(paths.filter((p) => p.includes("accelerator address"))).toEqual([]);
  });

  it.each<[string, Endpoints]>([
    ["the ALB's ARN first", (s) => [viaDependency(s), outside]],
    ["the outside NLB ARN first", (s) => [outside, viaDependency(s)]],
  ])(
    "%s: only the accelerator is reported (for its outside endpoint), not the ALB's instance",
    async (_n, endpoints) => {
      const s = stack(endpoints);
      const found = mandatory(await runStackPolicy(policy, s.b.resources));
      expect(found.map((f) => f.urn)).toEqual([s.acc.urn]);
    },
  );

  it.each<[string, Endpoints]>([
    ["the ALB's ARN first", (s) => [viaDependency(s), otherApp]],
    ["the other ARN first", (s) => [otherApp, viaDependency(s)]],
  ])("%s: the ALB's name known, another ALB's ARN is outside", (_name, endpoints) => {
    const s = stack(endpoints, { name: "app" });
    expect(outsideOf(s)).toEqual([labelOf(OTHER_APP)]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
  });

  it.each<[string, Endpoints]>([
    ["the ALB's ARN first", (s) => [viaDependency(s), otherApp]],
    ["the other ARN first", (s) => [otherApp, viaDependency(s)]],
  ])("%s: two ALB ARNs nothing tells apart: each may be the ALB and may be outside", (_name, endpoints) => {
    const s = stack(endpoints);
    expect(outsideOf(s).sort()).toEqual([labelOf(ALB_ARN), labelOf(OTHER_APP)].sort());
    expect(balancersOf(s).sort()).toEqual([`${s.alb.urn} kept`, `${s.alb.urn} replaced`]);
  });

  it("an NLB ARN beside the ALB's, the balancer declared network: the ALB ARN is the outside one", () => {
    const s = stack((st) => [viaDependency(st), outside], { loadBalancerType: "network" });
    expect(outsideOf(s)).toEqual([labelOf(ALB_ARN)]);
  });
});

describe("endpoint ids all references", () => {
  it("the ALB and the second instance: both followed, nothing outside", () => {
    const s = stack((st) => [alb(false)(st), { endpointId: ref(st.other), clientIpPreservationEnabled: true }]);
    expect(outsideOf(s)).toEqual([]);
    // Unknown ids may each be either dependency: the ALB with either configuration's setting, as before.
    expect(balancersOf(s).sort()).toEqual([`${s.alb.urn} kept`, `${s.alb.urn} replaced`]);
    expect(hostsOf(s)).toEqual([s.other.urn]);
  });
});

describe("endpoint ids unknown at preview", () => {
  it("the whole list unknown, depending on the ALB: the ALB, read as not keeping the address", () => {
    const s = stack(() => UNKNOWN);
    s.b.resources.find((r) => r.name === "eg")!.propertyDependencies.endpointConfigurations = [s.alb.urn];
    expect(outsideOf(s)).toEqual([]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} replaced`]);
  });

  it("a configuration with no endpointId beside the ALB: outside (was: not listed)", () => {
    const s = stack((st) => [alb(true)(st), { weight: 100 }]);
    expect(outsideOf(s)).toEqual([UNKNOWN_LABEL]);
    expect(balancersOf(s)).toEqual([`${s.alb.urn} kept`]);
  });

  it("two unknown ids, one dependency: the first explained, the second outside", () => {
    const s = stack((st) => [alb(true)(st), { endpointId: UNKNOWN, clientIpPreservationEnabled: false }]);
    expect(outsideOf(s)).toEqual([UNKNOWN_LABEL]);
  });

  it("an unknown id with no dependency: an outside endpoint of unknown id", () => {
    const s = stack(() => [{ endpointId: UNKNOWN }]);
    expect(outsideOf(s)).toEqual([UNKNOWN_LABEL]);
    expect(balancersOf(s)).toEqual([]);
  });

  it("a reference to the ALB beside one to something no endpoint can be (was: both taken for the ALB)", async () => {
    const s = stack((st) => {
      const param = st.b.add("aws:ssm/parameter:Parameter", "shared-endpoint", { type: "String", value: "x" });
      return [alb(true)(st), { endpointId: ref(param), clientIpPreservationEnabled: false }];
    });
    expect(outsideOf(s)).toEqual([UNKNOWN_LABEL]);
    expect(balancersOf(s).sort()).toEqual([`${s.alb.urn} kept`, `${s.alb.urn} replaced`]);
    // Was: cleared as an accelerator forwarding only to the ALB.
    const found = mandatory(await runStackPolicy(policy, s.b.resources));
    expect(found.map((f) => f.urn)).toEqual([s.acc.urn]);
  });
});

describe("Alibaba Cloud: the group's endpoints resolved together too", () => {
  /** An intranet ALB and a private ECS host admitting 22 from the VPC, beside an accelerator listener on TCP 22. */
  function aliStack(endpoints: (alb: GenericResource, ecs: GenericResource) => Record<string, unknown>[]) {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "from-vpc", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
    const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const alb = b.add(A.alb, "front", { addressType: "Intranet", vpcId: ref(n.vpc) });
    const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
    const listener = b.add(GA.listener, "l", {
      acceleratorId: ref(acc),
      portRanges: [{ fromPort: 22, toPort: 22 }],
      protocol: "TCP",
    });
    b.add(GA.group, "eg", { listenerId: ref(listener), endpointConfigurations: endpoints(alb, ecs) });
    const l = buildNetworkModel(b.resources).loadBalancers.get(acc.urn)?.listeners[0];
    return {
      alb,
      ecs,
      outside: (l?.outside ?? []).map((o) => o.label),
      balancers: (l?.balancers ?? []).map((x) => `${x.balancer} ${x.clientAddress}`),
      hosts: (l?.targets ?? []).map((t) => t.host),
    };
  }

  it("an outside ALB id beside a reference to the stack's ALB (was: taken for it, lending its setting)", () => {
    const s = aliStack((alb) => [
      { endpoint: ref(alb), type: "ALB", enableClientipPreservation: true },
      { endpoint: "alb-outside123", type: "ALB" },
    ]);
    expect(s.outside).toEqual(["endpoint-group:eg → endpoint (ALB) alb-outside123 (outside the stack)"]);
    expect(s.balancers).toEqual([`${s.alb.urn} kept`]);
  });

  it("an outside ECS id beside a reference to the stack's ALB (was: not listed)", () => {
    const s = aliStack((alb) => [
      { endpoint: ref(alb), type: "ALB" },
      { endpoint: "i-outside123", type: "ECS" },
    ]);
    expect(s.outside).toEqual(["endpoint-group:eg → endpoint (ECS) i-outside123 (outside the stack)"]);
    expect(s.hosts).toEqual([]);
  });

  it("a configuration naming no endpoint beside the ALB is outside (was: not listed)", () => {
    const s = aliStack((alb) => [
      { endpoint: ref(alb), type: "ALB" },
      { type: "ALB", weight: 100 },
    ]);
    expect(s.outside).toEqual(["endpoint-group:eg → endpoint (ALB) (id unknown at preview) (outside the stack)"]);
    expect(s.balancers).toEqual([`${s.alb.urn} replaced`]);
  });

  it("references to the ALB and the ECS host: each followed as its type says, nothing outside", () => {
    const s = aliStack((alb, ecs) => [
      { endpoint: ref(alb), type: "ALB" },
      { endpoint: ref(ecs), type: "ECS" },
    ]);
    expect(s.outside).toEqual([]);
    expect(s.balancers).toEqual([`${s.alb.urn} replaced`]);
    expect(s.hosts).toEqual([s.ecs.urn]);
  });
});
