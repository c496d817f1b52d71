// Runs the bundled pack (dist/pack.js) from V8's code cache of it (dist/pack.cache), which roughly halves the
// bundle's compile-and-load time at every start after the first. Node.js 20 has no module compile cache
// (`module.enableCompileCache` came in 22.1), so this is the same idea on `vm.Script`'s public cache API.
// The cache is written by a start that found none it could use: it belongs to the Node.js and V8 flags of the
// machine that runs the pack (so it is not published), and its header is the SHA-1 of the bundle's text, so a
// rebuilt bundle never runs with code compiled from another text. A cache that cannot be read or written only
// costs the saving: the bundle then compiles as usual.
import { createHash } from "crypto";
import * as fs from "fs";
import Module from "module";
import * as path from "path";
import * as vm from "vm";

export const BUNDLE_FILE = "pack.js";
export const CACHE_FILE = "pack.cache";

/** How a start used the cache: V8 took it, V8 refused it, there was none, or it was made from another text. */
export type CacheUse = "used" | "rejected" | "absent" | "stale";

const FINGERPRINT_BYTES = 20;

export const fingerprintOf = (source: string): Buffer => createHash("sha1").update(source).digest();

/** V8's data in the cache file, when the file was written for this bundle text. */
export function readCodeCache(file: string, source: string): { data?: Buffer; use: CacheUse } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch {
    return { use: "absent" };
  }
  const header = bytes.subarray(0, FINGERPRINT_BYTES);
  if (bytes.length <= FINGERPRINT_BYTES || !header.equals(fingerprintOf(source))) return { use: "stale" };
  return { data: bytes.subarray(FINGERPRINT_BYTES), use: "used" };
}

/** Writes the cache through a file of its own, so concurrent starts never read a half-written one. */
export function writeCodeCache(file: string, source: string, script: vm.Script): boolean {
  const partial = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(partial, Buffer.concat([fingerprintOf(source), script.createCachedData()]));
    fs.renameSync(partial, file);
    return true;
  } catch {
    fs.rmSync(partial, { force: true });
    return false;
  }
}

/** Runs the bundle in `dir` as a CommonJS module; returns how the cache served this start. */
export function runBundle(dir: string): CacheUse {
  const file = path.join(dir, BUNDLE_FILE);
  const cacheFile = path.join(dir, CACHE_FILE);
  const source = fs.readFileSync(file, "utf8");
  const cache = readCodeCache(cacheFile, source);
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData: cache.data });
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const module = { exports: {}, filename: file, id: file };
  run.call(module.exports, module.exports, Module.createRequire(file), module, file, dir);
  const use = cache.data && script.cachedDataRejected ? "rejected" : cache.use;
  // After the top level ran, the cache also holds the functions it compiled (most of the start's compile work).
  if (use !== "used") writeCodeCache(cacheFile, source, script);
  return use;
}
