// CloudFormation Systems Manager documents, associations and maintenance window tasks as the Pulumi AWS provider's: a
// document's `content` is the text the provider holds (an object written in the template as its JSON, which reads as
// YAML too), an association's `parameters` a map of text, a task's `[{ name, values }]`. A document carries its own
// reference as its `arn`, which a stack's runs name it by, so an association whose `Name` (or a task whose `TaskArn`)
// is `!Ref Doc` is a run of that document (ssm-document-runs.ts).
import { containsUnknown, isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, PropertyReader, tagMap, Translation } from "./embedded-resource";

/**
 * `Content` as text: a string as is, an object as its JSON. A value inside it unknown at preview makes the whole
 * text unknown: its marker written into the text would read as a literal.
 */
function contentText(content: unknown): unknown {
  if (content === undefined || typeof content === "string") return content;
  if (containsUnknown(content)) return UNKNOWN;
  return JSON.stringify(content);
}

/**
 * `Parameters` (name → list of text) as the provider's name → text: a list as its lines, which is how a Command
 * document receives it (ssm-run-parameters.ts); a list with a value unknown at preview is unknown.
 */
function parameterText(parameters: unknown): unknown {
  if (parameters === undefined || isUnknown(parameters)) return parameters;
  const entries = Object.entries(obj(parameters) ?? {}).map(([name, v]) => {
    if (!Array.isArray(v)) return [name, v];
    if (containsUnknown(v)) return [name, UNKNOWN];
    return [
      name,
      v
        .filter((x) => typeof x !== "object")
        .map(String)
        .join("\n"),
    ];
  });
  return Object.fromEntries(entries);
}

/** `Targets: [{ Key, Values }]` as the provider's `[{ key, values }]`. */
function targets(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  return list(value).map((t) => (isUnknown(t) ? UNKNOWN : defined({ key: obj(t)?.Key, values: obj(t)?.Values })));
}

const document: Translation = (read, self) => [
  {
    type: "aws:ssm/document:Document",
    props: defined({
      arn: self,
      name: read("Name"),
      content: contentText(read("Content", "script")),
      documentType: read("DocumentType"),
      documentFormat: read("DocumentFormat"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const association: Translation = (read) => [
  {
    type: "aws:ssm/association:Association",
    props: defined({
      name: read("Name"),
      parameters: parameterText(read("Parameters", "script")),
      automationTargetParameterName: read("AutomationTargetParameterName"),
      targets: targets(read("Targets")),
      associationName: read("AssociationName"),
      documentVersion: read("DocumentVersion"),
    }),
  },
];

/**
 * A task's `Parameters` (name → list of text) as the provider's `[{ name, values }]`: one text as a one-line list; the
 * whole map unknown at preview stays unknown, as does a list holding a value unknown at preview.
 */
function taskParameters(parameters: unknown): unknown {
  if (parameters === undefined || isUnknown(parameters)) return parameters;
  return Object.entries(obj(parameters) ?? {}).map(([name, v]) => ({
    name,
    values: containsUnknown(v) ? UNKNOWN : Array.isArray(v) ? v : [v],
  }));
}

/** Where the template and the provider hold each kind of task's invocation parameters. */
const INVOCATIONS = [
  ["MaintenanceWindowRunCommandParameters", "runCommandParameters"],
  ["MaintenanceWindowAutomationParameters", "automationParameters"],
] as const;

/** `TaskInvocationParameters` as the provider's `taskInvocationParameters`, the blocks the template sets only. */
function taskInvocation(read: PropertyReader): unknown {
  const whole = read("TaskInvocationParameters");
  if (whole === undefined || isUnknown(whole)) return whole;
  const blocks = INVOCATIONS.flatMap(([template, provider]): [string, unknown][] => {
    const path = ["TaskInvocationParameters", template];
    const block = read(path);
    if (block === undefined) return [];
    if (isUnknown(block)) return [[provider, UNKNOWN]];
    const parameters = taskParameters(read([...path, "Parameters"], "script"));
    return [[provider, defined({ parameters, documentVersion: read([...path, "DocumentVersion"]) })]];
  });
  return Object.fromEntries(blocks);
}

const maintenanceWindowTask: Translation = (read) => [
  {
    type: "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask",
    props: defined({
      windowId: read("WindowId"),
      taskArn: read("TaskArn"),
      taskType: read("TaskType"),
      targets: targets(read("Targets")),
      taskInvocationParameters: taskInvocation(read),
      name: read("Name"),
    }),
  },
];

export const AWS_SSM_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::SSM::Document", document],
  ["AWS::SSM::Association", association],
  ["AWS::SSM::MaintenanceWindowTask", maintenanceWindowTask],
]);
