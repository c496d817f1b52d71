// Alibaba Cloud Image Builder runs an image component's or image template's commands as root on the build instance
// and bakes what they change into the image. Commands come in two syntaxes: Dockerfile lines (Linux only), whose
// `RUN <command>` runs a shell command, or a YAML document whose `Tasks` with action RunShellCommand run their
// `commandContent`. Neither syntax writes a file from inline text: COPY takes a file or a URL, the YAML tasks that
// move files (OSSDownload, WebDownload) fetch them, read as the download commands that fetch the same file into the
// same folder, so that one landing on sshd's configuration or the account files counts as it does in a script. The
// Dockerfile syntax builds an ECS image, not a container image: CMD, ENTRYPOINT and HEALTHCHECK are not commands it
// is known to document, so such lines are left unread. Content may be hostile: nothing here throws, whatever its shape.
import { dockerfileScripts } from "./dockerfile-scripts";
import { scriptsInOrder } from "./script-sequence";
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { ownEntry, referencedScripts } from "./template-references";
import { spliced, whenNotSpliced } from "./template-substitution";
import { shellQuote } from "./userdata-words";
import { obj } from "./values";
import { withoutTrailingSlashes } from "./trailing-slashes";

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
 * YAML syntax: each task's shell text in order (a RunShellCommand's `commandContent`, a download as the command that
 * fetches it), with the `DefaultValue` of the parameters they reference spliced in, then the defaults of the commands
 * that are lists of lines as scripts of their own. PowerShell tasks (Windows) are not shell.
 */
function taskScripts(doc: Record<string, unknown>): string[] {
  const parameters = obj(doc.Parameters);
  const defaultOf = (name: string) => obj(ownEntry(parameters, name))?.DefaultValue;
  const tasks = mappingsIn(doc.Tasks);
  const commands = tasks.map(commandContent).filter((script) => script !== undefined);
  const scripts = tasks.flatMap((task) => taskScript(task, (text) => spliced(text, defaultOf)));
  return [...scriptsInOrder(scripts), ...referencedScripts(commands, whenNotSpliced(defaultOf))];
}

/** One task's shell text, its property texts spliced by `splice`: none for actions that change no file read here. */
function taskScript(task: Record<string, unknown>, splice: (text: string) => string): string[] {
  const properties = obj(task.Properties);
  const text = (name: string) => {
    const value = properties?.[name];
    return typeof value === "string" && value.trim() !== "" ? splice(value.trim()) : undefined;
  };
  switch (lowerName(task.Action)) {
    case RUN_SHELL_COMMAND: {
      const command = commandContent(task);
      return command === undefined ? [] : [splice(command)];
    }
    case "webdownload": {
      // The file keeps the name the URL gives it, in `destinationDir`.
      const [source, folder] = [text("sourcePath"), text("destinationDir")];
      return source && folder ? [`wget -P ${shellQuote(folder)} -- ${shellQuote(source)}`] : [];
    }
    case "ossdownload": {
      // The object keeps its own name (the last part of its key), in `destinationDir`.
      const [bucket, object, folder] = [text("bucketName"), text("objectName"), text("destinationDir")];
      if (!bucket || !object || !folder) return [];
      const source = `oss://${bucket}/${object.replace(/^\/+/, "")}`;
      return [`ossutil cp ${shellQuote(source)} ${shellQuote(`${withoutTrailingSlashes(folder)}/`)}`];
    }
    default:
      return [];
  }
}

/** A RunShellCommand task's script. */
function commandContent(task: Record<string, unknown>): string | undefined {
  const command = obj(task.Properties)?.commandContent;
  return lowerName(task.Action) === RUN_SHELL_COMMAND && typeof command === "string" ? command : undefined;
}
