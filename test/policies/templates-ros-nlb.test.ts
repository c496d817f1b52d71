// ROS Network Load Balancers: an ALIYUN::NLB::LoadBalancer whose ALIYUN::NLB::Listener forwards to an
// ALIYUN::NLB::ServerGroup holding an ECS instance. Each plan is judged as a template and as the same stack written as
// program resources (nlb.LoadBalancer, nlb.Listener, nlb.ServerGroup, nlb.ServerGroupServerAttachment): an internet
// NLB forwarding to the host's SSH or MySQL port, which the host's group admits from the VPC range, is a finding; an
// intranet NLB, a listener on 443 only, or a group that admits nothing there, is none; a port or server from a
// parameter unknown at preview is never a silent pass.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { ROS_STACK, TemplateResources } from "./templates-fixtures";
import { container, given, res, rosBody } from "./ros-program-twins";
import { getAtt, ref, rosNlb } from "./ros-nlb-fixtures";
import { counts } from "./finding-counts";

type Policy = Parameters<typeof runStack>[0];

const ADMIN = disallowInternetAdminPortsExceptBastions;
const DATABASE = disallowInternetDatabaseAndHighRiskPorts;
const CONTAINER = urnOf(ROS_STACK, "app");
const VPC_RANGE = "10.0.0.0/16";
const HOST_FINDING = "template resource Web (ALIYUN::ECS::Instance)";
const LB_FINDING = "template resource Lb (ALIYUN::NLB::LoadBalancer)";

interface Plan {
  internet: boolean;
  /** Host ports the host's security group admits from the VPC range. */
  open: number[];
  /** The listener's port; "all" is an all-port listener (StartPort-EndPort) on an all-port group. */
  listenerPort: unknown;
  /** The server's port in the group (left out on an all-port group). */
  port: unknown;
  /** The security group the NLB itself sits behind, admitting these ports from anywhere. */
  nlbGroupOpen?: number[];
}

// ---- the plan as a ROS template ----

const allPorts = (p: Plan) => p.listenerPort === "all";

function templateResources(p: Plan): TemplateResources {
  const ingress = (ports: number[], source: string) =>
    ports.map((port) => ({ IpProtocol: "tcp", PortRange: `${port}/${port}`, SourceCidrIp: source }));
  const out: TemplateResources = {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: VPC_RANGE } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: ref("Vpc"), CidrBlock: "10.0.1.0/24" } },
    WebSg: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: { VpcId: ref("Vpc"), SecurityGroupIngress: ingress(p.open, VPC_RANGE) },
    },
    Web: {
      Type: "ALIYUN::ECS::Instance",
      Properties: { ImageId: "ubuntu", VSwitchId: ref("Vsw"), SecurityGroupId: ref("WebSg"), AllocatePublicIP: false },
    },
    ...rosNlb(p.internet),
    Group: {
      Type: "ALIYUN::NLB::ServerGroup",
      Properties: {
        ServerGroupName: "admin",
        VpcId: ref("Vpc"),
        Protocol: "TCP",
        HealthCheckConfig: { HealthCheckEnabled: false },
        ...(allPorts(p) ? { AnyPortEnabled: true } : {}),
        Servers: [
          {
            ServerId: ref("Web"),
            ServerType: "Ecs",
            ...(allPorts(p) ? {} : { Port: p.port }),
            Weight: 100,
          },
        ],
      },
    },
    Listener: {
      Type: "ALIYUN::NLB::Listener",
      Properties: {
        LoadBalancerId: getAtt("Lb", "LoadBalancerId"),
        ListenerProtocol: "TCP",
        ServerGroupId: getAtt("Group", "ServerGroupId"),
        ...(allPorts(p) ? { StartPort: 1, EndPort: 65535 } : { ListenerPort: p.listenerPort }),
      },
    },
  };
  if (p.nlbGroupOpen) {
    out.LbSg = {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: { VpcId: ref("Vpc"), SecurityGroupIngress: ingress(p.nlbGroupOpen, "0.0.0.0/0") },
    };
    out.LbSgAttach = {
      Type: "ALIYUN::NLB::SecurityGroupAttachment",
      Properties: { LoadBalancerId: ref("Lb"), SecurityGroupIds: [ref("LbSg")] },
    };
  }
  return out;
}

