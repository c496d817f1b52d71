// The origin lock of a CLOUDFRONT WebFirewall: the web ACL filters only what passes through CloudFront, so a client
// that finds the origin ALB's address goes around it. Ingress rules on the ALB's security group admit CloudFront's
// origin-facing servers only, through the AWS-managed prefix list AWS documents for this (looked up in the ALB's
// region: each region gives the list its own id). The component does not own the ALB's group, so it adds separate
// `vpc.SecurityGroupIngressRule`s to it, as `Bastion.allowSshTo` does. The list admits every distribution, other
// accounts' too: the secret origin header of `originRequestGate.ts` narrows it to the caller's own.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { answeredInvoke } from "../invokeAnswer";
import { checkLabel } from "../labels";
import { checkKnownArguments, checkList, checkPlain, checkRequiredInput, isPlain, Problems } from "../validation";
import { SECURITY_GROUP_ID } from "../../lib/aws-names";

/** AWS's IPv4 list of CloudFront's origin-facing servers (the same name in every commercial region). */
export const CLOUDFRONT_ORIGIN_FACING_LIST = "com.amazonaws.global.cloudfront.origin-facing";
export const DEFAULT_ORIGIN_PORTS: readonly number[] = [443];
/** A rule naming a prefix list counts as the list's maximum entries (55 for CloudFront's) against the group's quota. */
const CLOUDFRONT_LIST_WEIGHT = 55;
const DEFAULT_INBOUND_RULE_QUOTA = 60;

export interface OriginIngressOptions {
  /** Ports the origin listeners use. Default [443]; each an integer from 1 to 65535. */
  ports?: number[];
  /**
   * Provider of the ALB's region: the prefix list is looked up and the rules are created with it. Default: the
   * WebFirewall's own provider, which for scope CLOUDFRONT is in us-east-1.
   */
  provider?: pulumi.ProviderResource;
}

const KNOWN_OPTIONS: Record<keyof OriginIngressOptions, true> = { ports: true, provider: true };
/** What an origin method's label names; each method adds its own name. */
export const ORIGIN_LABEL = { names: "the rules", target: "origin", example: "web-alb" };

const isAwsProvider = (value: unknown) =>
  pulumi.ProviderResource.isInstance(value) && (value as unknown as { pkg?: string }).pkg === "aws";

/** What a call asks for, checked: every problem is reported at once, before any rule or lookup is made. */
export interface OriginIngressRequest {
  /** The WebFirewall's name and scope, and the labels earlier calls used. */
  component: { name: string; scope: string; usedLabels: ReadonlySet<string> };
  label: unknown;
  securityGroupId: unknown;
  options: unknown;
}

export function checkOriginIngress(request: OriginIngressRequest): number[] {
  const { component, label, securityGroupId, options } = request;
  const problems = new Problems(`WebFirewall ${component.name}: originIngressRules`);
  checkCloudFrontScope(problems, component.scope, "originIngressRules");
  checkLabel(problems, label, component.usedLabels, { ...ORIGIN_LABEL, method: "originIngressRules" });
  checkSecurityGroupId(problems, securityGroupId);
  const given = options ?? {};
  let ports: number[] = [...DEFAULT_ORIGIN_PORTS];
  if (checkKnownArguments(problems, given, Object.keys(KNOWN_OPTIONS), "options.")) {
    const { ports: asked, provider } = given as OriginIngressOptions;
    if (asked !== undefined && checkPorts(problems, asked)) ports = [...asked];
    checkProvider(problems, "options.provider", provider);
  }
  problems.throwIfAny();
  return ports;
}

/** The origin lock's methods apply to a CLOUDFRONT web ACL only: a REGIONAL one sits on the ALB itself. */
export function checkCloudFrontScope(problems: Problems, scope: string, method: string): void {
  problems.check(
    scope === "CLOUDFRONT",
    "scope",
    scope,
    '"CLOUDFRONT": only a web ACL in front of CloudFront can be gone around by reaching the origin directly',
    `create the WebFirewall with scope "CLOUDFRONT" and put CloudFront in front of the ALB, or drop ` +
      `${method}: a REGIONAL web ACL associated with the ALB (associateArns) already filters every request`,
  );
}

