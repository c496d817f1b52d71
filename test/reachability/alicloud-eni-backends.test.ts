// Alibaba Cloud ENIs named as balancer backends, accelerator endpoints, EIP or DNAT targets: each reaches the
// instance it is attached to, judged by the ENI's own security groups; an unattached ENI reaches nothing.
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
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const ENI = {
  eni: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
  attachment: "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment",
  vpcEni: "alicloud:vpc/networkInterface:NetworkInterface",
  vpcAttachment: "alicloud:vpc/networkInterfaceAttachment:NetworkInterfaceAttachment",
};

const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
};

const SLB = {
  group: "alicloud:slb/serverGroup:ServerGroup",
  groupAttachment: "alicloud:slb/serverGroupServerAttachment:ServerGroupServerAttachment",
  masterSlave: "alicloud:slb/masterSlaveServerGroup:MasterSlaveServerGroup",
};

const GA = {
  accelerator: "alicloud:ga/accelerator:Accelerator",
  listener: "alicloud:ga/listener:Listener",
  group: "alicloud:ga/endpointGroup:EndpointGroup",
};

const rowsOf = (b: StackBuilder, r: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === r.urn);
const paths = (rows: Exposure[]) => rows.map(renderPath);

interface EniOptions {
  /** The ENI group's rule; the instance's own group admits nothing unless `hostRule` says so. */
  eniRule?: Record<string, unknown>;
  hostRule?: Record<string, unknown>;
  attached?: boolean;
  /** The older vpc.NetworkInterface / NetworkInterfaceAttachment pair. */
  vpcTypes?: boolean;
  eni?: Record<string, unknown>;
}

/** An ECS instance "db" with a secondary ENI "data" whose own group "eni-sg" admits 22 from the VPC. */
function hostWithEni(opts: EniOptions = {}) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  if (opts.hostRule) rule(b, n.sg, "host-rule", opts.hostRule);
  const eniSg = b.add(A.sg, "eni-sg", { vpcId: ref(n.vpc) });
  rule(b, eniSg, "from-vpc", opts.eniRule ?? { portRange: "22/22", cidrIp: "172.16.0.0/16" });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  const eni = b.add(opts.vpcTypes ? ENI.vpcEni : ENI.eni, "data", {
    vswitchId: ref(n.vswitch),
    securityGroupIds: [ref(eniSg)],
    ...opts.eni,
  });
  if (opts.attached ?? true)
    b.add(opts.vpcTypes ? ENI.vpcAttachment : ENI.attachment, "data", {
      instanceId: ref(ecs),
      networkInterfaceId: ref(eni),
    });
  return { b, n, ecs, eni, eniSg };
}

/** An internet NLB listener on `port` forwarding to `port` on the server the attachment names. */
function nlbTo(stack: ReturnType<typeof hostWithEni>, port: number, attachment: Record<string, unknown> = {}) {
  const { b, n, eni } = stack;
  const nlb = b.add(NLB.lb, "front", {
    addressType: "Internet",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
  });
  const group = b.add(NLB.group, "backends", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP" });
  b.add(NLB.attachment, "data", {
    serverGroupId: ref(group),
    serverId: ref(eni),
    serverType: "Eni",
    port,
    ...attachment,
  });
  b.add(NLB.listener, "l", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(group),
    listenerProtocol: "TCP",
    listenerPort: port,
  });
  return nlb;
}

/** An internet SLB with a TCP listener on `port` whose backends the caller adds. */
function slbWithListener(b: StackBuilder, port: number, listener: Record<string, unknown> = {}) {
  const slb = b.add(A.slb, "front", { addressType: "internet", loadBalancerSpec: "slb.s1.small" });
  b.add(A.slbListener, "l", {
    loadBalancerId: ref(slb),
    frontendPort: port,
    backendPort: port,
    protocol: "tcp",
    ...listener,
  });
  return slb;
}

