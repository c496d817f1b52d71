// Shared config and credentials files as the AWS SDK for Go v2 tokenizes them (internal/ini/tokenize.go): a line that
// is not blank, a comment, indented, a `[section]` nor a `key = value` fails the load and so the provider, whatever
// its region; the forms the SDK tolerates are read as before.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseSections, SharedConfigSyntaxError } from "../../engine/aws-shared-config";
import { providerRegion, providerRegionFailure } from "../../engine/provider-regions";
import { UNKNOWN } from "./helpers";

const SECRET = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

/** A home holding `files` (relative path → text). */
function home(files: Record<string, string>): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { HOME: dir };
}

const aws = (inputs: Record<string, unknown>, env: NodeJS.ProcessEnv) => providerRegion("aws", inputs, env);

describe("a shared config file the AWS SDK cannot parse", () => {
  it.each([
    ["a bare word outside any section", "oops\n[default]\nregion = us-east-1\n", 1],
    ["a bare word inside a section", "[default]\nregion = us-east-1\naws_secret_access_key\n", 3],
    ["a section header without its ]", "[default]\nregion = us-east-1\n[profile ops\nregion = eu-west-1\n", 3],
    ["a section header with text after its ]", "[default] extra\nregion = us-east-1\n", 1],
    ["a setting whose = is inside a comment", "[default]\nregion # = us-east-1\n", 2],
  ])("fails on %s, naming the line", (_, text, line) => {
    expect(() => parseSections(text)).toThrow(SharedConfigSyntaxError);
    expect(() => parseSections(text)).toThrow(`on line ${line}`);
    const env = home({ ".aws/config": text });
    expect(aws({}, env)).toEqual({ kind: "unparsable", file: path.join(env.HOME!, ".aws", "config"), line });
  });

  it("fails the provider even when config or AWS_REGION names the region (the SDK loads the files anyway)", () => {
    const env = home({ ".aws/config": "[default]\nregion = us-east-1\noops\n" });
    expect(aws({ region: "eu-west-1" }, env)).toMatchObject({ kind: "unparsable", line: 3 });
    expect(aws({}, { ...env, AWS_REGION: "eu-west-1" })).toMatchObject({ kind: "unparsable", line: 3 });
  });

  it("fails on a bad credentials file too, and on any file of a list", () => {
    const env = home({ ".aws/credentials": "[default]\naws_access_key_id AKIAEXAMPLE\n", "good.ini": "[x]\na = b\n" });
    expect(aws({}, env)).toMatchObject({ kind: "unparsable", file: path.join(env.HOME!, ".aws", "credentials") });
    const files = JSON.stringify([path.join(env.HOME!, "good.ini"), path.join(env.HOME!, ".aws", "credentials")]);
    expect(aws({ sharedConfigFiles: files, region: "us-east-1" }, home({}))).toMatchObject({ kind: "unparsable" });
  });

  it("names a secret file list's file only as secret", () => {
    const env = home({ "TOPSECRET.ini": "[default\n" });
    const file = path.join(env.HOME!, "TOPSECRET.ini");
    const region = aws({ sharedCredentialsFiles: SECRET(JSON.stringify([file])) }, env);
    expect(region).toEqual({ kind: "unparsable", file: "[secret]", line: 1 });
    const message = providerRegionFailure(
      "aws",
      "prov",
      region as { kind: "unparsable"; file: string; line: number },
      true,
    );
    expect(message).toContain("pulumi:providers:aws resource 'prov' has a problem: failed to load shared config file");
    expect(message).toContain("[secret]");
    expect(message).not.toContain("TOPSECRET");
  });

  it("never quotes the bad line itself (it may hold a key)", () => {
    const env = home({ ".aws/credentials": "[default]\nwJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY\n" });
    const region = aws({}, env) as { kind: "unparsable"; file: string; line: number };
    expect(region).toMatchObject({ kind: "unparsable", line: 2 });
    expect(providerRegionFailure("aws", "default", region, false)).not.toContain("EXAMPLEKEY");
  });

  it("leaves a provider whose inputs are unknown unknown: the CLI does not configure it in a preview", () => {
    expect(aws({ region: UNKNOWN }, home({ ".aws/config": "oops\n" }))).toEqual({ kind: "unknown" });
  });
});

describe("the forms the AWS SDK tolerates", () => {
  it.each([
    ["settings before any section (dropped)", "region = us-west-1\n[default]\nregion = eu-west-1\n", "eu-west-1"],
    [
      "indented lines of any kind after a setting",
      "[default]\nregion = eu-west-1\ns3 =\n  not a setting\n",
      "eu-west-1",
    ],
    ["indented lines before any setting", "  stray words\n[default]\nregion = eu-west-1\n", "eu-west-1"],
    ["`key: value` settings", "[default]\nregion: eu-west-1\n", "eu-west-1"],
    ["a setting with an empty key", "[default]\n= x\nregion = eu-west-1\n", "eu-west-1"],
    [
      "comments, indented comments and a header's comment",
      "# c\n ; c\n[default] # main\nregion = eu-west-1 ; c\n",
      "eu-west-1",
    ],
  ])("reads %s", (_, text, region) => {
    expect(aws({}, home({ ".aws/config": text }))).toEqual({ kind: "known", region });
  });

  it("skips a file it cannot read, as the SDK does", () => {
    const env = home({ ".aws/config": "[default]\nregion = eu-west-1\n" });
    const files = JSON.stringify([path.join(env.HOME!, "nowhere.ini"), path.join(env.HOME!, ".aws", "config")]);
    expect(aws({ sharedConfigFiles: files }, env)).toEqual({ kind: "known", region: "eu-west-1" });
  });
});
