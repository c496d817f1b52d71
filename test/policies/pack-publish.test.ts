// `pulumi policy publish` packs the pack's directory with `npm pack`; a CLI that enforces the published pack unpacks
// the tarball, installs the dependencies its package.json declares and starts it there. This packs policies/ the
// same way, gives the unpacked copy links to the declared packages only (so nothing resolves from this checkout by
// accident), and starts it as the CLI does. Needs the build (`npm run build`), which `npm test` runs first.
import { execFileSync } from "child_process";
import * as fs from "fs";
import { isBuiltin } from "module";
import * as os from "os";
import * as path from "path";
import { startPolicyPack, type PolicyHost } from "../../engine/policy-host";
import { allPolicies } from "../../policies/catalog";
import { BUNDLE_FILE, CACHE_FILE } from "../../policies/bundle-cache";
import { isAscii } from "../../policies/tools/ascii-text";
import { bundlePack, dependencyProblems, packageNameOf } from "../../policies/tools/bundle-pack";
import { sgRule, sshFromInternet } from "./protocol-fixtures";

const ROOT = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policies");

interface Manifest {
  main: string;
  dependencies: Record<string, string>;
}
const readManifest = (dir: string): Manifest => JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));

/** The bare packages a bundle requires at run time (esbuild leaves each external as `require("name")`). */
function requiredPackages(bundle: string): string[] {
  const specifiers = [...bundle.matchAll(/\brequire\("([^"]+)"\)/g)].map((m) => m[1]);
  return [...new Set(specifiers.filter((s) => !s.startsWith(".") && !isBuiltin(s)).map(packageNameOf))].sort();
}

/** Links `name` in `dir`/node_modules to this checkout's copy, as an install would place it. */
function linkPackage(dir: string, name: string): void {
  const target = path.join(dir, "node_modules", name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.symlinkSync(path.join(ROOT, "node_modules", name), target, "dir");
}

const mandatoryPolicies = (ds: { enforcementLevel: string; policyName: string }[]) =>
  ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName);

describe("the pack's manifest", () => {
  it("declares, at the root's version, every package the bundle requires and the CLI's runner", () => {
    const pack = readManifest(PACK_DIR);
    const entryAndBundle = [pack.main, path.join(path.dirname(pack.main), BUNDLE_FILE)];
    const required = requiredPackages(
      entryAndBundle.map((f) => fs.readFileSync(path.join(PACK_DIR, f), "utf8")).join(""),
    );
    // The lazily loaded readers' packages are among them: a missing one would fail only on the input that needs it.
    expect(required).toEqual(expect.arrayContaining(["@pulumi/policy", "ip-num", "libqp", "re2js", "yaml"]));
    const root = readManifest(ROOT).dependencies;
    expect(dependencyProblems([...required, "@pulumi/pulumi"], pack.dependencies, root)).toEqual([]);
  });

  it("is ASCII: Node.js reads it into a one-byte string at each start", () => {
    const bundle = fs.readFileSync(path.join(PACK_DIR, path.dirname(readManifest(PACK_DIR).main), BUNDLE_FILE), "utf8");
    expect(isAscii(bundle)).toBe(true);
  });

  it("names each missing or differing package with the line that fixes it", () => {
    const root = { yaml: "^2.9.1", "@pulumi/policy": "1.21.0" };
    expect(dependencyProblems(["yaml", "yaml", "@pulumi/policy"], { "@pulumi/policy": "1.20.0" }, root)).toEqual([
      'policies/package.json declares "@pulumi/policy": "1.20.0" but the root package.json has "1.21.0": declare the same version',
      'the pack requires "yaml" but policies/package.json does not declare it: add "yaml": "^2.9.1" to its dependencies',
    ]);
    expect(dependencyProblems(["left-pad"], {}, {})).toEqual([
      'the pack requires "left-pad" but policies/package.json does not declare it: add "left-pad": "<version>" to its dependencies',
    ]);
  });

  it("reads a package's name from a specifier with a subpath, scoped or not", () => {
    expect(packageNameOf("@pulumi/policy/proxy")).toBe("@pulumi/policy");
    expect(packageNameOf("@pulumi/policy")).toBe("@pulumi/policy");
    expect(packageNameOf("ip-num/dist/index")).toBe("ip-num");
    expect(packageNameOf("yaml")).toBe("yaml");
  });
});

describe("the build's bundling step", () => {
  let root: string;
  const outfile = () => path.join(root, "policies", "dist", "index.js");
  const bundleFile = () => path.join(root, "policies", "dist", BUNDLE_FILE);
  /** A checkout whose compiled pack requires `yaml`, with the given dependencies declared by the pack. */
  const checkout = (packDependencies: Record<string, string>) => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "bundle-pack-"));
    fs.mkdirSync(path.join(root, "dist", "policies"), { recursive: true });
    fs.writeFileSync(
      path.join(root, "dist", "policies", "index.js"),
      'module.exports = require("yaml").parse("a: 1");\n',
    );
    const root_ = { dependencies: { yaml: "^2.9.1", "@pulumi/pulumi": "~3.248.0" } };
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify(root_));
    fs.mkdirSync(path.join(root, "policies"));
    const pack = { main: "dist/index.js", dependencies: packDependencies };
    fs.writeFileSync(path.join(root, "policies", "package.json"), JSON.stringify(pack));
  };
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  it("refuses, writing nothing, a bundle that requires a package the pack does not declare", () => {
    checkout({ "@pulumi/pulumi": "~3.248.0" });
    expect(() => bundlePack(root)).toThrow(
      'the pack requires "yaml" but policies/package.json does not declare it: add "yaml": "^2.9.1" to its dependencies',
    );
    for (const file of [outfile(), bundleFile(), `${bundleFile()}.map`])
      expect([file, fs.existsSync(file)]).toEqual([file, false]);
  });

  it("refuses a pack without the CLI's runner package", () => {
    checkout({ yaml: "^2.9.1" });
    expect(() => bundlePack(root)).toThrow('the pack requires "@pulumi/pulumi"');
  });

  it("writes the bundle and its map, the package left to the pack's dependencies, when all are declared", () => {
    checkout({ yaml: "^2.9.1", "@pulumi/pulumi": "~3.248.0" });
    expect(bundlePack(root)).toBe(outfile());
    expect(requiredPackages(fs.readFileSync(bundleFile(), "utf8"))).toEqual(["yaml"]);
    expect(fs.existsSync(`${bundleFile()}.map`)).toBe(true);
    // The entry is the cache loader alone: Node's own modules and the bundle beside it.
    const entry = fs.readFileSync(outfile(), "utf8");
    expect(requiredPackages(entry)).toEqual([]);
    expect(entry).toContain("runBundle");
  });

  it("writes the bundle as ASCII, non-ASCII text in comments and code escaped, values unchanged", () => {
    checkout({ yaml: "^2.9.1", "@pulumi/pulumi": "~3.248.0" });
    // esbuild keeps the doc comments of class members.
    const source = [
      "class Rule {",
      "  /** A rule… its comment → here, and \u{1F512} too. */",
      '  describe() { return "→"; }',
      "}",
      'module.exports = { arrow: new Rule().describe(), template: `a…b`, pattern: /[é→]/.test("→"),',
      '  lock: "\u{1F512}", yaml: require("yaml").parse("a: 1") };',
      "",
    ].join("\n");
    fs.writeFileSync(path.join(root, "dist", "policies", "index.js"), source);
    bundlePack(root);
    const text = fs.readFileSync(bundleFile(), "utf8");
    expect(isAscii(text)).toBe(true);
    // The comments are kept, their characters escaped.
    expect(text).toContain("A rule\\u2026 its comment \\u2192 here, and \\ud83d\\udd12 too.");
    const module = { exports: {} as Record<string, unknown> };
    new Function("module", "exports", "require", text)(module, module.exports, require);
    expect(module.exports).toEqual({ arrow: "→", template: "a…b", pattern: true, lock: "\u{1F512}", yaml: { a: 1 } });
  });

  it("removes the last bundle's code cache with the bundle it replaces", () => {
    checkout({ yaml: "^2.9.1", "@pulumi/pulumi": "~3.248.0" });
    fs.mkdirSync(path.dirname(outfile()), { recursive: true });
    fs.writeFileSync(path.join(path.dirname(outfile()), CACHE_FILE), "cache of the last bundle");
    bundlePack(root);
    expect(fs.existsSync(path.join(path.dirname(outfile()), CACHE_FILE))).toBe(false);
  });

  it("keeps the code cache when the bundle it was made from is written again unchanged", () => {
    checkout({ yaml: "^2.9.1", "@pulumi/pulumi": "~3.248.0" });
    bundlePack(root);
    const cache = path.join(path.dirname(outfile()), CACHE_FILE);
    fs.writeFileSync(cache, "cache of this bundle");
    bundlePack(root);
    expect(fs.readFileSync(cache, "utf8")).toBe("cache of this bundle");
    // A changed bundle drops it.
    fs.appendFileSync(bundleFile(), "\n// edited by hand");
    bundlePack(root);
    expect(fs.existsSync(cache)).toBe(false);
  });
});

