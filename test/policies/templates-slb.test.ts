// ROS Server Load Balancers (CLB) inside raw templates join the network model as the program's do: an internet-facing
// template balancer forwarding to a template ECS instance reaches the ports its listeners forward to, narrowed by
// the access control lists they whitelist, and the WAF rule asks for a WAF in front of its HTTP(S) listeners. Each
// verdict is set beside the same stack written as program resources; findings land on the container.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";
import { counts, Counts } from "./finding-counts";

type Policy = Parameters<typeof runStack>[0];

const ADMIN = disallowInternetAdminPortsExceptBastions;
const DATABASE = disallowInternetDatabaseAndHighRiskPorts;
const WAF = requireWafOnInternetEndpoints;
const OFFICE = "203.0.113.0/24";
const CONTAINER = urnOf(ROS_STACK, "app");

/** One ECS instance behind one SLB listener, as a template writes it and as a program would. */
interface Plan {
  /** Host ports the instance's group admits, from `source`. */
  open: number[];
  source?: string;
  addressType?: "internet" | "intranet";
  front: unknown;
  back: unknown;
  protocol?: string;
  /** A whitelist or blacklist ACL of these entries on the listener. */
  acl?: { type: "white" | "black"; entries: string[] };
  /** Backends in a vServer group instead of default servers. */
  viaGroup?: boolean;
}

const tcp = (port: number, source: string) => ({
  IpProtocol: "tcp",
  PortRange: `${port}/${port}`,
  SourceCidrIp: source,
});

function templateResources(p: Plan, listenerExtra: Record<string, unknown> = {}): TemplateResources {
  const source = p.source ?? "10.0.0.0/8";
  const backends: TemplateResources = p.viaGroup
    ? {
        Group: {
          Type: "ALIYUN::SLB::VServerGroup",
          Properties: {
            LoadBalancerId: { "Fn::GetAtt": ["Lb", "LoadBalancerId"] },
            VServerGroupName: "web",
            BackendServers: [{ ServerId: { "Fn::GetAtt": ["Web", "InstanceId"] }, Port: p.back, Weight: 100 }],
          },
        },
      }
    : {
        Backends: {
          Type: "ALIYUN::SLB::BackendServerAttachment",
          Properties: { LoadBalancerId: { Ref: "Lb" }, BackendServers: [{ ServerId: { Ref: "Web" }, Weight: 100 }] },
        },
      };
  const acl: TemplateResources = p.acl
    ? {
        Acl: {
          Type: "ALIYUN::SLB::AccessControl",
          Properties: { AclName: "office", AclEntrys: p.acl.entries.map((entry) => ({ entry, comment: "x" })) },
        },
      }
    : {};
  return {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
    WebSg: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: { VpcId: { Ref: "Vpc" }, SecurityGroupIngress: p.open.map((port) => tcp(port, source)) },
    },
    Web: {
      Type: "ALIYUN::ECS::Instance",
      Properties: {
        ImageId: "ubuntu",
        VpcId: { Ref: "Vpc" },
        VSwitchId: { Ref: "Vsw" },
        SecurityGroupId: { Ref: "WebSg" },
        AllocatePublicIP: false,
      },
    },
    Lb: {
      Type: "ALIYUN::SLB::LoadBalancer",
      Properties: {
        LoadBalancerSpec: "slb.s1.small",
        VpcId: { Ref: "Vpc" },
        VSwitchId: { Ref: "Vsw" },
        ...(p.addressType ? { AddressType: p.addressType } : {}),
      },
    },
    ...backends,
    ...acl,
    Listener: {
      Type: "ALIYUN::SLB::Listener",
      Properties: {
        LoadBalancerId: { Ref: "Lb" },
        ListenerPort: p.front,
        BackendServerPort: p.back,
        Protocol: p.protocol ?? "tcp",
        Bandwidth: -1,
        ...(p.viaGroup ? { VServerGroupId: { "Fn::GetAtt": ["Group", "VServerGroupId"] } } : {}),
        ...(p.acl ? { AclStatus: "on", AclType: p.acl.type, AclId: { "Fn::GetAtt": ["Acl", "AclId"] } } : {}),
        ...listenerExtra,
      },
    },
  };
}

