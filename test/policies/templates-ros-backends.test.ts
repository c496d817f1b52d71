// Backends a ROS template reaches through resources of their own: servers an ALIYUN::ALB::BackendServerAttachment adds
// to an ALB server group, the vServer groups of an ALIYUN::SLB::Rule, and the instances an auto scaling group launches
// into the CLB, ALB and NLB server groups attached to it. Each plan is judged as a template and as the same stack
// written as program resources: an internet-facing balancer forwarding to a host's admin or MySQL port, which its
// security group admits from the VPC range the balancer sits in, is a finding (the admin port is SSH, or WinRM behind
// an ALB, which carries only HTTP and so no SSH login); an intranet balancer, or a group that
// admits nothing there, is none; a server or port from an unknown parameter is never a silent pass.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { ROS_STACK, TemplateResources } from "./templates-fixtures";
import { container, given, res, rosBody } from "./ros-program-twins";
import { counts } from "./finding-counts";

type Policy = Parameters<typeof runStack>[0];

const ADMIN = disallowInternetAdminPortsExceptBastions;
const DATABASE = disallowInternetDatabaseAndHighRiskPorts;
const CONTAINER = urnOf(ROS_STACK, "app");
const VPC_RANGE = "10.0.0.0/16";

/** How the balancer reaches the host. */
type Form = "alb-attachment" | "slb-rule" | "ess-vserver-groups" | "ess-server-groups" | "ess-inline-server-groups";

interface Plan {
  form: Form;
  internet: boolean;
  /** Host ports the host's security group admits from the VPC range. */
  open: number[];
  /** The host port the backend form forwards to. */
  port: unknown;
  /** The listener's own port. */
  listenerPort: number;
}

const SCALED: readonly Form[] = ["ess-vserver-groups", "ess-server-groups", "ess-inline-server-groups"];
const isAlb = (f: Form) => f === "alb-attachment" || f === "ess-server-groups" || f === "ess-inline-server-groups";

/** The admin port a form's balancer carries: an ALB speaks only HTTP, so WinRM (HTTP) rather than SSH. */
const SSH = 22;
const WINRM = 5985;
const adminPort = (f: Form) => (isAlb(f) ? WINRM : SSH);

// ---- the plan as a ROS template ----

const ref = (id: string) => ({ Ref: id });
const getAtt = (id: string, attribute: string) => ({ "Fn::GetAtt": [id, attribute] });

function hostResources(p: Plan): TemplateResources {
  const sg: TemplateResources = {
    WebSg: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: {
        VpcId: ref("Vpc"),
        SecurityGroupIngress: p.open.map((port) => ({
          IpProtocol: "tcp",
          PortRange: `${port}/${port}`,
          SourceCidrIp: VPC_RANGE,
        })),
      },
    },
  };
  if (!SCALED.includes(p.form))
    return {
      ...sg,
      Web: {
        Type: "ALIYUN::ECS::Instance",
        Properties: {
          ImageId: "ubuntu",
          VSwitchId: ref("Vsw"),
          SecurityGroupId: ref("WebSg"),
          AllocatePublicIP: false,
        },
      },
    };
  return {
    ...sg,
    Web: { Type: "ALIYUN::ESS::ScalingGroup", Properties: { MinSize: 1, MaxSize: 2, VSwitchId: ref("Vsw") } },
    WebConfig: {
      Type: "ALIYUN::ESS::ScalingConfiguration",
      Properties: { ScalingGroupId: ref("Web"), ImageId: "ubuntu", SecurityGroupId: ref("WebSg") },
    },
  };
}

function albResources(p: Plan): TemplateResources {
  const out: TemplateResources = {
    Lb: {
      Type: "ALIYUN::ALB::LoadBalancer",
      Properties: {
        AddressType: p.internet ? "Internet" : "Intranet",
        LoadBalancerEdition: "Standard",
        VpcId: ref("Vpc"),
        ZoneMappings: [{ ZoneId: "cn-hangzhou-h", VSwitchId: ref("Vsw") }],
      },
    },
    Group: { Type: "ALIYUN::ALB::ServerGroup", Properties: { ServerGroupName: "admin", VpcId: ref("Vpc") } },
    Listener: {
      Type: "ALIYUN::ALB::Listener",
      Properties: {
        LoadBalancerId: ref("Lb"),
        ListenerPort: p.listenerPort,
        ListenerProtocol: "HTTP",
        DefaultActions: [
          {
            Type: "ForwardGroup",
            ForwardGroupConfig: { ServerGroupTuples: [{ ServerGroupId: getAtt("Group", "ServerGroupId") }] },
          },
        ],
      },
    },
  };
  if (p.form === "alb-attachment")
    out.Attach = {
      Type: "ALIYUN::ALB::BackendServerAttachment",
      Properties: {
        ServerGroupId: getAtt("Group", "ServerGroupId"),
        Servers: [{ ServerId: ref("Web"), ServerType: "Ecs", Port: p.port, Weight: 100 }],
      },
    };
  const serverGroups = [{ ServerGroupId: ref("Group"), Type: "ALB", Port: p.port, Weight: 100 }];
  if (p.form === "ess-server-groups")
    out.Attach = {
      Type: "ALIYUN::ESS::ServerGroupAttachment",
      Properties: { ScalingGroupId: ref("Web"), ServerGroups: serverGroups },
    };
  return out;
}

