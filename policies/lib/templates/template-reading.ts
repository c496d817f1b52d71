// A template container's embedded resources, read once per distinct template and parameters (every wrapped policy
// asks for the same container), with what could not be read said rather than skipped.
import { BoundedMemo } from "../../../lib/bounded-memo";
import { unwrap } from "../../../lib/reachability/resource";
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { AWS_TEMPLATE_TRANSLATIONS } from "./aws-template-resources";
import { EmbeddedResource, PropertyReader, Translation } from "./embedded-resource";
import { MAX_TEMPLATE_CHARS, parseTemplateBody } from "./template-body";
import { given, TemplateContainer } from "./template-containers";
import { mayNotBeCreated } from "./template-conditional-switches";
import { conditionDecider } from "./template-conditions";
import { parameterValues } from "./template-parameters";
import { intrinsicName, ReadMode, resolveTemplateValue, ResolveContext } from "./template-values";
import { ROS_TEMPLATE_TRANSLATIONS } from "./ros-template-resources";
import { settleAlbServerAttachments } from "./ros-alb-server-attachments";
import { settleDatabaseWhitelists } from "./ros-database-whitelists";
import { settleIpv6Assignments } from "./ros-ipv6-assignments";
import { settleTrailLogging } from "./ros-trail-logging";
import { templateReference } from "./template-references";
import { markedParameters, programFedParameters, withParameterFields } from "./template-parameter-links";

/** Resources (and rules they split into) read per template; a template of thousands is read this far and said so. */
export const MAX_TEMPLATE_RESOURCES = 500;

export interface TemplateReading {
  resources: EmbeddedResource[];
  /** Why part or all of the template cannot be judged at preview, one sentence each. */
  unreadable: string[];
}

const TRANSLATIONS: Record<TemplateContainer["dialect"], ReadonlyMap<string, Translation>> = {
  CFN: AWS_TEMPLATE_TRANSLATIONS,
  ROS: ROS_TEMPLATE_TRANSLATIONS,
};

/** What one template resource sets on another, settled once every resource is translated. */
const SETTLE: Record<TemplateContainer["dialect"], (resources: EmbeddedResource[]) => EmbeddedResource[]> = {
  CFN: (resources) => resources,
  ROS: (resources) =>
    settleIpv6Assignments(settleDatabaseWhitelists(settleTrailLogging(settleAlbServerAttachments(resources)))),
};

/** Transforms whose output this kit knows adds no resource it judges from nothing; any other may add anything. */
const KNOWN_TRANSFORMS: ReadonlySet<unknown> = new Set(["AWS::Serverless-2016-10-31"]);

/** Template resources that deploy another template, which is not in the program: said, never skipped silently. */
const NESTED_TEMPLATES: ReadonlySet<unknown> = new Set([
  "AWS::CloudFormation::Stack",
  "AWS::CloudFormation::StackSet",
  "AWS::Serverless::Application",
  "ALIYUN::ROS::Stack",
]);

/** Reads a property by path: each step through a function is resolved first, the last one in the mode asked. */
function propertyReader(properties: unknown, ctx: ResolveContext): PropertyReader {
  return (path, mode: ReadMode = "value") => {
    let cur: unknown = properties;
    for (const key of typeof path === "string" ? [path] : path) {
      if (intrinsicName(cur)) cur = resolveTemplateValue(cur, ctx);
      if (isUnknown(cur)) return UNKNOWN;
      cur = obj(cur)?.[key];
    }
    return resolveTemplateValue(cur, ctx, mode);
  };
}

function transformProblem(transform: unknown): string | undefined {
  const names = Array.isArray(transform) ? transform : transform === undefined ? [] : [transform];
  const unknownMacros = names.filter((n) => !KNOWN_TRANSFORMS.has(n));
  return unknownMacros.length > 0
    ? `Transform ${unknownMacros.map((n) => JSON.stringify(n)).join(", ")} rewrites it at deployment, and what that adds cannot be read`
    : undefined;
}

