// Shared config and credentials files as the AWS SDK for Go v2 tokenizes them (internal/ini/tokenize.go): a line that
// is neither blank, a comment, indented, a `[section]` nor a `key = value` is skipped ("unrecognized tokens are
// effectively ignored"), so no file fails the provider; comments end a header at any `#` or `;`, a value only after
// a blank.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseSections } from "../../engine/aws-shared-config";
import { providerRegion } from "../../engine/provider-regions";

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

describe("lines the AWS SDK does not recognise", () => {
  it.each([
    ["a bare word outside any section", "oops\n[default]\nregion = eu-west-1\n", "eu-west-1"],
    ["a bare word inside a section", "[default]\nregion = eu-west-1\naws_secret_access_key\n", "eu-west-1"],
    ["a setting whose = is inside a comment", "[default]\nregion = eu-west-1\nregion # = us-east-1\n", "eu-west-1"],
  ])("skips %s and reads the rest", (_, text, region) => {
    expect(aws({}, home({ ".aws/config": text }))).toEqual({ kind: "known", region });
  });

  it.each([
    ["without its ]", "[default]\nregion = eu-west-1\n[profile ops\nregion = ap-south-1\n"],
    ["with text after its ]", "[default]\nregion = eu-west-1\n[profile ops] extra\nregion = ap-south-1\n"],
  ])("skips a section header %s, so its settings go to the section before it", (_, text) => {
    const sections = parseSections(text);
    expect(sections.has("profile ops")).toBe(false);
    expect(sections.get("default")?.get("region")).toBe("ap-south-1");
  });

  it("does not fail the provider on such lines, whatever names the region", () => {
    const env = home({
      ".aws/config": "[default]\nregion = us-east-1\noops\n",
      ".aws/credentials": "[default]\nkey\n",
    });
    expect(aws({ region: "eu-west-1" }, env)).toEqual({ kind: "known", region: "eu-west-1" });
    expect(aws({}, env)).toEqual({ kind: "known", region: "us-east-1" });
  });
});

describe("comments as the AWS SDK cuts them", () => {
  it.each([
    ["a # right after the value is part of it", "[default]\nregion = us-east-1#x\n", "us-east-1#x"],
    ["a ; right after the value is part of it", "[default]\nregion = us-east-1;x\n", "us-east-1;x"],
    ["a # after a blank starts a comment", "[default]\nregion = us-east-1 #x\n", "us-east-1"],
    ["a ; after a tab starts a comment", "[default]\nregion = us-east-1\t;x\n", "us-east-1"],
    ["a # anywhere in a header starts a comment", "[default]# main\nregion = us-east-1\n", "us-east-1"],
  ])("reads %s", (_, text, region) => {
    expect(aws({}, home({ ".aws/config": text }))).toEqual({ kind: "known", region });
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
