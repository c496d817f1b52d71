// The Pulumi resources that deploy a raw template, and where each keeps the template and its parameter values.
import { isUnknown } from "../../../lib/values";
import { GivenParameters, keyValueParameters, mapParameters } from "./template-parameters";

export interface TemplateContainer {
  /** For messages: "CloudFormation stack set". */
  label: string;
  /** "CFN" or "ROS": which resource types the template declares. */
  dialect: "CFN" | "ROS";
  parameters: (v: unknown) => GivenParameters;
  /** Stack sets and stack groups deploy instances that may override any parameter. */
  instancesOverrideParameters: boolean;
  /** Fields naming a template kept outside the program, which the pack cannot read at preview. */
  outsideFields: readonly string[];
}

export const TEMPLATE_CONTAINERS: ReadonlyMap<string, TemplateContainer> = new Map([
  [
    "aws:cloudformation/stack:Stack",
    {
      label: "CloudFormation stack",
      dialect: "CFN",
      parameters: mapParameters,
      instancesOverrideParameters: false,
      outsideFields: ["templateUrl"],
    },
  ],
  [
    "aws:cloudformation/stackSet:StackSet",
    {
      label: "CloudFormation stack set",
      dialect: "CFN",
      parameters: mapParameters,
      instancesOverrideParameters: true,
      outsideFields: ["templateUrl"],
    },
  ],
  [
    "alicloud:ros/stack:Stack",
    {
      label: "ROS stack",
      dialect: "ROS",
      parameters: keyValueParameters,
      instancesOverrideParameters: false,
      outsideFields: ["templateUrl"],
    },
  ],
  [
    "alicloud:ros/stackGroup:StackGroup",
    {
      label: "ROS stack group",
      dialect: "ROS",
      parameters: keyValueParameters,
      instancesOverrideParameters: true,
      outsideFields: ["templateUrl", "templateId"],
    },
  ],
] as const);

export const TEMPLATE_CONTAINER_TYPES: readonly string[] = [...TEMPLATE_CONTAINERS.keys()];

/** A value that is there, known or not: an unknown template URL still names a template outside the program. */
export const given = (v: unknown): boolean => isUnknown(v) || (v !== undefined && v !== null && v !== "");
