// Windows user data. EC2 (EC2Launch, EC2Config) runs the `<powershell>` and `<script>` (batch) blocks of user data;
// Alibaba Cloud runs user data whose first line is `[powershell]` or `[bat]`; cloudbase-init images take `#ps1`,
// `#ps1_sysnative`, `#ps1_x86` and `rem cmd`. cloud-init, on Linux, runs none of these: user data that opens with one
// is Windows user data and is read as such, not as shell. EC2Launch v2 also takes a YAML document of tasks
// (`version: 1.0`, `tasks: [{task: executeScript, inputs: [{type: powershell|batch, content}]}]`), which a
// cloud-config, having no top-level `version` and `tasks` list, is never taken for; its `enableOpenSsh` task starts
// the OpenSSH server as a script installing it would.
import { decodeUserData } from "./userdata-decode";
import { lowerName, parseMapping } from "./structured-documents";
import { isUnknown, list, obj } from "./values";
import { WindowsFinding, windowsScriptFindings } from "./windows-script-findings";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";

/** First lines that make the rest of the user data one script. */
const WHOLE_SCRIPT_HEADERS = new Map<string, WindowsLanguage>([
  ["[powershell]", "powershell"],
  ["[bat]", "batch"],
  ["#ps1", "powershell"],
  ["#ps1_sysnative", "powershell"],
  ["#ps1_x86", "powershell"],
  ["rem cmd", "batch"],
]);
/** EC2's tagged blocks, in the order EC2Launch runs them: batch first, whatever the order written. */
const BLOCK_TAGS: [tag: string, language: WindowsLanguage][] = [
  ["script", "batch"],
  ["powershell", "powershell"],
];
/** EC2Launch v2's script types that run on Windows; `executeScript` may also name others, which are not read. */
const TASK_LANGUAGES = new Map<string, WindowsLanguage>([
  ["powershell", "powershell"],
  ["batch", "batch"],
]);
/** Both top-level keys of an EC2Launch v2 document (YAML, or JSON), looked for before the text is parsed. */
const TASKS_KEY = /(?:^|[{,\s])["']?tasks["']?[ \t]*:/m;
const VERSION_KEY = /(?:^|[{,\s])["']?version["']?[ \t]*:/m;
/** `<persist>` (and EC2Launch's other settings) may come first; it runs nothing. */
const EC2_OPENING = /^<(?:powershell|script|persist|detach|runaslocalsystem)>/i;

/** The scripts Windows runs from `text`, in order; undefined when it is not Windows user data. */
export function windowsUserDataScripts(text: string): WindowsScript[] | undefined {
  const start = text.search(/\S/);
  if (start < 0) return undefined;
  const lineEnd = text.indexOf("\n", start);
  const firstLine = text.slice(start, lineEnd < 0 ? text.length : lineEnd).trim();
  const language = WHOLE_SCRIPT_HEADERS.get(firstLine.toLowerCase());
  if (language) return [{ language, text: lineEnd < 0 ? "" : text.slice(lineEnd + 1) }];
  if (EC2_OPENING.test(firstLine)) return taggedBlocks(text);
  // A shell script (`#!`) or cloud-init's own formats (`#cloud-config`, `#include`…) is never a task document.
  return /^#(?:!|cloud-|include|part-handler|upstart-job|boothook)/i.test(firstLine) ? undefined : ec2LaunchTasks(text);
}

/**
 * The scripts of an EC2Launch v2 task document, in order; undefined when the text is not one (cloud-config, a shell
 * script, a document without a top-level `version` and `tasks` list).
 */
function ec2LaunchTasks(text: string): WindowsScript[] | undefined {
  if (!TASKS_KEY.test(text) || !VERSION_KEY.test(text)) return undefined;
  const doc = parseMapping(text);
  if (doc?.version === undefined || !Array.isArray(doc.tasks)) return undefined;
  return doc.tasks.map(obj).flatMap((task): WindowsScript[] => {
    const name = lowerName(task?.task);
    // enableOpenSsh installs and starts Windows OpenSSH, its stock sshd_config and all, with no script of its own.
    if (name === "enableopenssh") return [{ language: "powershell", text: "", task: `task: ${String(task?.task)}` }];
    if (name !== "executescript") return [];
    return list(task?.inputs).flatMap((input) => {
      const script = obj(input);
      const language = TASK_LANGUAGES.get(lowerName(script?.type) ?? "");
      return language && typeof script?.content === "string" ? [{ language, text: script.content }] : [];
    });
  });
}

/** The `<script>` blocks, then the `<powershell>` ones, each in order; one left open runs to the end of the text. */
function taggedBlocks(text: string): WindowsScript[] {
  const lower = text.toLowerCase();
  const blocks: WindowsScript[] = [];
  for (const [tag, language] of BLOCK_TAGS) {
    const open = `<${tag}>`;
    const close = `</${tag}>`;
    for (let at = lower.indexOf(open); at >= 0;) {
      const from = at + open.length;
      const end = lower.indexOf(close, from);
      const to = end < 0 ? text.length : end;
      blocks.push({ language, text: text.slice(from, to) });
      at = end < 0 ? -1 : lower.indexOf(open, end + close.length);
    }
  }
  return blocks;
}

/**
 * The findings of a user-data field when it holds Windows user data; undefined when it does not (or is unknown at
 * preview), for the shell reader to read it.
 */
export function windowsUserDataFindings(field: string, v: unknown): WindowsFinding[] | undefined {
  if (typeof v !== "string" || isUnknown(v)) return undefined;
  return windowsDecodedUserDataFindings(field, decodeUserData(v));
}

/** The same for user data already decoded (`decodeUserData`), so a caller reading it both ways decodes it once. */
export function windowsDecodedUserDataFindings(field: string, text: string): WindowsFinding[] | undefined {
  const scripts = windowsUserDataScripts(text);
  return scripts && windowsScriptFindings(field, scripts);
}
