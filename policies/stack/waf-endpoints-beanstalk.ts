// Elastic Beanstalk web server environments: Beanstalk creates the load balancer itself, so it is not among the
// stack's resources and a web ACL can only reach it by the ARN the environment reports after creation
// (loadBalancers[0]). Only application load balancers take a web ACL; a classic or network balancer, or a
// single-instance environment (its instance answers HTTP on a public address), has nothing a WAF can attach to.
// Options come from the environment's settings, else from its configuration template; absent ones take the
// service's defaults (LoadBalanced, an application balancer, a public scheme).
import { GenericResource, isUnknown, list, Resolver } from "../../lib/reachability/internals";
import { unverifiable } from "../lib/findings";
import { StackFinding } from "../lib/stack-rule";
import { is, shown } from "../lib/text-values";
import { bool, obj, UNKNOWN } from "../../lib/values";
import { unprotected } from "./waf-endpoint-findings";

export const BEANSTALK = {
  environment: "aws:elasticbeanstalk/environment:Environment",
  template: "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate",
};

const ENVIRONMENT = "aws:elasticbeanstalk:environment";
const VPC = "aws:ec2:vpc";

const ASSOCIATE =
  "add an aws.wafv2.WebAclAssociation whose resourceArn is the environment's load balancer ARN (its loadBalancers[0] output)";

/** An option's value in one settings list: undefined when absent, UNKNOWN when an unreadable setting may set it. */
function optionIn(settings: unknown, namespace: string, name: string): unknown {
  if (isUnknown(settings)) return UNKNOWN;
  let value: unknown;
  for (const raw of list(settings)) {
    const s = obj(raw);
    if (isUnknown(raw) || (s && (isUnknown(s.namespace) || isUnknown(s.name)))) return UNKNOWN;
    if (s && is(s.namespace, namespace) && is(s.name, name)) value = s.value;
  }
  return value;
}

type OptionReader = (namespace: string, name: string) => unknown;

/** The environment's own setting wins over its configuration template's. */
function options(res: Resolver, env: GenericResource): OptionReader {
  const templateUrn = res.one(env, "templateName", env.inputs.templateName, [BEANSTALK.template]);
  const template = templateUrn === undefined ? undefined : res.get(templateUrn);
  return (namespace, name) =>
    optionIn(env.inputs.settings, namespace, name) ?? optionIn(template?.inputs.settings, namespace, name);
}

/** A note naming the option unknown at preview and the question it leaves open. */
function open(env: GenericResource, option: string, question: string): StackFinding[] {
  return [
    {
      urn: env.urn,
      ...unverifiable(
        `settings (${option})`,
        `${question}; the environment may serve the internet with no WAF in front of it`,
      ),
    },
  ];
}

function environmentFindings(env: GenericResource, read: OptionReader, associated: boolean): StackFinding[] {
  const tier = env.inputs.tier;
  if (isUnknown(tier))
    return [{ urn: env.urn, ...unverifiable("tier", "whether the environment is a web server tier") }];
  if (is(tier, "Worker")) return [];
  const type = read(ENVIRONMENT, "EnvironmentType");
  if (isUnknown(type)) return open(env, "EnvironmentType", "whether the environment is load balanced");
  if (is(type, "SingleInstance"))
    return unprotected(
      env,
      "single-instance Elastic Beanstalk environment (its instance serves HTTP on a public address)",
      "yes",
      undefined,
      `AWS WAF cannot be associated with an instance; set EnvironmentType LoadBalanced with LoadBalancerType application and ${ASSOCIATE}`,
    );
  const scheme = read(VPC, "ELBScheme");
  if (isUnknown(scheme)) return open(env, "ELBScheme", "whether the load balancer is internal");
  if (is(scheme, "internal")) return [];
  const lbType = read(ENVIRONMENT, "LoadBalancerType") ?? "application";
  if (isUnknown(lbType)) return open(env, "LoadBalancerType", "which kind of load balancer the environment creates");
  if (!is(lbType, "application"))
    return unprotected(
      env,
      `internet-facing Elastic Beanstalk environment (LoadBalancerType ${shown(lbType)})`,
      "yes",
      undefined,
      `AWS WAF attaches to application load balancers only; create the environment with LoadBalancerType application and ${ASSOCIATE}`,
    );
  const shared = read(ENVIRONMENT, "LoadBalancerIsShared");
  if (isUnknown(shared))
    return open(env, "LoadBalancerIsShared", "whether the environment uses a shared load balancer");
  // A shared balancer is a load balancer resource of its own, judged where a stack plans it.
  if (bool(shared) === true || associated) return [];
  return [
    {
      urn: env.urn,
      ...unverifiable(
        "loadBalancers",
        `${env.name}'s application load balancer is created by Elastic Beanstalk outside the stack's resources, so no WAF in front of it shows; ${ASSOCIATE}`,
      ),
    },
  ];
}

/** `associated`: URNs that a WebAclAssociation's resourceArn depends on. */
export function beanstalkFindings(res: Resolver, associated: ReadonlySet<string>): StackFinding[] {
  return res
    .ofType(BEANSTALK.environment)
    .flatMap((env) => environmentFindings(env, options(res, env), associated.has(env.urn)));
}
