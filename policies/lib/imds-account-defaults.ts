// EC2's instance metadata defaults (aws.ec2.InstanceMetadataDefaults, one per account and region) decide the tokens of
// every instance launched without its own setting: with httpTokens "required" (or the endpoint off) an instance, spot
// request, launch template or launch configuration that leaves tokens out still gets IMDSv2 only. The defaults apply
// at launch, so they count for a resource only when it depends on them (it then launches after they are set), and
// only under the same provider (the same account and region). Without them, an AMI of the stack registered with
// imdsSupport "v2.0" gives the launches from it IMDSv2 (`ami-imds-support.ts`), unless an account default says optional.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { isUnknown, obj } from "../../lib/values";
import { imageImdsDefault } from "./ami-imds-support";
import { unverifiable, violation } from "./findings";
import { leavesTokensOut, present, UNSET } from "./metadata-tokens";
import { StackFinding } from "./stack-rule";
import { is } from "./text-values";
import { appendAll } from "../../lib/arrays";

export const ACCOUNT_DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";

/** Types whose metadataOptions fall back to the account's defaults when they leave tokens out. */
export const LAUNCHES_UNDER_DEFAULTS: ReadonlySet<string> = new Set([
  "aws:ec2/instance:Instance",
  "aws:ec2/spotInstanceRequest:SpotInstanceRequest",
  "aws:ec2/launchTemplate:LaunchTemplate",
  "aws:ec2/launchConfiguration:LaunchConfiguration",
]);

type DefaultsVerdict = "required" | "unknown" | "optional";

function defaultsVerdict(d: GenericResource): DefaultsVerdict {
  const { httpTokens, httpEndpoint } = d.inputs;
  if (is(httpTokens, "required") || is(httpEndpoint, "disabled")) return "required";
  return isUnknown(httpTokens) || isUnknown(httpEndpoint) ? "unknown" : "optional";
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

function launchFindings(
  r: GenericResource,
  defaults: readonly GenericResource[],
  byUrn: ReadonlyMap<string, GenericResource>,
  resolver: Resolver,
): StackFinding[] {
  const where = "metadataOptions.httpTokens";
  const sameAccount = defaults.filter((d) => d.provider === r.provider);
  const before = sameAccount.filter((d) => dependsOn(r, d.urn, byUrn));
  if (before.some((d) => defaultsVerdict(d) === "required")) return [];
  const unknown = before.find((d) => defaultsVerdict(d) === "unknown");
  if (unknown)
    return [
      { urn: r.urn, ...unverifiable(`${unknown.name}.httpTokens`, `the account default ${r.name} launches under`) },
    ];
  // An account default that says optional outranks the image's default, whenever it is set.
  const image = imageImdsDefault(r, resolver);
  if (image.verdict !== "none" && !sameAccount.some((d) => is(d.inputs.httpTokens, "optional"))) {
    const doubt = sameAccount.find((d) => isUnknown(d.inputs.httpTokens));
    if (doubt)
      return [
        {
          urn: r.urn,
          ...unverifiable(`${doubt.name}.httpTokens`, `an account default may override ${image.ami.name}`),
        },
      ];
    if (image.verdict === "unknown")
      return [{ urn: r.urn, ...unverifiable(`${image.ami.name}.imdsSupport`, `the AMI ${r.name} launches from`) }];
    return [];
  }
  const late = sameAccount.find((d) => defaultsVerdict(d) === "required");
  const message = late
    ? `${where} is not set: the account default ${late.name} requires tokens but may be set after ${r.name} launches, which then keeps IMDSv1 open; make ${r.name} depend on ${late.name} (dependsOn) or set httpTokens "required"`
    : `${where} is ${UNSET}: IMDSv1 stays open`;
  return [{ urn: r.urn, ...violation(message) }];
}

/** Findings for the launches in the plan that leave tokens to the account's defaults. */
export function accountDefaultFindings(resources: readonly GenericResource[]): StackFinding[] {
  const launches = resources.filter((r) => LAUNCHES_UNDER_DEFAULTS.has(r.type) && leavesTokensToAccount(r));
  if (launches.length === 0) return [];
  const defaults = resources.filter((r) => r.type === ACCOUNT_DEFAULTS);
  const byUrn = new Map(resources.map((r) => [r.urn, r]));
  const resolver = new Resolver(resources);
  return launches.flatMap((r) => launchFindings(r, defaults, byUrn, resolver));
}

/** No tokens of its own, no launch template and the endpoint on: the account's default decides. */
function leavesTokensToAccount(r: GenericResource): boolean {
  const block = r.inputs.metadataOptions;
  if (isUnknown(block)) return false;
  const o = obj(block);
  const fromTemplate = present(r.inputs.launchTemplate);
  return leavesTokensOut({ httpTokens: o?.httpTokens, httpEndpoint: o?.httpEndpoint, fromTemplate });
}
