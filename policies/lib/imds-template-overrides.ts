// A launch from a launch template leaves what it does not set to the template, which require-imdsv2 judges as a
// resource of its own, so the launch passes as the template does. That verdict may rest on a setting the launch
// replaces: the template's endpoint switched off (the launch turns it on), or the IMDSv2 default of the template's
// image (the launch names an image of its own). Such a launch is judged with its own settings over the template's:
// the template's tokens, and when both leave them out, the account's defaults and the image the launch starts from.
// It is reported only where the template itself passes: otherwise the template's finding already covers it. A launch
// from a template the stack does not declare gets a note instead (outside-launch-templates.ts).
import { GenericResource } from "../../lib/reachability";
import { isUnknown, obj } from "../../lib/values";
import { imageImdsDefault } from "./ami-imds-support";
import { Finding, unverifiable, violation } from "./findings";
import { defaultsFindings, ImdsPlan, launchUnderDefaults } from "./imds-account-defaults";
import { present, tokenFindings, UNSET } from "./metadata-tokens";
import { ALICLOUD_TEMPLATES, AWS_TEMPLATES } from "./launch-template-types";
import { outsideTemplateFindings } from "./outside-launch-templates";
import { StackFinding } from "./stack-rule";
import { is, shown } from "./text-values";

interface Tokens {
  httpTokens: unknown;
  httpEndpoint: unknown;
}

/** How one cloud's launches name their template and hold their metadata settings. */
interface TemplateLaunches {
  launches: readonly string[];
  templates: readonly string[];
  /** The settings of a launch or template; undefined when their block is unknown at preview. */
  tokens(p: Record<string, unknown>): Tokens | undefined;
  /** The input naming the template, and its value. */
  templateRef(p: Record<string, unknown>): { prop: string; value: unknown } | undefined;
  /** Message prefix of the settings, e.g. "metadataOptions.". */
  where: string;
  /** The input a launch names its own image by, when the image can decide its tokens. */
  imageField?: string;
  /** Tokens both leave out fall to the account's defaults and the image (judged across the stack). */
  accountDecides: boolean;
}

const AWS: TemplateLaunches = {
  launches: ["aws:ec2/instance:Instance", "aws:ec2/spotInstanceRequest:SpotInstanceRequest"],
  templates: AWS_TEMPLATES,
  tokens: (p) => {
    if (isUnknown(p.metadataOptions)) return undefined;
    const o = obj(p.metadataOptions);
    return { httpTokens: o?.httpTokens, httpEndpoint: o?.httpEndpoint };
  },
  templateRef: (p) => {
    const ref = p.launchTemplate;
    if (!present(ref)) return undefined;
    const o = obj(ref);
    return { prop: "launchTemplate", value: isUnknown(ref) ? ref : (o?.id ?? o?.name) };
  },
  where: "metadataOptions.",
  imageField: "ami",
  accountDecides: true,
};

const ALICLOUD: TemplateLaunches = {
  launches: ["alicloud:ecs/instance:Instance"],
  templates: ALICLOUD_TEMPLATES,
  tokens: (p) => ({ httpTokens: p.httpTokens, httpEndpoint: p.httpEndpoint }),
  templateRef: (p) => {
    if (present(p.launchTemplateId)) return { prop: "launchTemplateId", value: p.launchTemplateId };
    if (present(p.launchTemplateName)) return { prop: "launchTemplateName", value: p.launchTemplateName };
    return undefined;
  },
  where: "",
  accountDecides: false,
};

const unset = (v: unknown) => v === undefined || v === null;

/** Whether the template on its own gets a finding (which then covers the launches from it). */
function templateFails(t: GenericResource, tokens: Tokens, kind: TemplateLaunches, plan: ImdsPlan): boolean {
  const own = tokenFindings({ where: kind.where, ...tokens, accountDecides: kind.accountDecides });
  if (own.length > 0) return true;
  const underDefaults = kind.accountDecides ? launchUnderDefaults(t, plan) : undefined;
  return underDefaults !== undefined && defaultsFindings(underDefaults, plan).length > 0;
}

function launchFindings(r: GenericResource, kind: TemplateLaunches, plan: ImdsPlan): Finding[] {
  const own = kind.tokens(r.inputs);
  const ref = kind.templateRef(r.inputs);
  // Its own tokens, an endpoint it switches off or leaves unknown: the resource part judges those.
  if (!own || !ref || !unset(own.httpTokens) || isUnknown(own.httpEndpoint) || is(own.httpEndpoint, "disabled"))
    return [];
  const turnsEndpointOn = is(own.httpEndpoint, "enabled");
  const ownImage = kind.imageField !== undefined && present(r.inputs[kind.imageField]);
  const urn = plan.resolver.one(r, ref.prop, ref.value, kind.templates);
  const t = urn ? plan.resolver.get(urn) : undefined;
  if (!t) {
    const launch = { r, ref: ref.value, enablesEndpoint: turnsEndpointOn, accountDecides: kind.accountDecides };
    return outsideTemplateFindings(launch, plan);
  }
  if (!turnsEndpointOn && !ownImage) return [];
  const theirs = kind.tokens(t.inputs);
  if (!theirs || templateFails(t, theirs, kind, plan)) return [];
  const httpTokens = theirs.httpTokens;
  const httpEndpoint = unset(own.httpEndpoint) ? theirs.httpEndpoint : own.httpEndpoint;
  if (is(httpTokens, "required") || is(httpEndpoint, "disabled")) return [];
  if (isUnknown(httpTokens) || isUnknown(httpEndpoint))
    return [unverifiable(`${t.name}.${kind.where}httpTokens`, `the launch template ${r.name} launches from`)];
  const reasons = [
    ...(turnsEndpointOn && is(theirs.httpEndpoint, "disabled")
      ? [`${r.name} turns on the metadata endpoint ${t.name} switches off`]
      : []),
    ...(ownImage && imageImdsDefault(t, plan.resolver).verdict !== "none"
      ? [
          `${r.name} names an image of its own (${kind.imageField}), so ${t.name}'s image and its IMDSv2 default do not apply`,
        ]
      : []),
  ];
  const why = reasons.join("; ");
  const because = why ? ` (${why})` : "";
  const where = `${kind.where}httpTokens`;
  if (!unset(httpTokens))
    return [violation(`${where} is not set and ${t.name}'s is ${shown(httpTokens)}${because}: IMDSv1 stays open`)];
  if (!kind.accountDecides)
    return [violation(`${where} (here and in ${t.name}) is ${UNSET}${because}: IMDSv1 stays open`)];
  const launch = {
    r,
    enablesEndpoint: is(httpEndpoint, "enabled"),
    image: imageImdsDefault(ownImage ? r : t, plan.resolver),
    where: `${where} (here and in ${t.name})`,
    why: why || undefined,
  };
  return defaultsFindings(launch, plan);
}

/** Findings for the launches that replace a setting their launch template's verdict rests on. */
export function templateOverrideFindings(plan: ImdsPlan): StackFinding[] {
  return [AWS, ALICLOUD].flatMap((kind) =>
    plan.resources
      .filter((r) => kind.launches.includes(r.type))
      .flatMap((r) => launchFindings(r, kind, plan).map((f) => ({ urn: r.urn, ...f }))),
  );
}
