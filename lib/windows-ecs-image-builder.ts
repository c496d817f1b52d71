// Alibaba Cloud Image Builder components of system type Windows. Of the two command syntaxes only YAML is documented
// for Windows (Dockerfile lines are Linux only): its RunPowerShellCommand tasks run their `commandContent` on the
// Windows build instance, read by the Windows reader with the `DefaultValue` of the parameters they reference spliced
// in. Content in the Dockerfile syntax is not documented to run on Windows; its RUN lines are still read (as
// PowerShell, which reads `net user` as cmd does), so that a password spelled there is not hidden by the skip.
import { dockerfileInstructions } from "./dockerfile-scripts";
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { ownEntry } from "./template-references";
import { spliced } from "./template-substitution";
import { obj } from "./values";
import { WindowsScript } from "./windows-scripts";

const RUN_POWERSHELL_COMMAND = "runpowershellcommand";
/** Only text naming `Tasks` can be the YAML syntax, as for Linux content (ecs-image-builder-commands.ts). */
const MAY_BE_TASKS = /\bTasks\b/;

/** The PowerShell of Windows image-builder content, in the order it runs. */
export function imageBuilderPowerShellScripts(content: string): WindowsScript[] {
  const doc = MAY_BE_TASKS.test(content) ? parseMapping(content) : undefined;
  if (!doc || !Object.hasOwn(doc, "Tasks"))
    return dockerfileInstructions(content)
      .filter((instruction) => instruction.keyword === "RUN")
      .map((instruction) => ({ language: "powershell", text: instruction.args.trim() }));
  const parameters = obj(doc.Parameters);
  const defaultOf = (name: string) => obj(ownEntry(parameters, name))?.DefaultValue;
  return mappingsIn(doc.Tasks)
    .filter((task) => lowerName(task.Action) === RUN_POWERSHELL_COMMAND)
    .map((task) => obj(task.Properties)?.commandContent)
    .filter((script): script is string => typeof script === "string")
    .map((script) => ({ language: "powershell", text: spliced(script, defaultOf) }));
}
