// ROS Application Load Balancers (ALB) inside raw templates: require-waf-on-internet-endpoints asks for a WAF in front
// of an internet-facing template ALB unless its edition carries one (StandardWithWaf), as it does for the program's,
// and the listeners, server groups and ACLs a template declares reach the network model. Each verdict is set beside
// the same ALB written as program resources; findings land on the container.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { ROS_STACK, TemplateResources } from "./templates-fixtures";
import { counts } from "./finding-counts";

const WAF = requireWafOnInternetEndpoints;
const CONTAINER = urnOf(ROS_STACK, "app");

interface Alb {
  addressType: unknown;
  edition: unknown;
}

function templateResources(a: Alb): TemplateResources {
  return {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
    VswA: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
    VswB: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.2.0/24" } },
    Alb: {
      Type: "ALIYUN::ALB::LoadBalancer",
      Properties: {
        AddressType: a.addressType,
        LoadBalancerEdition: a.edition,
        LoadBalancerBillingConfig: { PayType: "PostPay" },
        LoadBalancerName: "web",
        VpcId: { Ref: "Vpc" },
        ZoneMappings: [
          { ZoneId: "cn-hangzhou-h", VSwitchId: { Ref: "VswA" } },
          { ZoneId: "cn-hangzhou-i", VSwitchId: { Ref: "VswB" } },
        ],
      },
    },
    Group: {
      Type: "ALIYUN::ALB::ServerGroup",
      Properties: {
        ServerGroupName: "web",
        VpcId: { Ref: "Vpc" },
        HealthCheckConfig: { HealthCheckEnabled: true },
      },
    },
    Listener: {
      Type: "ALIYUN::ALB::Listener",
      Properties: {
        LoadBalancerId: { Ref: "Alb" },
        ListenerPort: 80,
        ListenerProtocol: "HTTP",
        DefaultActions: [
          {
            Type: "ForwardGroup",
            ForwardGroupConfig: {
              ServerGroupTuples: [{ ServerGroupId: { "Fn::GetAtt": ["Group", "ServerGroupId"] } }],
            },
          },
        ],
      },
    },
  };
}

const rosBody = (resources: TemplateResources, parameters: Record<string, unknown> = {}) =>
  JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", Parameters: parameters, Resources: resources });

const container = (body: string, props: Record<string, unknown> = {}): StackInput => ({
  type: ROS_STACK,
  name: "app",
  props: { templateBody: body, ...props },
});

function programResources(a: Alb): StackInput[] {
  const res = (type: string, name: string, props: Record<string, unknown>): StackInput => ({
    type: `alicloud:${type}`,
    name,
    props: { id: `${name}-id`, ...props },
  });
  return [
    res("alb/loadBalancer:LoadBalancer", "alb", {
      addressType: a.addressType,
      loadBalancerEdition: a.edition,
      loadBalancerBillingConfig: { payType: "PayAsYouGo" },
      vpcId: "vpc-1",
      zoneMappings: [{ zoneId: "cn-hangzhou-h", vswitchId: "vsw-a" }],
    }),
    res("alb/serverGroup:ServerGroup", "group", { serverGroupName: "web", vpcId: "vpc-1" }),
    res("alb/listener:Listener", "listener", {
      loadBalancerId: "alb-id",
      listenerPort: 80,
      listenerProtocol: "HTTP",
      defaultActions: [
        { type: "ForwardGroup", forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: "group-id" }] } },
      ],
    }),
  ];
}