// ---- the same plan as program resources ----

function programResources(p: Plan): StackInput[] {
  const rules = (group: string, ports: number[], source: string) =>
    ports.map((port) =>
      res("ecs/securityGroupRule:SecurityGroupRule", `${group}-${port}`, {
        type: "ingress",
        securityGroupId: `${group}-id`,
        ipProtocol: "tcp",
        portRange: `${port}/${port}`,
        cidrIp: source,
      }),
    );
  return [
    res("vpc/network:Network", "vpc", { cidrBlock: VPC_RANGE }),
    res("vpc/switch:Switch", "vsw", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" }),
    res("ecs/securityGroup:SecurityGroup", "web-sg", { vpcId: "vpc-id" }),
    ...rules("web-sg", p.open, VPC_RANGE),
    res("ecs/instance:Instance", "web", {
      imageId: "ubuntu",
      vswitchId: "vsw-id",
      securityGroups: ["web-sg-id"],
      internetMaxBandwidthOut: 0,
    }),
    res("ecs/eipAddress:EipAddress", "eip", { bandwidth: "10" }),
    res("nlb/loadBalancer:LoadBalancer", "lb", {
      addressType: p.internet ? "Internet" : "Intranet",
      addressIpVersion: "Ipv4",
      vpcId: "vpc-id",
      zoneMappings: [
        { zoneId: "cn-hangzhou-h", vswitchId: "vsw-id", ...(p.internet ? { allocationId: "eip-id" } : {}) },
      ],
    }),
    res("nlb/serverGroup:ServerGroup", "group", {
      serverGroupName: "admin",
      vpcId: "vpc-id",
      protocol: "TCP",
      ...(allPorts(p) ? { anyPortEnabled: true } : {}),
    }),
    res("nlb/serverGroupServerAttachment:ServerGroupServerAttachment", "attach", {
      serverGroupId: "group-id",
      serverId: "web-id",
      serverType: "Ecs",
      ...(allPorts(p) ? {} : { port: p.port }),
      weight: 100,
    }),
    res("nlb/listener:Listener", "listener", {
      loadBalancerId: "lb-id",
      listenerProtocol: "TCP",
      serverGroupId: "group-id",
      ...(allPorts(p) ? { listenerPort: 0, startPort: 1, endPort: 65535 } : { listenerPort: p.listenerPort }),
    }),
    ...(p.nlbGroupOpen
      ? [
          res("ecs/securityGroup:SecurityGroup", "lb-sg", { vpcId: "vpc-id" }),
          ...rules("lb-sg", p.nlbGroupOpen, "0.0.0.0/0"),
          res("nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment", "lb-sg-attach", {
            loadBalancerId: "lb-id",
            securityGroupId: "lb-sg-id",
          }),
        ]
      : []),
  ];
}

// ---- verdicts ----

interface Row {
  name: string;
  policy: Policy;
  plan: Plan;
  /** The host port reported, or none. */
  reached?: number;
  /** The balancer's own listener is reported: it listens on the rule's port from the internet. */
  balancerReached?: boolean;
}

const ROWS: Row[] = [
  {
    name: "internet NLB, TCP 22 to the host's SSH, admitted from the VPC",
    policy: ADMIN,
    plan: { internet: true, open: [22, 443], listenerPort: 22, port: 22 },
    reached: 22,
    balancerReached: true,
  },
  {
    name: "internet NLB, TCP 3306 to the host's MySQL, admitted from the VPC",
    policy: DATABASE,
    plan: { internet: true, open: [3306], listenerPort: 3306, port: 3306 },
    reached: 3306,
    balancerReached: true,
  },
  {
    name: "internet NLB, a web port forwarded to SSH",
    policy: ADMIN,
    plan: { internet: true, open: [22], listenerPort: 443, port: 22 },
    reached: 22,
  },
  {
    name: "internet NLB, all-port listener on an all-port group, SSH admitted",
    policy: ADMIN,
    plan: { internet: true, open: [22], listenerPort: "all", port: undefined },
    reached: 22,
    balancerReached: true,
  },
  {
    name: "intranet NLB forwarding to SSH",
    policy: ADMIN,
    plan: { internet: false, open: [22, 443], listenerPort: 22, port: 22 },
  },
  {
    name: "internet NLB listening on 443 only while the group also admits SSH",
    policy: ADMIN,
    plan: { internet: true, open: [22, 443], listenerPort: 443, port: 443 },
  },
  {
    name: "internet NLB forwarding 443 to SSH, the host's group admits only 443",
    policy: ADMIN,
    plan: { internet: true, open: [443], listenerPort: 443, port: 22 },
  },
  {
    name: "internet NLB listening on 22 itself: the balancer's own port is reported, whatever the host admits",
    policy: ADMIN,
    plan: { internet: true, open: [443], listenerPort: 22, port: 443 },
    balancerReached: true,
  },
  {
    name: "internet NLB forwarding to SSH, its own security group admits only 443",
    policy: ADMIN,
    plan: { internet: true, open: [22], listenerPort: 22, port: 22, nlbGroupOpen: [443] },
  },
  {
    name: "internet NLB forwarding to SSH, its own security group admits 22",
    policy: ADMIN,
    plan: { internet: true, open: [22], listenerPort: 22, port: 22, nlbGroupOpen: [22] },
    reached: 22,
    balancerReached: true,
  },
];

describe("template NLBs judged as the program's", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
    const fromTemplate = await runStack(row.policy, [container(rosBody(templateResources(row.plan)))]);
    const fromProgram = await runStack(row.policy, programResources(row.plan));
    const found = counts(fromTemplate);
    expect(found).toEqual(counts(fromProgram));
    expect(found.other).toBe(0);
    for (const d of fromTemplate) expect(d.urn).toBe(CONTAINER);
    const hostFindings = fromTemplate.filter((d) => d.level === "mandatory" && d.message.includes(HOST_FINDING));
    expect(hostFindings.length > 0).toBe(row.reached !== undefined);
    if (row.reached !== undefined) expect(hostFindings.some((d) => d.message.includes(`:${row.reached}`))).toBe(true);
    const balancerFindings = fromTemplate.filter((d) => d.level === "mandatory" && d.message.includes(LB_FINDING));
    expect(balancerFindings.length > 0).toBe(row.balancerReached === true);
    if (row.reached === undefined) expect(found.violations).toBe(balancerFindings.length);
  });
});

