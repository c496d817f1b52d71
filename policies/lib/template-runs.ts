// Where the findings of a template with `{{ name }}` references and of the runs of the stack that fill it land: a
// weakening only the values make lands on the run, the resource a fix must change (the same template may run
// elsewhere with hardened values). A template no run of the stack fills keeps its own reading: it may be run from
// outside the stack, with any values.
import { GenericResource } from "../../lib/reachability";
import { Finding } from "./findings";
import { maskSecrets, SECRET_MASK, secretsOf } from "./secret-values";
import { StackFinding } from "./stack-rule";

const on = (urn: string, findings: readonly Finding[]): StackFinding[] => findings.map((f) => ({ urn, ...f }));

/** Where a run's finding quotes the filled line: `… permits root login: "line" (note)`. */
const QUOTE_START = ': "';

/**
 * A run's finding about a template that holds secrets: reported on the run, it is masked with the run's secrets only,
 * and the line it quotes was filled with the run's values, so no secret of the template matches it as text. The quote
 * and what follows it (where the line wrote, read from the same script) are dropped, and the template's secrets
 * masked in the rest (its name, in the label).
 */
export function withTemplateSecrets(template: GenericResource, findings: readonly Finding[]): readonly Finding[] {
  const secrets = secretsOf(template.inputs);
  if (secrets.length === 0) return findings;
  return findings.map((f) => {
    const quote = f.message.indexOf(QUOTE_START);
    const unquoted = quote < 0 ? f.message : `${f.message.slice(0, quote + QUOTE_START.length)}${SECRET_MASK}"`;
    return { ...f, message: maskSecrets(unquoted, secrets) };
  });
}

export function templateRunFindings<Run extends { urn: string }>(
  template: GenericResource,
  runs: readonly Run[],
  unrun: () => readonly Finding[],
  ran: (run: Run) => readonly Finding[],
): StackFinding[] {
  if (runs.length === 0) return on(template.urn, unrun());
  return runs.flatMap((run) =>
    on(run.urn, run.urn === template.urn ? ran(run) : withTemplateSecrets(template, ran(run))),
  );
}
