// EC2 Image Builder components for Windows (platform Windows) run their ExecutePowerShell steps on the build
// instance, and what they change is baked into every image built: a password spelled in a step, or an OpenSSH
// server left taking passwords, ships in every AMI. Steps are read wherever they sit, in the order the document lists
// them; a component given by `uri` lives in S3. Documents may be hostile: nothing here throws.
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { obj, strings } from "./values";
import { WindowsScript } from "./windows-scripts";

/** The PowerShell steps of a component's `data` (YAML or JSON); undefined when it is not a mapping. */
export function componentPowerShellScripts(data: string): WindowsScript[] | undefined {
  const doc = parseMapping(data);
  if (!doc) return undefined;
  return mappingsIn(doc)
    .filter((step) => lowerName(step.action) === "executepowershell")
    .map((step) => ({ language: "powershell", text: strings(obj(step.inputs)?.commands).join("\n") }));
}
