// EC2's instance metadata defaults (aws.ec2.InstanceMetadataDefaults, one per account and region) decide the tokens of
// every instance launched without its own setting: with httpTokens "required" (or the endpoint off, unless the launch
// turns it back on) an instance, spot request, launch template or launch configuration that leaves tokens out still
// gets IMDSv2 only. The defaults apply at launch, so they count for a resource only when it depends on them (it then
// launches after they are set), and only under the same provider and region (the same account and region). Two of them in one
// account overwrite each other: the last applied before the launch is in force, and one not ordered against the
// launch may be. Without them, an AMI of the stack registered with imdsSupport "v2.0" gives the launches from it
// IMDSv2 (`ami-imds-support.ts`), unless an account default that may be in force says optional.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { isUnknown, obj } from "../../lib/values";
import { ImageDefault, imageImdsDefault } from "./ami-imds-support";
import { Finding, unverifiable, violation } from "./findings";
import { ALICLOUD_TEMPLATES } from "./launch-template-types";
import { leavesTokensOut, present, UNSET } from "./metadata-tokens";
import { StackFinding } from "./stack-rule";
import { is, shown } from "./text-values";
import { appendAll } from "../../lib/arrays";

export const ACCOUNT_DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";

/** Types whose metadataOptions fall back to the account's defaults when they leave tokens out. */
export const LAUNCHES_UNDER_DEFAULTS: ReadonlySet<string> = new Set([
  "aws:ec2/instance:Instance",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/launchConfiguration:LaunchConfiguration",
]);

/** The plan as the stack part reads it. */
export interface ImdsPlan {
  resources: readonly GenericResource[];
  defaults: readonly GenericResource[];
  byUrn: ReadonlyMap<string, GenericResource>;
  resolver: Resolver;
}

export function imdsPlan(resources: readonly GenericResource[]): ImdsPlan {
  const resolver = new Resolver(resources);
  // Alibaba Cloud launches name their template by id or by its launchTemplateName.
  for (const t of resolver.ofType(...ALICLOUD_TEMPLATES)) {
    const name = t.inputs.launchTemplateName;
    if (typeof name === "string" && name !== "" && !isUnknown(name)) resolver.alias(t, name);
  }
  return {
    resources,
    defaults: resources.filter((r) => r.type === ACCOUNT_DEFAULTS),
    byUrn: new Map(resources.map((r) => [r.urn, r])),
    resolver,
  };
}

/** A launch whose tokens the account's defaults (or its image) decide. */
export interface DefaultsLaunch {
  /** The resource that launches: findings land on it, and its dependencies order it after the defaults. */
  r: GenericResource;
  /** It turns the metadata endpoint on itself, so a default that switches the endpoint off does not hold. */
  enablesEndpoint: boolean;
  /** The image it launches from. */
  image: ImageDefault;
  /** The setting messages name, e.g. "metadataOptions.httpTokens". */
  where: string;
  /** Said after a violation: why the launch is judged as it is (e.g. apart from its launch template). */
  why?: string;
}

type DefaultsVerdict = "required" | "unknown" | "optional";

function defaultsVerdict(d: GenericResource, enablesEndpoint: boolean): DefaultsVerdict {
  const { httpTokens, httpEndpoint } = d.inputs;
  if (is(httpTokens, "required") || (!enablesEndpoint && is(httpEndpoint, "disabled"))) return "required";
  return isUnknown(httpTokens) || (!enablesEndpoint && isUnknown(httpEndpoint)) ? "unknown" : "optional";
}

/** Why a default in force leaves IMDSv1 open for this launch. */
function weakness(d: GenericResource, launch: DefaultsLaunch): string {
  const { httpTokens, httpEndpoint } = d.inputs;
  if (launch.enablesEndpoint && is(httpEndpoint, "disabled") && !is(httpTokens, "optional"))
    return `switches the metadata endpoint off, which ${launch.r.name} turns back on (httpEndpoint "enabled")`;
  const tokens = httpTokens === undefined || httpTokens === null ? "not set" : shown(httpTokens);
  return `does not require tokens (httpTokens ${tokens})`;
}

/** Whether `from` depends on `target`, directly or through the resources it depends on. */
function dependsOn(from: GenericResource, target: string, byUrn: ReadonlyMap<string, GenericResource>): boolean {
  const seen = new Set<string>();
  const queue = [...from.dependencies];
  while (queue.length > 0) {
    const urn = queue.pop()!;
    if (urn === target) return true;
    if (seen.has(urn)) continue;
    seen.add(urn);
    appendAll(queue, byUrn.get(urn)?.dependencies ?? []);
  }
  return false;
}

/**
 * The defaults that may be in force when `r` launches: the last applied of those it depends on (none depending on
 * another of them), and those not ordered against it either way, which may be applied between them and the launch.
 */