function slbResources(p: Plan): TemplateResources {
  const group = (name: string, port: unknown) => ({
    Type: "ALIYUN::SLB::VServerGroup",
    Properties: {
      LoadBalancerId: ref("Lb"),
      VServerGroupName: name,
      ...(p.form === "slb-rule" ? { BackendServers: [{ ServerId: ref("Web"), Port: port, Weight: 100 }] } : {}),
    },
  });
  const out: TemplateResources = {
    Lb: {
      Type: "ALIYUN::SLB::LoadBalancer",
      Properties: { VSwitchId: ref("Vsw"), AddressType: p.internet ? "internet" : "intranet" },
    },
    Group: group("admin", p.port),
    Listener: {
      Type: "ALIYUN::SLB::Listener",
      Properties: {
        LoadBalancerId: ref("Lb"),
        ListenerPort: p.listenerPort,
        BackendServerPort: 80,
        Protocol: p.form === "slb-rule" ? "http" : "tcp",
        Bandwidth: -1,
        VServerGroupId: ref(p.form === "slb-rule" ? "Default" : "Group"),
      },
    },
  };
  if (p.form === "slb-rule") {
    out.Default = group("web", 80);
    out.Rule = {
      Type: "ALIYUN::SLB::Rule",
      Properties: {
        LoadBalancerId: ref("Lb"),
        ListenerPort: p.listenerPort,
        RuleList: [{ RuleName: "admin", Url: "/admin", VServerGroupId: getAtt("Group", "VServerGroupId") }],
      },
    };
  } else
    out.Attach = {
      Type: "ALIYUN::ESS::VServerGroupAttachment",
      Properties: {
        ScalingGroupId: ref("Web"),
        VServerGroups: [
          {
            LoadBalancerId: ref("Lb"),
            VServerGroupAttributes: [{ VServerGroupId: ref("Group"), Port: p.port, Weight: 50 }],
          },
        ],
      },
    };
  return out;
}

function templateResources(p: Plan): TemplateResources {
  const resources: TemplateResources = {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: VPC_RANGE } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: ref("Vpc"), CidrBlock: "10.0.1.0/24" } },
    ...hostResources(p),
    ...(isAlb(p.form) ? albResources(p) : slbResources(p)),
  };
  if (p.form === "ess-inline-server-groups")
    resources.Web.Properties!.ServerGroups = [{ ServerGroupId: ref("Group"), Type: "ALB", Port: p.port, Weight: 100 }];
  return resources;
}

// ---- the same plan as program resources ----

function programHost(p: Plan): StackInput[] {
  const sg = [
    res("ecs/securityGroup:SecurityGroup", "web-sg", { vpcId: "vpc-id" }),
    ...p.open.map((port) =>
      res("ecs/securityGroupRule:SecurityGroupRule", `web-${port}`, {
        type: "ingress",
        securityGroupId: "web-sg-id",
        ipProtocol: "tcp",
        portRange: `${port}/${port}`,
        cidrIp: VPC_RANGE,
      }),
    ),
  ];
  if (!SCALED.includes(p.form))
    return [
      ...sg,
      res("ecs/instance:Instance", "web", {
        imageId: "ubuntu",
        vswitchId: "vsw-id",
        securityGroups: ["web-sg-id"],
        internetMaxBandwidthOut: 0,
      }),
    ];
  const inline = p.form === "ess-inline-server-groups";
  return [
    ...sg,
    res("ess/scalingGroup:ScalingGroup", "web", {
      vswitchIds: ["vsw-id"],
      ...(inline ? { albServerGroups: [{ albServerGroupId: "group-id", port: p.port, weight: 100 }] } : {}),
    }),
    res("ess/scalingConfiguration:ScalingConfiguration", "web-config", {
      scalingGroupId: "web-id",
      imageId: "ubuntu",
      securityGroupId: "web-sg-id",
    }),
  ];
}

