// Global Accelerator on both clouds: a listener (or a port override, or a custom routing destination) that reaches
// SSH or a database port puts it on the internet even though the host keeps only private addresses.
import { rangeCoversPort } from "../../lib/ports";
import {
  Exposure,
  GenericResource,
  UNKNOWN,
  buildNetworkModel,
  internetExposures,
  renderPath,
} from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { AGA, GA } from "./accelerator-types";
import { StackBuilder, knownRef, ref } from "./stack-builder";

const exposures = (b: StackBuilder) => internetExposures(buildNetworkModel(b.resources));
const rowsOf = (b: StackBuilder, r: GenericResource) => exposures(b).filter((e) => e.urn === r.urn);
const paths = (rows: Exposure[]) => rows.map(renderPath);
const covers = (port: number) => (e: Exposure) => rangeCoversPort(e.ports, port);

interface AliOptions {
  /** Ports the host's group admits from the VPC (the accelerator's back-to-origin addresses). */
  admits?: string;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
  host?: Record<string, unknown>;
}

/** An ECS host without public addresses behind an Alibaba Cloud accelerator listener on `ports`. */
function aliBehindGa(ports: [number, number], opts: AliOptions = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  rule(b, n.sg, "from-vpc", { portRange: opts.admits ?? `${ports[0]}/${ports[1]}`, cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], ...opts.host });
  const acc = b.add(GA.accelerator, "ga", { duration: 1, spec: "1", acceleratorName: "ga" });
  const listener = b.add(GA.listener, "l", {
    acceleratorId: ref(acc),
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    protocol: "TCP",
    ...opts.listener,
  });
  b.add(GA.group, "eg", {
    acceleratorId: ref(acc),
    listenerId: ref(listener),
    endpointGroupRegion: "cn-hangzhou",
    endpointConfigurations: [{ endpoint: ref(ecs), type: "ECS", weight: 20 }],
    ...opts.group,
  });
  return { b, n, ecs, acc, listener };
}

interface AwsOptions {
  ingress?: Record<string, unknown>[];
  accelerator?: Record<string, unknown>;
  listener?: Record<string, unknown>;
  group?: Record<string, unknown>;
}

/** An EC2 instance in a private subnet behind an AWS accelerator listener on `ports`. */
function awsBehindGa(ports: [number, number], opts: AwsOptions = {}) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "web", {
    vpcId: ref(v.vpc),
    ingress: opts.ingress ?? [{ protocol: "tcp", fromPort: ports[0], toPort: ports[1], cidrBlocks: ["0.0.0.0/0"] }],
  });
  const vm = b.add(T.instance, "web", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(sg)] });
  const acc = b.add(AGA.accelerator, "ga", { name: "ga", ipAddressType: "IPV4", enabled: true, ...opts.accelerator });
  const listener = b.add(AGA.listener, "l", {
    acceleratorArn: ref(acc),
    protocol: "TCP",
    portRanges: [{ fromPort: ports[0], toPort: ports[1] }],
    ...opts.listener,
  });
  b.add(AGA.group, "eg", {
    listenerArn: ref(listener),
    endpointConfigurations: [{ endpointId: ref(vm), clientIpPreservationEnabled: true, weight: 100 }],
    ...opts.group,
  });
  return { b, v, vm, acc, listener };
}

