// Makes a resource rule read the resources a raw template deploys (aws.cloudformation.Stack and StackSet,
// alicloud.ros.Stack and StackGroup): each embedded resource the kit can translate is judged by the rule's own
// validateResource as if the program had declared it, and every message names the template resource it is about.
import { ReportViolation, ResourceValidation, ResourceValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { rawProps } from "../../../lib/values";
import { reportingCaseStep } from "../case-step";
import { ConfigReader } from "../config";
import { Finding } from "../findings";
import { reportFindings } from "../report-findings";
import { maskingReporter, rememberSecrets, resourceSecrets, secretsOf } from "../secret-values";
import { HardeningResourcePolicy } from "../rule";
import { aboutTemplateResource } from "./template-messages";
import { EmbeddedResource } from "./embedded-resource";
import { TEMPLATE_CONTAINERS, TemplateContainer } from "./template-containers";
import { placedProps } from "./template-placement";
import { readTemplateResources } from "./template-reading";
import { withTemplateStackResources } from "./template-stack-resources";

export interface TemplateReadingOptions {
  /**
   * This policy says when a template cannot be read (outside the program, unknown, unparseable, capped): one note per
   * container for the whole pack. Other wrapped policies say it only when their own config fails closed.
   */
  reportsUnreadable: boolean;
  /** Template dialects this policy judges (default both): one whose mapping is not one to one is left out. */
  dialects?: readonly TemplateContainer["dialect"][];
}

function unreadableFinding(container: TemplateContainer, why: string): Finding {
  return { message: `cannot be verified at preview: the ${container.label}'s template: ${why}`, unverifiable: true };
}

export function readingTemplates(
  policy: HardeningResourcePolicy,
  options: TemplateReadingOptions,
): HardeningResourcePolicy {
  const validations: ResourceValidation[] = policy.validateResource ? [policy.validateResource].flat() : [];
  const { metadata } = policy;
  const containers = new Map([...TEMPLATE_CONTAINERS].filter(([, c]) => options.dialects?.includes(c.dialect) ?? true));
  const judges = (r: EmbeddedResource) => r.judgedBy === undefined || r.judgedBy.includes(metadata.name);
  /** The rule's own validations, as the analyzer would call them; a promise only if one of them returns one. */
  const delegate = (args: ResourceValidationArgs, report: ReportViolation): void | Promise<void> => {
    if (validations.length === 1) return validations[0](args, report);
    const pending = validations.map((v) => v(args, report)).filter((r): r is Promise<void> => r instanceof Promise);
    return pending.length > 0 ? Promise.all(pending).then(() => undefined) : undefined;
  };

  const reportUnreadable = (args: ResourceValidationArgs, report: ReportViolation, findings: Finding[]) => {
    const common = new ConfigReader(metadata.name, args.getConfig<Record<string, unknown>>() ?? {}).common();
    if (!options.reportsUnreadable && common.failClosed !== true) return;
    const reporter = { report: reportingCaseStep(report, metadata.caseStep), policyName: metadata.name, common };
    const subject = { urn: args.urn, name: args.name, secrets: resourceSecrets(args) };
    reportFindings({ ...reporter, expired: "notice" }, subject, findings);
  };

  const validateResource = (args: ResourceValidationArgs, report: ReportViolation): void | Promise<void> => {
    // Other types pay one map lookup.
    const container = containers.get(args.type);
    if (!container) return delegate(args, report);
    const containerProps = rawProps(args.props);
    const reading = readTemplateResources(container, containerProps);
    const containerSecrets = secretsOf(containerProps);
    if (reading.unreadable.length > 0)
      reportUnreadable(
        args,
        report,
        reading.unreadable.map((why) => unreadableFinding(container, why)),
      );
    const pending = reading.resources.filter(judges).map((r) => {
      const props = placedProps(r, { urn: args.urn, props: containerProps }, false);
      // What a secret body or parameter deploys is as secret as it: its messages mask the container's secrets.
      rememberSecrets(props, containerSecrets);
      const embedded = { ...args, type: r.type, name: `${args.name}/${r.logicalId}`, props };
      // The label names the resource by its logical id, which a secret body holds too: masked once labelled.
      return delegate(embedded, aboutTemplateResource(maskingReporter(report, containerSecrets), r));
    });
    return pending.some((p) => p instanceof Promise) ? Promise.all(pending).then(() => undefined) : undefined;
  };

  const resourceTypes = [...metadata.resourceTypes, ...containers.keys()];
  const wrapped: HardeningResourcePolicy = { ...policy, validateResource, metadata: { ...metadata, resourceTypes } };
  const { validateStack } = policy as Partial<StackValidationPolicy>;
  return validateStack
    ? ({
        ...wrapped,
        validateStack: withTemplateStackResources(validateStack, containers, judges),
      } as HardeningResourcePolicy)
    : wrapped;
}