function checkSecurityGroupId(problems: Problems, id: unknown): void {
  if (!checkRequiredInput(problems, "securityGroupId", id) || !isPlain(id)) return;
  problems.check(
    SECURITY_GROUP_ID.test(id as string),
    "securityGroupId",
    id,
    "a security group id, sg- and 8 or 17 hex digits (or an Output of one, e.g. albGroup.id)",
    "pass the id of the ALB's security group, not its name or ARN",
  );
}

/** True when every port is usable; reports each one that is not. */
function checkPorts(problems: Problems, ports: unknown): ports is number[] {
  if (!checkList(problems, "options.ports", ports) || ports === undefined) return false;
  const before = problems.list.length;
  problems.check(
    ports.length > 0,
    "options.ports",
    ports,
    "at least one port",
    "omit options.ports for 443, or list the ports of the ALB's listeners",
  );
  const seen = new Set<unknown>();
  ports.forEach((port, i) => {
    const argument = `options.ports[${i}]`;
    if (!checkPlain(problems, argument, port)) return;
    problems.check(
      Number.isInteger(port) && (port as number) >= 1 && (port as number) <= 65535,
      argument,
      port,
      "an integer port from 1 to 65535",
      "give the listener's port as a number, e.g. 443",
    );
    problems.check(!seen.has(port), argument, port, "each port once", `remove the second ${port}`);
    seen.add(port);
  });
  return problems.list.length === before;
}

/** The provider of the ALB's region, when given, must be an aws.Provider. */
export function checkProvider(problems: Problems, argument: string, provider: unknown): void {
  if (provider === undefined) return;
  problems.check(
    isAwsProvider(provider),
    argument,
    pulumi.Resource.isInstance(provider) ? "(a resource that is not an aws.Provider)" : provider,
    "an aws.Provider of the ALB's region",
    "pass the provider the ALB is created with, or omit it when the ALB is in the WebFirewall's region",
  );
}

/** Why several ports may fail at deployment: each rule counts as the list's 55 entries against the group's quota. */
export function ruleQuotaWarning(ports: readonly number[]): string | undefined {
  const weight = ports.length * CLOUDFRONT_LIST_WEIGHT;
  if (weight <= DEFAULT_INBOUND_RULE_QUOTA) return undefined;
  return (
    `${ports.length} ports make ${ports.length} rules naming CloudFront's prefix list, which count as ${weight} ` +
    `inbound rules against the security group's quota (${DEFAULT_INBOUND_RULE_QUOTA} by default): raise the quota ` +
    "or serve the origin on one port"
  );
}

export interface OriginIngressRulesArgs {
  component: string;
  label: string;
  securityGroupId: pulumi.Input<string>;
  ports: readonly number[];
  tags: pulumi.Input<Record<string, pulumi.Input<string>>>;
  provider?: pulumi.ProviderResource;
}

/** One rule per port, each admitting only the prefix list the lookup in the ALB's region returns. */
export function createOriginIngressRules(
  parent: pulumi.Resource,
  args: OriginIngressRulesArgs,
): aws.vpc.SecurityGroupIngressRule[] {
  // Without an explicit provider, the lookup and rules use the parent's, as every child of the component does.
  const opts = args.provider ? { parent, provider: args.provider } : { parent };
  const list = answeredInvoke(
    `WebFirewall ${args.component}`,
    "getManagedPrefixList",
    ["id"],
    aws.ec2.getManagedPrefixListOutput({ name: CLOUDFRONT_ORIGIN_FACING_LIST }, opts),
  );
  return args.ports.map(
    (port) =>
      new aws.vpc.SecurityGroupIngressRule(
        `${args.component}-origin-${args.label}-${port}`,
        {
          securityGroupId: args.securityGroupId,
          prefixListId: list.id,
          ipProtocol: "tcp",
          fromPort: port,
          toPort: port,
          description: `CloudFront origin-facing servers only (WebFirewall ${args.component})`,
          tags: args.tags,
        },
        opts,
      ),
  );
}
