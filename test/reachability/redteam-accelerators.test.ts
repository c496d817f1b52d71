// Adversarial forms of Global Accelerator listeners and endpoint groups: values given as strings, unknown at preview,
// in other casings, and accelerators that publish nothing.
import { rangeCoversPort } from "../../lib/ports";
import { Exposure, GenericResource, UNKNOWN, buildNetworkModel, internetExposures } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { AGA, GA } from "./accelerator-types";

const exposedOn = (b: StackBuilder, r: GenericResource, port: number) =>
  internetExposures(buildNetworkModel(b.resources)).filter(
    (e: Exposure) => e.urn === r.urn && rangeCoversPort(e.ports, port),
  ).length > 0;

interface Options {
  accelerator?: Record<string, unknown>;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
  /** Alibaba Cloud: the endpoint configuration's type. */
  endpointType?: unknown;
}

/** An EC2 instance in a private subnet admitting 22 from anywhere, behind an AWS accelerator listener on 22. */
function awsBehindGa(opts: Options = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "web", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
  });
  const vm = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true, ...opts.accelerator });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: 22, toPort: 22 }],
    ...opts.listener,
  });
  b.add(AGA.group, "eg", {
    listenerArn: ref(listener),
    endpointConfigurations: [{ endpointId: ref(vm), clientIpPreservationEnabled: true, weight: 100 }],
    ...opts.group,
  });
  return { b, vm };
}

/** An ECS host admitting 22 from the VPC, behind an Alibaba Cloud accelerator listener on 22. */
function aliBehindGa(opts: Options = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga", ...opts.accelerator });
  const listener = b.add(GA.listener, "l", {
    acceleratorId: ref(acc),
    portRanges: [{ fromPort: 22, toPort: 22 }],
    protocol: "TCP",
    ...opts.listener,
  });
  b.add(GA.group, "eg", {
    acceleratorId: ref(acc),
    listenerId: ref(listener),
    endpointGroupRegion: "cn-hangzhou",
    endpointConfigurations: [{ endpoint: ref(ecs), type: opts.endpointType ?? "ECS", weight: 20 }],
    ...opts.group,
  });
  return { b, ecs };
}

describe("adversarial AWS Global Accelerator forms", () => {
  it.each<[string, Options, boolean]>([
    ["listener protocol in lower case", { listener: { protocol: "tcp" } }, true],
    ["listener protocol unknown at preview", { listener: { protocol: UNKNOWN } }, true],
    ["port range given as strings", { listener: { portRanges: [{ fromPort: "22", toPort: "22" }] } }, true],
    ["port ranges unknown at preview", { listener: { portRanges: UNKNOWN } }, true],
    ["accelerator enabled unknown at preview", { accelerator: { enabled: UNKNOWN } }, true],
    ["address type unknown at preview", { accelerator: { ipAddressType: UNKNOWN } }, true],
    // Nothing in the plan ties an unknown list to this instance (no dependency): it is not an endpoint.
    [
      "endpoint configurations unknown at preview, no dependency",
      { group: { endpointConfigurations: UNKNOWN } },
      false,
    ],
    [
      "a port override sending 2222 to 22",
      { group: { portOverrides: [{ listenerPort: 2222, endpointPort: 22 }] } },
      true,
    ],
    ["accelerator disabled", { accelerator: { enabled: false } }, false],
    ["accelerator disabled, given as a string", { accelerator: { enabled: "false" } }, false],
    ["listener on 443 only", { listener: { portRanges: [{ fromPort: 443, toPort: 443 }] } }, false],
  ])("%s", (_name, opts, exposed) => {
    const { b, vm } = awsBehindGa(opts);
    expect(exposedOn(b, vm, 22)).toBe(exposed);
  });
});

describe("adversarial Alibaba Cloud Global Accelerator forms", () => {
  it.each<[string, Options, boolean]>([
    ["listener protocol in lower case", { listener: { protocol: "tcp" } }, true],
    ["port range given as strings", { listener: { portRanges: [{ fromPort: "22", toPort: "22" }] } }, true],
    ["port ranges unknown at preview", { listener: { portRanges: UNKNOWN } }, true],
    ["endpoint type in lower case", { endpointType: "ecs" }, true],
    ["endpoint type unknown at preview", { endpointType: UNKNOWN }, true],
    ["listener on 443 only", { listener: { portRanges: [{ fromPort: 443, toPort: 443 }] } }, false],
    ["a hostile endpoint group: configurations a string", { group: { endpointConfigurations: "ecs" } }, false],
  ])("%s", (_name, opts, exposed) => {
    const { b, ecs } = aliBehindGa(opts);
    expect(exposedOn(b, ecs, 22)).toBe(exposed);
  });
});
