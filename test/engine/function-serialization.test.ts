// The engine opens the language host's inspector session on first use instead of at start-up: function
// serialization (which maps functions to their files through that session) must still see every script.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPreview } from "../../engine/preview";

const PULUMI = require.resolve("@pulumi/pulumi");

/** A program that serializes a closure over a module it loaded at start-up, and prints the result. */
const PROGRAM = `
const pulumi = require(${JSON.stringify(PULUMI)});
const greeting = require("./greeting");
const port = 8443;
const handler = () => greeting.hello("kit") + ":" + port;
module.exports = pulumi.runtime
  .serializeFunction(handler, { isFactoryFunction: false })
  .then((f) => console.log("SERIALIZED " + JSON.stringify(f.text)));
`;

function writeProject(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-closure-"));
  fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: closure\nruntime: nodejs\n");
  fs.writeFileSync(path.join(dir, "Pulumi.dev.yaml"), "config: {}\n");
  fs.writeFileSync(path.join(dir, "greeting.js"), "exports.hello = (who) => `hello ${who}`;\n");
  fs.writeFileSync(path.join(dir, "index.js"), PROGRAM);
  return dir;
}

const serialized = (stdout: string) => JSON.parse(/SERIALIZED (.*)/.exec(stdout)?.[1] ?? "null");

describe("function serialization under the offline engine", () => {
  const dir = writeProject();
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("serializes a closure exactly as plain node with the SDK's own start-up hooks does", async () => {
    const result = await runPreview({ stack: "dev", cwd: dir, policyPacks: [] });
    const underEngine = serialized(result.programOutput);
    // The same program outside the engine: @pulumi/pulumi installs its inspector hooks when it loads.
    const plain = spawnSync(process.execPath, [path.join(dir, "index.js")], { cwd: dir, encoding: "utf8" });
    expect(plain.status).toBe(0);
    expect(underEngine).toContain("hello");
    expect(underEngine).toContain("8443");
    expect(underEngine).toBe(serialized(plain.stdout));
  });
});
