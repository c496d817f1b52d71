// The pull-request summary stays postable: under GitHub's comment limit however large the stack or hostile its names,
// and no control character in a name breaks a table row.
import { MAX_COMMENT_CHARS, toMarkdown } from "../../engine/reports/markdown";
import { MAX_CELL_CHARS, markdownCell } from "../../engine/reports/markdownText";
import type { PreviewDocument } from "../../engine/reports/document";
import { fixtureDocument } from "./fixtures";

/** Table rows (lines starting with "|") after a heading, header and rule rows dropped. */
function rowsAfter(markdown: string, heading: string): string[] {
  const lines = markdown.slice(markdown.indexOf(heading)).split("\n").slice(2);
  const rows: string[] = [];
  for (const line of lines) {
    if (!line.startsWith("|")) break;
    rows.push(line);
  }
  return rows.slice(2);
}

/** The fixture with `n` mandatory violations and exposures, each naming its own resource. */
function largeDocument(n: number, name = (i: number) => `web-${i}`): PreviewDocument {
  const doc = fixtureDocument();
  const template = doc.diagnostics.find((d) => d.enforcementLevel === "mandatory")!;
  const exposure = doc.exposures![0];
  doc.diagnostics = Array.from({ length: n }, (_, i) => ({
    ...template,
    urn: `urn:pulumi:fixture::hardening-kit::aws:ec2/securityGroup:SecurityGroup::${name(i)}`,
    message: `security group ${name(i)} allows tcp/22 from 0.0.0.0/0 and ::/0 — breaks case step 1 (SSH brute-forced in 137 s)`,
  }));
  doc.exposures = Array.from({ length: n }, (_, i) => ({
    ...exposure,
    urn: `urn:pulumi:fixture::hardening-kit::aws:ec2/instance:Instance::${name(i)}`,
    resourceName: name(i),
    path: ["0.0.0.0/0", "internet gateway", `sg rule ${name(i)}`, `${name(i)}:22`],
  }));
  return doc;
}

describe("Markdown summary length", () => {
  it("fits a stack of 300 findings and exposures under the limit, saying how many rows were left out", () => {
    const doc = largeDocument(300);
    expect(toMarkdown(doc, { maxRows: 1_000, maxChars: Infinity }).length).toBeGreaterThan(MAX_COMMENT_CHARS);
    const text = toMarkdown(doc, { maxRows: 1_000 });
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    const violations = rowsAfter(text, "#### Policy violations");
    expect(violations.length).toBeGreaterThan(0);
    expect(violations.length).toBeLessThan(300);
    expect(text).toContain(`…and ${300 - violations.length} more; the SARIF report lists them all.`);
    expect(text).toContain("### ❌ Hardening gate: stack fixture is blocked by 300 mandatory violations");
  });

  it("leaves the diagram out before any row", () => {
    const doc = fixtureDocument();
    const full = toMarkdown(doc);
    const withoutDiagram = full.replace(/Red arrows[\s\S]*?```mermaid[\s\S]*?```/, "x".repeat(90));
    const text = toMarkdown(doc, { maxChars: withoutDiagram.length });
    expect(text).not.toContain("```mermaid");
    expect(text).toContain("The network diagram is left out");
    expect(rowsAfter(text, "#### Policy violations")).toHaveLength(doc.diagnostics.length);
    expect(toMarkdown(doc, { maxChars: full.length })).toBe(full);
  });

  it("cuts each hostile name to a bounded cell", () => {
    const long = (i: number) => `${"a".repeat(5_000)}-${i}`;
    const text = toMarkdown(largeDocument(2, long));
    const row = rowsAfter(text, "#### Policy violations")[0];
    expect(row).toContain(`${"a".repeat(MAX_CELL_CHARS)}…`);
    expect(row).not.toContain("a".repeat(MAX_CELL_CHARS + 1));
    expect(text.length).toBeLessThan(20_000);
  });

  it("never splits a surrogate pair when it cuts", () => {
    const cell = markdownCell(`${"a".repeat(MAX_CELL_CHARS - 1)}😀tail`);
    expect(cell).toBe(`${"a".repeat(MAX_CELL_CHARS - 1)}…`);
  });
});

describe("control characters in cells", () => {
  it.each([
    ["a\rb", "a<br>b"],
    ["a\r\nb", "a<br>b"],
    ["a\nb", "a<br>b"],
    ["a\u0000b", "a\u2400b"],
    ["a\u001bb", "a\u241bb"],
    ["a\u007fb", "a\u2421b"],
    ["a\tb", "a\tb"],
  ])("renders %j as %j", (input, shown) => {
    expect(markdownCell(input)).toBe(shown);
  });

  it("keeps a violation on one row when its resource name holds a lone carriage return", () => {
    const doc = largeDocument(1, () => "bad\r| injected |\r# Heading");
    const rows = rowsAfter(toMarkdown(doc), "#### Policy violations");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain("bad<br>\\| injected \\|<br>\\# Heading");
  });
});

describe("a failed preview's summary length", () => {
  const failed = (message: string): PreviewDocument => ({
    ...fixtureDocument(),
    error: { kind: "program", message },
  });
  /** A lone half of a surrogate pair: what a cut through a pair leaves. */
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

  it("cuts a huge error message to fit, keeping its head and tail and saying how much was cut", () => {
    const message = `Error: head-of-message ${"E".repeat(100_000)} at tail-of-message`;
    const text = toMarkdown(failed(message));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(text).toContain("FAILED");
    expect(text).toContain("Error: head-of-message");
    expect(text).toContain("at tail-of-message");
    const [, head, cut, tail] =
      /head-of-message (E*)\n… (\d+) characters cut here; the job log has the whole message …\n(E*) at tail/.exec(
        text,
      )!;
    // Every character of the message is either shown or counted as cut.
    expect(head.length + Number(cut) + tail.length).toBe(100_000);
    expect(Number(cut)).toBeGreaterThan(40_000);
  });

  it("keeps a short error message whole", () => {
    const message = "Error: bucket name taken\n    at index.ts:3:7";
    const text = toMarkdown(failed(message));
    expect(text).toContain(`\`\`\`text\n${message}\n\`\`\``);
    expect(text).not.toContain("characters cut here");
  });

  it("fits a message of backticks, its fence still longer than any run it shows", () => {
    const text = toMarkdown(failed("`".repeat(100_000)));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    const fence = /\n(`+)text\n/.exec(text)![1];
    const inside = text.slice(text.indexOf(`${fence}text\n`) + fence.length + 5, text.lastIndexOf(`\n${fence}`));
    expect(Math.max(...(inside.match(/`+/g) ?? [""]).map((run) => run.length))).toBeLessThan(fence.length);
    expect(text).toContain("characters cut here");
  });

  // Odd and even limits: one of them puts a cut between the halves of a pair.
  it.each([2_000, 2_001, 2_002, 2_003])("honours a limit of %d and never splits a surrogate pair", (maxChars) => {
    const text = toMarkdown(failed("😀".repeat(50_001)), { maxChars });
    expect(text.length).toBeLessThanOrEqual(maxChars);
    expect(text).toContain("😀");
    expect(text).not.toMatch(LONE_SURROGATE);
  });
});
