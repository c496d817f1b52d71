// A runbook's `aws:loop` over one of its list parameters runs its body once per item of the list a run passes (or the
// default): each line holding the loop's iterator reference (`{{ Modes.CurrentIteratorValue }}`, see
// lib/ssm-loops.ts) is read once per item, in order. Items unknown at preview, or only known when the runbook runs
// (another step's output), leave the reference unknown: a note wherever it stands, as for any unknown value.
import { iteratedScript } from "../../lib/ssm-loops";
import { isUnknown, UNKNOWN } from "../../lib/values";
import { ParameterReader } from "./command-parameters";

export interface IteratedRun {
  script: string;
  /** The run's reading of its parameters, iterator references whose items are unknown read as unknown. */
  read: ParameterReader;
}

/** The script as one run of the document iterates it, and how the run's remaining references read. */
export function iteratedRun(script: string, parameters: unknown, read: ParameterReader): IteratedRun {
  const valueOf = isUnknown(parameters) ? () => UNKNOWN : read(parameters);
  const iterated = iteratedScript(script, valueOf);
  if (iterated.unknown.length === 0) return { script: iterated.script, read };
  const unknown = new Set(iterated.unknown);
  return {
    script: iterated.script,
    read: (given) => {
      const base = read(given);
      return (name) => (unknown.has(name) ? UNKNOWN : base(name));
    },
  };
}
