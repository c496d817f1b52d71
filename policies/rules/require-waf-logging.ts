import { GenericResource } from "../../lib/reachability";
import { isUnknown, obj } from "../../lib/values";
import { at, expectAll, isTrue } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { UNDECIDED_CONDITION } from "../lib/templates/template-conditional-switches";
import { BUCKET, destinationFindings, LOG_GROUP } from "../lib/waf-logging-destinations";
import { classesNotKept, droppedClasses, EVIDENCE_CLASSES } from "../lib/waf-logging-filters";
import { AclLogging, loggingLinks } from "../lib/waf-logging-links";
import { redactionFindings } from "../lib/waf-logging-redaction";

const WEB_ACL = "aws:wafv2/webAcl:WebAcl";
const LOGGING = "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration";
const ALI_WAF = "alicloud:waf/instance:Instance";

/** What losing the classes loses, for messages: "what got through and what the scanners tried". */
const losing = (classes: readonly string[]) => classes.map((c) => EVIDENCE_CLASSES[c] ?? c).join(" and ");

/**
 * A DROP default logs only what a KEEP filter foresaw, and loses the requests nobody anticipated: the ones a
 * forensic review needs (what the scanners tried and what got through). Mandatory like a missing configuration,
 * unless KEEP filters log every allowed and every blocked request ahead of any DROP filter for them.
 */
function dropsByDefault(log: GenericResource): Finding[] {
  const behavior = at(log.inputs, "loggingFilter.defaultBehavior");
  if (isUnknown(behavior)) return [unverifiable("loggingFilter.defaultBehavior")];
  if (typeof behavior !== "string" || behavior.toUpperCase() !== "DROP") return dropsByAction(log);
  const filter = obj(log.inputs.loggingFilter) ?? {};
  const notKept = classesNotKept(filter);
  if (notKept === "unknown") return [unverifiable("loggingFilter.filters")];
  if (notKept.length === 0) return [];
  const kept = filter.filters;
  const what = Array.isArray(kept) && kept.length > 0 ? "only requests its KEEP filters match" : "nothing";
  const lost = `no KEEP filter logs every ${notKept.join(" and every ")} record (${losing(notKept)})`;
  return [
    violation(`logging configuration ${log.name} has loggingFilter.defaultBehavior "DROP": it logs ${what}; ${lost}`),
  ];
}

/**
 * A KEEP default with a DROP filter for every allowed request loses what got through, and one for every blocked
 * request what the scanners tried: like a DROP default. Noise is dropped by label, never a whole class.
 */
function dropsByAction(log: GenericResource): Finding[] {
  const filter = obj(log.inputs.loggingFilter);
  if (!filter) return [];
  const { lost, notes } = droppedClasses(filter);
  if (lost.length === 0) return notes;
  return [
    violation(
      `logging configuration ${log.name} drops every ${lost.join(" and every ")} request with its loggingFilter filters: ${losing(lost)} ${lost.length > 1 ? "are" : "is"} never logged; drop noise by label instead`,
    ),
  ];
}

/**
 * A WebACL no logging configuration names is unlogged; one named only by configurations a raw template creates under a
 * condition undecided at preview, or only possibly named by a template ResourceArn unknown at preview, may be: a note,
 * never a pass.
 */
function loggingFindings(acl: GenericResource, links: AclLogging): StackFinding[] {
  const { certain, possible } = links;
  if (certain.some((l) => l.inputs[UNDECIDED_CONDITION] === undefined)) return [];
  if (certain.length > 0) {
    const [log] = certain;
    const condition = String(log.inputs[UNDECIDED_CONDITION]);
    const why = `the template creates the logging configuration only if condition ${condition} holds; otherwise WebACL ${acl.name} has no logging configuration`;
    return [{ urn: acl.urn, ...unverifiable(`whether ${log.name} is created`, why) }];
  }
  if (possible.length > 0) {
    const [{ log, why }] = possible;
    const may = `${why}, so it may name WebACL ${acl.name}; if it does not, WebACL ${acl.name} has no logging configuration`;
    return [{ urn: acl.urn, ...unverifiable(`resourceArn of ${log.name}`, may) }];
  }
  return [{ urn: acl.urn, message: `WebACL ${acl.name} has no logging configuration` }];
}

/** Alibaba Cloud WAF 2.0 instances keep logs only with the log service on (wafLog, a "true"/"false" string). */
const aliWafInstance = (r: GenericResource): Finding[] =>
  expectAll(r.inputs, [
    { path: "wafLog", ok: isTrue, problem: () => "the WAF log service is off: no record of what the scanners tried" },
  ]);

