// Nothing lost: renaming the component that owns evidence and backup stores keeps every store, and the product
// stacks' stores survive a destroy (retainOnDelete) and can never be force-destroyed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPreview } from "../../engine/preview";
import { FIXTURES, runCli } from "../engine/helpers";

const PROJECT = path.join(FIXTURES, "rename");
const REPO = path.join(__dirname, "../..");

/** Where evidence and backups live on either cloud. */
const STORE_TYPES = new Set([
  "aws:s3/bucket:Bucket",
  "aws:s3/bucketV2:BucketV2",
  "aws:backup/vault:Vault",
  "aws:cloudwatch/logGroup:LogGroup",
  "alicloud:oss/bucket:Bucket",
  "alicloud:log/project:Project",
  "alicloud:log/store:Store",
  "alicloud:hbr/vault:Vault",
]);

interface DocResource {
  urn: string;
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  options: { retainOnDelete?: boolean };
  step: string;
  aliasOf?: string;
  mayReplace?: string[];
}

interface Doc {
  stack: string;
  resources: DocResource[];
  steps: Record<string, number>;
  deleted: { urn: string; type: string }[];
}

async function previewJson(args: string[]): Promise<Doc> {
  const run = await runCli([...args, "--json"]);
  expect(run.stderr).not.toMatch(/error:/);
  return JSON.parse(run.stdout);
}

const stores = (doc: Doc) => doc.resources.filter((r) => STORE_TYPES.has(r.type));

describe("renaming the component that owns the stores", () => {
  let before: Doc;
  let after: Doc;
  let baselineFile: string;
  beforeAll(async () => {
    const base = ["--cwd", PROJECT, "--stack", "prod", "--no-policy"];
    before = await previewJson([...base, "--program", "before.js"]);
    baselineFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rename-")), "before.json");
    fs.writeFileSync(baselineFile, JSON.stringify(before));
    after = await previewJson([...base, "--program", "after.js", "--baseline", baselineFile]);
  });

  it("keeps every URN: nothing is created or deleted", () => {
    expect(after.steps).toMatchObject({ create: 0, delete: 0 });
    expect(after.deleted).toEqual([]);
    expect(after.resources).toHaveLength(before.resources.length);
  });

  it("claims the stores, nested two components deep, through the aliases", () => {
    const found = stores(after);
    expect(found.map((s) => s.type).sort()).toEqual([
      "aws:backup/vault:Vault",
      "aws:backup/vault:Vault",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:s3/bucket:Bucket",
      "aws:s3/bucket:Bucket",
    ]);
    const renamed = found.filter((s) => s.name.startsWith("records-"));
    expect(renamed.length).toBeGreaterThan(0);
    for (const store of renamed) expect(store.aliasOf).toBe(store.urn.replace(/::records-/, "::evidence-"));
  });

  it("replaces no store", () => {
    for (const store of stores(after)) {
      expect({ store: store.name, step: store.step, mayReplace: store.mayReplace }).toEqual({
        store: store.name,
        step: "same",
        mayReplace: undefined,
      });
    }
  });

  it("flags the stores as replaced when their physical names follow the component's name", async () => {
    const unpinned = await runPreview({ stack: "prod", cwd: PROJECT, program: "after-unpinned.js", baseline: before });
    expect(unpinned.steps).toMatchObject({ create: 0, delete: 0 });
    const flagged = unpinned.resources.filter((r) => STORE_TYPES.has(r.type) && r.mayReplace);
    expect(flagged.map((r) => `${r.name}: ${r.mayReplace}`).sort()).toEqual([
      "records-audit-trail-bucket: bucket",
      "records-audit-trail-logs: name",
      "records-backup-copy-vault: name",
      "records-backup-vault: name",
      "records-forensics-evidence: bucket",
    ]);
  });
});

describe.each(["aws-prod", "alicloud-prod"])("the stores of %s", (stack) => {
  let doc: Doc;
  beforeAll(async () => {
    doc = await previewJson(["--cwd", REPO, "--stack", stack, "--no-policy"]);
  });

  it("are kept on delete", () => {
    const found = stores(doc);
    expect(found.length).toBeGreaterThanOrEqual(4);
    for (const store of found) {
      expect({ store: store.urn, retainOnDelete: store.options.retainOnDelete }).toEqual({
        store: store.urn,
        retainOnDelete: true,
      });
    }
  });

  it("never set forceDestroy", () => {
    const forced = doc.resources.filter((r) => r.inputs.forceDestroy === true).map((r) => r.urn);
    expect(forced).toEqual([]);
  });
});