function programBalancer(p: Plan): StackInput[] {
  if (isAlb(p.form))
    return [
      res("alb/loadBalancer:LoadBalancer", "lb", {
        addressType: p.internet ? "Internet" : "Intranet",
        loadBalancerEdition: "Standard",
        zoneMappings: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-id" }],
      }),
      res("alb/serverGroup:ServerGroup", "group", {
        serverGroupName: "admin",
        ...(p.form === "alb-attachment"
          ? { servers: [{ serverId: "web-id", serverType: "Ecs", port: p.port, weight: 100 }] }
          : {}),
      }),
      res("alb/listener:Listener", "listener", {
        loadBalancerId: "lb-id",
        listenerPort: p.listenerPort,
        listenerProtocol: "HTTP",
        defaultActions: [
          { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: "group-id" }] } },
        ],
      }),
      ...(p.form === "ess-server-groups"
        ? [
            res("ess/serverGroupAttachment:ServerGroupAttachment", "attach", {
              scalingGroupId: "web-id",
              serverGroupId: "group-id",
              type: "ALB",
              port: p.port,
              weight: 100,
            }),
          ]
        : []),
    ];
  const rule = p.form === "slb-rule";
  const group = (name: string, port: unknown) =>
    res("slb/serverGroup:ServerGroup", name, {
      loadBalancerId: "lb-id",
      ...(rule ? { servers: [{ serverIds: ["web-id"], port, weight: 100 }] } : {}),
    });
  return [
    res("slb/applicationLoadBalancer:ApplicationLoadBalancer", "lb", {
      vswitchId: "vsw-id",
      addressType: p.internet ? "internet" : "intranet",
    }),
    group("group", p.port),
    ...(rule ? [group("default", 80)] : []),
    res("slb/listener:Listener", "listener", {
      loadBalancerId: "lb-id",
      frontendPort: p.listenerPort,
      backendPort: 80,
      protocol: rule ? "http" : "tcp",
      bandwidth: -1,
      serverGroupId: rule ? "default-id" : "group-id",
    }),
    rule
      ? res("slb/rule:Rule", "rule", {
          loadBalancerId: "lb-id",
          frontendPort: p.listenerPort,
          name: "admin",
          url: "/admin",
          serverGroupId: "group-id",
        })
      : res("ess/scalingGroupVServerGroups:ScalingGroupVServerGroups", "attach", {
          scalingGroupId: "web-id",
          vserverGroups: [
            { loadbalancerId: "lb-id", vserverAttributes: [{ vserverGroupId: "group-id", port: p.port, weight: 50 }] },
          ],
        }),
  ];
}

const programResources = (p: Plan): StackInput[] => [
  res("vpc/network:Network", "vpc", { cidrBlock: VPC_RANGE }),
  res("vpc/switch:Switch", "vsw", { vpcId: "vpc-id", cidrBlock: "10.0.1.0/24" }),
  ...programHost(p),
  ...programBalancer(p),
];

// ---- verdicts ----

const FORMS: readonly Form[] = [
  "alb-attachment",
  "slb-rule",
  "ess-vserver-groups",
  "ess-server-groups",
  "ess-inline-server-groups",
];

/** The template resource standing for the host: the instance, or the scaling configuration launching it. */
const hostFinding = (f: Form) =>
  SCALED.includes(f)
    ? "template resource WebConfig (ALIYUN::ESS::ScalingConfiguration)"
    : "template resource Web (ALIYUN::ECS::Instance)";

interface Row {
  name: string;
  policy: Policy;
  /** The plan, given the admin port the form's balancer carries. */
  plan: (admin: number) => Omit<Plan, "form">;
  /** Whether the host's own port is reported. */
  hostReached: boolean;
}

