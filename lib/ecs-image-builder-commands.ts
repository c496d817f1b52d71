// Alibaba Cloud Image Builder runs an image component's or image template's commands as root on the build instance
// and bakes what they change into the image. Commands come in two syntaxes: Dockerfile lines (Linux only), whose
// `RUN <command>` runs a shell command, or a YAML document whose `Tasks` with action RunShellCommand run their
// `commandContent`. Content may be hostile: nothing here throws, whatever its shape.
import { lowerName, mappingsIn, parseMapping } from "./structured-documents";
import { ownEntry, referencedScripts } from "./template-references";
import { obj } from "./values";

const RUN_SHELL_COMMAND = "runshellcommand";
const RUN = /^run(?:\s|$)/i;
/** Only text naming `Tasks` can be the YAML syntax: Dockerfile lines are never handed to the YAML parser. */
const MAY_BE_TASKS = /\bTasks\b/;

/** The shell commands of image-builder content, one script each. */
export function imageBuilderShellScripts(content: string): string[] {
  const doc = MAY_BE_TASKS.test(content) ? parseMapping(content) : undefined;
  return doc && Object.hasOwn(doc, "Tasks") ? taskScripts(doc) : runCommands(content);
}

/**
 * YAML syntax: each RunShellCommand task's `commandContent`, wherever the task sits, then the `DefaultValue` of the
 * parameters those scripts reference. PowerShell tasks (Windows) are not shell.
 */
function taskScripts(doc: Record<string, unknown>): string[] {
  const scripts = mappingsIn(doc.Tasks)
    .filter((task) => lowerName(task.Action) === RUN_SHELL_COMMAND)
    .map((task) => obj(task.Properties)?.commandContent)
    .filter((script): script is string => typeof script === "string");
  const parameters = obj(doc.Parameters);
  return [...scripts, ...referencedScripts(scripts, (name) => obj(ownEntry(parameters, name))?.DefaultValue)];
}

/** Dockerfile syntax: the command of each RUN instruction (the keyword in any case, as Docker reads it). */
function runCommands(content: string): string[] {
  return instructions(content)
    .map((instruction) => instruction.trimStart())
    .filter((instruction) => RUN.test(instruction))
    .map((instruction) => execFormScript(instruction.slice(3).trim()));
}

/**
 * Instructions as Docker reads them: a line ending in a backslash continues on the next (backslash and newline
 * removed); comment lines and, inside a continuation, blank lines are dropped.
 */
function instructions(content: string): string[] {
  const found: string[] = [];
  let pending: string | undefined;
  for (const line of content.split(/\r?\n/)) {
    if (/^\s*#/.test(line) || (pending !== undefined && line.trim() === "")) continue;
    const trimmed = line.trimEnd();
    const continues = trimmed.endsWith("\\");
    const text = (pending ?? "") + (continues ? trimmed.slice(0, -1) : line);
    if (continues) pending = text;
    else {
      found.push(text);
      pending = undefined;
    }
  }
  if (pending !== undefined) found.push(pending);
  return found;
}

/** `RUN ["sh", "-c", "…"]` (exec form) runs its words without a shell: quoted back into one command line. */
function execFormScript(command: string): string {
  if (!command.startsWith("[")) return command;
  try {
    const words: unknown = JSON.parse(command);
    if (Array.isArray(words) && words.every((w) => typeof w === "string")) return words.map(shellQuote).join(" ");
  } catch {
    // Not JSON: Docker runs it with the shell, as written.
  }
  return command;
}

/** Words of safe characters stay bare, so `sh -c '…'` reads as the shell command it is. */
function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
