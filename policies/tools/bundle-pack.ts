// Bundles the compiled pack into one file inside the pack's directory (policies/dist/pack.js), beside the entry its
// package.json names (dist/index.js, bundled from policies/start.ts), which runs it from V8's code cache. Two
// reasons: `pulumi policy publish` runs `npm pack` in policies/, so the pack must not reach outside its directory for
// code; and one file starts faster than the ~570 modules it replaces. Packages stay
// external (the CLI installs the pack's dependencies when it installs a published pack), so the bundle holds only
// the kit's own code, and the build fails when the pack's package.json does not declare, at the root's version, a
// package the bundle requires. Run by `npm run build` after tsc: `node dist/policies/tools/bundle-pack.js`.
import { buildSync } from "esbuild";
import * as fs from "fs";
import { isBuiltin } from "module";
import * as path from "path";
import { BUNDLE_FILE, CACHE_FILE } from "../bundle-cache";
import { escapeNonAscii } from "./ascii-text";
import { repoRoot } from "./repo-root";

interface PackageJson {
  main?: string;
  dependencies?: Record<string, string>;
}

const readJson = (file: string): PackageJson => JSON.parse(fs.readFileSync(file, "utf8"));

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
export function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/**
 * What is wrong with the pack's declared dependencies, one line each: a package the bundle requires that the pack
 * does not declare, or declares at another version than the root, whose lockfile the kit is tested with.
 */
export function dependencyProblems(
  required: readonly string[],
  pack: Record<string, string>,
  root: Record<string, string>,
): string[] {
  const problems: string[] = [];
  for (const name of [...new Set(required)].sort()) {
    if (!(name in pack)) {
      problems.push(
        `the pack requires "${name}" but policies/package.json does not declare it: add "${name}": "${root[name] ?? "<version>"}" to its dependencies`,
      );
    } else if (root[name] !== undefined && pack[name] !== root[name]) {
      problems.push(
        `policies/package.json declares "${name}": "${pack[name]}" but the root package.json has "${root[name]}": declare the same version`,
      );
    }
  }
  return problems;
}

/** The packages (not Node's own modules) a bundle's metafile says it requires at run time. */
function externalPackages(metafile: { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> }) {
  return Object.values(metafile.outputs)
    .flatMap((o) => o.imports)
    .filter((i) => i.external && !isBuiltin(i.path) && !i.path.startsWith("."))
    .map((i) => packageNameOf(i.path));
}

/** The CLI starts a Node.js pack with `@pulumi/pulumi/cmd/run-policy-pack` resolved from the pack's directory. */
const RUNNER_PACKAGES = ["@pulumi/pulumi"];

/** The entry's source, compiled (dist/policies/start.js) or, under ts-jest, as written (policies/start.ts). */
const START_ENTRY = path.join(__dirname, "..", `start${path.extname(__filename)}`);

/** Does the file hold exactly these bytes? (No file: no.) */
function sameBytes(file: string, contents: Uint8Array): boolean {
  try {
    return fs.readFileSync(file).equals(contents);
  } catch {
    return false;
  }
}

/** Writes the bundle and the entry; returns the entry's path. */
export function bundlePack(root = repoRoot()): string {
  const packDir = path.join(root, "policies");
  const packJson = readJson(path.join(packDir, "package.json"));
  if (!packJson.main) throw new Error(`policies/package.json has no "main": set it to "dist/index.js"`);
  const outfile = path.join(packDir, packJson.main);
  const bundleFile = path.join(path.dirname(outfile), BUNDLE_FILE);
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    // esbuild's default, relied on by escapeNonAscii: no non-ASCII character is left in code.
    charset: "ascii",
    packages: "external",
    metafile: true,
    logLevel: "warning",
    // Written below, once the dependencies are known to be declared: a refused bundle leaves the last good one.
    write: false,
  } as const;
  const entry = buildSync({ ...common, entryPoints: [START_ENTRY], outfile });
  const result = buildSync({
    ...common,
    entryPoints: [path.join(root, "dist", "policies", "index.js")],
    outfile: bundleFile,
    // Chained through tsc's maps to the TypeScript sources; read only under `node --enable-source-maps`.
    sourcemap: "linked",
    sourcesContent: false,
  });
  const problems = dependencyProblems(
    [...externalPackages(result.metafile), ...externalPackages(entry.metafile), ...RUNNER_PACKAGES],
    packJson.dependencies ?? {},
    readJson(path.join(root, "package.json")).dependencies ?? {},
  );
  if (problems.length > 0) throw new Error(`the policy pack's bundle was not written:\n  ${problems.join("\n  ")}`);
  // The last bundle's cache would only be refused by its fingerprint; the first start writes the new one. A build that
  // changed nothing in the pack keeps it, so `npm run preview` after an edit elsewhere starts the pack from it.
  const files = [...result.outputFiles, ...entry.outputFiles].map((f) => ({
    path: f.path,
    contents: f.path === bundleFile ? Buffer.from(escapeNonAscii(f.text)) : f.contents,
  }));
  const bundle = files.find((f) => f.path === bundleFile);
  if (!bundle || !sameBytes(bundleFile, bundle.contents)) {
    fs.rmSync(path.join(path.dirname(outfile), CACHE_FILE), { force: true });
  }
  for (const file of files) {
    fs.mkdirSync(path.dirname(file.path), { recursive: true });
    fs.writeFileSync(file.path, file.contents);
  }
  return outfile;
}

if (require.main === module) {
  try {
    bundlePack();
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(1);
  }
}
