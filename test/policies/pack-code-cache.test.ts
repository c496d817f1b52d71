// The pack's entry runs the bundle from V8's code cache (policies/bundle-cache.ts). Each row starts a copy of the
// built pack as the CLI starts it and reads what the start did to the cache file: a start that used the cache leaves
// the file as it was (same inode), any other start replaces it. Needs the build, which `npm test` runs first.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startPolicyPack } from "../../engine/policy-host";
import { BUNDLE_FILE, CACHE_FILE, fingerprintOf, readCodeCache, writeCodeCache } from "../../policies/bundle-cache";
import { sshFromInternet } from "./protocol-fixtures";
import * as vm from "vm";

const ROOT = path.resolve(__dirname, "../..");
const PACK_DIR = path.join(ROOT, "policies");

let dir: string;
const dist = () => path.join(dir, "dist");
const cacheFile = () => path.join(dist(), CACHE_FILE);
const bundleText = () => fs.readFileSync(path.join(dist(), BUNDLE_FILE), "utf8");
const fileId = (file: string) => {
  const s = fs.statSync(file);
  return { ino: s.ino, bytes: fs.readFileSync(file) };
};
/** The same file as before, byte for byte (Buffer#equals: jest's deep equality walks a megabyte byte by byte). */
const unchanged = (before: ReturnType<typeof fileId>) => {
  const now = fileId(cacheFile());
  return now.ino === before.ino && now.bytes.equals(before.bytes);
};

/** Starts the copy, checks that it blocks SSH from the internet, and stops it. */
async function startAndCheck(): Promise<void> {
  const host = await startPolicyPack(dir);
  try {
    const ds = await host.analyze(sshFromInternet());
    expect(ds.filter((d) => d.enforcementLevel === "mandatory").map((d) => d.policyName)).toContain(
      "disallow-internet-admin-ports",
    );
  } finally {
    host.close();
  }
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pack-code-cache-"));
  fs.mkdirSync(path.join(dir, "dist"));
  for (const f of ["package.json", "PulumiPolicy.yaml", "dist/index.js", `dist/${BUNDLE_FILE}`]) {
    fs.copyFileSync(path.join(PACK_DIR, f), path.join(dir, f));
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("the pack's code cache, over the analyzer protocol", () => {
  it("is written by the first start for this bundle text, and the next start runs from it untouched", async () => {
    await startAndCheck();
    const written = fileId(cacheFile());
    expect(written.bytes.subarray(0, 20).equals(fingerprintOf(bundleText()))).toBe(true);
    expect(written.bytes.length).toBeGreaterThan(100_000);
    await startAndCheck();
    expect(unchanged(written)).toBe(true);
  }, 60_000);

  it("replaces a cache made from another bundle text, and the pack still runs", async () => {
    await startAndCheck();
    const good = fs.readFileSync(cacheFile());
    fs.writeFileSync(cacheFile(), Buffer.concat([fingerprintOf(`${bundleText()} `), good.subarray(20)]));
    const stale = fileId(cacheFile());
    await startAndCheck();
    const rewritten = fileId(cacheFile());
    expect(rewritten.ino).not.toBe(stale.ino);
    expect(rewritten.bytes.subarray(0, 20).equals(fingerprintOf(bundleText()))).toBe(true);
    await startAndCheck();
    expect(unchanged(rewritten)).toBe(true);
  }, 60_000);

  it("replaces a cache V8 refuses (this text's header over corrupt data), and the pack still runs", async () => {
    fs.writeFileSync(cacheFile(), Buffer.concat([fingerprintOf(bundleText()), Buffer.alloc(4096, 7)]));
    const corrupt = fileId(cacheFile());
    await startAndCheck();
    const rewritten = fileId(cacheFile());
    expect(rewritten.ino).not.toBe(corrupt.ino);
    expect(rewritten.bytes.length).toBeGreaterThan(100_000);
    await startAndCheck();
    expect(unchanged(rewritten)).toBe(true);
  }, 60_000);

  it("starts without one where none can be written, leaving no partial file", async () => {
    fs.mkdirSync(cacheFile());
    await startAndCheck();
    expect(fs.statSync(cacheFile()).isDirectory()).toBe(true);
    expect(fs.readdirSync(dist()).sort()).toEqual(["index.js", BUNDLE_FILE, CACHE_FILE].sort());
  }, 60_000);
});

describe("reading and writing the cache file", () => {
  const script = () => new vm.Script("(function () { return 1; })");

  it("answers absent for no file, stale for another text or a bare header, and the data for this text", () => {
    expect(readCodeCache(cacheFile(), "a")).toEqual({ use: "absent" });
    fs.writeFileSync(cacheFile(), fingerprintOf("a"));
    expect(readCodeCache(cacheFile(), "a")).toEqual({ use: "stale" });
    expect(writeCodeCache(cacheFile(), "a", script())).toBe(true);
    expect(readCodeCache(cacheFile(), "b")).toEqual({ use: "stale" });
    const read = readCodeCache(cacheFile(), "a");
    expect(read.use).toBe("used");
    expect(read.data!.equals(fs.readFileSync(cacheFile()).subarray(20))).toBe(true);
  });

  it("reports a write it could not make and removes its partial file", () => {
    fs.mkdirSync(cacheFile());
    expect(writeCodeCache(cacheFile(), "a", script())).toBe(false);
    expect(fs.readdirSync(dist()).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
