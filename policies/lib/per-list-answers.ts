// An answer about one resource that scans a whole resource list, kept per list and resource: a stack rule asks the
// same question of the same bucket several times in one check (its own finding, its policies, its ACLs). Each check
// gets a list of its own (stack-rule.ts), so a kept answer never outlives the check that asked it.
import { GenericResource } from "../../lib/reachability";

type Question<V> = (r: GenericResource, resources: readonly GenericResource[]) => V;

export function perListAnswers<V>(answer: Question<V>): Question<V> {
  const byList = new WeakMap<readonly GenericResource[], Map<GenericResource, V>>();
  return (r, resources) => {
    let answers = byList.get(resources);
    if (!answers) byList.set(resources, (answers = new Map()));
    if (answers.has(r)) return answers.get(r) as V;
    const v = answer(r, resources);
    answers.set(r, v);
    return v;
  };
}
