// Template containers for the template tests: the four Pulumi resources that deploy a raw template, and short ways to
// write a body with one resource of a given type.
import { hardeningRules } from "../../policies/catalog";

export const CFN_STACK = "aws:cloudformation/stack:Stack";
export const CFN_STACK_SET = "aws:cloudformation/stackSet:StackSet";
export const ROS_STACK = "alicloud:ros/stack:Stack";
export const ROS_STACK_GROUP = "alicloud:ros/stackGroup:StackGroup";

/** A catalog rule (as the pack runs it, reading templates) by name. */
export function rule(name: string) {
  const found = hardeningRules.find((p) => p.name === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
}

/** A JSON CloudFormation body declaring one resource, with optional parameters. */
export function cfnJson(type: string, properties: unknown, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AWSTemplateFormatVersion: "2010-09-09",
    Parameters: parameters,
    Resources: { Res: { Type: type, Properties: properties } },
  });
}

/** A JSON ROS body declaring one resource, with optional parameters. */
export function rosJson(type: string, properties: unknown, parameters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    ROSTemplateFormatVersion: "2015-09-01",
    Parameters: parameters,
    Resources: { Res: { Type: type, Properties: properties } },
  });
}
