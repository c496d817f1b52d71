// aws.iam.getPolicyDocument: renders the IAM JSON the provider would, from typed statements.
import type { InvokeArgs } from "./context";

function oneOrMany(values: string[]): string | string[] {
  return values.length === 1 ? values[0] : values;
}

function principals(list: any[] | undefined): unknown {
  if (!list || list.length === 0) return undefined;
  if (list.length === 1 && list[0].type === "*") return "*";
  const out: Record<string, string | string[]> = {};
  for (const p of list) {
    const ids = [...(out[p.type] ? [out[p.type]].flat() : []), ...(p.identifiers ?? [])];
    out[p.type] = oneOrMany(ids);
  }
  return out;
}

function conditions(list: any[] | undefined): unknown {
  if (!list || list.length === 0) return undefined;
  const out: Record<string, Record<string, string | string[]>> = {};
  for (const c of list) {
    out[c.test] = { ...(out[c.test] ?? {}), [c.variable]: oneOrMany(c.values ?? []) };
  }
  return out;
}

function statement(s: any): Record<string, unknown> {
  const rendered: Record<string, unknown> = {
    Sid: s.sid || undefined,
    Effect: s.effect ?? "Allow",
    Action: s.actions?.length ? oneOrMany(s.actions) : undefined,
    NotAction: s.notActions?.length ? oneOrMany(s.notActions) : undefined,
    Resource: s.resources?.length ? oneOrMany(s.resources) : undefined,
    NotResource: s.notResources?.length ? oneOrMany(s.notResources) : undefined,
    Principal: principals(s.principals),
    NotPrincipal: principals(s.notPrincipals),
    Condition: conditions(s.conditions),
  };
  return Object.fromEntries(Object.entries(rendered).filter(([, v]) => v !== undefined));
}

export function getPolicyDocument(args: InvokeArgs): Record<string, unknown> {
  const doc: Record<string, unknown> = { Version: args.version ?? "2012-10-17" };
  if (args.policyId) doc.Id = args.policyId;
  const statements = [...(args.statements ?? [])];
  // Source/override documents are prepended; the provider's replacement of statements by Sid is not modelled.
  for (const source of [...(args.sourcePolicyDocuments ?? []), ...(args.overridePolicyDocuments ?? [])]) {
    const parsed = JSON.parse(source);
    for (const s of [parsed.Statement].flat().filter(Boolean)) doc.Statement = [...((doc.Statement as any[]) ?? []), s];
  }
  doc.Statement = [...((doc.Statement as any[]) ?? []), ...statements.map(statement)];
  const json = JSON.stringify(doc, null, 2);
  return {
    id: String(json.length),
    json,
    minifiedJson: JSON.stringify(doc),
    statements: args.statements ?? [],
    version: doc.Version,
  };
}
