// `runtime.options.nodeargs` of Pulumi.yaml: extra node flags the Node.js language host puts before its `run` entry,
// split the way it splits them (github.com/google/shlex: blanks separate words, quotes group, backslash escapes, a
// word starting with "#" begins a comment).
import * as fs from "fs";
import * as path from "path";

export class NodeArgsError extends Error {}

/** Splits a command line into words; throws on an unclosed quote or a trailing backslash. */
export function splitNodeArgs(text: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const next = (what: string) => {
    if (i >= text.length) throw new NodeArgsError(`EOF found ${what}`);
    return text[i++];
  };
  while (i < text.length) {
    const c = text[i++];
    // Only these four: shlex keeps a no-break space, \v or \f inside a word.
    if (/[ \t\r\n]/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (c === "#" && word === undefined) {
      while (i < text.length && text[i] !== "\n") i++;
    } else if (c === "\\") {
      word = (word ?? "") + next("after escape character");
    } else if (c === "'") {
      word = word ?? "";
      for (let q = next("when expecting closing quote"); q !== "'"; q = next("when expecting closing quote")) word += q;
    } else if (c === '"') {
      word = word ?? "";
      for (let q = next("when expecting closing quote"); q !== '"'; q = next("when expecting closing quote")) {
        word += q === "\\" ? next("when expecting closing quote") : q;
      }
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The project's node flags; none without a Pulumi.yaml or a `nodeargs` option. */
export function projectNodeArgs(root: string): string[] {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(root, f)).find((f) => fs.existsSync(f));
  if (!file) return [];
  // Loaded here: the CLI imports this module before its configuration reader, and the YAML parser is slow to load.
  const { parse }: typeof import("yaml") = require("yaml");
  const runtime = (parse(fs.readFileSync(file, "utf8")) as { runtime?: unknown } | null)?.runtime;
  const options = typeof runtime === "object" && runtime !== null ? (runtime as { options?: unknown }).options : {};
  const nodeargs = (options as Record<string, unknown> | undefined)?.nodeargs;
  if (nodeargs === undefined) return [];
  if (typeof nodeargs !== "string") {
    throw new NodeArgsError(`${path.basename(file)}: nodeargs option must be a string`);
  }
  try {
    return splitNodeArgs(nodeargs);
  } catch (e) {
    throw new NodeArgsError(`${path.basename(file)}: runtime.options.nodeargs "${nodeargs}": ${(e as Error).message}`);
  }
}