const rosBody = (resources: TemplateResources, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", Parameters: parameters, Resources: resources });

/** ROS containers take parameters as `{ parameterKey, parameterValue }` pairs. */
const given = (values: Record<string, unknown>) => ({
  parameters: Object.entries(values).map(([parameterKey, parameterValue]) => ({ parameterKey, parameterValue })),
});

const container = (body: string, type = ROS_STACK, props: Record<string, unknown> = {}): StackInput => ({
  type,
  name: "app",
  props: { templateBody: body, ...props },
});

/** The same plan as program resources linked by known ids. */
function programResources(p: Plan): StackInput[] {
  const source = p.source ?? "10.0.0.0/8";
  const res = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
    type: `alicloud:${type}`,
    name,
    props: { id: `${name}-id`, ...props },
  });
  return [
    res("vpc/network:Network", "vpc", { cidrBlock: "10.0.0.0/16" }),
    res("vpc/switch:Switch", "vsw", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" }),
    res("ecs/securityGroup:SecurityGroup", "web-sg", { vpcId: "vpc-id" }),
    ...p.open.map((port) =>
      res("ecs/securityGroupRule:SecurityGroupRule", `web-${port}`, {
        type: "ingress",
        securityGroupId: "web-sg-id",
        ipProtocol: "tcp",
        portRange: `${port}/${port}`,
        cidrIp: source,
      }),
    ),
    res("ecs/instance:Instance", "web", {
      imageId: "ubuntu",
      vswitchId: "vsw-id",
      securityGroups: ["web-sg-id"],
      internetMaxBandwidthOut: 0,
    }),
    res("slb/applicationLoadBalancer:ApplicationLoadBalancer", "lb", {
      loadBalancerSpec: "slb.s1.small",
      vswitchId: "vsw-id",
      ...(p.addressType ? { addressType: p.addressType } : {}),
    }),
    p.viaGroup
      ? res("slb/serverGroup:ServerGroup", "group", {
          loadBalancerId: "lb-id",
          servers: [{ serverIds: ["web-id"], port: p.back, weight: 100 }],
        })
      : res("slb/backendServer:BackendServer", "backends", {
          loadBalancerId: "lb-id",
          backendServers: [{ serverId: "web-id", weight: 100 }],
        }),
    ...(p.acl
      ? [res("slb/acl:Acl", "acl", { name: "office", entryLists: p.acl.entries.map((entry) => ({ entry })) })]
      : []),
    res("slb/listener:Listener", "listener", {
      loadBalancerId: "lb-id",
      frontendPort: p.front,
      backendPort: p.back,
      protocol: p.protocol ?? "tcp",
      bandwidth: -1,
      ...(p.viaGroup ? { serverGroupId: "group-id" } : {}),
      ...(p.acl ? { aclStatus: "on", aclType: p.acl.type, aclId: "acl-id" } : {}),
    }),
  ];
}

interface SlbCase {
  name: string;
  plan: Plan;
  violations: number;
  notes?: number;
  /** Words every violation holds. */
  mentions?: string;
}

/** The listener's own port and the host behind it are each reported: the balancer's finding and the host's. */
const HOST_FINDING = "template resource Web (ALIYUN::ECS::Instance)";

/** Each plan as a template and as a program: both give the counts the row expects, template findings on the container. */
function slbTable(policy: Policy, cases: SlbCase[]) {
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const want: Counts = { violations: c.violations, notes: c.notes ?? 0, other: 0 };
    const fromTemplate = await runStack(policy, [container(rosBody(templateResources(c.plan)))]);
    const fromProgram = await runStack(policy, programResources(c.plan));
    expect({ template: counts(fromTemplate), program: counts(fromProgram) }).toEqual({ template: want, program: want });
    for (const d of fromTemplate) expect(d.urn).toBe(CONTAINER);
    const violations = fromTemplate.filter((d) => d.level === "mandatory");
    for (const d of violations) {
      expect(d.message).toMatch(/template resource (Web \(ALIYUN::ECS::Instance\)|Lb \(ALIYUN::SLB::LoadBalancer\))/);
      if (c.mentions) expect(d.message).toContain(c.mentions);
    }
    if (violations.length > 0) expect(violations.some((d) => d.message.includes(HOST_FINDING))).toBe(true);
  });
}

