// A program named with its arguments, no shell between (EC2 Image Builder's ExecuteBinary, a Dockerfile's exec-form
// RUN), may itself be a shell given a script inline: `bash -c '…'`, `/usr/bin/env sh -ec '…'`. That script is what
// runs, and is read as any other script. Words may be hostile: one pass, nothing thrown.

import { shellQuote } from "./userdata-words";

const SHELLS = new Set(["sh", "bash", "dash", "zsh", "ksh", "ash"]);
/** Programs that run the rest of their words as a command, and their options that take the next word as a value. */
const WRAPPERS = new Map<string, Set<string>>([
  ["env", new Set(["-u", "--unset", "-C", "--chdir"])],
  ["sudo", new Set(["-u", "-g", "-C", "-D", "-h", "-p", "-r", "-t", "-U"])],
  ["nohup", new Set()],
]);
/** Shell options whose value is the next word (`-o pipefail`, `--rcfile file`). */
const SHELL_OPTIONS_WITH_VALUE = new Set(["--rcfile", "--init-file"]);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * The script a shell runs from `-c` (alone or in a group, `-ec`): the first operand after its options, as bash and
 * POSIX sh take it. Undefined for any other program, and for a shell given a script file or no script.
 */
export function inlineShellScript(words: readonly string[]): string | undefined {
  const at = programIndex(words);
  if (at < 0 || !SHELLS.has(baseName(words[at]))) return undefined;
  let inline = false;
  for (let i = at + 1; i < words.length; i++) {
    const word = words[i];
    if (word === "--" || word === "-") return inline ? words[i + 1] : undefined;
    if (SHELL_OPTIONS_WITH_VALUE.has(word)) i++;
    else if (/^[-+][A-Za-z]+$/.test(word)) {
      inline ||= word[0] === "-" && word.includes("c");
      // `-o pipefail`, `-eo pipefail`, `-O extglob`: the option's value is the next word.
      if (/[oO]/.test(word)) i++;
    } else if (!word.startsWith("--")) return inline ? word : undefined;
  }
  return undefined;
}

/** The index of the word naming the program that runs once wrappers (`env FOO=1`, `sudo -u root`) are passed. */
function programIndex(words: readonly string[]): number {
  for (let i = 0; i < words.length; i++) {
    const options = WRAPPERS.get(baseName(words[i]));
    if (!options) return i;
    for (i++; i < words.length && (words[i].startsWith("-") || ASSIGNMENT.test(words[i])); i++)
      if (options.has(words[i])) i++;
    i--;
  }
  return -1;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * What a program run without a shell does, as one shell command: the inline script when it is a shell given one,
 * else the words themselves quoted, so an `sed -i` or `chpasswd` run directly is read like the same command typed.
 */
export function commandOfWords(words: readonly string[]): string {
  return inlineShellScript(words) ?? words.map(shellQuote).join(" ");
}