describe("Alibaba Cloud Global Accelerator exposure", () => {
  it("a listener on 22 puts SSH of a private ECS endpoint on the internet", () => {
    const { b, ecs } = aliBehindGa([22, 22]);
    expect(paths(rowsOf(b, ecs))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:22 → endpoint-group:eg → sg:web rule from-vpc (priority 1 accept) → ecs:db:22",
    ]);
  });

  it("a listener range 3000-4000 reaches the database port 3306", () => {
    const { b, ecs } = aliBehindGa([3000, 4000], { admits: "3306/3306" });
    expect(rowsOf(b, ecs).filter(covers(3306))).toHaveLength(1);
  });

  it("a port override 2222 → 22 puts SSH behind listener port 2222, and only there", () => {
    const { b, ecs } = aliBehindGa([2000, 3000], {
      admits: "22/22",
      group: { portOverrides: { listenerPort: 2222, endpointPort: 22 } },
    });
    expect(paths(rowsOf(b, ecs))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:2222 → endpoint-group:eg (port override 2222 → 22) → sg:web rule from-vpc (priority 1 accept) → ecs:db:22",
    ]);
  });

  it("a listener on 443 to a web host exposes only 443", () => {
    const { b, ecs } = aliBehindGa([443, 443]);
    expect(rowsOf(b, ecs).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
  });

  it("ENI endpoints reach the instance they are attached to", () => {
    const { b, n, ecs, listener } = aliBehindGa([22, 22], { group: { endpointConfigurations: [] } });
    const eni = b.add("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "eni", { vswitchId: ref(n.vswitch) });
    b.add("alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment", "eni", {
      instanceId: ref(ecs),
      networkInterfaceId: ref(eni),
    });
    b.add(GA.group, "eni-group", {
      listenerId: ref(listener),
      endpointConfigurations: [{ endpoint: ref(eni), type: "ENI", weight: 20 }],
    });
    expect(rowsOf(b, ecs).map((e) => e.path[2])).toEqual(["endpoint-group:eni-group"]);
  });

  it("ignores endpoints that are not hosts (a balancer, an address, a domain)", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
    const ecs = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    const alb = b.add(A.alb, "front", { addressType: "Intranet", vpcId: ref(n.vpc) });
    const acc = b.add(GA.accelerator, "ga", {});
    const listener = b.add(GA.listener, "l", { acceleratorId: ref(acc), portRanges: [{ fromPort: 22, toPort: 22 }] });
    b.add(GA.group, "eg", {
      listenerId: ref(listener),
      endpointConfigurations: [
        { endpoint: ref(alb), type: "ALB", weight: 20 },
        { endpoint: "172.16.0.10", type: "Ip", weight: 20 },
        { endpoint: "origin.example.com", type: "Domain", weight: 20 },
      ],
    });
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  describe("access control", () => {
    const office = "203.0.113.7/32";
    const bastion = { tags: { "hardening:role": "bastion", "hardening:allowed-cidrs": office } };

    function withAcl(aclType: string, acl: Record<string, unknown>, separateEntries: string[] = []) {
      const stack = aliBehindGa([22, 22], { host: bastion });
      const list = stack.b.add(GA.acl, "office", { addressIpVersion: "IPv4", aclName: "office", ...acl });
      for (const entry of separateEntries) stack.b.add(GA.aclEntry, entry, { aclId: ref(list), entry });
      stack.b.add(GA.aclAttachment, "office", { listenerId: ref(stack.listener), aclId: ref(list), aclType });
      return stack;
    }

    it("a white list of an office /32 narrows the source to the bastion's allow-list", async () => {
      const inline = withAcl("white", { aclEntries: [{ entry: office, entryDescription: "office" }] });
      expect(rowsOf(inline.b, inline.ecs).map((e) => e.source)).toEqual([office]);
      // The bastion passes; the accelerator's own listener on 22 is reported as any balancer's is.
      const found = await runStackPolicy(disallowInternetAdminPortsExceptBastions, inline.b.resources);
      expect(found.map((f) => f.urn)).toEqual([inline.acc.urn]);
      expect(found[0].message).toContain(`${office} → lb:ga (internet-facing) → listener:l:22`);
      const attached = withAcl("white", {}, [office]);
      expect(rowsOf(attached.b, attached.ecs).map((e) => e.source)).toEqual([office]);
    });

    it("a black list, an empty white list or an unknown type narrows nothing", () => {
      for (const stack of [
        withAcl("black", { aclEntries: [{ entry: "198.51.100.0/24" }] }),
        withAcl("white", {}),
        withAcl(UNKNOWN, { aclEntries: [{ entry: office }] }),
      ])
        expect(rowsOf(stack.b, stack.ecs).map((e) => e.source)).toEqual(["0.0.0.0/0"]);
    });

    it("an IPv4 white list leaves an IPv6 acceleration region open", () => {
      const stack = withAcl("white", { aclEntries: [{ entry: office }] });
      stack.b.add(GA.ipSet, "v6", {
        acceleratorId: ref(stack.acc),
        accelerateRegionId: "cn-hangzhou",
        ipVersion: "IPv6",
      });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.source)).toEqual([office, "::/0"]);
    });

    it("an entry unknown at preview may be any address", () => {
      const stack = withAcl("white", { aclEntries: [{ entry: UNKNOWN }] });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.source)).toEqual(["0.0.0.0/0"]);
    });
  });

  describe("custom routing", () => {
    function customRouting(endpoint: Record<string, unknown>, privateIp?: string) {
      const b = new StackBuilder();
      const n = aliNetwork(b);
      rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "172.16.0.0/16" });
      const ecs = b.add(A.instance, "db", {
        vswitchId: ref(n.vswitch),
        securityGroups: [ref(n.sg)],
        ...(privateIp ? { privateIp } : {}),
      });
      const acc = b.add(GA.accelerator, "ga", {});
      const listener = b.add(GA.listener, "custom", {
        acceleratorId: ref(acc),
        listenerType: "CustomRouting",
        portRanges: [{ fromPort: 10000, toPort: 16000 }],
      });
      const group = b.add(GA.customGroup, "cg", {
        acceleratorId: ref(acc),
        listenerId: ref(listener),
        endpointGroupRegion: "cn-hangzhou",
      });
      b.add(GA.destination, "ssh", { endpointGroupId: ref(group), protocols: ["TCP"], fromPort: 22, toPort: 22 });
      const ep = b.add(GA.customEndpoint, "vsw", {
        endpointGroupId: ref(group),
        endpoint: ref(n.vswitch),
        type: "PrivateSubNet",
        ...endpoint,
      });
      return { b, n, ecs, ep };
    }

    it("an AllowAll vSwitch endpoint exposes the destination port of every host in it", () => {
      const { b, ecs } = customRouting({ trafficToEndpointPolicy: "AllowAll" });
      expect(paths(rowsOf(b, ecs))).toEqual([
        "0.0.0.0/0 → lb:ga (internet-facing) → listener:custom:10000-16000 → endpoint-group:cg → endpoint:vsw (AllowAll) → sg:web rule ssh (priority 1 accept) → ecs:db:22",
      ]);
    });

    it("DenyAll (the default) exposes no host", () => {
      const byDefault = customRouting({});
      expect(rowsOf(byDefault.b, byDefault.ecs)).toEqual([]);
      const deny = customRouting({ trafficToEndpointPolicy: "DenyAll" });
      expect(rowsOf(deny.b, deny.ecs)).toEqual([]);
    });

    it("AllowCustom exposes only the addresses its traffic policies name", () => {
      const allowed = customRouting({ trafficToEndpointPolicy: "AllowCustom" }, "172.16.0.10");
      allowed.b.add(GA.trafficPolicy, "db", {
        endpointId: ref(allowed.ep),
        address: "172.16.0.10",
        portRanges: [{ fromPort: 22, toPort: 22 }],
      });
      expect(rowsOf(allowed.b, allowed.ecs).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
      const other = customRouting({ trafficToEndpointPolicy: "AllowCustom" }, "172.16.0.11");
      other.b.add(GA.trafficPolicy, "db", { endpointId: ref(other.ep), address: "172.16.0.10" });
      expect(rowsOf(other.b, other.ecs)).toEqual([]);
    });
  });
});

