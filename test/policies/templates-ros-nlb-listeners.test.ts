// ROS NLB listeners: `Enable` (read as the provider's listener `status`) and `ServerGroupTuples` (a listener forwarding
// to several server groups). Two hosts sit behind two groups: Web serves 443, Admin's group forwards to its SSH port,
// which Admin's security group admits from the VPC range. A listener reaching Admin through any of its groups is a
// finding; one reaching only Web, or on an intranet balancer, is none; an `Enable` unknown at preview is never a
// silent pass. Each plan is also written as program resources and must be judged the same; a stopped listener serves
// nothing, and a group unknown at preview that nothing in the stack gives is a note.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { Diagnostic, runStack, StackInput, UNKNOWN } from "./harness";
import { ROS_STACK, TemplateResources } from "./templates-fixtures";
import { container, given, res, rosBody } from "./ros-program-twins";
import { getAtt, ref, rosNlb } from "./ros-nlb-fixtures";
import { counts } from "./finding-counts";

const ADMIN = disallowInternetAdminPortsExceptBastions;
const VPC_RANGE = "10.0.0.0/16";
const ADMIN_HOST = "template resource Admin (ALIYUN::ECS::Instance)";
const LB = "template resource Lb (ALIYUN::NLB::LoadBalancer)";

type GroupName = "WebGroup" | "AdminGroup";

interface Plan {
  internet: boolean;
  listenerPort: number;
  /** `Enable` as written; left out when undefined. */
  enable?: unknown;
  /** `ServerGroupId`; left out when undefined. */
  group?: GroupName;
  /** `ServerGroupTuples` entries; left out when undefined. */
  tuples?: GroupName[];
}

// ---- the plan as a ROS template ----

function templateResources(p: Plan): TemplateResources {
  const host = (sg: string, port: number) => ({
    [`${sg}Sg`]: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: {
        VpcId: ref("Vpc"),
        SecurityGroupIngress: [{ IpProtocol: "tcp", PortRange: `${port}/${port}`, SourceCidrIp: VPC_RANGE }],
      },
    },
    [sg]: {
      Type: "ALIYUN::ECS::Instance",
      Properties: {
        ImageId: "ubuntu",
        VSwitchId: ref("Vsw"),
        SecurityGroupId: ref(`${sg}Sg`),
        AllocatePublicIP: false,
      },
    },
  });
  const group = (server: string, port: number) => ({
    Type: "ALIYUN::NLB::ServerGroup",
    Properties: {
      ServerGroupName: server,
      VpcId: ref("Vpc"),
      Protocol: "TCP",
      HealthCheckConfig: { HealthCheckEnabled: false },
      Servers: [{ ServerId: ref(server), ServerType: "Ecs", Port: port, Weight: 100 }],
    },
  });
  return {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: VPC_RANGE } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: ref("Vpc"), CidrBlock: "10.0.1.0/24" } },
    ...host("Web", 443),
    ...host("Admin", 22),
    ...rosNlb(p.internet),
    WebGroup: group("Web", 443),
    AdminGroup: group("Admin", 22),
    Listener: {
      Type: "ALIYUN::NLB::Listener",
      Properties: {
        LoadBalancerId: getAtt("Lb", "LoadBalancerId"),
        ListenerProtocol: "TCP",
        ListenerPort: p.listenerPort,
        ...(p.group ? { ServerGroupId: getAtt(p.group, "ServerGroupId") } : {}),
        ...(p.tuples
          ? { ServerGroupTuples: p.tuples.map((g) => ({ ServerGroupId: getAtt(g, "ServerGroupId") })) }
          : {}),
        ...(p.enable !== undefined ? { Enable: p.enable } : {}),
      },
    },
  };
}

// ---- the same plan as program resources: the provider's listener names one group, so one listener per group ----

const PROGRAM_GROUP: Record<GroupName, string> = { WebGroup: "web-group", AdminGroup: "admin-group" };

