// Scripts written with echo and a redirection: batch's `echo net user a P@ss /add > C:\setup.cmd` (`>>` appends a
// line), PowerShell's `echo` or Write-Output of one literal, or a literal alone, redirected to a file. Written to a
// `.ps1`, `.cmd` or `.bat` file (windows-script-files.ts) the text is a script meant to run, read where it is written:
// the lines echoed one after another into one file are read in order as that script's lines, and a batch file's see
// the writer's variables as earlier lines set them (`echo set PW=…` then `echo net user a %%PW%%`). Batch text with
// an escaped operator (`^&`, `^>`) is cut there by the word splitter: the statement is read as written instead.
import { literalText, VariableLookup } from "./windows-literals";
import { scriptFileLanguage } from "./windows-script-files";
import { WindowsLanguage, WindowsScript } from "./windows-scripts";
import { endsCommand } from "./windows-words";

const BATCH_ECHO = new Set(["echo", "@echo"]);
const POWERSHELL_ECHO = new Set(["echo", "write-output", "write"]);

/**
 * The script the command `words[from..to)` writes when `words[to]` redirects its output (`>` or `>>`) to a script
 * file, and the index of the path word; undefined for anything else.
 */
export function echoedScript(
  words: string[],
  from: number,
  to: number,
  language: WindowsLanguage,
  variables: VariableLookup,
  limit: number,
): { script: WindowsScript; pathAt: number } | undefined {
  if (words[to] !== ">") return undefined;
  const pathAt = words[to + 1] === ">" ? to + 2 : to + 1;
  const path = words[pathAt];
  if (path === undefined || endsCommand(path)) return undefined;
  const fileLanguage = scriptFileLanguage(path, language, variables);
  if (fileLanguage === undefined) return undefined;
  const name = words[from].toLowerCase();
  const args = words.slice(from + 1, to);
  const text =
    language === "batch"
      ? BATCH_ECHO.has(name)
        ? batchEchoText(args)
        : undefined
      : powerShellEchoText(words[from], name, args, variables, limit);
  return text === undefined || text.length > limit || text.trim() === ""
    ? undefined
    : { script: { language: fileLanguage, text }, pathAt };
}

/** What batch's echo prints: its words, carets and doubled percent signs undone (`^^` is `^`, `%%` is `%`). */
function batchEchoText(args: string[]): string | undefined {
  if (args.length === 0 || args.some((a) => /(?:^|[^^])(?:\^\^)*\^$/.test(a))) return undefined;
  // `echo off` and `echo on` switch echoing; they print nothing.
  if (args.length === 1 && /^o(?:n|ff)$/i.test(args[0])) return undefined;
  return args.join(" ").replace(/\^(.)/g, "$1").replace(/%%/g, "%");
}

/** What PowerShell's echo or Write-Output of one literal, or a literal alone, prints. */
function powerShellEchoText(
  first: string,
  name: string,
  args: string[],
  variables: VariableLookup,
  limit: number,
): string | undefined {
  if (args.length === 0) return literalText(first, variables, limit);
  return POWERSHELL_ECHO.has(name) && args.length === 1 ? literalText(args[0], variables, limit) : undefined;
}
