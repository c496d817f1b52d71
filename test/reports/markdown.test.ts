import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import * as path from "path";
import { commentMarker, toMarkdown, writeMarkdown } from "../../engine/reports/markdown";
import { KIT_PACK_NAME, kitRules, reportLookup } from "../../engine/reports/kitRules";
import { EXPOSURE_COLOUR } from "../../engine/reports/mermaid";
import { markdownCell } from "../../engine/reports/markdownText";
import { balancer, bastion, fixtureDocument, oddName } from "./fixtures";
import { checkFlowchart, decodeLabel } from "./mermaidChecker";

function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!match) throw new Error("no mermaid block");
  return match[1];
}

/** Rows of the table that follows a heading, as cell lists (the header and rule rows dropped). */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  const lines = markdown.slice(start).split("\n").slice(2);
  const rows: string[][] = [];
  for (const line of lines.slice(2)) {
    if (!line.startsWith("|")) break;
    rows.push(line.slice(2, -2).split(/(?<!\\) \| /));
  }
  return rows;
}

describe("Markdown summary", () => {
  const markdown = toMarkdown(fixtureDocument());

  it("starts with the comment marker and the verdict, then the counts", () => {
    const lines = markdown.split("\n");
    expect(lines[0]).toBe(commentMarker("fixture"));
    expect(lines[2]).toBe("### ❌ Hardening gate: stack fixture is blocked by 3 mandatory violations");
    expect(markdown).toContain("| 11 | 3 | 2 | 2 |");
  });

  it("says the stack passes when nothing is mandatory", () => {
    const doc = fixtureDocument();
    doc.diagnostics = doc.diagnostics.filter((d) => d.enforcementLevel !== "mandatory");
    expect(toMarkdown(doc)).toContain("### ✅ Hardening gate: stack fixture passes (2 advisory findings)");
  });

  it("lists mandatory violations first, every violation once", () => {
    const rows = tableAfter(markdown, "#### Policy violations");
    expect(rows.map((r) => r[0])).toEqual(["**mandatory**", "**mandatory**", "**mandatory**", "advisory", "advisory"]);
    expect(rows.map((r) => r[3])).toContain("(stack)");
    expect(rows).toHaveLength(fixtureDocument().diagnostics.length);
  });

  it("escapes names and messages so the table keeps its columns and renders no markup", () => {
    const rows = tableAfter(markdown, "#### Policy violations");
    for (const row of rows) expect(row).toHaveLength(5);
    const escapedName = markdownCell(oddName);
    expect(escapedName).toBe('web\\|"1"&lt;b&gt;\\#2\\`&#64;dev&amp;co');
    expect(rows.some((r) => r[3] === escapedName)).toBe(true);
    // Outside the Mermaid code block (where GitHub neither renders HTML nor resolves mentions).
    const prose = markdown.replace(/```mermaid[\s\S]*?```/, "");
    expect(prose).not.toContain("<b>");
    expect(prose).not.toContain("@dev");
    expect(markdownCell("line one\nline two")).toBe("line one<br>line two");
    expect(markdownCell("**bold** [link](x)")).toBe("\\*\\*bold\\*\\* \\[link\\](x)");
  });

  it("shows what is specific to a violation when the policy's description is known", () => {
    const doc = fixtureDocument();
    const description = "Security group rules must not open SSH to the internet.";
    doc.diagnostics = [{ ...doc.diagnostics[0], message: `${description}\nrule opens port 22` }];
    const lookup = (name: string) => (name === doc.diagnostics[0].policyName ? { name, description } : undefined);
    expect(tableAfter(toMarkdown(doc, { lookup }), "#### Policy violations")[0][4]).toBe("rule opens port 22");
    expect(tableAfter(toMarkdown(doc), "#### Policy violations")[0][4]).toBe(`${description}<br>rule opens port 22`);
  });

  it("drops the kit's one-sentence description from its messages, and never shows its details", () => {
    const weakening = kitRules().find((r) => r.name === "disallow-userdata-login-weakening")!;
    const doc = fixtureDocument();
    doc.diagnostics = [
      {
        ...doc.diagnostics[0],
        policyName: weakening.name,
        policyPackName: KIT_PACK_NAME,
        message: `${weakening.description}\nuser data sets PasswordAuthentication yes`,
      },
    ];
    const markdown = toMarkdown(doc, { lookup: reportLookup() });
    expect(tableAfter(markdown, "#### Policy violations")[0][4]).toBe("user data sets PasswordAuthentication yes");
    expect(markdown).not.toContain(weakening.details!.slice(0, 80));
  });

  it("shows every exposure in its table", () => {
    const rows = tableAfter(markdown, "#### Internet exposures");
    expect(rows).toEqual([
      [
        "ops-bastion",
        "alicloud:ecs/instance:Instance",
        "tcp",
        "22",
        "0.0.0.0/0",
        "0.0.0.0/0 → public ip → sg rule ssh-world → ops-bastion:22",
      ],
      [
        "web-lb",
        "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer",
        "tcp",
        "80",
        "0.0.0.0/0, ::/0",
        "0.0.0.0/0 → listener → web-lb:80",
      ],
    ]);
  });

  it("caps long tables and says how many rows were left out", () => {
    const text = toMarkdown(fixtureDocument(), { maxRows: 2 });
    expect(tableAfter(text, "#### Policy violations")).toHaveLength(2);
    expect(text).toContain("…and 3 more; the SARIF report lists them all.");
  });

  it("writes the summary to a file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "md-out-"));
    try {
      const file = path.join(dir, "summary.md");
      writeMarkdown(file, fixtureDocument());
      expect(readFileSync(file, "utf8")).toBe(markdown);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("Mermaid network diagram", () => {
  const text = mermaidBlock(toMarkdown(fixtureDocument()));
  const chart = checkFlowchart(text);
  const idOf = (label: string) => [...chart.nodes].find(([, l]) => decodeLabel(l).endsWith(`: ${label}`))?.[0];

  it("parses as a flowchart of the emitted subset", () => {
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    expect(chart.nodes.get("internet")).toBe('"Internet"');
  });

  it("nests subnets in their VPC and places nodes in their subnet", () => {
    const lines = text.split("\n");
    const depth = (needle: string) => lines.find((l) => l.includes(needle))!.search(/\S/);
    expect([...chart.subgraphs.values()].map(decodeLabel).sort()).toEqual([
      "VPC prod-vpc",
      "subnet private-a",
      "subnet public-a",
    ]);
    expect(depth('"subnet public-a"')).toBeGreaterThan(depth('"VPC prod-vpc"'));
    expect(depth('"database: orders-db"')).toBeGreaterThan(depth('"subnet private-a"'));
    // The NAT gateway references the VPC and one vSwitch: it sits in the vSwitch.
    expect(depth('"gateway: egress-nat"')).toBe(depth('"load balancer: web-lb"'));
  });

  it("draws bastion, load balancer, database, gateway and instance nodes, escaping labels", () => {
    expect(chart.nodes.get(idOf("ops-bastion")!)).toBe('"bastion: ops-bastion"');
    expect(text).toContain('(["load balancer: web-lb"])');
    expect(text).toContain('[("database: orders-db")]');
    expect(text).toContain('[["gateway: egress-nat"]]');
    const odd = idOf(oddName)!;
    expect(decodeLabel(chart.nodes.get(odd)!)).toBe(`instance: ${oddName}`);
    expect(chart.nodes.get(odd)).toBe('"instance: web#124;#34;1#34;#60;b#62;#35;2#96;@dev#38;co"');
  });

  it("draws every exposure as a red edge from the Internet node", () => {
    const red = new Set(
      chart.linkStyles.filter((s) => s.style.includes(`stroke:${EXPOSURE_COLOUR}`)).flatMap((s) => s.indices),
    );
    const exposureEdges = [
      { to: idOf(bastion.name), label: '"tcp 22"' },
      { to: idOf(balancer.name), label: '"tcp 80"' },
    ];
    for (const expected of exposureEdges) {
      const index = chart.edges.findIndex(
        (e) => e.from === "internet" && e.to === expected.to && e.label === expected.label,
      );
      expect(index).toBeGreaterThanOrEqual(0);
      expect(red.has(index)).toBe(true);
    }
    expect(red.size).toBe(exposureEdges.length);
    expect(chart.classes.get("exposed")?.sort()).toEqual([idOf(bastion.name), idOf(balancer.name)].sort());
  });

  it("links the load balancer to its backends through the backend-server attachment", () => {
    expect(chart.edges).toContainEqual({ from: idOf("web-lb"), to: idOf(oddName), arrow: "-->", label: undefined });
  });

  it("adds a node for an exposed resource the diagram does not classify", () => {
    const doc = fixtureDocument();
    doc.exposures = [
      { urn: "urn:pulumi:fixture::hardening-kit::custom:thing:Thing::mystery", protocol: "udp", ports: [53] },
    ];
    const chart2 = checkFlowchart(mermaidBlock(toMarkdown(doc)));
    const id = [...chart2.nodes].find(([, l]) => l.includes("mystery"))![0];
    const index = chart2.edges.findIndex((e) => e.from === "internet" && e.to === id);
    expect(chart2.linkStyles[0].indices).toEqual([index]);
  });

  it("omits the diagram for stacks too large to draw, or with no network", () => {
    expect(toMarkdown(fixtureDocument(), { maxDiagramNodes: 2 })).toContain(
      "more than the 2 a comment diagram can show",
    );
    const empty = { stack: "empty", resources: [], diagnostics: [] };
    expect(toMarkdown(empty)).toContain("This stack plans no network resources.");
  });

  it("the checker rejects text outside the subset", () => {
    expect(() => checkFlowchart('flowchart LR\n  a["x"]\n  a --> b')).toThrow(/undeclared "b"/);
    expect(() => checkFlowchart('flowchart LR\n  a["say "hi""]')).toThrow(/not in the flowchart subset/);
    expect(() => checkFlowchart('flowchart LR\n  subgraph s["x"]')).toThrow(/never closed/);
    expect(() => checkFlowchart('flowchart LR\n  a["x"]\n  linkStyle 0 stroke:red')).toThrow(/only 0 edges/);
    expect(() => checkFlowchart('flowchart LR\n  end["x"]')).toThrow();
  });
});
