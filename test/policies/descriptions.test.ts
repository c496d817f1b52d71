// The SDK prints a policy's description above every violation it reports (description, newline, message), so each
// description is one short sentence and the scope lives in the metadata's details (docs/RULES.md, SARIF).
import { allPolicies } from "../../policies/catalog";
import { stackPolicies } from "../../policies/stack";
import type { RuleMetadata } from "../../policies/lib/metadata";

const MAX_DESCRIPTION = 200;
/** Abbreviations whose ". " does not end a sentence. */
const ABBREVIATIONS = ["e.g.", "i.e.", "etc.", "vs."];

const policies = [...allPolicies, ...stackPolicies.filter((p) => !allPolicies.includes(p))];
const kitMetadata = (p: object): RuleMetadata | undefined => (p as { metadata?: RuleMetadata }).metadata;

/** The sentence ends found inside a text: ". ", "! " or "? " not closing an allowed abbreviation. */
function innerSentenceEnds(text: string): string[] {
  const ends: string[] = [];
  for (const match of text.matchAll(/\S*[.!?](?=\s)/g)) {
    if (!ABBREVIATIONS.some((abbreviation) => match[0].endsWith(abbreviation))) ends.push(match[0]);
  }
  return ends;
}

describe("policy descriptions", () => {
  it("covers the whole pack, stack policies included", () => {
    expect(policies.length).toBeGreaterThanOrEqual(34);
    for (const p of stackPolicies) expect(policies).toContain(p);
  });

  it.each(policies.map((p) => [p.name, p] as const))("%s: one sentence of at most 200 characters", (_n, p) => {
    const description = p.description;
    expect(description.length).toBeLessThanOrEqual(MAX_DESCRIPTION);
    expect(description.length).toBeGreaterThan(40);
    expect(description).toMatch(/^[A-Z].*\.$/s);
    expect(description).not.toMatch(/\n/);
    expect(innerSentenceEnds(description)).toEqual([]);
  });

  it.each(policies.filter((p) => kitMetadata(p)).map((p) => [p.name, p] as const))(
    "%s: the metadata's description is the policy's, and details carry the scope",
    (_n, p) => {
      const meta = kitMetadata(p)!;
      expect(p.description).toBe(meta.description);
      expect(meta.details.trim().length).toBeGreaterThan(meta.description.length);
      expect(meta.details).not.toBe(meta.description);
    },
  );

  it("gives every policy but the settings one its metadata", () => {
    const without = policies.filter((p) => !kitMetadata(p)).map((p) => p.name);
    expect(without).toEqual(["configure-hardening-kit-pack"]);
  });
});

describe("the sentence check itself", () => {
  it("finds a second sentence, and lets listed abbreviations through", () => {
    expect(innerSentenceEnds("Ports must be closed. Use a bastion.")).toEqual(["closed."]);
    expect(innerSentenceEnds("Ports must be closed? Yes.")).toEqual(["closed?"]);
    expect(innerSentenceEnds("Ports, e.g. SSH, must be closed.")).toEqual([]);
    expect(innerSentenceEnds("Ports (22, 3389 etc.) must be closed.")).toEqual([]);
    expect(innerSentenceEnds("Version 1.30 must be used.")).toEqual([]);
  });
});
