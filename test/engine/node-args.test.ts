// `runtime.options.nodeargs` of Pulumi.yaml reaches node as the Node.js language host passes it: split like a shell
// line, before the `run` entry.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { NodeArgsError, projectNodeArgs, splitNodeArgs } from "../../engine/node-args";
import { runPreview } from "../../engine/preview";
import { FIXTURES, runCli } from "./helpers";

const PROJECT = path.join(FIXTURES, "nodeargs");

describe("splitNodeArgs", () => {
  it.each<[string, string[]]>([
    ["", []],
    ["   ", []],
    ["--require ./setup.js", ["--require", "./setup.js"]],
    [
      "  --inspect\t--max-old-space-size=4096\n--trace-warnings ",
      ["--inspect", "--max-old-space-size=4096", "--trace-warnings"],
    ],
    [`--require "./with space/setup.js"`, ["--require", "./with space/setup.js"]],
    [`--title='a "b" c'`, [`--title=a "b" c`]],
    [`"say \\"hi\\""`, [`say "hi"`]],
    ["a\\ b c", ["a b", "c"]],
    ["''", [""]],
    ["--require ./a.js # --require ./b.js", ["--require", "./a.js"]],
    ["--x#y", ["--x#y"]],
    // shlex separates words at space, tab, CR and LF only: other blanks stay inside a word.
    ["a\r\nb", ["a", "b"]],
    ["a\u00a0b c", ["a\u00a0b", "c"]],
    ["a\vb c", ["a\vb", "c"]],
    ["a\fb c", ["a\fb", "c"]],
    ["\u00a0", ["\u00a0"]],
  ])("%j → %j", (text, words) => {
    expect(splitNodeArgs(text)).toEqual(words);
  });

  it.each([`--require "./a.js`, "--require './a.js", "--require \\"])("rejects %j", (text) => {
    expect(() => splitNodeArgs(text)).toThrow(NodeArgsError);
  });
});

describe("projectNodeArgs", () => {
  let dir: string;
  const project = (yaml: string) => fs.writeFileSync(path.join(dir, "Pulumi.yaml"), yaml);
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "nodeargs-"))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the runtime options of the fixture project", () => {
    expect(projectNodeArgs(PROJECT)).toEqual(["--require", "./setup.js", "--require", "./with space/setup.js"]);
  });

  it("gives nothing without a Pulumi.yaml, without options, or with a plain runtime", () => {
    expect(projectNodeArgs(dir)).toEqual([]);
    project("name: p\nruntime: nodejs\n");
    expect(projectNodeArgs(dir)).toEqual([]);
    project("name: p\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n");
    expect(projectNodeArgs(dir)).toEqual([]);
  });

  it("reads a Pulumi.yml too", () => {
    fs.writeFileSync(
      path.join(dir, "Pulumi.yml"),
      "name: p\nruntime:\n  name: nodejs\n  options:\n    nodeargs: -r x\n",
    );
    expect(projectNodeArgs(dir)).toEqual(["-r", "x"]);
  });

  it("rejects a nodeargs that is not a string, as the language host does", () => {
    project("name: p\nruntime:\n  name: nodejs\n  options:\n    nodeargs: [--require, ./setup.js]\n");
    expect(() => projectNodeArgs(dir)).toThrow("Pulumi.yaml: nodeargs option must be a string");
  });
});

describe("a preview of a project with nodeargs", () => {
  it("preloads what nodeargs require, in order, before the program", async () => {
    const result = await runPreview({ stack: "dev", cwd: PROJECT });
    expect(result.outputs.preloaded).toEqual(["setup.js", "with space/setup.js"]);
    expect(result.resources.map((r) => r.name)).toContain("preloaded");
  });

  it("fails the program, exit 2, when nodeargs cannot be split", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nodeargs-bad-"));
    try {
      fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        'name: p\nruntime:\n  name: nodejs\n  options:\n    nodeargs: --require "./a.js\nmain: index.js\n',
      );
      fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
      fs.writeFileSync(path.join(dir, "index.js"), "");
      const run = await runCli(["--cwd", dir, "--stack", "dev", "--no-policy"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("The program failed");
      expect(run.stderr).toContain("EOF found when expecting closing quote");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
