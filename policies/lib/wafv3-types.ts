// Alibaba Cloud WAF 3.0 resource types the core-rules check reads, and which protection scenes are core web
// protection (the OWASP-style rule engine): waf_group ("basic protection") and waf_base ("new web core protection").
export const DEFENSE_TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";
export const DEFENSE_RULE = "alicloud:wafv3/defenseRule:DefenseRule";

export const CORE_SCENES: ReadonlySet<string> = new Set(["waf_group", "waf_base"]);