function programResources(p: Plan, status?: unknown): StackInput[] {
  const host = (name: string, port: number): StackInput[] => [
    res("ecs/securityGroup:SecurityGroup", `${name}-sg`, { vpcId: "vpc-id" }),
    res("ecs/securityGroupRule:SecurityGroupRule", `${name}-sg-${port}`, {
      type: "ingress",
      securityGroupId: `${name}-sg-id`,
      ipProtocol: "tcp",
      portRange: `${port}/${port}`,
      cidrIp: VPC_RANGE,
    }),
    res("ecs/instance:Instance", name, {
      imageId: "ubuntu",
      vswitchId: "vsw-id",
      securityGroups: [`${name}-sg-id`],
      internetMaxBandwidthOut: 0,
    }),
  ];
  const group = (name: string, server: string, port: number): StackInput[] => [
    res("nlb/serverGroup:ServerGroup", name, { serverGroupName: server, vpcId: "vpc-id", protocol: "TCP" }),
    res("nlb/serverGroupServerAttachment:ServerGroupServerAttachment", `${name}-attach`, {
      serverGroupId: `${name}-id`,
      serverId: `${server}-id`,
      serverType: "Ecs",
      port,
      weight: 100,
    }),
  ];
  const groups = [...(p.group ? [p.group] : []), ...(p.tuples ?? [])];
  return [
    res("vpc/network:Network", "vpc", { cidrBlock: VPC_RANGE }),
    res("vpc/switch:Switch", "vsw", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" }),
    ...host("web", 443),
    ...host("admin", 22),
    res("ecs/eipAddress:EipAddress", "eip", { bandwidth: "10" }),
    res("nlb/loadBalancer:LoadBalancer", "lb", {
      addressType: p.internet ? "Internet" : "Intranet",
      addressIpVersion: "Ipv4",
      vpcId: "vpc-id",
      zoneMappings: [
        { zoneId: "cn-hangzhou-h", vswitchId: "vsw-id", ...(p.internet ? { allocationId: "eip-id" } : {}) },
      ],
    }),
    ...group("web-group", "web", 443),
    ...group("admin-group", "admin", 22),
    ...groups.map((g, i) =>
      res("nlb/listener:Listener", `listener-${i}`, {
        loadBalancerId: "lb-id",
        listenerProtocol: "TCP",
        listenerPort: p.listenerPort,
        serverGroupId: `${PROGRAM_GROUP[g]}-id`,
        ...(status !== undefined ? { status } : {}),
      }),
    ),
  ];
}

// ---- verdicts ----

const findingsOn = (ds: Diagnostic[], what: string) =>
  ds.filter((d) => d.level === "mandatory" && d.message.includes(what));

interface Row {
  name: string;
  plan: Plan;
  /** The program's listener status for the same plan. */
  status?: string;
  /** Admin's SSH is reached through the balancer. */
  adminReached: boolean;
  /** The balancer itself listens on an admin port from the internet. */
  balancerReached: boolean;
}

const ROWS: Row[] = [
  {
    name: "enabled internet listener on 22 to Admin's SSH",
    plan: { internet: true, listenerPort: 22, group: "AdminGroup", enable: true },
    status: "Running",
    adminReached: true,
    balancerReached: true,
  },
  {
    name: "enabled listener written as the string 'true'",
    plan: { internet: true, listenerPort: 22, group: "AdminGroup", enable: "true" },
    status: "Running",
    adminReached: true,
    balancerReached: true,
  },
  {
    name: "internet listener on 443 forwarding through ServerGroupTuples, the second group to Admin's SSH",
    plan: { internet: true, listenerPort: 443, tuples: ["WebGroup", "AdminGroup"] },
    adminReached: true,
    balancerReached: false,
  },
  {
    name: "ServerGroupId to Web plus a tuple to Admin: both groups are served",
    plan: { internet: true, listenerPort: 443, group: "WebGroup", tuples: ["AdminGroup"] },
    adminReached: true,
    balancerReached: false,
  },
  {
    name: "internet listener on 443 whose tuples name Web's group only",
    plan: { internet: true, listenerPort: 443, tuples: ["WebGroup"] },
    adminReached: false,
    balancerReached: false,
  },
  {
    name: "intranet balancer forwarding through tuples to Admin's SSH",
    plan: { internet: false, listenerPort: 22, tuples: ["WebGroup", "AdminGroup"], enable: true },
    status: "Running",
    adminReached: false,
    balancerReached: false,
  },
];

describe("ROS NLB listeners judged as the program's", () => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s", async (_n, row) => {
    const fromTemplate = await runStack(ADMIN, [container(rosBody(templateResources(row.plan)))]);
    const found = counts(fromTemplate);
    expect(found).toEqual(counts(await runStack(ADMIN, programResources(row.plan, row.status))));
    expect(found.other).toBe(0);
    const admin = findingsOn(fromTemplate, ADMIN_HOST);
    expect(admin.length > 0).toBe(row.adminReached);
    if (row.adminReached) expect(admin.some((d) => d.message.includes(":22"))).toBe(true);
    expect(findingsOn(fromTemplate, LB).length > 0).toBe(row.balancerReached);
    if (!row.adminReached && !row.balancerReached) expect(found.violations).toBe(0);
  });

  it("a disabled listener is judged as the program's stopped listener", async () => {
    const plan: Plan = { internet: true, listenerPort: 22, group: "AdminGroup", enable: false };
    const fromTemplate = counts(await runStack(ADMIN, [container(rosBody(templateResources(plan)))]));
    expect(fromTemplate).toEqual(counts(await runStack(ADMIN, programResources(plan, "Stopped"))));
  });

  it("a disabled listener on 22 opens nothing", async () => {
    const plan: Plan = { internet: true, listenerPort: 22, group: "AdminGroup", enable: false };
    const ds = await runStack(ADMIN, [container(rosBody(templateResources(plan)))]);
    expect(counts(ds)).toEqual({ violations: 0, notes: 0, other: 0 });
  });
});