describe("disallow-internet-admin-ports-except-bastions: ECS behind a template SLB", () => {
  slbTable(ADMIN, [
    {
      name: "SSH admitted only from 10.0.0.0/8, behind an internet listener 22 → 22",
      plan: { open: [22], front: 22, back: 22 },
      violations: 2,
      mentions: "lb:app/Lb",
    },
    {
      name: "the same through a vServer group named by GetAtt",
      plan: { open: [22], front: 22, back: 22, viaGroup: true },
      violations: 2,
      mentions: "listener:app/Listener",
    },
    {
      name: "listener 2222 → 22: the host's SSH port is what is published",
      plan: { open: [22], front: 2222, back: 22 },
      violations: 1,
    },
    {
      name: "a web host behind listener 443 → 80",
      plan: { open: [22, 80], front: 443, back: 80 },
      violations: 0,
    },
    {
      name: "an intranet SLB",
      plan: { open: [22], front: 22, back: 22, addressType: "intranet" },
      violations: 0,
    },
    {
      name: "the listener whitelists an ACL of 203.0.113.0/24",
      plan: { open: [22], front: 22, back: 22, acl: { type: "white", entries: [OFFICE] } },
      violations: 2,
      mentions: OFFICE,
    },
    {
      name: "a whitelist of 0.0.0.0/0 narrows nothing",
      plan: { open: [22], front: 22, back: 22, acl: { type: "white", entries: ["0.0.0.0/0"] } },
      violations: 2,
      mentions: "0.0.0.0/0",
    },
    {
      name: "a blacklist of 0.0.0.0/0 drops every IPv4 source",
      plan: { open: [22], front: 22, back: 22, acl: { type: "black", entries: ["0.0.0.0/0"] } },
      violations: 0,
    },
  ]);
});

describe("disallow-internet-database-and-high-risk-ports: a database port behind a template SLB", () => {
  slbTable(DATABASE, [
    {
      name: "MySQL admitted from the VPC, behind an internet listener 3306 → 3306",
      plan: { open: [3306], source: "10.0.0.0/16", front: 3306, back: 3306 },
      violations: 2,
      mentions: "3306",
    },
    {
      name: "the same through a vServer group",
      plan: { open: [3306], source: "10.0.0.0/16", front: 3306, back: 3306, viaGroup: true },
      violations: 2,
    },
    {
      name: "behind an intranet SLB",
      plan: { open: [3306], source: "10.0.0.0/16", front: 3306, back: 3306, addressType: "intranet" },
      violations: 0,
    },
    {
      name: "the listener forwards 443 → 80 and the group admits 3306 too",
      plan: { open: [80, 3306], source: "10.0.0.0/16", front: 443, back: 80 },
      violations: 0,
    },
  ]);
});