describe("AWS Global Accelerator exposure", () => {
  it("a listener on 22 puts SSH of a private instance endpoint on the internet", () => {
    const { b, vm } = awsBehindGa([22, 22]);
    expect(paths(rowsOf(b, vm))).toEqual([
      "0.0.0.0/0 → lb:ga (internet-facing) → listener:l:22 → endpoint-group:eg → sg:web rule web ingress[0] → instance:web:22",
    ]);
  });

  it("a listener range 3000-4000 reaches the database port 3306", () => {
    const ingress = [{ protocol: "tcp", fromPort: 3306, toPort: 3306, cidrBlocks: ["10.0.0.0/16"] }];
    const { b, vm } = awsBehindGa([3000, 4000], { ingress });
    expect(rowsOf(b, vm).filter(covers(3306))).toHaveLength(1);
  });

  it("a port override 2222 → 22 puts SSH behind listener port 2222", () => {
    const ingress = [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }];
    const { b, vm } = awsBehindGa([2222, 2222], {
      ingress,
      group: { portOverrides: [{ listenerPort: 2222, endpointPort: 22 }] },
    });
    expect(rowsOf(b, vm).map((e) => [e.ports, e.path[1]])).toEqual([[{ from: 22, to: 22 }, "listener:l:2222"]]);
  });

  it("a listener on 443 to a web host exposes only 443", () => {
    const { b, vm } = awsBehindGa([443, 443]);
    expect(rowsOf(b, vm).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
  });

  it("a disabled accelerator publishes nothing", () => {
    const { b } = awsBehindGa([22, 22], { accelerator: { enabled: false } });
    expect(exposures(b)).toEqual([]);
  });

  it("a dual-stack accelerator is reachable over IPv6 too", () => {
    const { b, vm } = awsBehindGa([22, 22], {
      accelerator: { ipAddressType: "DUAL_STACK" },
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
    });
    expect(rowsOf(b, vm).map((e) => e.source)).toEqual(["0.0.0.0/0", "::/0"]);
  });

  it("an ALB endpoint is not a host: the instance behind nothing stays private", () => {
    const { b, v, vm } = awsBehindGa([22, 22], { group: { endpointConfigurations: [] } });
    const alb = b.add(T.lb, "front", { internal: true, subnets: [ref(v.privateSubnet)] });
    const listener = b.resources.find((r) => r.type === AGA.listener)!;
    b.add(AGA.group, "alb", { listenerArn: ref(listener), endpointConfigurations: [{ endpointId: ref(alb) }] });
    expect(rowsOf(b, vm)).toEqual([]);
  });

  it("a listener on an accelerator outside the stack still publishes its endpoints", () => {
    const arn = "arn:aws:globalaccelerator::123456789012:accelerator/abc";
    const { b, vm, listener } = awsBehindGa([22, 22], { listener: { acceleratorArn: arn } });
    b.resources.splice(
      b.resources.findIndex((r) => r.type === AGA.accelerator),
      1,
    );
    const rows = rowsOf(b, vm).filter((e) => e.family === "ipv4");
    expect(rows.map((e) => [e.path[0], e.causes[0]])).toEqual([
      [`lb:accelerator ${arn} (internet-facing)`, listener.urn],
    ]);
  });
});

