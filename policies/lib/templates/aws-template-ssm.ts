// CloudFormation Systems Manager documents and associations as the Pulumi AWS provider's: a document's `content` is
// the text the provider holds (an object written in the template as its JSON, which reads as YAML too), an
// association's `parameters` a map of text. A document carries its own reference as its `arn`, which a stack's runs
// name it by, so an association whose `Name` is `!Ref Doc` is a run of that document (ssm-document-runs.ts).
import { containsUnknown, isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translation } from "./embedded-resource";

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
      targets: targets(read("Targets")),
      associationName: read("AssociationName"),
      documentVersion: read("DocumentVersion"),
    }),
  },
];

export const AWS_SSM_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::SSM::Document", document],
  ["AWS::SSM::Association", association],
]);
