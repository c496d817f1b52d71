// Line endings, whitespace, indented lines and quoting in the shared config file, as aws-sdk-go-v2's internal/ini
// reads them: ini.go splits at "\n" only, tokenize.go and strings.go trim with Go's strings.TrimSpace, parse.go
// promotes, nests or continues indented lines, and legacyStrconv only unwraps quotes (internal/ini v1.7.3).
import { parseSections, profileRegion } from "../../engine/aws-shared-config";

describe("CRLF files as the AWS SDK reads them", () => {
  it.each([
    ["a header and a value", "[default]\r\nregion = eu-west-1\r\n", "default", "eu-west-1"],
    ["a named profile with comments", "[profile ops] # main\r\nregion = ap-south-1 ; Mumbai\r\n", "ops", "ap-south-1"],
    ["a quoted value", "[default]\r\nregion = 'eu-west-1'\r\n", "default", "eu-west-1"],
    ["blank lines of a lone \\r", "\r\n[default]\r\n\r\nregion = eu-west-1\r\n", "default", "eu-west-1"],
  ])("trims the \\r from %s (Go's TrimSpace)", (_, text, profile, region) => {
    expect(profileRegion(text, profile)).toBe(region);
  });

  it("keeps the \\r of a continuation line, which the SDK trims only on the left", () => {
    expect(profileRegion("[default]\r\nregion = eu-west-1\r\n  more\r\n", "default")).toBe("eu-west-1\nmore\r");
  });

  it("does not split at a lone \\r (old Mac endings are one line)", () => {
    expect(profileRegion("[default]\rregion = eu-west-1\r", "default")).toBeUndefined();
  });
});

describe("whitespace as Go's strings.TrimSpace sees it", () => {
  it("leaves a header behind a byte order mark unrecognised, its settings dropped", () => {
    expect(profileRegion("\ufeff[default]\nregion = eu-west-1\n", "default")).toBeUndefined();
    // The sections after it are read.
    expect(profileRegion("\ufeff[default]\nregion = eu-west-1\n[profile ops]\nregion = us-east-2\n", "ops")).toBe(
      "us-east-2",
    );
  });

  it("trims U+0085 and U+00A0 around a header as Go does", () => {
    expect(profileRegion("[default]\u0085\nregion = eu-west-1\n", "default")).toBe("eu-west-1");
    expect(profileRegion("\u00a0[default]\u00a0\nregion = eu-west-1\n", "default")).toBe("eu-west-1");
  });
});

describe("indented lines as the AWS SDK's parser places them", () => {
  it.each([
    ["an indented header", "  [default]\nregion = eu-west-1\n", "eu-west-1"],
    ["an indented setting opening a section (promoted)", "[default]\n  region = eu-west-1\n", "eu-west-1"],
    [
      "an indented setting after a non-empty value (promoted, its comment cut)",
      "[default]\noutput = json\n\tregion = eu-west-1 # Ireland\n",
      "eu-west-1",
    ],
    [
      "a promoted setting's quotes, kept when a comment follows them (unquoted before the cut)",
      '[default]\n  region = "eu-west-1" # Ireland\n',
      '"eu-west-1"',
    ],
    ["an indented setting after an empty value (nested)", "[default]\ns3 =\n  region = eu-west-1\n", undefined],
    ["a continuation of the region", "[default]\nregion = eu-west-1\n\tsecond line\n", "eu-west-1\nsecond line"],
    ["a continuation of an empty region (ignored)", "[default]\nregion =\n  eu-west-1\n", undefined],
    ["a continuation after nested settings (ignored)", "[default]\nregion =\n  a = b\n  eu-west-1\n", undefined],
    ["an indented comment (skipped)", "[default]\nregion = eu-west-1\n  # note\n", "eu-west-1"],
  ])("reads %s", (_, text, region) => {
    expect(profileRegion(text, "default")).toBe(region);
  });

  it("drops settings after an empty header `[]`, as after no section", () => {
    const sections = parseSections("[default]\nregion = eu-west-1\n[]\nregion = us-east-1\n");
    expect(sections.get("default")?.get("region")).toBe("eu-west-1");
    expect(sections.has("")).toBe(false);
  });
});

describe("values as legacyStrconv leaves them", () => {
  it.each([
    ["a backslash-n kept as written", "region = eu-west-1\\n", "eu-west-1\\n"],
    ["escaped quotes kept as written", 'region = "eu-\\"west\\"-1"', 'eu-\\"west\\"-1'],
    ["a quoted empty value (no region)", "region = ''", undefined],
    ["mismatched quotes kept", "region = 'eu-west-1\"", "'eu-west-1\""],
  ])("reads %s", (_, setting, region) => {
    expect(profileRegion(`[default]\n${setting}\n`, "default")).toBe(region);
  });
});
