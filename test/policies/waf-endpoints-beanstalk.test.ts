// require-waf-on-internet-endpoints on Elastic Beanstalk web server environments: the load balancer Beanstalk creates
// is outside the stack's resources, so only an association that depends on the environment shows a web ACL on it.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { associationOf } from "./waf-endpoint-inputs";

const ENV = "aws:elasticbeanstalk/environment:Environment";
const TEMPLATE = "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate";
const ENV_NS = "aws:elasticbeanstalk:environment";
const VPC_NS = "aws:ec2:vpc";
const envUrn = urnOf(ENV, "web");

const setting = (namespace: unknown, name: unknown, value: unknown) => ({ namespace, name, value });
const environment = (settings: unknown = [], props: Record<string, unknown> = {}): StackInput => ({
  type: ENV,
  name: "web",
  props: { name: "web-prod", application: "shop", solutionStackName: "64bit Amazon Linux 2023", settings, ...props },
});
const lbType = (value: unknown) => setting(ENV_NS, "LoadBalancerType", value);
const envType = (value: unknown) => setting(ENV_NS, "EnvironmentType", value);
const scheme = (value: unknown) => setting(VPC_NS, "ELBScheme", value);
/** The association a program makes from the environment's loadBalancers[0] output. */
const lbAssociation = (resourceArn: unknown = UNKNOWN) => associationOf(ENV, "web", resourceArn);

/** An environment launched from a configuration template planned in the same stack (its name unknown). */
function fromTemplate(templateSettings: unknown, own: unknown[] = []): StackInput[] {
  return [
    { type: TEMPLATE, name: "base", props: { name: UNKNOWN, application: "shop", settings: templateSettings } },
    {
      ...environment(own, { templateName: UNKNOWN, solutionStackName: undefined }),
      propertyDependencies: { templateName: [urnOf(TEMPLATE, "base")] },
    },
  ];
}

describe("require-waf-on-internet-endpoints: Elastic Beanstalk environments", () => {
  stackTable(requireWafOnInternetEndpoints, [
    // Application load balancers (the default): a note until an association shows.
    { name: "default environment (public ALB) is a note", resources: [environment()], violations: 0, notes: 1 },
    {
      name: "public ALB named explicitly is a note",
      resources: [environment([lbType("application"), envType("LoadBalanced"), scheme("public")])],
      violations: 0,
      notes: 1,
    },
    {
      name: "association on the environment's load balancer",
      resources: [environment([lbType("application")]), lbAssociation()],
      violations: 0,
    },
    {
      name: "association by the load balancer's ARN once known",
      resources: [
        environment(),
        lbAssociation("arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/awseb-AWSEB-1/abc"),
      ],
      violations: 0,
    },
    {
      name: "association of another resource leaves the note",
      resources: [
        environment(),
        { type: "aws:lb/loadBalancer:LoadBalancer", name: "other", props: { internal: true } },
        associationOf("aws:lb/loadBalancer:LoadBalancer", "other"),
      ],
      violations: 0,
      notes: 1,
    },
    { name: "internal load balancer", resources: [environment([scheme("internal")])], violations: 0 },
    {
      name: "internal load balancer, option names in another case",
      resources: [environment([setting("AWS:EC2:VPC", "elbscheme", "Internal")])],
      violations: 0,
    },
    { name: "worker tier", resources: [environment([], { tier: "Worker" })], violations: 0 },
    {
      name: "web server tier named explicitly",
      resources: [environment([], { tier: "WebServer" })],
      notes: 1,
      violations: 0,
    },
    {
      name: "shared application load balancer is judged as its own resource",
      resources: [environment([setting(ENV_NS, "LoadBalancerIsShared", "true")])],
      violations: 0,
    },
    // Balancers and instances a web ACL cannot attach to.
    {
      name: "single-instance environment",
      resources: [environment([envType("SingleInstance")])],
      violations: 1,
      urn: envUrn,
      mentions: "AWS WAF cannot be associated with an instance; set EnvironmentType LoadBalanced",
    },
    {
      name: "single-instance environment with an association (it has no load balancer)",
      resources: [environment([envType("singleinstance")]), lbAssociation()],
      violations: 1,
    },
    {
      name: "single-instance environment whatever the (unknown) scheme",
      resources: [environment([envType("SingleInstance"), scheme(UNKNOWN)])],
      violations: 1,
    },
    {
      name: "classic load balancer",
      resources: [environment([lbType("classic")])],
      violations: 1,
      urn: envUrn,
      mentions: "AWS WAF attaches to application load balancers only",
    },
    {
      name: "network load balancer, even with an association",
      resources: [environment([lbType("network")]), lbAssociation()],
      violations: 1,
      mentions: 'LoadBalancerType "network"',
    },
    {
      name: "internal classic load balancer",
      resources: [environment([lbType("classic"), scheme("internal")])],
      violations: 0,
    },
    // Options from a configuration template, and the environment's own overriding them.
    {
      name: "template makes the environment single-instance",
      resources: fromTemplate([envType("SingleInstance")]),
      violations: 1,
    },
    { name: "template makes the load balancer internal", resources: fromTemplate([scheme("internal")]), violations: 0 },
    {
      name: "environment's own setting overrides the template's",
      resources: [...fromTemplate([envType("SingleInstance")], [envType("LoadBalanced")]), lbAssociation()],
      violations: 0,
    },
    // Unknown at preview.
    { name: "tier unknown", resources: [environment([], { tier: UNKNOWN })], violations: 0, notes: 1 },
    { name: "settings unknown", resources: [environment(UNKNOWN)], violations: 0, notes: 1 },
    { name: "a setting unknown", resources: [environment([UNKNOWN])], violations: 0, notes: 1 },
    {
      name: "a setting whose name is unknown",
      resources: [environment([setting(ENV_NS, UNKNOWN, "SingleInstance")])],
      violations: 0,
      notes: 1,
    },
    { name: "environment type unknown", resources: [environment([envType(UNKNOWN)])], violations: 0, notes: 1 },
    { name: "scheme unknown", resources: [environment([scheme(UNKNOWN)])], violations: 0, notes: 1 },
    { name: "load balancer type unknown", resources: [environment([lbType(UNKNOWN)])], violations: 0, notes: 1 },
    {
      name: "load balancer type unknown with an association",
      resources: [environment([lbType(UNKNOWN)]), lbAssociation()],
      violations: 0,
      notes: 1,
    },
    {
      name: "shared load balancer unknown",
      resources: [environment([setting(ENV_NS, "LoadBalancerIsShared", UNKNOWN)])],
      violations: 0,
      notes: 1,
    },
    { name: "template settings unknown", resources: fromTemplate(UNKNOWN), violations: 0, notes: 1 },
  ] as StackCase[]);

  it("says why the ALB cannot be shown and how to associate a web ACL", async () => {
    const [note] = await runStack(requireWafOnInternetEndpoints, [environment()]);
    expect(note).toMatchObject({ level: "advisory", urn: envUrn });
    expect(note.message).toContain("created by Elastic Beanstalk outside the stack's resources");
    expect(note.message).toContain("aws.wafv2.WebAclAssociation");
    expect(note.message).toContain("loadBalancers[0]");
  });

  it("fails closed on the note when the pack asks for it", async () => {
    const ds = await runStack(requireWafOnInternetEndpoints, [environment()], { failClosed: true });
    expect(ds.map((d) => d.level)).toEqual(["mandatory"]);
  });
});