const ROWS: Row[] = [
  {
    name: "the admin port behind an internet balancer, admitted from the VPC",
    policy: ADMIN,
    plan: (admin) => ({ internet: true, open: [admin, 80], port: admin, listenerPort: 80 }),
    hostReached: true,
  },
  {
    name: "MySQL behind an internet balancer, admitted from the VPC",
    policy: DATABASE,
    plan: () => ({ internet: true, open: [3306, 80], port: 3306, listenerPort: 80 }),
    hostReached: true,
  },
  {
    name: "the admin port behind an intranet balancer",
    policy: ADMIN,
    plan: (admin) => ({ internet: false, open: [admin, 80], port: admin, listenerPort: 80 }),
    hostReached: false,
  },
  {
    name: "MySQL forwarded, but the host's group admits only 80",
    policy: DATABASE,
    plan: () => ({ internet: true, open: [80], port: 3306, listenerPort: 80 }),
    hostReached: false,
  },
  {
    name: "a web port forwarded while the group also admits the admin port",
    policy: ADMIN,
    plan: (admin) => ({ internet: true, open: [admin, 80], port: 80, listenerPort: 80 }),
    hostReached: false,
  },
];

describe.each(FORMS.map((f) => [f] as const))("template backends through %s", (form) => {
  it.each(ROWS.map((r) => [r.name, r] as const))("%s: judged as the program's", async (_n, row) => {
    const plan: Plan = { ...row.plan(adminPort(form)), form };
    const fromTemplate = await runStack(row.policy, [container(rosBody(templateResources(plan)))]);
    const fromProgram = await runStack(row.policy, programResources(plan));
    const found = counts(fromTemplate);
    expect(found).toEqual(counts(fromProgram));
    expect(found.other).toBe(0);
    for (const d of fromTemplate) expect(d.urn).toBe(CONTAINER);
    const hostFindings = fromTemplate.filter((d) => d.level === "mandatory" && d.message.includes(hostFinding(form)));
    expect(hostFindings.length > 0).toBe(row.hostReached);
    if (row.hostReached) expect(hostFindings.some((d) => d.message.includes(`:${String(plan.port)}`))).toBe(true);
    else expect(found.violations).toBe(0);
  });
});

describe("template backends: values unknown at preview", () => {
  const ssh: Omit<Plan, "form"> = { internet: true, open: [22, 80], port: 22, listenerPort: 80 };
  /** The same through an ALB, whose admin port is WinRM's. */
  const winrm: Omit<Plan, "form"> = { internet: true, open: [WINRM, 80], port: WINRM, listenerPort: 80 };

  it.each(FORMS.map((f) => [f] as const))(
    "%s: a backend port from a parameter the program feeds is not a pass; known, it decides",
    async (form) => {
      const admin = adminPort(form);
      const plan: Plan = { ...ssh, open: [admin, 80], form, port: { Ref: "Port" } };
      const body = rosBody(templateResources(plan), { Port: { Type: "Number" } });
      const unknown = counts(await runStack(ADMIN, [container(body, given({ Port: UNKNOWN }))]));
      expect(unknown.violations + unknown.notes).toBeGreaterThan(0);
      expect(unknown).toEqual(counts(await runStack(ADMIN, programResources({ ...plan, port: UNKNOWN }))));
      const web = counts(await runStack(ADMIN, [container(body, given({ Port: 80 }))]));
      expect(web).toEqual({ violations: 0, notes: 0, other: 0 });
      const reached = counts(await runStack(ADMIN, [container(body, given({ Port: admin }))]));
      expect(reached.violations).toBeGreaterThan(0);
    },
  );

  it("an ALB attachment's server id from an unknown parameter is not a pass: its known port is published", async () => {
    const resources = templateResources({ ...winrm, form: "alb-attachment" });
    const servers = resources.Attach.Properties!.Servers as Record<string, unknown>[];
    servers[0].ServerId = { Ref: "Server" };
    const body = rosBody(resources, { Server: { Type: "String" } });
    const ds = await runStack(ADMIN, [container(body)]);
    expect(counts(ds).violations).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes(`server (id unknown at preview) (outside the stack):${WINRM}`))).toBe(
      true,
    );
    // As a program group whose server id is unknown at preview.
    const program = programResources({ ...winrm, form: "alb-attachment" }).map((r) =>
      r.name === "group"
        ? { ...r, props: { ...r.props, servers: [{ serverId: UNKNOWN, serverType: "Ecs", port: WINRM }] } }
        : r,
    );
    expect(counts(ds)).toEqual(counts(await runStack(ADMIN, program)));
    // Given the id of an instance outside the stack, the same port is published on it.
    const outside = await runStack(ADMIN, [container(body, given({ Server: "i-existing" }))]);
    expect(outside.some((d) => d.message.includes(`server i-existing (outside the stack):${WINRM}`))).toBe(true);
  });

  it("an ALB attachment's whole server list unknown may be any server on any port: a note", async () => {
    const resources = templateResources({ ...ssh, form: "alb-attachment" });
    resources.Attach.Properties!.Servers = { Ref: "Servers" };
    const body = rosBody(resources, { Servers: { Type: "Json" } });
    const ds = await runStack(ADMIN, [container(body)]);
    expect(counts(ds).notes).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes("port unknown at preview"))).toBe(true);
  });

  it("a CLB rule's vServer group from an unknown parameter is a note, not a pass", async () => {
    const resources = templateResources({ ...ssh, form: "slb-rule" });
    const rules = resources.Rule.Properties!.RuleList as Record<string, unknown>[];
    rules[0].VServerGroupId = { Ref: "Group" };
    const body = rosBody(resources, { Group: { Type: "String" } });
    const ds = await runStack(ADMIN, [container(body)]);
    expect(counts(ds).notes).toBeGreaterThan(0);
    expect(ds.some((d) => d.message.includes("rule:app/Rule → server-group (id unknown at preview)"))).toBe(true);
    // A known group id outside the stack holds servers on ports no one sees: noted alike.
    const outside = await runStack(ADMIN, [container(body, given({ Group: "rsp-existing" }))]);
    expect(counts(outside).notes).toBeGreaterThan(0);
    expect(outside.some((d) => d.message.includes("server-group rsp-existing (outside the stack)"))).toBe(true);
  });
});