describe("ROS NLB listeners: values unknown at preview", () => {
  const ssh: Plan = { internet: true, listenerPort: 22, group: "AdminGroup", enable: ref("On") };
  const body = rosBody(templateResources(ssh), { On: { Type: "Boolean" } });
  /** A listener on 443 whose ServerGroupTuples come from a parameter the program does not give. */
  const unknownTuplesBody = () => {
    const resources = templateResources({ internet: true, listenerPort: 443 });
    resources.Listener.Properties!.ServerGroupTuples = ref("Tuples");
    return rosBody(resources, { Tuples: { Type: "Json" } });
  };

  it("Enable from a parameter the program feeds unknown is not a pass", async () => {
    const unknown = counts(await runStack(ADMIN, [container(body, given({ On: UNKNOWN }))]));
    expect(unknown.violations + unknown.notes).toBeGreaterThan(0);
    expect(unknown).toEqual(counts(await runStack(ADMIN, programResources(ssh, UNKNOWN))));
  });

  it("Enable from a parameter given true is a finding", async () => {
    const on = await runStack(ADMIN, [container(body, given({ On: true }))]);
    expect(findingsOn(on, ADMIN_HOST).length).toBeGreaterThan(0);
  });

  it("a tuple list from an unknown parameter is judged as a program listener whose group is unknown", async () => {
    const fromTemplate = counts(await runStack(ADMIN, [container(unknownTuplesBody())]));
    const program = programResources({ internet: true, listenerPort: 443, tuples: ["WebGroup"] }).map((r) =>
      r.type.endsWith("nlb/listener:Listener") ? { ...r, props: { ...r.props, serverGroupId: UNKNOWN } } : r,
    );
    expect(fromTemplate).toEqual(counts(await runStack(ADMIN, program)));
  });

  it("a tuple list from an unknown parameter is not a silent pass", async () => {
    const ds = await runStack(ADMIN, [container(unknownTuplesBody())]);
    expect(counts(ds).violations + counts(ds).notes).toBeGreaterThan(0);
  });
});

describe("ROS NLB listener translations", () => {
  const read = (resources: TemplateResources) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(ROS_STACK)!, { templateBody: rosBody(resources) }).resources.filter(
      (r) => r.logicalId === "Listener",
    );
  const base: Plan = { internet: true, listenerPort: 22, group: "AdminGroup" };

  it.each([
    [true, "Running"],
    [false, "Stopped"],
    ["false", "Stopped"],
    ["True", "Running"],
  ])("Enable %p is status %p", (enable, status) => {
    const [listener] = read(templateResources({ ...base, enable }));
    expect(listener.type).toBe("alicloud:nlb/listener:Listener");
    expect(listener.props.status).toBe(status);
  });

  it("Enable left out leaves status out, as a program that does not set it", () => {
    const [listener] = read(templateResources(base));
    expect("status" in listener.props).toBe(false);
  });

  it("ServerGroupTuples split into one listener per group, on the same port, each naming its group", () => {
    const listeners = read(templateResources({ ...base, group: undefined, tuples: ["WebGroup", "AdminGroup"] }));
    expect(listeners.map((r) => r.where)).toEqual(["ServerGroupTuples[0]", "ServerGroupTuples[1]"]);
    expect(listeners.map((r) => String(r.props.serverGroupId).split(":").pop())).toEqual(["WebGroup", "AdminGroup"]);
    for (const l of listeners) expect(l.props).toMatchObject({ listenerPort: 22, listenerProtocol: "TCP" });
  });

  it("ServerGroupId with tuples keeps the named group first, then one listener per tuple", () => {
    const listeners = read(templateResources({ ...base, group: "WebGroup", tuples: ["AdminGroup"] }));
    expect(listeners.map((r) => r.where)).toEqual([undefined, "ServerGroupTuples[0]"]);
    expect(listeners.map((r) => String(r.props.serverGroupId).split(":").pop())).toEqual(["WebGroup", "AdminGroup"]);
  });
});