describe("template NLBs: values unknown at preview", () => {
  const ssh: Plan = { internet: true, open: [22, 443], listenerPort: 443, port: 22 };

  it("a server port from a parameter the program feeds is not a pass; known, it decides", async () => {
    const plan: Plan = { ...ssh, port: ref("Port") };
    const body = rosBody(templateResources(plan), { Port: { Type: "Number" } });
    const unknown = counts(await runStack(ADMIN, [container(body, given({ Port: UNKNOWN }))]));
    expect(unknown.violations + unknown.notes).toBeGreaterThan(0);
    expect(unknown).toEqual(counts(await runStack(ADMIN, programResources({ ...plan, port: UNKNOWN }))));
    const web = counts(await runStack(ADMIN, [container(body, given({ Port: 443 }))]));
    expect(web).toEqual({ violations: 0, notes: 0, other: 0 });
    const admin = counts(await runStack(ADMIN, [container(body, given({ Port: 22 }))]));
    expect(admin.violations).toBeGreaterThan(0);
  });

  it("a listener port from a parameter the program feeds is not a pass; known, it decides", async () => {
    const plan: Plan = { ...ssh, listenerPort: ref("Listen"), port: 443, open: [443] };
    const body = rosBody(templateResources(plan), { Listen: { Type: "Number" } });
    const db = (props: Record<string, unknown> = {}) => runStack(DATABASE, [container(body, props)]);
    const unknown = counts(await db(given({ Listen: UNKNOWN })));
    expect(unknown.violations + unknown.notes).toBeGreaterThan(0);
    expect(unknown).toEqual(counts(await runStack(DATABASE, programResources({ ...plan, listenerPort: UNKNOWN }))));
    expect(counts(await db(given({ Listen: 443 })))).toEqual({ violations: 0, notes: 0, other: 0 });
    expect(counts(await db(given({ Listen: 3306 }))).violations).toBeGreaterThan(0);
  });

  it("a server id from an unknown parameter is not a pass: its known port is published", async () => {
    const resources = templateResources(ssh);
    const servers = resources.Group.Properties!.Servers as Record<string, unknown>[];
    servers[0].ServerId = ref("Server");
    const body = rosBody(resources, { Server: { Type: "String" } });
    const ds = await runStack(ADMIN, [container(body)]);
    expect(counts(ds).violations).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes("server (id unknown at preview) (outside the stack):22"))).toBe(true);
    const program = programResources(ssh).map((r) =>
      r.name === "attach" ? { ...r, props: { ...r.props, serverId: UNKNOWN } } : r,
    );
    expect(counts(ds)).toEqual(counts(await runStack(ADMIN, program)));
    const outside = await runStack(ADMIN, [container(body, given({ Server: "i-existing" }))]);
    expect(outside.some((d) => d.message.includes("server i-existing (outside the stack):22"))).toBe(true);
  });

  it("a whole server list unknown may be any server on any port: a note, not a pass", async () => {
    const resources = templateResources(ssh);
    resources.Group.Properties!.Servers = ref("Servers");
    const body = rosBody(resources, { Servers: { Type: "Json" } });
    const ds = await runStack(ADMIN, [container(body)]);
    expect(counts(ds).violations + counts(ds).notes).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes("unknown at preview"))).toBe(true);
  });
});

