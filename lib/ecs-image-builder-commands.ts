// Alibaba Cloud Image Builder runs an image component's or image template's commands as root on the build instance
// and bakes what they change into the image. Commands come in two syntaxes: Dockerfile lines (Linux only), whose
// `RUN <command>` runs a shell command, or a YAML document whose `Tasks` with action RunShellCommand run their
// `commandContent`. Neither syntax writes a file from inline text: COPY takes a file or a URL, the YAML tasks that
// move files (OSSDownload, WebDownload) fetch them. The Dockerfile syntax builds an ECS image, not a container image:
// CMD, ENTRYPOINT and HEALTHCHECK are not commands it is known to document, so such lines are left unread. Content
// may be hostile: nothing here throws, whatever its shape.
import { dockerfileScripts } from "./dockerfile-scripts";
import { scriptsInOrder } from "./script-sequence";
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { ownEntry, referencedScripts } from "./template-references";
import { spliced, whenNotSpliced } from "./template-substitution";
import { obj } from "./values";

const RUN_SHELL_COMMAND = "runshellcommand";
/** Only text naming `Tasks` can be the YAML syntax: Dockerfile lines are never handed to the YAML parser. */
const MAY_BE_TASKS = /\bTasks\b/;
const ALIBABA_SYNTAX = { startInstructions: false };

/** The shell commands of image-builder content, in the order they run, as the scripts to read. */
export function imageBuilderShellScripts(content: string): string[] {
  const doc = MAY_BE_TASKS.test(content) ? parseMapping(content) : undefined;
  return doc && Object.hasOwn(doc, "Tasks")
    ? taskScripts(doc)
    : scriptsInOrder(dockerfileScripts(content, ALIBABA_SYNTAX));
}

/**
 * YAML syntax: the RunShellCommand tasks' `commandContent`, in order, with the `DefaultValue` of the parameters they
 * reference spliced in, then the defaults that are lists of lines as scripts of their own. PowerShell tasks (Windows) are not shell.
 */
function taskScripts(doc: Record<string, unknown>): string[] {
  const scripts = mappingsIn(doc.Tasks)
    .filter((task) => lowerName(task.Action) === RUN_SHELL_COMMAND)
    .map((task) => obj(task.Properties)?.commandContent)
    .filter((script): script is string => typeof script === "string");
  const parameters = obj(doc.Parameters);
  const defaultOf = (name: string) => obj(ownEntry(parameters, name))?.DefaultValue;
  const defaults = referencedScripts(scripts, whenNotSpliced(defaultOf));
  return [...scriptsInOrder(scripts.map((script) => spliced(script, defaultOf))), ...defaults];
}