describe("ROS backend translations", () => {
  const read = (resources: TemplateResources) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(ROS_STACK)!, { templateBody: rosBody(resources) }).resources;
  const ssh: Omit<Plan, "form"> = { internet: true, open: [22], port: 22, listenerPort: 80 };

  it("ALB attachments settle on their template group as its servers and leave the reading", () => {
    const resources = templateResources({ ...ssh, form: "alb-attachment" });
    resources.More = {
      Type: "ALIYUN::ALB::BackendServerAttachment",
      Properties: { ServerGroupId: ref("Group"), Servers: [{ ServerId: "i-existing", ServerType: "Ecs", Port: 3306 }] },
    };
    resources.Elsewhere = {
      Type: "ALIYUN::ALB::BackendServerAttachment",
      Properties: { ServerGroupId: "sgp-existing", Servers: [{ ServerId: ref("Web"), ServerType: "Ecs", Port: 22 }] },
    };
    const reading = read(resources);
    expect(reading.filter((r) => r.templateType === "ALIYUN::ALB::BackendServerAttachment")).toEqual([]);
    const group = reading.find((r) => r.logicalId === "Group")!;
    expect(group.type).toBe("alicloud:alb/serverGroup:ServerGroup");
    expect(group.props.servers).toEqual([
      { serverId: expect.stringMatching(/:Web$/), serverType: "Ecs", port: 22, weight: 100 },
      { serverId: "i-existing", serverType: "Ecs", port: 3306 },
    ]);
  });

  it("a CLB rule list becomes one slb.Rule per entry on the listener's port", () => {
    const resources = templateResources({ ...ssh, form: "slb-rule" });
    (resources.Rule.Properties!.RuleList as unknown[]).push({
      RuleName: "api",
      Domain: "api.example.com",
      VServerGroupId: ref("Default"),
    });
    const rules = read(resources).filter((r) => r.logicalId === "Rule");
    expect(rules.map((r) => [r.type, r.where, r.props.frontendPort, r.props.name])).toEqual([
      ["alicloud:slb/rule:Rule", "RuleList[0]", 80, "admin"],
      ["alicloud:slb/rule:Rule", "RuleList[1]", 80, "api"],
    ]);
    expect(String(rules[0].props.serverGroupId).endsWith(":Group")).toBe(true);
    expect(rules[1].props.domain).toBe("api.example.com");
  });

  it("a scaling group's inline ServerGroups are attachments naming the group; LaunchTemplateId is kept", () => {
    const resources = templateResources({ ...ssh, form: "ess-inline-server-groups" });
    resources.Web.Properties!.LaunchTemplateId = "lt-existing";
    const web = read(resources).filter((r) => r.logicalId === "Web");
    expect(web.map((r) => r.type)).toEqual([
      "alicloud:ess/scalingGroup:ScalingGroup",
      "alicloud:ess/serverGroupAttachment:ServerGroupAttachment",
    ]);
    expect(web[0].props.launchTemplateId).toBe("lt-existing");
    expect(String(web[1].props.scalingGroupId).endsWith(":Web")).toBe(true);
    expect(web[1].props).toMatchObject({ type: "ALB", port: 22, weight: 100 });
  });
});