describe("template SLB forms", () => {
  const adminCounts = async (resources: StackInput[]) => counts(await runStack(ADMIN, resources));
  const ssh: Plan = { open: [22], front: 22, back: 22 };

  it("a YAML body with short-form tags reads as its JSON twin", async () => {
    const yaml = `
ROSTemplateFormatVersion: "2015-09-01"
Resources:
  Vpc:
    Type: ALIYUN::ECS::VPC
    Properties: { CidrBlock: 10.0.0.0/16 }
  Vsw:
    Type: ALIYUN::ECS::VSwitch
    Properties: { VpcId: !Ref Vpc, CidrBlock: 10.0.1.0/24 }
  WebSg:
    Type: ALIYUN::ECS::SecurityGroup
    Properties:
      VpcId: !Ref Vpc
      SecurityGroupIngress:
        - { IpProtocol: tcp, PortRange: 22/22, SourceCidrIp: 10.0.0.0/8 }
  Web:
    Type: ALIYUN::ECS::Instance
    Properties:
      ImageId: ubuntu
      VSwitchId: !Ref Vsw
      SecurityGroupId: !GetAtt WebSg.SecurityGroupId
      AllocatePublicIP: false
  Lb:
    Type: ALIYUN::SLB::LoadBalancer
    Properties: { AddressType: internet, VSwitchId: !Ref Vsw }
  Group:
    Type: ALIYUN::SLB::VServerGroup
    Properties:
      LoadBalancerId: !Ref Lb
      VServerGroupName: ssh
      BackendServers:
        - { ServerId: !Ref Web, Port: 22, Weight: 100 }
  Listener:
    Type: ALIYUN::SLB::Listener
    Properties:
      LoadBalancerId: !GetAtt Lb.LoadBalancerId
      ListenerPort: 22
      Protocol: tcp
      Bandwidth: -1
      VServerGroupId: !Ref Group
`;
    const ds = await runStack(ADMIN, [container(yaml)]);
    expect(counts(ds)).toEqual({ violations: 2, notes: 0, other: 0 });
    for (const d of ds) expect(d.urn).toBe(CONTAINER);
    expect(ds.some((d) => d.message.includes("server-group:app/Group"))).toBe(true);
    // The same body without the listener publishes nothing.
    const closed = yaml.slice(0, yaml.indexOf("  Listener:"));
    expect(await adminCounts([container(closed)])).toEqual({ violations: 0, notes: 0, other: 0 });
  });

  it("a stack group's template is judged alike, on the stack group", async () => {
    const ds = await runStack(ADMIN, [container(rosBody(templateResources(ssh)), ROS_STACK_GROUP)]);
    expect(counts(ds)).toEqual({ violations: 2, notes: 0, other: 0 });
    for (const d of ds) expect(d.urn).toBe(urnOf(ROS_STACK_GROUP, "app"));
  });

  it("AddressType left out: ROS creates an internet-facing balancer", async () => {
    const resources = templateResources(ssh);
    expect(resources.Lb.Properties).not.toHaveProperty("AddressType");
    expect(await adminCounts([container(rosBody(resources))])).toEqual({ violations: 2, notes: 0, other: 0 });
  });

  it("AddressType from a parameter fed with an unknown program output counts as internet-facing", async () => {
    const resources = templateResources({ ...ssh, addressType: "intranet" });
    resources.Lb.Properties!.AddressType = { Ref: "Kind" };
    const body = rosBody(resources, { Kind: { Type: "String" } });
    const unknown = await adminCounts([container(body, ROS_STACK, given({ Kind: UNKNOWN }))]);
    expect(unknown.violations + unknown.notes).toBeGreaterThan(0);
    const program = programResources(ssh).map((r) =>
      r.name === "lb" ? { ...r, props: { ...r.props, addressType: UNKNOWN } } : r,
    );
    expect(unknown).toEqual(await adminCounts(program));
    // Given intranet by the program, nothing is published.
    const known = await adminCounts([container(body, ROS_STACK, given({ Kind: "intranet" }))]);
    expect(known).toEqual({ violations: 0, notes: 0, other: 0 });
  });

  it("a ListenerPort unknown at preview is not a pass: the known backend port 22 is still published", async () => {
    const body = rosBody(templateResources(ssh, { ListenerPort: { Ref: "Port" } }), { Port: { Type: "Number" } });
    const ds = await runStack(ADMIN, [container(body)]);
    const found = counts(ds);
    expect(found.violations + found.notes).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes(HOST_FINDING) && d.message.includes("ecs:app/Web:22"))).toBe(true);
    const program = programResources(ssh).map((r) =>
      r.name === "listener" ? { ...r, props: { ...r.props, frontendPort: UNKNOWN } } : r,
    );
    expect(found).toEqual(await adminCounts(program));
    // The program's value, once known, decides it: 443 publishes only the host's port 22.
    const known = await adminCounts([container(body, ROS_STACK, given({ Port: 443 }))]);
    expect(known).toEqual({ violations: 1, notes: 0, other: 0 });
  });

  it("ListenerPort and BackendServerPort both unknown: any port may be forwarded", async () => {
    const body = rosBody(
      templateResources(ssh, { ListenerPort: { Ref: "Port" }, BackendServerPort: { Ref: "Port" } }),
      {
        Port: { Type: "Number" },
      },
    );
    const found = await adminCounts([container(body)]);
    expect(found.violations + found.notes).toBeGreaterThan(0);
    const program = programResources(ssh).map((r) =>
      r.name === "listener" ? { ...r, props: { ...r.props, frontendPort: UNKNOWN, backendPort: UNKNOWN } } : r,
    );
    expect(found).toEqual(await adminCounts(program));
  });

  it("a vServer group's server port unknown at preview may be the host's SSH port, behind a listener on 443", async () => {
    const plan: Plan = { open: [22], front: 443, back: 443, viaGroup: true };
    const resources = templateResources(plan);
    delete resources.Listener.Properties!.BackendServerPort;
    const group = resources.Group.Properties!.BackendServers as Record<string, unknown>[];
    group[0].Port = { Ref: "Port" };
    const body = rosBody(resources, { Port: { Type: "Number" } });
    const ds = await runStack(ADMIN, [container(body, ROS_STACK, given({ Port: UNKNOWN }))]);
    expect(ds.some((d) => d.level === "mandatory" && d.message.includes("app/Web: tcp/22 is reachable"))).toBe(true);
    expect(ds.some((d) => d.message.includes("server-group:app/Group (port unknown at preview)"))).toBe(true);
    // A program group whose server port is unknown reads the same.
    const program = programResources(plan).map((r) => {
      if (r.name === "group")
        return { ...r, props: { ...r.props, servers: [{ serverIds: ["web-id"], port: UNKNOWN }] } };
      if (r.name !== "listener") return r;
      const { backendPort: _b, ...rest } = r.props;
      return { ...r, props: rest };
    });
    expect(counts(ds)).toEqual(await adminCounts(program));
    // Known once the program passes it: 80 publishes no SSH, 22 does.
    const web = await runStack(ADMIN, [container(body, ROS_STACK, given({ Port: 80 }))]);
    expect(counts(web)).toEqual({ violations: 0, notes: 0, other: 0 });
    const ssh22 = await runStack(ADMIN, [container(body, ROS_STACK, given({ Port: 22 }))]);
    expect(counts(ssh22)).toEqual({ violations: 1, notes: 0, other: 0 });
  });

  it("a port-range listener (ListenerPort 0, PortRange 1-65535) forwards the host's SSH port", async () => {
    const body = rosBody(
      templateResources(ssh, { ListenerPort: 0, BackendServerPort: 0, PortRange: [{ StartPort: 1, EndPort: 65535 }] }),
    );
    const ds = await runStack(ADMIN, [container(body)]);
    expect(ds.some((d) => d.level === "mandatory" && d.message.includes("app/Web: tcp/22 is reachable"))).toBe(true);
    // As a program listener with no single port.
    const program = programResources(ssh).map((r) => {
      if (r.name !== "listener") return r;
      const { frontendPort: _f, backendPort: _b, ...rest } = r.props;
      return { ...r, props: rest };
    });
    expect(counts(ds)).toEqual(await adminCounts(program));
  });

  it("a whitelist entry from an unknown program output is a note, not a pass", async () => {
    const resources = templateResources({ ...ssh, acl: { type: "white", entries: [OFFICE] } });
    resources.Acl.Properties!.AclEntrys = [{ entry: { Ref: "Office" }, comment: "office" }];
    const body = rosBody(resources, { Office: { Type: "String" } });
    const found = await adminCounts([container(body, ROS_STACK, given({ Office: UNKNOWN }))]);
    expect(found.notes).toBeGreaterThan(0);
    expect(found.other).toBe(0);
    // A known entry is judged as the program's.
    const known = await adminCounts([container(body, ROS_STACK, given({ Office: OFFICE }))]);
    expect(known).toEqual(await adminCounts(programResources({ ...ssh, acl: { type: "white", entries: [OFFICE] } })));
  });

  it("servers added to an empty vServer group by a resource of their own are reached", async () => {
    const resources = templateResources({ ...ssh, viaGroup: true });
    delete resources.Group.Properties!.BackendServers;
    const addition = {
      Type: "ALIYUN::SLB::BackendServerToVServerGroupAddition",
      Properties: { VServerGroupId: { Ref: "Group" }, BackendServers: [{ ServerId: { Ref: "Web" }, Port: 22 }] },
    };
    const ds = await runStack(ADMIN, [container(rosBody({ ...resources, Addition: addition }))]);
    expect(counts(ds)).toEqual({ violations: 2, notes: 0, other: 0 });
    expect(ds.some((d) => d.message.includes("app/Web: tcp/22 is reachable"))).toBe(true);
    // The same addition on port 80 publishes the listener's port only, not the host's SSH.
    addition.Properties.BackendServers[0].Port = 80;
    const web = await runStack(ADMIN, [container(rosBody({ ...resources, Addition: addition }))]);
    expect(web.some((d) => d.message.includes(HOST_FINDING))).toBe(false);
  });

  it("a primary/secondary server group forwards to its servers", async () => {
    const resources = templateResources(ssh);
    delete resources.Backends;
    resources.Pair = {
      Type: "ALIYUN::SLB::MasterSlaveServerGroup",
      Properties: {
        LoadBalancerId: { Ref: "Lb" },
        MasterSlaveBackendServers: [{ ServerId: { Ref: "Web" }, Port: 22, Weight: 100, ServerType: "Slave" }],
      },
    };
    resources.Listener.Properties!.MasterSlaveServerGroupId = { Ref: "Pair" };
    const ds = await runStack(ADMIN, [container(rosBody(resources))]);
    expect(counts(ds)).toEqual({ violations: 2, notes: 0, other: 0 });
    expect(ds.some((d) => d.message.includes("app/Web: tcp/22 is reachable"))).toBe(true);
  });

  it("default servers as a BackendServerList of ids", async () => {
    const resources = templateResources(ssh);
    resources.Backends.Properties = { LoadBalancerId: { Ref: "Lb" }, BackendServerList: [{ Ref: "Web" }] };
    const ds = await runStack(ADMIN, [container(rosBody(resources))]);
    expect(counts(ds)).toEqual({ violations: 2, notes: 0, other: 0 });
    expect(ds.some((d) => d.message.includes("ecs:app/Web:22"))).toBe(true);
  });

  it("a BackendServerList of comma-separated ids outside the plan reads as the program's servers outside it", async () => {
    const resources = templateResources(ssh);
    resources.Backends.Properties = { LoadBalancerId: { Ref: "Lb" }, BackendServerList: "i-outside, i-other" };
    const program = programResources(ssh).map((r) =>
      r.name === "backends"
        ? { ...r, props: { ...r.props, backendServers: [{ serverId: "i-outside" }, { serverId: "i-other" }] } }
        : r,
    );
    const found = await adminCounts([container(rosBody(resources))]);
    expect(found.violations).toBeGreaterThan(0);
    expect(found).toEqual(await adminCounts(program));
  });

  it("an IPv6 balancer is judged as the program's", async () => {
    const resources = templateResources(ssh);
    resources.Lb.Properties!.AddressIPVersion = "ipv6";
    const program = programResources(ssh).map((r) =>
      r.name === "lb" ? { ...r, props: { ...r.props, addressIpVersion: "ipv6" } } : r,
    );
    const found = await adminCounts([container(rosBody(resources))]);
    expect(found.violations).toBeGreaterThan(0);
    expect(found).toEqual(await adminCounts(program));
  });

  it("a narrow whitelist with AclStatus on names only its block; AclStatus left out counts on no whitelist", async () => {
    const narrowed = templateResources({ ...ssh, acl: { type: "white", entries: ["198.51.100.7/32"] } });
    const on = await runStack(ADMIN, [container(rosBody(narrowed))]);
    for (const d of on) expect(d.message).not.toContain("0.0.0.0/0");
    delete narrowed.Listener.Properties!.AclStatus;
    const unset = await runStack(ADMIN, [container(rosBody(narrowed))]);
    expect(counts(unset)).toEqual({ violations: 2, notes: 0, other: 0 });
    for (const d of unset) expect(d.message).toContain("0.0.0.0/0");
  });
});

