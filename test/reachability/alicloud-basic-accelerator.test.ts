// Alibaba Cloud basic Global Accelerator: an accelerated IP mapped to an ECS or ENI endpoint forwards every port at
// layer 3 with the client's own address, like an EIP bound to the host: its groups decide what the internet reaches.
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
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const BASIC = {
  accelerator: "alicloud:ga/basicAccelerator:BasicAccelerator",
  ipSet: "alicloud:ga/basicIpSet:BasicIpSet",
  ip: "alicloud:ga/basicAccelerateIp:BasicAccelerateIp",
  group: "alicloud:ga/basicEndpointGroup:BasicEndpointGroup",
  endpoint: "alicloud:ga/basicEndpoint:BasicEndpoint",
  relation: "alicloud:ga/basicAccelerateIpEndpointRelation:BasicAccelerateIpEndpointRelation",
};

const ENI = {
  eni: "alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface",
  attachment: "alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment",
};

const rowsOf = (b: StackBuilder, r: GenericResource) =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === r.urn);
const paths = (rows: Exposure[]) => rows.map(renderPath);
const covers = (port: number) => (e: Exposure) => rangeCoversPort(e.ports, port);

/** An accelerator "bga" with an acceleration region, an accelerated IP "ip" and an endpoint group "eg". */
function basicAccelerator(b: StackBuilder) {
  const acc = b.add(BASIC.accelerator, "bga", { duration: 1, bandwidthBillingType: "CDT" });
  const ipSet = b.add(BASIC.ipSet, "region", { acceleratorId: ref(acc), accelerateRegionId: "cn-hangzhou" });
  const ip = b.add(BASIC.ip, "ip", { acceleratorId: ref(acc), ipSetId: ref(ipSet) });
  const group = b.add(BASIC.group, "eg", { acceleratorId: ref(acc), endpointGroupRegion: "cn-hangzhou" });
  return { acc, ip, group };
}

/** Maps the accelerated IP to an endpoint of `endpointType` at `address`. */
function mapIp(b: StackBuilder, ga: ReturnType<typeof basicAccelerator>, endpointType: unknown, address: unknown) {
  const endpoint = b.add(BASIC.endpoint, "ep", {
    acceleratorId: ref(ga.acc),
    endpointGroupId: ref(ga.group),
    endpointType,
    endpointAddress: address,
  });
  return b.add(BASIC.relation, "ip-ep", {
    acceleratorId: ref(ga.acc),
    accelerateIpId: ref(ga.ip),
    endpointId: ref(endpoint),
  });
}

/** An ECS instance "db" without public addresses whose group admits `rules`. */
function privateDb(rules: Record<string, Record<string, unknown>>) {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  for (const [name, inputs] of Object.entries(rules)) rule(b, n.sg, name, inputs);
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
  return { b, n, ecs, ga: basicAccelerator(b) };
}

const MYSQL_ANY = { mysql: { portRange: "3306/3306", cidrIp: "0.0.0.0/0" } };

