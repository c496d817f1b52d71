// The diagrams the Markdown summary emits, parsed by Mermaid itself (the parser GitHub renders with): the fixture's,
// one whose every label is hostile, and broken ones that must be rejected. Each is also read by the strict checker,
// and both must read the same nodes, subgraphs, edges and label text.
import type { PreviewDocument } from "../../engine/reports/document";
import { toMarkdown } from "../../engine/reports/markdown";
import { fixtureDocument, oddName, urnOf } from "./fixtures";
import { checkFlowchart, decodeLabel, type FlowchartModel } from "./mermaidChecker";
import { parseWithMermaid, type MermaidVerdict } from "./mermaidParser";

function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (!match) throw new Error("no mermaid block");
  return match[1];
}

/** Names that would break an unescaped label: quotes, brackets, pipes, `#` and entities, HTML, Markdown, unicode. */
const HOSTILE: Record<string, string> = {
  "prod-vpc": 'vpc "prod" [main] {edge} (x)',
  "public-a": "public|a||b ;; --> end",
  "private-a": "private #1; #quot; &amp; # #60;",
  "ops-bastion": "bastion <script>alert('x')</script>",
  [oddName]: oddName,
  "web-lb": "lb lifestyle:v2#1 classDef:x#y; 日本語 ✓ 🚀 Ünïcode",
  "orders-db": "db `code` **md** [link](x) %% not a comment",
  "egress-nat": "nat\nlinkStyle 0 stroke:red\tclick n0 call alert()",
};
const HOSTILE_PROTOCOL = 'tcp"|<b>#';
const HOSTILE_EXPOSED = 'mystery "node" | end';

function hostileDocument(): PreviewDocument {
  const doc = fixtureDocument();
  return {
    ...doc,
    resources: doc.resources.map((r) => ({ ...r, name: HOSTILE[r.name] ?? r.name })),
    exposures: [
      ...(doc.exposures ?? []).map((e) => ({ ...e, protocol: HOSTILE_PROTOCOL })),
      { urn: urnOf("custom:thing:Thing", "mystery"), resourceName: HOSTILE_EXPOSED, protocol: "udp", ports: [53] },
    ],
  };
}

const fixtureText = mermaidBlock(toMarkdown(fixtureDocument()));
const hostileText = mermaidBlock(toMarkdown(hostileDocument()));
const lines = fixtureText.split("\n");
const BROKEN: Record<string, string> = {
  "a subgraph left open": lines.filter((line, i) => i !== lines.lastIndexOf("  end")).join("\n"),
  "a label left unquoted": fixtureText.replace('"Internet"))', '"Internet))'),
  "an edge with no target": `${fixtureText}\n  n0 -->`,
};
/** Text outside the emitted subset that the checker rejects (its own counter-examples in markdown.test.ts). */
const OUTSIDE_SUBSET: Record<string, string> = {
  "an undeclared node": 'flowchart LR\n  a["x"]\n  a --> b',
  "a raw quote in a label": 'flowchart LR\n  a["say "hi""]',
  "an unclosed subgraph": 'flowchart LR\n  subgraph s["x"]',
  "a linkStyle past the last edge": 'flowchart LR\n  a["x"]\n  linkStyle 0 stroke:red',
  "a reserved word as an id": 'flowchart LR\n  end["x"]',
};

function checks(text: string): boolean {
  try {
    checkFlowchart(text);
    return true;
  } catch {
    return false;
  }
}

/** What the strict checker read, in the parser's terms: label text decoded as Mermaid shows it. */
function checkerView(chart: FlowchartModel) {
  const decoded = (map: Map<string, string>) => Object.fromEntries([...map].map(([id, l]) => [id, decodeLabel(l)]));
  return {
    nodes: decoded(chart.nodes),
    subgraphs: decoded(chart.subgraphs),
    edges: chart.edges.map((e) => ({ from: e.from, to: e.to, label: e.label && decodeLabel(e.label) })),
  };
}

function parserView(verdict: MermaidVerdict) {
  if (!verdict.ok) throw new Error(`Mermaid rejected the diagram: ${verdict.error}`);
  return { nodes: verdict.nodes, subgraphs: verdict.subgraphs, edges: verdict.edges };
}

describe("Mermaid's parser on the emitted diagrams", () => {
  const named = { fixture: fixtureText, hostile: hostileText, ...BROKEN, ...OUTSIDE_SUBSET };
  let verdicts: Record<string, MermaidVerdict>;

  beforeAll(() => {
    const parsed = parseWithMermaid(Object.values(named));
    verdicts = Object.fromEntries(Object.keys(named).map((name, i) => [name, parsed[i]]));
  });

  it("accepts the fixture's diagram as a flowchart and reads what the checker reads", () => {
    expect(verdicts.fixture).toMatchObject({ ok: true, type: "flowchart-v2" });
    expect(parserView(verdicts.fixture)).toEqual(checkerView(checkFlowchart(fixtureText)));
    expect(parserView(verdicts.fixture).nodes).toHaveProperty("internet", "Internet");
  });

  it("accepts hostile labels and shows each name as written", () => {
    expect(verdicts.hostile).toMatchObject({ ok: true, type: "flowchart-v2" });
    const view = parserView(verdicts.hostile);
    expect(view).toEqual(checkerView(checkFlowchart(hostileText)));
    const labels = [...Object.values(view.nodes ?? {}), ...Object.values(view.subgraphs ?? {})];
    expect(labels).toEqual(
      expect.arrayContaining([
        `VPC ${HOSTILE["prod-vpc"]}`,
        `subnet ${HOSTILE["public-a"]}`,
        `subnet ${HOSTILE["private-a"]}`,
        `bastion: ${HOSTILE["ops-bastion"]}`,
        `instance: ${oddName}`,
        `load balancer: ${HOSTILE["web-lb"]}`,
        `database: ${HOSTILE["orders-db"]}`,
        `gateway: ${HOSTILE["egress-nat"].replace(/[\n\t]/g, " ")}`,
        `instance: ${HOSTILE_EXPOSED}`,
      ]),
    );
    expect(view.edges?.map((e) => e.label)).toEqual(
      expect.arrayContaining([`${HOSTILE_PROTOCOL} 22`, `${HOSTILE_PROTOCOL} 80`, "udp 53"]),
    );
  });

  it.each(Object.keys(BROKEN))("rejects the fixture's diagram with %s, as the checker does", (name) => {
    expect(verdicts[name]).toMatchObject({ ok: false, error: expect.stringMatching(/Parse error/) });
    expect(checks(BROKEN[name])).toBe(false);
  });

  it("accepts every diagram the checker accepts", () => {
    for (const [name, text] of Object.entries(named)) {
      if (checks(text)) expect({ name, verdict: verdicts[name] }).toMatchObject({ name, verdict: { ok: true } });
    }
  });

  it("is looser than the checker, which therefore stays: it takes undeclared nodes and drops raw quotes", () => {
    for (const text of Object.values(OUTSIDE_SUBSET)) expect(checks(text)).toBe(false);
    expect(verdicts["an undeclared node"]).toMatchObject({ ok: true, nodes: { a: "x", b: "b" } });
    expect(verdicts["a raw quote in a label"]).toMatchObject({ ok: true, nodes: { a: "say hi" } });
    for (const name of ["an unclosed subgraph", "a linkStyle past the last edge", "a reserved word as an id"])
      expect(verdicts[name].ok).toBe(false);
  });
});