function readTemplate(container: TemplateContainer, body: string, passed: unknown): TemplateReading {
  if (body.length > MAX_TEMPLATE_CHARS)
    return { resources: [], unreadable: [`templateBody is longer than ${MAX_TEMPLATE_CHARS} characters`] };
  const template = parseTemplateBody(body);
  const declared = obj(template?.Resources);
  if (!template || !declared)
    return { resources: [], unreadable: ["templateBody does not parse as a JSON or YAML template"] };
  const unreadable: string[] = [];
  const transform = transformProblem(template.Transform);
  if (transform) unreadable.push(transform);
  const given = container.parameters(passed);
  const ctx: ResolveContext & Required<Pick<ResolveContext, "condition">> = {
    condition: () => undefined,
    parameters: parameterValues(obj(template.Parameters), given, container.instancesOverrideParameters),
    resourceTypes: new Map(Object.entries(declared).map(([id, r]) => [id, obj(r)?.Type])),
    mappings: obj(template.Mappings),
  };
  ctx.condition = conditionDecider(template.Conditions, ctx);
  const fed = programFedParameters(Object.keys(obj(template.Parameters) ?? {}), given);
  const marked = { ...ctx, parameters: markedParameters(ctx.parameters, fed) };
  const translations = TRANSLATIONS[container.dialect];
  const resources: EmbeddedResource[] = [];
  const entries = Object.entries(declared);
  for (const [logicalId, raw] of entries.slice(0, MAX_TEMPLATE_RESOURCES)) {
    // Fn::ForEach (AWS::LanguageExtensions) declares resources under a function key.
    if (logicalId.startsWith("Fn::")) {
      unreadable.push(`${logicalId} declares resources in a loop, which cannot be read`);
      continue;
    }
    const templateType = obj(raw)?.Type;
    if (NESTED_TEMPLATES.has(templateType)) {
      unreadable.push(`${logicalId} (${String(templateType)}) deploys a nested template, which is not read`);
      continue;
    }
    const translate = typeof templateType === "string" ? translations.get(templateType) : undefined;
    if (!translate || typeof templateType !== "string") continue;
    // A resource whose condition is false with what is known is not created; undecided, it is, though what it
    // records cannot count as recorded.
    const condition = obj(raw)?.Condition;
    const created = typeof condition === "string" ? ctx.condition(condition) : true;
    if (created === false) continue;
    const properties = obj(raw)?.Properties;
    const readers = { plain: propertyReader(properties, ctx), marked: propertyReader(properties, marked) };
    for (const t of withParameterFields(translate, templateReference(logicalId), readers, properties, fed)) {
      const piece = created === undefined ? mayNotBeCreated(t, String(condition)) : t;
      resources.push({ ...piece, logicalId, templateType });
    }
    if (resources.length > MAX_TEMPLATE_RESOURCES) break;
  }
  if (entries.length > MAX_TEMPLATE_RESOURCES || resources.length > MAX_TEMPLATE_RESOURCES)
    unreadable.push(`only its first ${MAX_TEMPLATE_RESOURCES} resources (and rules) were read`);
  return { resources: SETTLE[container.dialect](resources.slice(0, MAX_TEMPLATE_RESOURCES)), unreadable };
}

const readings = new BoundedMemo<string, TemplateReading>(64);

/** What the container deploys, as the rules read it. */
export function readTemplateResources(container: TemplateContainer, props: Record<string, unknown>): TemplateReading {
  const outside = container.outsideFields
    .filter((f) => given(unwrap(props[f])))
    .map((f) => `it is kept outside the program (${f}), so its resources cannot be read`);
  // A body set from a secret is read as its text, as a secret parameter is (see template-parameters.ts).
  const body = unwrap(props.templateBody);
  if (isUnknown(body)) return { resources: [], unreadable: [...outside, "templateBody is unknown"] };
  if (typeof body !== "string") return { resources: [], unreadable: outside };
  const key = `${container.label}\u0000${body}\u0000${JSON.stringify(props.parameters) ?? ""}`;
  const reading = readings.through(key, () => readTemplate(container, body, props.parameters));
  return outside.length > 0 ? { ...reading, unreadable: [...outside, ...reading.unreadable] } : reading;
}