describe("Alibaba Cloud basic Global Accelerator", () => {
  it("an accelerated IP mapped to an ECS instance exposes what its group admits from the internet", async () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    expect(rowsOf(b, ecs)).toEqual([]);
    const relation = mapIp(b, ga, "ECS", ref(ecs));
    const rows = rowsOf(b, ecs);
    expect(paths(rows)).toEqual([
      "0.0.0.0/0 → accelerate-ip:ip (basic-ga:bga endpoint:ep) → vswitch:vsw → nacl:default allow → sg:web rule mysql (priority 1 accept) → ecs:db:3306",
    ]);
    expect(rows[0].causes).toContain(relation.urn);
    const found = mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, b.resources));
    expect(found.map((f) => f.urn)).toEqual([ecs.urn]);
  });

  it("forwards every port and protocol, as an EIP does", () => {
    const { b, ecs, ga } = privateDb({
      ssh: { portRange: "22/22", cidrIp: "0.0.0.0/0" },
      dns: { ipProtocol: "udp", portRange: "53/53", cidrIp: "0.0.0.0/0" },
      ...MYSQL_ANY,
    });
    mapIp(b, ga, "ECS", ref(ecs));
    const rows = rowsOf(b, ecs);
    expect(rows.filter(covers(22))).toHaveLength(1);
    expect(rows.filter(covers(3306))).toHaveLength(1);
    expect(rows.filter((e) => e.protocol === "udp").map((e) => e.ports)).toEqual([{ from: 53, to: 53 }]);
  });

  it("a group admitting 3306 only from the VPC is not reached: the endpoint sees client addresses", async () => {
    const { b, ecs, ga } = privateDb({ mysql: { portRange: "3306/3306", cidrIp: "172.16.0.0/16" } });
    mapIp(b, ga, "ECS", ref(ecs));
    expect(rowsOf(b, ecs)).toEqual([]);
    expect(mandatory(await runStackPolicy(disallowInternetDatabaseAndHighRiskPorts, b.resources))).toEqual([]);
  });

  it("an ENI endpoint reaches the attached instance through the ENI's own groups", async () => {
    const { b, n, ecs, ga } = privateDb({});
    const eniSg = b.add(A.sg, "eni-sg", { vpcId: ref(n.vpc) });
    rule(b, eniSg, "ssh-any", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    const eni = b.add(ENI.eni, "data", { vswitchId: ref(n.vswitch), securityGroupIds: [ref(eniSg)] });
    b.add(ENI.attachment, "data", { instanceId: ref(ecs), networkInterfaceId: ref(eni) });
    mapIp(b, ga, "ENI", ref(eni));
    expect(paths(rowsOf(b, ecs))).toEqual([
      "0.0.0.0/0 → accelerate-ip:ip (basic-ga:bga endpoint:ep) → eni:data → vswitch:vsw → nacl:default allow → sg:eni-sg rule ssh-any (priority 1 accept) → ecs:db:22",
    ]);
    const found = mandatory(await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources));
    expect(found.map((f) => f.urn)).toEqual([ecs.urn]);
  });

  it("an ENI endpoint attached to no instance reaches nothing", () => {
    const { b, n, ecs, ga } = privateDb(MYSQL_ANY);
    const eni = b.add(ENI.eni, "data", { vswitchId: ref(n.vswitch), securityGroupIds: [ref(n.sg)] });
    mapIp(b, ga, "ENI", ref(eni));
    expect(rowsOf(b, ecs)).toEqual([]);
    expect(rowsOf(b, eni)).toEqual([]);
  });

  it("an endpoint no accelerated IP is mapped to (idle) publishes nothing", () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    b.add(BASIC.endpoint, "ep", {
      acceleratorId: ref(ga.acc),
      endpointGroupId: ref(ga.group),
      endpointType: "ECS",
      endpointAddress: ref(ecs),
    });
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("a balancer endpoint is not a host", () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    const slb = b.add(A.slb, "inner", { addressType: "intranet" });
    mapIp(b, ga, "SLB", ref(slb));
    expect(rowsOf(b, ecs)).toEqual([]);
  });

  it("an endpoint type unknown at preview may be an instance", () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    mapIp(b, ga, UNKNOWN, ref(ecs));
    expect(rowsOf(b, ecs).filter(covers(3306))).toHaveLength(1);
  });

  it("an endpoint group's own endpoint takes the accelerator's address", () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    b.add(BASIC.group, "legacy", {
      acceleratorId: ref(ga.acc),
      endpointGroupRegion: "cn-hangzhou",
      endpointType: "ECS",
      endpointAddress: ref(ecs),
    });
    expect(rowsOf(b, ecs).map((e) => e.path[0])).toEqual(["basic-ga:bga (endpoint-group:legacy)"]);
  });

  it("links a relation whose endpoint id is known only after creation through its property dependency", () => {
    const { b, ecs, ga } = privateDb(MYSQL_ANY);
    const relation = mapIp(b, ga, "ECS", ref(ecs));
    const endpoint = b.resources.find((r) => r.type === BASIC.endpoint)!;
    expect(relation.inputs.endpointId).toBe(UNKNOWN);
    expect(relation.propertyDependencies.endpointId).toEqual([endpoint.urn]);
    expect(rowsOf(b, ecs)).toHaveLength(1);
    // Once known, the endpoint's own id names it.
    relation.inputs.endpointId = "ep-bp1db";
    relation.propertyDependencies.endpointId = [];
    endpoint.inputs.endpointId = "ep-bp1db";
    expect(rowsOf(b, ecs)).toHaveLength(1);
  });
});
