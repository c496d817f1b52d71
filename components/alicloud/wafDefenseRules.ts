// WebFirewall's protection: three WAF 3.0 defense templates bound to the protected hosts (core web protection, HTTP
// flood protection, custom ACLs) and their rules: core rules blocking, CC protection, a per-IP rate limit and one
// block per scanner User-Agent.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { RateLimitOptions, uaBlockRules } from "../plan/alicloud-waf";

export type WafTemplateIds = Record<"webCore" | "cc" | "customAcl", pulumi.Output<number>>;

export interface WafDefenseArgs {
  instanceId: pulumi.Output<string>;
  /** Protected-object names (`<domain>-waf`) the templates bind. */
  protectedResources: string[];
  /** The WAF domains; the templates wait for them, since they bind the domains' protected objects. */
  domains: alicloud.wafv3.Domain[];
  rateLimit: RateLimitOptions;
  blockedUserAgents: readonly string[];
}

/** Makes the templates and their rules as children of `component`; returns the templates' ids. */
export function createWafDefense(component: pulumi.Resource, name: string, args: WafDefenseArgs): WafTemplateIds {
  const parent = { parent: component };
  const template = (key: string, scene: string, description: string) =>
    new alicloud.wafv3.DefenseTemplate(
      `${name}-${key}-template`,
      {
        instanceId: args.instanceId,
        defenseTemplateName: `${name}-${key}`,
        defenseScene: scene,
        templateType: "user_custom",
        templateOrigin: "custom",
        status: "1",
        description,
        resources: args.protectedResources,
      },
      { parent: component, dependsOn: args.domains },
    );
  const webCore = template("web-core", "waf_group", "Core web protection: SQLi, XSS, RCE, traversal, webshells");
  const cc = template("cc", "cc", "HTTP flood protection");
  const customAcl = template("custom-acl", "custom_acl", "Scanner User-Agent blocks and per-IP rate limit");

  const rule = (key: string, t: alicloud.wafv3.DefenseTemplate, scene: string, config: Record<string, unknown>) =>
    new alicloud.wafv3.DefenseRule(
      `${name}-${key}`,
      {
        instanceId: args.instanceId,
        defenseType: "template",
        templateId: t.defenseTemplateId,
        defenseScene: scene,
        defenseOrigin: "custom",
        ruleName: `${name}-${key}`,
        ruleStatus: 1,
        config,
      },
      parent,
    );
  // Core protection in blocking mode with automatic rule updates: new attack signatures apply without a deploy.
  rule("web-core-rule", webCore, "waf_group", { ruleAction: "block", autoUpdate: true });
  rule("cc-rule", cc, "cc", { mode: 0 });
  rule("rate-limit-rule", customAcl, "custom_acl", {
    conditions: [{ key: "URLPath", opValue: "prefix-match", values: "/" }],
    ruleAction: "block",
    ccStatus: 1,
    ccEffect: "rule",
    rateLimit: {
      target: "remoteAddr",
      interval: args.rateLimit.intervalSeconds,
      threshold: args.rateLimit.threshold,
      ttl: args.rateLimit.blockSeconds,
    },
  });
  uaBlockRules(args.blockedUserAgents).forEach((plan) =>
    rule(plan.suffix, customAcl, "custom_acl", { conditions: plan.conditions, ruleAction: plan.ruleAction }),
  );
  return {
    webCore: webCore.defenseTemplateId,
    cc: cc.defenseTemplateId,
    customAcl: customAcl.defenseTemplateId,
  };
}
