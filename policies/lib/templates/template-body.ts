// A CloudFormation or ROS template body as the program passes it: JSON, else YAML (1.1, as both services read it)
// whose short-form tags (`!Ref`, `!Sub`, `!GetAtt`, `!Base64Encode`…) become the long form (`{ "Fn::Sub": … }`).
// Bodies may be hostile: nothing here throws, and aliases are bounded.
import type { Document, Node as YamlNode } from "yaml";
import { obj } from "../../../lib/values";

/** The YAML parser loads on the first YAML template: most stacks have none, and the pack's start-up is timed. */
let yamlModule: typeof import("yaml") | undefined;
const yaml = (): typeof import("yaml") => (yamlModule ??= require("yaml"));

/** Larger than either service accepts inline (CloudFormation 51,200 bytes, ROS 524,288): read no further. */
export const MAX_TEMPLATE_CHARS = 1_048_576;

/** The function a short-form tag stands for: `!Ref` and `!Condition` keep their name, the rest take `Fn::`. */
export function longFormKey(tag: string): string {
  const name = tag.slice(1);
  return name === "Ref" || name === "Condition" ? name : `Fn::${name}`;
}

/**
 * Rewrites every node carrying a local tag into a one-key mapping of the long form. Every tag is rewritten, not only
 * the functions this kit knows: an unknown function then stays a function, which the resolver never reads as a
 * literal (a tag the parser dropped would leave its argument looking like the value).
 */
function expandShortForms(doc: Document): void {
  const Y = yaml();
  Y.visit(doc, {
    Node(_key, node) {
      const tag = (node as { tag?: string }).tag;
      if (!tag || !tag.startsWith("!")) return undefined;
      const inner = node as YamlNode & { tag?: string; anchor?: string };
      const long = new Y.YAMLMap();
      // An alias of the tagged node must see the function too, so the anchor moves to the mapping.
      long.anchor = inner.anchor;
      inner.anchor = undefined;
      inner.tag = undefined;
      long.items.push(new Y.Pair(new Y.Scalar(longFormKey(tag)), inner));
      return long;
    },
  });
}

/**
 * Deeper flow collections than any template holds. The YAML parser's second pass over thousands of nested `[` makes
 * V8's regex compiler abort the whole process (no exception to catch), so such text is not parsed as YAML at all.
 */
const MAX_FLOW_DEPTH = 256;

/** Whether brackets and braces nest deeper than MAX_FLOW_DEPTH anywhere in the text (quotes ignored: an over-count). */
function nestsTooDeep(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++depth > MAX_FLOW_DEPTH) return true;
    } else if ((c === 0x5d || c === 0x7d) && depth > 0) depth--;
  }
  return false;
}

function parseYaml(text: string): unknown {
  if (nestsTooDeep(text)) return undefined;
  const doc = yaml().parseDocument(text, { version: "1.1", logLevel: "silent", uniqueKeys: true });
  if (doc.errors.length > 0) return undefined;
  expandShortForms(doc);
  return doc.toJS({ maxAliasCount: 100 });
}

/** The template as a mapping, or undefined when the text is neither JSON nor YAML of a mapping. */
export function parseTemplateBody(text: string): Record<string, unknown> | undefined {
  try {
    const trimmed = text.trimStart();
    if (trimmed.startsWith("{")) {
      try {
        return obj(JSON.parse(text));
      } catch {
        // Flow-style YAML starts with a brace too.
      }
    }
    return obj(parseYaml(text));
  } catch {
    return undefined;
  }
}
