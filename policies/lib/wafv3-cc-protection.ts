// HTTP flood protection of a WAF 3.0 domain, from either of two modules. CC protection: an enabled template of
// defenseScene "cc" that applies to the domain, with an enabled cc defense rule that does not only observe
// (config.ruleAction "monitor"); its mode, normal (0) or emergency (1), blocks either way. Or a rate-limited custom
// rule: an enabled custom_acl rule with config.ccStatus 1, a rateLimit (threshold requests per interval seconds) within
// the ceiling and not tied to a response code (rateLimit.status), and an action that stops the client (not monitor),
// in an enabled template that applies to the domain or bound to the domain itself (defenseType resource), counting
// per client address (rateLimit.target remoteAddr, wafv3-rate-target.ts). Rules limited to time windows or to a canary
// share of traffic do not protect. Match conditions, which scope a custom rule to some paths, are not judged: per-path
// flood limits are normal.
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/internals";
import { isUnknown, num, obj } from "../../lib/values";
import { isKnownName } from "./known-text";
import { Proof } from "./proof";
import {
  allHold,
  fallsShort,
  firstEffective,
  RateCeiling,
  RateVerdict,
  unknownField,
  withinCeiling,
  yes,
} from "./rate-ceiling";
import { shown } from "./text-values";
import { countsPerAddress } from "./wafv3-rate-target";
import { alwaysInEffect, ruleEnabled } from "./wafv3-rule-state";
import {
  holdsName,
  protectedObjectName,
  ruleTemplates,
  templateAppliesTo,
  templateEnabled,
} from "./wafv3-template-binding";
import { DEFENSE_RULE, DEFENSE_TEMPLATE } from "./wafv3-types";

/** Custom rule actions that stop a client over the limit; "monitor" only logs it. */
const STOPPING_ACTIONS: ReadonlySet<string> = new Set(["block", "captcha", "captcha_strict", "js"]);

const label = (r: GenericResource, key: string): string => {
  const v = r.inputs[key];
  return isKnownName(v) ? v : r.name;
};

const asVerdict = (p: Proof, field: string, shortfall: string): RateVerdict =>
  p === "yes" ? yes : p === "unknown" ? unknownField(field) : fallsShort(shortfall);

function inScene(rule: GenericResource, scene: string): Proof {
  const s = rule.inputs.defenseScene;
  return isUnknown(s) ? "unknown" : s === scene ? "yes" : "no";
}

/** A rule's state: enabled, at all times and for all traffic. */
function inEffect(rule: GenericResource, where: string): RateVerdict[] {
  const config = obj(rule.inputs.config) ?? {};
  return [
    asVerdict(ruleEnabled(rule.inputs), `ruleStatus of ${where}`, `${where} is disabled`),
    asVerdict(
      isUnknown(rule.inputs.config) ? "unknown" : alwaysInEffect(config),
      `config.timeConfig / grayStatus of ${where}`,
      `${where} applies only at times or to a canary share of traffic`,
    ),
  ];
}

function ccRuleBlocks(rule: GenericResource): RateVerdict {
  const where = `cc rule ${label(rule, "ruleName")}`;
  const action = obj(rule.inputs.config)?.ruleAction;
  return allHold([
    () => asVerdict(isUnknown(rule.inputs.config) ? "unknown" : "yes", `config of ${where}`, ""),
    ...inEffect(rule, where).map((v) => () => v),
    () =>
      isUnknown(action)
        ? unknownField(`config.ruleAction of ${where}`)
        : action === "monitor"
          ? fallsShort(`${where} only observes (ruleAction monitor)`)
          : yes,
  ]);
}

function rateLimited(rule: GenericResource, ceiling: RateCeiling): RateVerdict {
  const where = `custom rule ${label(rule, "ruleName")}`;
  if (isUnknown(rule.inputs.config)) return unknownField(`config of ${where}`);
  const config = obj(rule.inputs.config) ?? {};
  const { ccStatus, ruleAction, rateLimit } = config;
  const limit = obj(rateLimit) ?? {};
  return allHold([
    ...inEffect(rule, where).map((v) => () => v),
    () =>
      isUnknown(ccStatus)
        ? unknownField(`config.ccStatus of ${where}`)
        : num(ccStatus) === 1
          ? yes
          : fallsShort(`${where} has no rate limit (ccStatus is not 1)`),
    () =>
      isUnknown(ruleAction)
        ? unknownField(`config.ruleAction of ${where}`)
        : typeof ruleAction === "string" && STOPPING_ACTIONS.has(ruleAction)
          ? yes
          : fallsShort(
              `${where} does not stop the client (ruleAction ${ruleAction === undefined || ruleAction === null ? "not set" : shown(ruleAction)})`,
            ),
    () => (isUnknown(rateLimit) ? unknownField(`config.rateLimit of ${where}`) : yes),
    () =>
      isUnknown(limit.status)
        ? unknownField(`config.rateLimit.status of ${where}`)
        : limit.status === undefined || limit.status === null
          ? yes
          : fallsShort(`${where} counts responses of one status code (rateLimit.status), not requests`),
    () => countsPerAddress(rateLimit, where),
    () =>
      withinCeiling(limit.threshold, limit.interval, undefined, ceiling, {
        limit: `rateLimit.threshold of ${where}`,
        window: `rateLimit.interval of ${where}`,
      }),
  ]);
}

