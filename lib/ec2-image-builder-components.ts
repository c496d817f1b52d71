// EC2 Image Builder components (AWSTOE documents) run their ExecuteBash steps as root on the build instance, and
// what those steps change is baked into every image built from the component: sshd_config rewritten or root's keys
// planted once ship in every AMI. Documents may be hostile: nothing here throws, whatever their shape.
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { referencedScripts } from "./template-references";
import { list, obj, strings } from "./values";

const EXECUTE_BASH = "executebash";

/**
 * The shell scripts of a component's `data` (YAML, or JSON): each ExecuteBash step's `inputs.commands` as one
 * script (AWSTOE writes them to one file and runs it with bash), wherever the step sits (any phase, a loop), then
 * the parameter defaults and constant values those scripts reference. Undefined when `data` is not a JSON or YAML
 * mapping.
 */
export function componentShellScripts(data: string): string[] | undefined {
  const doc = parseMapping(data);
  if (!doc) return undefined;
  const scripts = mappingsIn(doc)
    .filter((step) => lowerName(step.action) === EXECUTE_BASH)
    .map((step) => strings(obj(step.inputs)?.commands).join("\n"));
  const variables = documentVariables(doc);
  return [...scripts, ...referencedScripts(scripts, (name) => variables.get(name))];
}

/**
 * AWSTOE declares parameters and constants as lists of one-key mappings, `- name: { type, default }` and
 * `- name: { type, value }`: each name's default or value.
 */
function documentVariables(doc: Record<string, unknown>): Map<string, unknown> {
  const variables = new Map<string, unknown>();
  for (const entry of [...list(doc.parameters), ...list(doc.constants)])
    for (const [name, spec] of Object.entries(obj(entry) ?? {}))
      variables.set(name, obj(spec)?.default ?? obj(spec)?.value);
  return variables;
}
