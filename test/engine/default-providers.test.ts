// `pulumi:disable-default-providers`: a registration that would need a disabled default provider fails the preview
// with the engine's own words, naming the resource; explicit providers, other packages and invokes behave as under
// the CLI.
import * as path from "path";
import { defaultProviderDisabled } from "../../engine/default-providers";
import { runPreview } from "../../engine/preview";
import { FIXTURES, runCli } from "./helpers";

const PROJECT = path.join(FIXTURES, "providers");
const urn = (stack: string, qualifiedType: string, name: string) =>
  `urn:pulumi:${stack}::fixture::${qualifiedType}::${name}`;
const denied = (pkg: string, subject: string) =>
  `Default provider for '${pkg}' disabled. '${subject}' must use an explicit provider.`;
const preview = (stack: string) => runCli(["--cwd", PROJECT, "--stack", stack, "--no-policy", "--json"]);

describe("defaultProviderDisabled", () => {
  const config = (list: string) => ({ "pulumi:disable-default-providers": list });

  it.each([
    ["aws", '["aws"]', true],
    ["random", '["aws"]', false],
    ["aws", '["*"]', true],
    ["aws", '[" aws "]', true],
    ["pulumi", '["*"]', false],
    ["pulumi", '["pulumi"]', false],
    ["aws", "[]", false],
    ["aws", "", false],
  ])("%s with %s → %s", (pkg, list, expected) => {
    expect(defaultProviderDisabled(pkg, config(list))).toBe(expected);
  });

  it("allows everything when the key is absent", () => {
    expect(defaultProviderDisabled("aws", {})).toBe(false);
  });

  it("rejects a list that is not JSON, or holds a non-string", () => {
    expect(() => defaultProviderDisabled("aws", config("aws"))).toThrow(/^Failed to parse aws: /);
    expect(() => defaultProviderDisabled("aws", config('["random", 3]'))).toThrow(
      "pulumi:disable-default-providers[1] must be a string",
    );
    // As the engine's loop: a match before the bad entry ends the search.
    expect(defaultProviderDisabled("aws", config('["aws", 3]'))).toBe(true);
  });
});

describe("previews under pulumi:disable-default-providers", () => {
  it("fails a resource that needs the disabled default provider, naming it (exit 2)", async () => {
    const bucket = urn("deny-aws", "aws:s3/bucket:Bucket", "uses-default");
    const run = await preview("deny-aws");
    expect(run.code).toBe(2);
    // The --json document of a failed preview: what was registered, and the error naming the resource.
    expect(JSON.parse(run.stdout).error).toMatchObject({ kind: "program", resource: bucket });
    expect(run.stderr).toContain(`while declaring ${bucket}`);
    expect(run.stderr).toContain(denied("aws", bucket));
    expect(run.stderr).not.toContain("must use an explicit provider..");
    // Said once: the SDK's error quoting the refusal adds nothing.
    expect(run.stderr.split(denied("aws", bucket))).toHaveLength(2);
    expect(run.stderr).not.toContain("FAILED_PRECONDITION");
  });

  it("fails a resource of any package under '*'", async () => {
    const id = urn("deny-all-other", "random:index/randomId:RandomId", "suffix");
    const run = await preview("deny-all-other");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(denied("random", id));
  });

  it("keeps resources with an explicit provider, directly or through a component's providers, under '*'", async () => {
    const run = await preview("deny-all-explicit");
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const names = JSON.parse(run.stdout).resources.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(["explicit", "uses-explicit", "site", "site-assets"]));
  });

  it("keeps a package the list does not name", async () => {
    const run = await preview("deny-aws-other");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).resources.map((r: { name: string }) => r.name)).toContain("suffix");
  });

  it.each(["allowed", "empty-list"])("lets the engine create default providers (%s)", async (stack) => {
    const run = await preview(stack);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).resources.map((r: { name: string }) => r.name)).toContain("uses-default");
  });

  it("fails a read of an existing resource through the disabled default provider", async () => {
    const run = await preview("deny-read");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(denied("aws", "aws:s3/bucket:Bucket"));
  });

  it("refuses an invoke through the disabled default provider, which the program may handle", async () => {
    const result = await runPreview({ stack: "deny-invoke", cwd: PROJECT });
    expect(result.programOutput).toContain(`invoke refused: Invoke: ${denied("aws", "aws:index/getRegion:getRegion")}`);
    expect(result.programOutput).not.toContain("invoke answered");
  });

  it("fails the registration when the list is malformed", async () => {
    const run = await preview("malformed");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Failed to parse aws");
    expect(run.stderr).toContain(urn("malformed", "aws:s3/bucket:Bucket", "uses-default"));
  });
});