/** Looks up the flood protection of each WAF 3.0 domain of the stack. */
export function ccProtection(res: Resolver, ceiling: RateCeiling): (domain: GenericResource) => RateVerdict {
  const templateOf = ruleTemplates(res);
  const rules = res.ofType(DEFENSE_RULE).map((rule) => ({ rule, template: templateOf(rule) }));
  const ccTemplates = res
    .ofType(DEFENSE_TEMPLATE)
    .filter((t) => t.inputs.defenseScene === "cc" || isUnknown(t.inputs.defenseScene));

  // A rule with an unresolved template may belong to any template of its scene.
  const rulesOf = (t: GenericResource) => rules.filter((r) => r.template === t || r.template === "unresolved");

  const ccTemplate = (t: GenericResource, domain: GenericResource): RateVerdict | undefined => {
    const where = `cc template ${label(t, "defenseTemplateName")}`;
    const applies = templateAppliesTo(res, t, domain);
    if (applies === "no") return undefined;
    return allHold([
      () => asVerdict(applies, `resources / resourceGroups / templateType of ${where}`, ""),
      () => (isUnknown(t.inputs.defenseScene) ? unknownField(`defenseScene of ${where}`) : yes),
      () => asVerdict(templateEnabled(t), `status of ${where}`, `${where} is disabled`),
      () => {
        const members = rulesOf(t).filter((r) => inScene(r.rule, "cc") !== "no");
        if (members.length === 0) return fallsShort(`${where} has no cc defense rule`);
        return firstEffective(
          members.map((r) =>
            inScene(r.rule, "cc") === "unknown" || r.template === "unresolved"
              ? allHold([
                  () => unknownField(`templateId / defenseScene of ${label(r.rule, "ruleName")}`),
                  () => ccRuleBlocks(r.rule),
                ])
              : ccRuleBlocks(r.rule),
          ),
        );
      },
    ]);
  };

  const customRule = (
    r: { rule: GenericResource; template: GenericResource | "unresolved" | undefined },
    domain: GenericResource,
  ): RateVerdict | undefined => {
    const scene = inScene(r.rule, "custom_acl");
    if (scene === "no") return undefined;
    const type = r.rule.inputs.defenseType;
    const where = `custom rule ${label(r.rule, "ruleName")}`;
    let binding: RateVerdict;
    if (isUnknown(type)) binding = unknownField(`defenseType of ${where}`);
    else if (type === "resource") {
      const holds = holdsName([r.rule.inputs.resource], protectedObjectName(domain));
      if (holds === "no") return undefined;
      binding = asVerdict(holds, `resource of ${where}`, "");
    } else if (r.template === "unresolved") binding = unknownField(`templateId of ${where}`);
    else if (r.template === undefined) return undefined;
    else {
      const t = r.template;
      const applies = templateAppliesTo(res, t, domain);
      if (applies === "no") return undefined;
      binding = allHold([
        () =>
          asVerdict(
            applies,
            `resources / resourceGroups / templateType of template ${label(t, "defenseTemplateName")}`,
            "",
          ),
        () =>
          asVerdict(
            templateEnabled(t),
            `status of template ${label(t, "defenseTemplateName")}`,
            `${where} is in the disabled template ${label(t, "defenseTemplateName")}`,
          ),
      ]);
    }
    // Only rules that set a rate limit are candidates: the scanner User-Agent blocks are custom rules too.
    const config = obj(r.rule.inputs.config);
    const limits =
      isUnknown(r.rule.inputs.config) ||
      (config !== undefined && (config.ccStatus !== undefined || config.rateLimit !== undefined));
    if (!limits) return undefined;
    return allHold([
      () => binding,
      () => (scene === "unknown" ? unknownField(`defenseScene of ${where}`) : yes),
      () => rateLimited(r.rule, ceiling),
    ]);
  };

  return (domain) =>
    firstEffective([
      ...ccTemplates.flatMap((t) => ccTemplate(t, domain) ?? []),
      ...rules.flatMap((r) => customRule(r, domain) ?? []),
    ]);
}