/**
 * Whether a default applies where `r` launches: under the same provider, and in the same region (the provider's
 * `region` argument of a resource moves it to another region, where another default applies).
 */
function sameAccountAndRegion(d: GenericResource, r: GenericResource): boolean {
  return d.provider === r.provider && d.inputs.region === r.inputs.region;
}

function defaultsInForce(r: GenericResource, sameAccount: readonly GenericResource[], plan: ImdsPlan) {
  const before = sameAccount.filter((d) => dependsOn(r, d.urn, plan.byUrn));
  const last = before.filter((d) => !before.some((e) => e !== d && dependsOn(e, d.urn, plan.byUrn)));
  const racing = sameAccount.filter((d) => !before.includes(d) && !dependsOn(d, r.urn, plan.byUrn));
  return { last, racing };
}

/** What the account's defaults, then the launch's image, decide for a launch that leaves tokens out. */
export function defaultsFindings(launch: DefaultsLaunch, plan: ImdsPlan): StackFinding[] {
  const { r, where, image } = launch;
  const found = (f: Finding): StackFinding[] => [
    { urn: r.urn, ...f, message: f.unverifiable || !launch.why ? f.message : `${f.message} (${launch.why})` },
  ];
  const sameAccount = plan.defaults.filter((d) => sameAccountAndRegion(d, r));
  const { last, racing } = defaultsInForce(r, sameAccount, plan);
  const inForce = [...last, ...racing];
  const weak = inForce.filter((d) => defaultsVerdict(d, launch.enablesEndpoint) === "optional");
  const unknown = inForce.find((d) => defaultsVerdict(d, launch.enablesEndpoint) === "unknown");
  if (last.length > 0 && weak.length === 0)
    return unknown
      ? found(unverifiable(`${unknown.name}.httpTokens`, `the account default ${r.name} launches under`))
      : [];
  // An account default that says optional outranks the image's default, whenever it may be in force.
  if (image.verdict !== "none" && !inForce.some((d) => is(d.inputs.httpTokens, "optional"))) {
    const doubt = inForce.find((d) => isUnknown(d.inputs.httpTokens));
    if (doubt)
      return found(unverifiable(`${doubt.name}.httpTokens`, `an account default may override ${image.ami.name}`));
    if (image.verdict === "unknown")
      return found(unverifiable(`${image.ami.name}.imdsSupport`, `the AMI ${r.name} launches from`));
    return [];
  }
  const lastWeak = last.find((d) => weak.includes(d));
  if (lastWeak)
    return found(
      violation(
        `${where} is ${UNSET}, and the account default ${lastWeak.name}, the last set before ${r.name} launches, ${weakness(lastWeak, launch)}: IMDSv1 stays open`,
      ),
    );
  if (last.length > 0) {
    const rival = weak[0];
    return found(
      violation(
        `${where} is not set, and the account default ${rival.name} ${weakness(rival, launch)} and is not ordered against ${r.name} (no dependsOn either way): one setting holds per account and region and the last applied wins, so ${rival.name} may be in force when ${r.name} launches, which keeps IMDSv1 open; make ${last[0].name} depend on ${rival.name}, remove ${rival.name}, or set httpTokens "required"`,
      ),
    );
  }
  const late = sameAccount.find((d) => defaultsVerdict(d, launch.enablesEndpoint) === "required");
  const message = late
    ? `${where} is not set: the account default ${late.name} requires tokens but may be set after ${r.name} launches, which then keeps IMDSv1 open; make ${r.name} depend on ${late.name} (dependsOn) or set httpTokens "required"`
    : `${where} is ${UNSET}: IMDSv1 stays open`;
  return found(violation(message));
}

/** A launch of the plan that leaves tokens to the account's defaults: no tokens, no launch template, endpoint on. */
export function launchUnderDefaults(r: GenericResource, plan: ImdsPlan): DefaultsLaunch | undefined {
  if (!LAUNCHES_UNDER_DEFAULTS.has(r.type)) return undefined;
  const block = r.inputs.metadataOptions;
  if (isUnknown(block)) return undefined;
  const o = obj(block);
  const fromTemplate = present(r.inputs.launchTemplate);
  if (!leavesTokensOut({ httpTokens: o?.httpTokens, httpEndpoint: o?.httpEndpoint, fromTemplate })) return undefined;
  return {
    r,
    enablesEndpoint: is(o?.httpEndpoint, "enabled"),
    image: imageImdsDefault(r, plan.resolver),
    where: "metadataOptions.httpTokens",
  };
}

/** Findings for the launches in the plan that leave tokens to the account's defaults. */
export function accountDefaultFindings(plan: ImdsPlan): StackFinding[] {
  return plan.resources.flatMap((r) => {
    const launch = launchUnderDefaults(r, plan);
    return launch ? defaultsFindings(launch, plan) : [];
  });
}