describe("Alibaba Cloud ENI backends", () => {
  describe("NLB server group attachments (serverType Eni)", () => {
    it("a listener on 22 to an ENI puts SSH of the attached instance on the internet", async () => {
      const stack = hostWithEni();
      nlbTo(stack, 22);
      expect(paths(rowsOf(stack.b, stack.ecs))).toEqual([
        "0.0.0.0/0 → lb:front (internet-facing) → listener:l:22 → server-group:backends → eni:data → sg:eni-sg rule from-vpc (priority 1 accept) → ecs:db:22",
      ]);
      const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack.b.resources));
      expect(found.map((f) => f.urn)).toContain(stack.ecs.urn);
      expect(found.find((f) => f.urn === stack.ecs.urn)!.message).toContain("→ eni:data → sg:eni-sg rule from-vpc");
    });

    it("an ENI attached to no instance reaches nothing", async () => {
      const stack = hostWithEni({ attached: false });
      const nlb = nlbTo(stack, 22);
      expect(rowsOf(stack.b, stack.ecs)).toEqual([]);
      expect(rowsOf(stack.b, stack.eni)).toEqual([]);
      // Only the balancer's own listener is reported.
      const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack.b.resources));
      expect(found.map((f) => f.urn)).toEqual([nlb.urn]);
    });

    it("the ENI's own groups decide, not the instance's", () => {
      // The instance admits SSH from the VPC, the ENI only HTTPS: SSH through the ENI stays closed.
      const closed = hostWithEni({
        eniRule: { portRange: "443/443", cidrIp: "172.16.0.0/16" },
        hostRule: { portRange: "22/22", cidrIp: "172.16.0.0/16" },
      });
      nlbTo(closed, 22);
      expect(rowsOf(closed.b, closed.ecs)).toEqual([]);
      // The ENI admits SSH while the instance's own group admits nothing: SSH through the ENI is open.
      const open = hostWithEni();
      nlbTo(open, 22);
      expect(rowsOf(open.b, open.ecs)).toHaveLength(1);
    });

    it("a listener on 443 to a web ENI exposes only 443 and breaks neither rule", async () => {
      const stack = hostWithEni({ eniRule: { portRange: "443/443", cidrIp: "172.16.0.0/16" } });
      nlbTo(stack, 443);
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
      for (const policy of [disallowInternetAdminPortsExceptBastions, disallowInternetDatabaseAndHighRiskPorts])
        expect(mandatory(await runStackPolicy(policy, stack.b.resources))).toEqual([]);
    });

    it("the older vpc.NetworkInterface and its attachment are read alike", () => {
      const stack = hostWithEni({ vpcTypes: true });
      nlbTo(stack, 22);
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path[3])).toEqual(["eni:data"]);
    });
  });

  describe("ids unknown at preview", () => {
    it("links an ENI whose id is unknown through the attachment's property dependency", () => {
      const stack = hostWithEni();
      nlbTo(stack, 22);
      const attachment = stack.b.resources.find((r) => r.type === NLB.attachment)!;
      expect(attachment.inputs.serverId).toBe(UNKNOWN);
      expect(attachment.propertyDependencies.serverId).toEqual([stack.eni.urn]);
      expect(rowsOf(stack.b, stack.ecs)).toHaveLength(1);
    });

    it("an unknown server type may name an ENI", () => {
      const stack = hostWithEni();
      nlbTo(stack, 22, { serverType: UNKNOWN });
      expect(rowsOf(stack.b, stack.ecs)).toHaveLength(1);
    });

    it("links a DNAT entry whose internal address is the ENI's output", () => {
      const stack = hostWithEni({ eniRule: { portRange: "22/22", cidrIp: "0.0.0.0/0" } });
      const nat = stack.b.add(A.nat, "natgw", { vpcId: ref(stack.n.vpc), vswitchId: ref(stack.n.vswitch) });
      stack.b.add(A.dnat, "ssh", {
        forwardTableId: ref(nat),
        externalIp: "203.0.113.10",
        externalPort: "2222",
        internalIp: ref(stack.eni),
        internalPort: "22",
        ipProtocol: "tcp",
      });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path.slice(1, 3))).toEqual([["nat:natgw dnat:ssh", "eni:data"]]);
    });

    it("an instance launched on an ENI (its networkInterfaceId) is what the ENI reaches", () => {
      const stack = hostWithEni({ attached: false });
      stack.ecs.inputs.networkInterfaceId = UNKNOWN;
      stack.ecs.propertyDependencies.networkInterfaceId = [stack.eni.urn];
      nlbTo(stack, 22);
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path[3])).toEqual(["eni:data"]);
    });

    it("a known ENI id names the ENI without a dependency", () => {
      const stack = hostWithEni({ eni: { id: "eni-bp1data" } });
      nlbTo(stack, 22, { serverId: "eni-bp1data" });
      const attachment = stack.b.resources.find((r) => r.type === NLB.attachment)!;
      attachment.propertyDependencies.serverId = [];
      expect(rowsOf(stack.b, stack.ecs)).toHaveLength(1);
    });
  });

  describe("SLB backends (type eni)", () => {
    it("a default backend server of type eni exposes SSH through the ENI", async () => {
      const stack = hostWithEni();
      const slb = slbWithListener(stack.b, 22);
      stack.b.add(A.slbBackends, "front", {
        loadBalancerId: ref(slb),
        backendServers: [{ serverId: ref(stack.eni), weight: 100, type: "eni" }],
      });
      expect(paths(rowsOf(stack.b, stack.ecs))).toEqual([
        "0.0.0.0/0 → lb:front (internet-facing) → listener:l:22 → eni:data → sg:eni-sg rule from-vpc (priority 1 accept) → ecs:db:22",
      ]);
      const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack.b.resources));
      expect(found.map((f) => f.urn)).toContain(stack.ecs.urn);
    });

    it("a vServer group with an ENI server puts the database port on the internet", async () => {
      const stack = hostWithEni({ eniRule: { portRange: "3306/3306", cidrIp: "172.16.0.0/16" } });
      const group = stack.b.add(SLB.group, "vgroup", {
        servers: [{ serverIds: [ref(stack.eni)], port: 3306, type: "eni" }],
      });
      slbWithListener(stack.b, 3306, { serverGroupId: ref(group) });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path.slice(2, 4))).toEqual([["server-group:vgroup", "eni:data"]]);
      const found = mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, stack.b.resources));
      expect(found.map((f) => f.urn)).toContain(stack.ecs.urn);
    });

    it("a server group attachment of type eni reaches the attached instance", () => {
      const stack = hostWithEni();
      const group = stack.b.add(SLB.group, "vgroup", {});
      stack.b.add(SLB.groupAttachment, "data", {
        serverGroupId: ref(group),
        serverId: ref(stack.eni),
        port: 22,
        type: "eni",
      });
      slbWithListener(stack.b, 22, { serverGroupId: ref(group) });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path.slice(2, 4))).toEqual([["server-group:vgroup", "eni:data"]]);
    });

    it("a master-slave group's ENI server (the slave too) is a backend of its listener", () => {
      const stack = hostWithEni();
      const group = stack.b.add(SLB.masterSlave, "pair", {
        servers: [{ serverId: ref(stack.eni), port: 22, weight: 100, type: "eni", serverType: "Slave" }],
      });
      slbWithListener(stack.b, 22, { masterSlaveServerGroupId: ref(group) });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.path.slice(2, 4))).toEqual([["server-group:pair", "eni:data"]]);
    });

    it("an unattached ENI backend reaches nothing", () => {
      const stack = hostWithEni({ attached: false });
      const slb = slbWithListener(stack.b, 22);
      stack.b.add(A.slbBackends, "front", {
        loadBalancerId: ref(slb),
        backendServers: [{ serverId: ref(stack.eni), weight: 100, type: "eni" }],
      });
      expect(rowsOf(stack.b, stack.ecs)).toEqual([]);
    });
  });

  it("an ALB server group's Eni server reaches the attached instance", () => {
    const stack = hostWithEni({ eniRule: { portRange: "8080/8080", cidrIp: "172.16.0.0/16" } });
    const group = stack.b.add(A.albGroup, "web", {
      vpcId: ref(stack.n.vpc),
      servers: [{ serverId: ref(stack.eni), serverType: "Eni", port: 8080 }],
    });
    const alb = stack.b.add(A.alb, "front", { addressType: "Internet", vpcId: ref(stack.n.vpc) });
    stack.b.add(A.albListener, "https", {
      loadBalancerId: ref(alb),
      listenerPort: 443,
      listenerProtocol: "HTTPS",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: ref(group) }] } },
      ],
    });
    expect(paths(rowsOf(stack.b, stack.ecs))).toEqual([
      "0.0.0.0/0 → lb:front (internet-facing) → listener:https:443 → server-group:web → eni:data → sg:eni-sg rule from-vpc (priority 1 accept) → ecs:db:8080",
    ]);
  });

  it("an accelerator's ENI endpoint is judged by the ENI's groups", () => {
    const stack = hostWithEni({
      eniRule: { portRange: "443/443", cidrIp: "172.16.0.0/16" },
      hostRule: { portRange: "22/22", cidrIp: "172.16.0.0/16" },
    });
    const acc = stack.b.add(GA.accelerator, "ga", {});
    const listener = stack.b.add(GA.listener, "l", {
      acceleratorId: ref(acc),
      portRanges: [{ fromPort: 22, toPort: 22 }],
    });
    stack.b.add(GA.group, "eg", {
      listenerId: ref(listener),
      endpointConfigurations: [{ endpoint: ref(stack.eni), type: "ENI", weight: 20 }],
    });
    expect(rowsOf(stack.b, stack.ecs)).toEqual([]);
  });

  describe("EIP and DNAT targets", () => {
    it("an EIP bound to an ENI exposes what the ENI's groups admit from the internet", async () => {
      const stack = hostWithEni({ eniRule: { portRange: "22/22", cidrIp: "0.0.0.0/0" } });
      const eip = stack.b.add(A.eip, "data-ip", { bandwidth: "5" });
      stack.b.add(A.eipAssoc, "data-ip", { allocationId: ref(eip), instanceId: ref(stack.eni) });
      expect(paths(rowsOf(stack.b, stack.ecs))).toEqual([
        "0.0.0.0/0 → eip:data-ip → eni:data → vswitch:vsw → nacl:default allow → sg:eni-sg rule from-vpc (priority 1 accept) → ecs:db:22",
      ]);
      const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, stack.b.resources));
      expect(found.map((f) => f.urn)).toEqual([stack.ecs.urn]);
    });

    it("an EIP on an ENI does not open what only the instance's own group admits", () => {
      const stack = hostWithEni({
        eniRule: { portRange: "443/443", cidrIp: "0.0.0.0/0" },
        hostRule: { portRange: "22/22", cidrIp: "0.0.0.0/0" },
      });
      const eip = stack.b.add(A.eip, "data-ip", {});
      stack.b.add(A.eipAssoc, "data-ip", { allocationId: ref(eip), instanceId: ref(stack.eni) });
      expect(rowsOf(stack.b, stack.ecs).map((e) => e.ports)).toEqual([{ from: 443, to: 443 }]);
    });

    it("a DNAT entry to an ENI's address reaches the attached instance", () => {
      const stack = hostWithEni({
        eniRule: { portRange: "3306/3306", cidrIp: "0.0.0.0/0" },
        eni: { primaryIpAddress: "172.16.0.50" },
      });
      const nat = stack.b.add(A.nat, "natgw", { vpcId: ref(stack.n.vpc), vswitchId: ref(stack.n.vswitch) });
      const eip = stack.b.add(A.eip, "nat-eip", {});
      stack.b.add(A.dnat, "mysql", {
        forwardTableId: ref(nat),
        externalIp: ref(eip),
        externalPort: "13306",
        internalIp: "172.16.0.50",
        internalPort: "3306",
        ipProtocol: "tcp",
      });
      expect(paths(rowsOf(stack.b, stack.ecs))).toEqual([
        "0.0.0.0/0 → eip:nat-eip:13306 → nat:natgw dnat:mysql → eni:data → vswitch:vsw → nacl:default allow → sg:eni-sg rule from-vpc (priority 1 accept) → ecs:db:3306",
      ]);
    });
  });
});