/** Case step 5: without WAF logs there is no record of what the scanners tried. */
export const requireWafLogging = defineStackRule({
  metadata: {
    name: "require-waf-logging",
    description:
      "Every web ACL must log its traffic, without dropping every allowed or every blocked request or redacting the fields that identify an attacker.",
    details:
      'Every WAFv2 WebACL in the stack must have a WebAclLoggingConfiguration pointing at it (checked across the stack, since the logging configuration is a separate resource), and the configuration must not drop requests by default (loggingFilter.defaultBehavior "DROP", unless KEEP filters ahead of any DROP filter for them keep every allowed and every blocked request) nor drop every allowed request (what got through) or every blocked request (what the scanners tried) with a filter (filters apply in order, the first match deciding: a KEEP filter narrowed by a label, or one after the DROP, does not keep them; noise is dropped by label), nor redact the evidence (redactedFields uriPath, queryString, method, or the User-Agent header or a header carrying the client address behind a CDN or proxy: X-Forwarded-For, Forwarded, True-Client-IP, X-Real-IP, CF-Connecting-IP, X-Client-IP, any case; credentials such as authorization and cookie may be redacted); Alibaba Cloud WAF 2.0 instances must keep the log service on (wafLog "true"). WAFv2 web ACLs and logging configurations deployed by raw CloudFormation templates are judged too, and a logging configuration of a template must send to a destination WAF accepts: a log group or bucket whose name starts with aws-waf-logs- (one left unnamed is named after the stack, without the prefix); a destination the template leaves unknown at preview, or a logging configuration it creates only under a condition undecided at preview, is a note, never a pass. A template ResourceArn links by Fn::GetAtt of the Arn of the web ACL (or Fn::Sub of "${WebAcl.Arn}" alone), or by a parameter the program feeds from the arn of a web ACL; one left unknown at preview (Fn::Sub, Fn::ImportValue, an undecided Fn::If, a parameter built into a longer ARN) makes each web ACL it may name (one of the template it is built from, one the program feeds a parameter it reads from, one another template may export when it imports) unverifiable, a note.',
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Add an aws.wafv2.WebAclLoggingConfiguration with resourceArn set to the WebACL's arn; in a CloudFormation template, set ResourceArn to !GetAtt <WebACL>.Arn rather than an ARN built with Fn::Sub or imported, so the link can be checked at preview.",
      "Send the logs to a CloudWatch log group, S3 bucket or Firehose whose name starts with aws-waf-logs-.",
      'Keep loggingFilter.defaultBehavior "KEEP" (or leave loggingFilter out) and drop only known noise with DROP filters narrowed by a label, never every ALLOW or every BLOCK record; under a DROP default, keep every ALLOW and every BLOCK record with KEEP filters ahead of any DROP filter.',
      "Redact only credentials (singleHeader authorization, cookie): not uriPath, queryString, method, User-Agent, or the client-address headers (X-Forwarded-For, Forwarded, True-Client-IP, X-Real-IP, CF-Connecting-IP, X-Client-IP), which show what the attacker sent and from where.",
      'Alibaba Cloud WAF 2.0: set wafLog "true" on the alicloud.waf.Instance.',
    ],
    controls: [
      { framework: "AWS FSBP", id: "WAF.11" },
      { framework: "CIS Alibaba Cloud v2.0", id: "2.7" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.3" },
    ],
    caseStep: 5,
    resourceTypes: [WEB_ACL, LOGGING, LOG_GROUP, BUCKET, ALI_WAF],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  readsTemplateResources: true,
  check: ({ resources }) => {
    const acls = resources.filter((r) => r.type === WEB_ACL);
    const logs = resources.filter((r) => r.type === LOGGING);
    const links = loggingLinks(logs, resources);
    const unlogged = acls.flatMap((acl) => loggingFindings(acl, links(acl)));
    // Reported on the logging configuration: that is the resource to change.
    const dropping = logs.flatMap((l) =>
      [
        ...destinationFindings(l, resources),
        ...dropsByDefault(l),
        ...redactionFindings(l.name, l.inputs.redactedFields),
      ].map((f): StackFinding => ({ ...f, urn: l.urn })),
    );
    const aliUnlogged = resources
      .filter((r) => r.type === ALI_WAF)
      .flatMap((r) => aliWafInstance(r).map((f): StackFinding => ({ ...f, urn: r.urn })));
    return [...unlogged, ...dropping, ...aliUnlogged];
  },
});