describe("Global Accelerator values unknown at preview", () => {
  // The listener forwards every port; the host's groups admit 22 only, so 22 is what it exposes.
  it("unknown listener port ranges count as every port, as NLB listeners do", () => {
    const ali = aliBehindGa([22, 22], { listener: { portRanges: UNKNOWN } });
    expect(rowsOf(ali.b, ali.ecs).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(
      rowsOf(ali.b, ali.ecs).every((e) => e.path.some((h) => h.startsWith("listener:") && h.endsWith(":all"))),
    ).toBe(true);
    const aws = awsBehindGa([22, 22], { listener: { portRanges: [{ fromPort: UNKNOWN, toPort: 30 }] } });
    expect(rowsOf(aws.b, aws.vm).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(
      rowsOf(aws.b, aws.vm).every((e) => e.path.some((h) => h.startsWith("listener:") && h.endsWith(":all"))),
    ).toBe(true);
  });

  it("an endpoint id unknown at preview resolves through its property dependency", () => {
    const ali = aliBehindGa([22, 22]);
    const group = ali.b.resources.find((r) => r.type === GA.group)!;
    expect(group.inputs.endpointConfigurations).toEqual([{ endpoint: UNKNOWN, type: "ECS", weight: 20 }]);
    expect(group.propertyDependencies.endpointConfigurations).toEqual([ali.ecs.urn]);
    expect(rowsOf(ali.b, ali.ecs)).toHaveLength(1);
    const aws = awsBehindGa([22, 22]);
    expect(rowsOf(aws.b, aws.vm)).toHaveLength(1);
  });

  it("a known endpoint id names the instance as well", () => {
    const { b, vm, listener } = awsBehindGa([22, 22], { group: { endpointConfigurations: [] } });
    b.add(AGA.group, "known", {
      listenerArn: ref(listener),
      endpointConfigurations: [{ endpointId: knownRef(vm, "i-0123456789abcdef0") }],
    });
    expect(rowsOf(b, vm).map((e) => e.path[2])).toEqual(["endpoint-group:known"]);
  });

  it("an override to an unknown endpoint port may reach any port", () => {
    const { b, vm } = awsBehindGa([2222, 2222], {
      ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
      group: { portOverrides: [{ listenerPort: 2222, endpointPort: UNKNOWN }] },
    });
    // Any port may be forwarded to; the host's group admits 22 of them.
    expect(rowsOf(b, vm).map((e) => e.ports)).toEqual([{ from: 22, to: 22 }]);
    expect(rowsOf(b, vm).map((e) => e.path[2])).toEqual(["endpoint-group:eg (port override 2222 → unknown)"]);
  });

  it("an unknown accelerator state counts as enabled and dual-stack", () => {
    const { b, acc } = awsBehindGa([22, 22], { accelerator: { enabled: UNKNOWN, ipAddressType: UNKNOWN } });
    expect(rowsOf(b, acc).map((e) => e.source)).toEqual(["0.0.0.0/0", "::/0"]);
  });
});

describe("the stack policies report hosts behind an accelerator", () => {
  it("SSH behind a listener on 22 is a mandatory violation on both clouds", async () => {
    const ali = aliBehindGa([22, 22]);
    const aliFound = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, ali.b.resources));
    expect(aliFound.map((f) => f.urn)).toContain(ali.ecs.urn);
    const aws = awsBehindGa([22, 22]);
    const awsFound = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, aws.b.resources));
    expect(awsFound.find((f) => f.urn === aws.vm.urn)?.message).toContain("lb:ga (internet-facing) → listener:l:22");
  });

  it("a database port inside a listener range is a mandatory violation; 443 is not", async () => {
    const db = aliBehindGa([3000, 4000], { admits: "3306/3306" });
    const found = mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, db.b.resources));
    expect(found.find((f) => f.urn === db.ecs.urn)?.message).toContain("high-risk port 3306");
    const web = awsBehindGa([443, 443]);
    expect(mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, web.b.resources))).toEqual([]);
    expect(mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, web.b.resources))).toEqual([]);
  });
});
