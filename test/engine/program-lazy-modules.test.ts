// The engine's program process loads TypeScript and arborist only when function serialization needs them.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LAZY_MODULE, LAZY_SDK_MODULES } from "../../engine/program-lazy-modules";
import { runPreview } from "../../engine/preview";

const PULUMI = require.resolve("@pulumi/pulumi");

/** Prints which of the two heavy modules the SDK has loaded, then (when asked) uses each through the SDK. */
const PROGRAM = `
const pulumi = require(${JSON.stringify(PULUMI)});
const loaded = (name) => Object.keys(require.cache).some((f) => f.includes("/node_modules/" + name + "/"));
console.log("LOADED " + JSON.stringify({ typescript: loaded("typescript"), arborist: loaded("@npmcli/arborist") }));
if (process.env.USE_THEM) {
  module.exports = (async () => {
    const paths = await pulumi.runtime.computeCodePaths();
    const f = await pulumi.runtime.serializeFunction(() => 40 + 2, { isFactoryFunction: false });
    console.log("USED " + JSON.stringify({ paths: [...paths.keys()], text: f.text }));
  })();
}
`;

function writeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-lazy-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: lazy\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
  // One installed dependency, which the code paths must include.
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "lazy", dependencies: { left: "1.0.0" } }));
  fs.mkdirSync(path.join(dir, "node_modules", "left"), { recursive: true });
  fs.writeFileSync(path.join(dir, "node_modules", "left", "package.json"), '{"name":"left","version":"1.0.0"}');
  fs.writeFileSync(path.join(dir, "node_modules", "left", "index.js"), "module.exports = 1;\n");
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  return dir;
}

const line = (stdout: string, tag: string) => JSON.parse(new RegExp(`${tag} (.*)`).exec(stdout)?.[1] ?? "null");

describe("heavy SDK modules in the program process", () => {
  const dir = writeProject();
  const env = process.env.USE_THEM;
  afterEach(() => (env === undefined ? delete process.env.USE_THEM : (process.env.USE_THEM = env)));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("are not loaded by a program that does not serialize functions", async () => {
    delete process.env.USE_THEM;
    const result = await runPreview({ stack: "dev", cwd: dir, policyPacks: [] });
    expect(line(result.programOutput, "LOADED")).toEqual({ typescript: false, arborist: false });
  });

  it("load on first use: code paths (arborist) and function serialization (TypeScript) work", async () => {
    process.env.USE_THEM = "1";
    const result = await runPreview({ stack: "dev", cwd: dir, policyPacks: [] });
    const used = line(result.programOutput, "USED");
    expect(used.text).toContain("40 + 2");
    expect(used.paths.some((p: string) => p.endsWith("node_modules/left"))).toBe(true);
  });
});

describe("the lazy stand-in for a module", () => {
  type Stand = Record<string, unknown>;
  const lazyModule: (load: () => object) => Stand = new Function(`${LAZY_MODULE}; return lazyModule;`)();

  function standIn(): { stand: Stand; real: Stand; loads: () => number } {
    const real: Stand = { keep: 1, gone: 2 };
    let loads = 0;
    const stand = lazyModule(() => (loads++, real));
    return { stand, real, loads: () => loads };
  }

  it("is the preload's own builder", () => {
    expect(LAZY_SDK_MODULES.startsWith(LAZY_MODULE)).toBe(true);
  });

  it("loads the module once, on first use, and reads and writes through to it", () => {
    const { stand, real, loads } = standIn();
    expect(loads()).toBe(0);
    expect(stand.keep).toBe(1);
    stand.added = 3;
    expect(real.added).toBe(3);
    expect(loads()).toBe(1);
  });

  it("defines properties on the module (Object.defineProperty on the stand-in does not throw)", () => {
    const { stand, real } = standIn();
    Object.defineProperty(stand, "patched", { value: 42, writable: true, enumerable: true, configurable: true });
    expect(real.patched).toBe(42);
    expect(stand.patched).toBe(42);
    Object.defineProperty(stand, "getter", { get: () => "g", configurable: true });
    expect(real.getter).toBe("g");
  });

  it("deletes properties from the module", () => {
    const { stand, real } = standIn();
    expect(delete stand.gone).toBe(true);
    expect("gone" in real).toBe(false);
    expect("gone" in stand).toBe(false);
    expect(stand.gone).toBeUndefined();
  });
});
