// JSON template bodies and the stacks that deploy them, as the template rule tests write them.
import { StackInput } from "./harness";
import { TemplateResources } from "./templates-fixtures";

/** A JSON CloudFormation body with these resources, and any other sections (Parameters, Conditions). */
export const cfn = (resources: TemplateResources, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ AWSTemplateFormatVersion: "2010-09-09", ...extra, Resources: resources });

/** A JSON ROS body with these resources, and any other sections. */
export const ros = (resources: TemplateResources, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ROSTemplateFormatVersion: "2015-09-01", ...extra, Resources: resources });

/** Builds containers named `name`: a stack of `type` deploying the body, with its other inputs and resource fields. */
export const stacksNamed =
  (name: string) =>
  (
    type: string,
    templateBody: string,
    props: Record<string, unknown> = {},
    more: Partial<StackInput> = {},
  ): StackInput => ({
    type,
    name,
    props: { templateBody, ...props },
    ...more,
  });
