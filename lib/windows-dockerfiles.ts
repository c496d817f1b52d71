// Windows container images (an EC2 Image Builder container recipe with platformOverride Windows) run each RUN in
// `cmd /S /C` unless a SHELL instruction names another interpreter (`SHELL ["powershell", "-Command"]`): read by the
// Windows reader in the language of the shell in force, one script per RUN, in order, as one build runs them. An
// exec-form RUN names its own interpreter; one running a program directly is read as cmd would read its words. A
// SHELL naming neither cmd nor PowerShell runs text the Windows reader cannot read: its RUN lines are not read.
import { dockerfileInstructions } from "./dockerfile-scripts";
import { execFormWords } from "./dockerfile-commands";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";

/** Docker's default shell on Windows. */
const DEFAULT_LANGUAGE: WindowsLanguage = "batch";
/** PowerShell's script parameter (`-Command`, `-c`, any abbreviation from `-com`); cmd's `/C` and `/K`. */
const POWERSHELL_COMMAND = /^-(?:c|com(?:m(?:a(?:n(?:d)?)?)?)?)$/i;
const CMD_COMMAND = /^\/[ck]$/i;

/** The RUN scripts of a Windows Dockerfile, each in the language it runs in. */
export function windowsDockerfileScripts(content: string): WindowsScript[] {
  let shell: WindowsLanguage | undefined = DEFAULT_LANGUAGE;
  const scripts: WindowsScript[] = [];
  for (const { keyword, args } of dockerfileInstructions(content)) {
    if (keyword === "SHELL") {
      const words = execFormWords(args);
      if (words) shell = interpreterLanguage(words[0]);
    } else if (keyword === "RUN") {
      const words = execFormWords(args);
      const script = words ? execFormScript(words) : shell && { language: shell, text: args.trim() };
      if (script) scripts.push(script);
    }
  }
  return scripts;
}

/** `powershell`, `pwsh`, `cmd`, by name or path, `.exe` or not; undefined for any other program. */
function interpreterLanguage(program: string | undefined): WindowsLanguage | undefined {
  const name = (program ?? "")
    .split(/[\\/]/)
    .pop()
    ?.toLowerCase()
    .replace(/\.exe$/, "");
  if (name === "powershell" || name === "pwsh") return "powershell";
  return name === "cmd" ? "batch" : undefined;
}

/** An exec form's script: what it hands its interpreter to run, or a program's words as cmd reads them. */
function execFormScript(words: string[]): WindowsScript | undefined {
  const language = interpreterLanguage(words[0]);
  if (language === undefined) return { language: "batch", text: words.map(quotedWord).join(" ") };
  const at = words.findIndex((w, i) => i > 0 && (language === "powershell" ? POWERSHELL_COMMAND : CMD_COMMAND).test(w));
  return at < 0 ? undefined : { language, text: words.slice(at + 1).join(" ") };
}

function quotedWord(word: string): string {
  return /\s/.test(word) ? `"${word}"` : word;
}