describe("require-waf-on-internet-endpoints: template SLBs need a WAF as the program's do", () => {
  const cases: { name: string; plan: Plan; violations: number }[] = [
    {
      name: "an internet SLB with an HTTP listener",
      plan: { open: [80], front: 80, back: 80, protocol: "http" },
      violations: 1,
    },
    {
      name: "an HTTPS listener through a vServer group",
      plan: { open: [80], front: 443, back: 80, protocol: "https", viaGroup: true },
      violations: 1,
    },
    {
      name: "an intranet SLB with an HTTP listener",
      plan: { open: [80], front: 80, back: 80, protocol: "http", addressType: "intranet" },
      violations: 0,
    },
    { name: "a TCP listener only", plan: { open: [22], front: 22, back: 22 }, violations: 0 },
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const want = { violations: c.violations, notes: 0, other: 0 };
    const fromTemplate = await runStack(WAF, [container(rosBody(templateResources(c.plan)))]);
    const fromProgram = await runStack(WAF, programResources(c.plan));
    expect({ template: counts(fromTemplate), program: counts(fromProgram) }).toEqual({ template: want, program: want });
    for (const d of fromTemplate) {
      expect(d.urn).toBe(CONTAINER);
      expect(d.message).toContain("template resource Lb (ALIYUN::SLB::LoadBalancer)");
    }
  });

  it("a Protocol unknown at preview is judged as a program listener's unknown protocol", async () => {
    const plan: Plan = { open: [80], front: 80, back: 80 };
    const body = rosBody(templateResources(plan, { Protocol: { Ref: "Proto" } }), { Proto: { Type: "String" } });
    const program = programResources(plan).map((r) =>
      r.name === "listener" ? { ...r, props: { ...r.props, protocol: UNKNOWN } } : r,
    );
    expect(counts(await runStack(WAF, [container(body)]))).toEqual(counts(await runStack(WAF, program)));
    // Given http by the program, the balancer needs a WAF.
    const known = await runStack(WAF, [container(body, ROS_STACK, given({ Proto: "http" }))]);
    expect(counts(known)).toEqual({ violations: 1, notes: 0, other: 0 });
  });
});