describe("ROS NLB translations", () => {
  const read = (resources: TemplateResources) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(ROS_STACK)!, { templateBody: rosBody(resources) }).resources;
  const ssh: Plan = { internet: true, open: [22], listenerPort: 22, port: 22, nlbGroupOpen: [22] };

  it("the balancer keeps its address type, zones, vSwitches and EIPs field for field", () => {
    const lb = read(templateResources(ssh)).find((r) => r.logicalId === "Lb")!;
    expect(lb.type).toBe("alicloud:nlb/loadBalancer:LoadBalancer");
    expect(lb.props).toMatchObject({ addressType: "Internet", addressIpVersion: "Ipv4" });
    const [zone] = lb.props.zoneMappings as Record<string, unknown>[];
    expect(zone.zoneId).toBe("cn-hangzhou-h");
    expect(String(zone.vswitchId).endsWith(":Vsw")).toBe(true);
    expect(String(zone.allocationId).endsWith(":Eip")).toBe(true);
  });

  it("a server group splits into the group and one attachment per server naming it", () => {
    const resources = templateResources(ssh);
    (resources.Group.Properties!.Servers as unknown[]).push({
      ServerId: "10.0.1.9",
      ServerIp: "10.0.1.9",
      ServerType: "Ip",
      Port: 3306,
    });
    const group = read(resources).filter((r) => r.logicalId === "Group");
    expect(group.map((r) => [r.type, r.where])).toEqual([
      ["alicloud:nlb/serverGroup:ServerGroup", undefined],
      ["alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment", "Servers[0]"],
      ["alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment", "Servers[1]"],
    ]);
    expect(String(group[1].props.serverGroupId).endsWith(":Group")).toBe(true);
    expect(group[1].props).toMatchObject({ serverType: "Ecs", port: 22, weight: 100 });
    expect(group[2].props).toMatchObject({ serverId: "10.0.1.9", serverIp: "10.0.1.9", serverType: "Ip", port: 3306 });
  });

  it("an all-port listener is listenerPort 0 with its range; a security group attachment is one per id", () => {
    const reading = read(templateResources({ ...ssh, listenerPort: "all" }));
    const listener = reading.find((r) => r.logicalId === "Listener")!;
    expect(listener.props).toMatchObject({ listenerProtocol: "TCP", listenerPort: 0, startPort: 1, endPort: 65535 });
    expect(String(listener.props.loadBalancerId).endsWith(":Lb")).toBe(true);
    expect(String(listener.props.serverGroupId).endsWith(":Group")).toBe(true);
    expect(reading.find((r) => r.logicalId === "Group")!.props.anyPortEnabled).toBe(true);
    const attach = reading.filter((r) => r.logicalId === "LbSgAttach");
    expect(attach.map((r) => r.type)).toEqual([
      "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
    ]);
    expect(String(attach[0].props.securityGroupId).endsWith(":LbSg")).toBe(true);
  });
});