describe("require-waf-on-internet-endpoints: template ALBs", () => {
  const cases: { name: string; alb: Alb; violations: number; notes?: number }[] = [
    { name: "an internet-facing Standard ALB", alb: { addressType: "Internet", edition: "Standard" }, violations: 1 },
    { name: "a Basic ALB", alb: { addressType: "Internet", edition: "Basic" }, violations: 1 },
    { name: "the WAF-enabled edition", alb: { addressType: "Internet", edition: "StandardWithWaf" }, violations: 0 },
    { name: "an intranet ALB", alb: { addressType: "Intranet", edition: "Standard" }, violations: 0 },
  ];
  it.each(cases.map((c) => [c.name, c] as const))("%s", async (_n, c) => {
    const want = { violations: c.violations, notes: c.notes ?? 0, other: 0 };
    const fromTemplate = await runStack(WAF, [container(rosBody(templateResources(c.alb)))]);
    const fromProgram = await runStack(WAF, programResources(c.alb));
    expect({ template: counts(fromTemplate), program: counts(fromProgram) }).toEqual({ template: want, program: want });
    for (const d of fromTemplate) {
      expect(d.urn).toBe(CONTAINER);
      expect(d.message).toContain("template resource Alb (ALIYUN::ALB::LoadBalancer)");
    }
  });

  it("an edition from a parameter fed with an unknown program output is a note, not a pass", async () => {
    const resources = templateResources({ addressType: "Internet", edition: { Ref: "Edition" } });
    const body = rosBody(resources, { Edition: { Type: "String" } });
    const given = { parameters: [{ parameterKey: "Edition", parameterValue: UNKNOWN }] };
    const found = counts(await runStack(WAF, [container(body, given)]));
    expect(found).toEqual({ violations: 0, notes: 1, other: 0 });
    expect(found).toEqual(counts(await runStack(WAF, programResources({ addressType: "Internet", edition: UNKNOWN }))));
  });

  it("an AddressType no one knows at preview is a note", async () => {
    const body = rosBody(templateResources({ addressType: { Ref: "Kind" }, edition: "Standard" }), {
      Kind: { Type: "String" },
    });
    const found = counts(await runStack(WAF, [container(body)]));
    expect(found).toEqual({ violations: 0, notes: 1, other: 0 });
    expect(found).toEqual(counts(await runStack(WAF, programResources({ addressType: UNKNOWN, edition: "Standard" }))));
  });
});

describe("ROS ALB translations", () => {
  const read = (resources: TemplateResources) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(ROS_STACK)!, { templateBody: rosBody(resources) }).resources;

  it("the listener's default action names its server group, and the ACL association one attachment per ACL", () => {
    const resources: TemplateResources = {
      ...templateResources({ addressType: "Internet", edition: "Standard" }),
      Office: {
        Type: "ALIYUN::ALB::Acl",
        Properties: { AclName: "office", AclEntries: [{ Entry: "203.0.113.0/24", Description: "office" }] },
      },
      Partner: { Type: "ALIYUN::ALB::Acl", Properties: { AclName: "partner" } },
      Bind: {
        Type: "ALIYUN::ALB::AclAssociation",
        Properties: {
          ListenerId: { Ref: "Listener" },
          AclType: "White",
          AclIds: [{ Ref: "Office" }, { "Fn::GetAtt": ["Partner", "AclId"] }],
        },
      },
    };
    const byId = new Map(read(resources).map((r) => [`${r.logicalId}${r.where ? `/${r.where}` : ""}`, r]));
    const listener = byId.get("Listener")!;
    expect(listener.type).toBe("alicloud:alb/listener:Listener");
    expect(listener.props.defaultActions).toEqual([
      {
        type: "ForwardGroup",
        forwardGroupConfig: { serverGroupTuples: [{ serverGroupId: expect.stringMatching(/:Group$/) }] },
      },
    ]);
    expect(byId.get("Office")!.props.aclEntries).toEqual([{ entry: "203.0.113.0/24", description: "office" }]);
    const attachments = [byId.get("Bind/AclIds[0]")!, byId.get("Bind/AclIds[1]")!];
    expect(attachments.map((a) => a.type)).toEqual([
      "alicloud:alb/listenerAclAttachment:ListenerAclAttachment",
      "alicloud:alb/listenerAclAttachment:ListenerAclAttachment",
    ]);
    expect(attachments.map((a) => a.props.aclType)).toEqual(["White", "White"]);
    // Ref and GetAtt AclId both name the ACL itself.
    expect(attachments.map((a) => String(a.props.aclId).split(":").pop())).toEqual(["Office", "Partner"]);
  });

  it("an ACL id list unknown at preview is one attachment of an ACL no one knows", () => {
    const resources: TemplateResources = {
      ...templateResources({ addressType: "Internet", edition: "Standard" }),
      Bind: {
        Type: "ALIYUN::ALB::AclAssociation",
        Properties: { ListenerId: { Ref: "Listener" }, AclType: "White", AclIds: { "Fn::GetAtt": ["X", "Ids"] } },
      },
    };
    const bind = read(resources).filter((r) => r.logicalId === "Bind");
    expect(bind).toHaveLength(1);
    expect(bind[0].where).toBe("AclIds");
    expect(bind[0].props.aclId).toBe(UNKNOWN);
  });
});