describe("the pack as `pulumi policy publish` packs it", () => {
  let tmp: string;
  let unpacked: string;
  let files: string[];
  let host: PolicyHost;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pack-publish-"));
    // The CLI runs `npm pack --loglevel=error` and reads the tarball's name from stdout; scripts are left out here
    // because `npm test` has built the bundle.
    const name = execFileSync("npm", ["pack", "--loglevel=error", "--ignore-scripts", "--pack-destination", tmp], {
      cwd: PACK_DIR,
      encoding: "utf8",
    }).trim();
    const tarball = path.join(tmp, name);
    files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n").sort();
    execFileSync("tar", ["-xzf", tarball, "-C", tmp]);
    unpacked = path.join(tmp, "package");
    for (const dependency of Object.keys(readManifest(unpacked).dependencies)) linkPackage(unpacked, dependency);
    host = await startPolicyPack(unpacked);
  }, 120_000);
  afterAll(() => {
    host?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("holds the project file, the manifest, the entry and the bundle, and no sources nor code cache", () => {
    // A code cache belongs to the Node.js that runs the pack: the first start where it is installed writes it.
    expect(files).toEqual([
      "package/PulumiPolicy.yaml",
      "package/dist/index.js",
      `package/dist/${BUNDLE_FILE}`,
      "package/package.json",
    ]);
    expect(fs.existsSync(path.join(unpacked, "dist", CACHE_FILE))).toBe(true);
  });

  it("declares every policy of the catalog", () => {
    const info = host.info();
    expect(info.name).toBe("hardening-kit");
    expect(info.policies.map((p) => p.name).sort()).toEqual(allPolicies.map((p) => p.name).sort());
  });

  it("blocks SSH from the internet and passes HTTPS", async () => {
    const ssh = await host.analyze(sshFromInternet());
    expect(mandatoryPolicies(ssh)).toContain("disallow-internet-admin-ports");
    expect(await host.analyze(sgRule("https", { fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }))).toEqual([]);
  });

  it("reads a YAML template with the package it loads only for templates", async () => {
    const templateBody = [
      "Resources:",
      "  Open:",
      "    Type: AWS::EC2::SecurityGroup",
      "    Properties:",
      "      GroupDescription: open",
      "      SecurityGroupIngress:",
      "        - IpProtocol: tcp",
      "          FromPort: 22",
      "          ToPort: 22",
      "          CidrIp: 0.0.0.0/0",
    ].join("\n");
    const ds = await host.analyze({
      urn: "urn:pulumi:dev::hardening-kit::aws:cloudformation/stack:Stack::raw",
      type: "aws:cloudformation/stack:Stack",
      name: "raw",
      inputs: { name: "raw", templateBody },
    });
    expect(mandatoryPolicies(ds)).toContain("disallow-internet-admin-ports");
  });
});
