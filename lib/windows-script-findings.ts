// Windows scripts' weaknesses as findings of disallow-userdata-login-weakening, worded as the shell reader's are
// (policies/lib/script-findings.ts): quoted under the name of the field that carries the script, a line whose
// weakness depends on a value from outside the script a note.
import { QUOTED_LINE, QuotedLine, quotedLine } from "./quoted-line";
import { LoginWeakness, weaknessCaseStep, weaknessContext } from "./userdata-findings";
import { findWindowsLoginWeaknesses } from "./windows-login-weaknesses";
import { WindowsScript } from "./windows-scripts";

/** A finding as the policies take it (policies/lib/findings.ts). */
export interface WindowsFinding {
  message: string;
  unverifiable?: boolean;
  /** The case step it breaks when it is not the rule's own (Finding.caseStep). */
  caseStep?: 1;
  /** The line the message quotes, whole, for the pack to mask secrets in before cutting it (Finding's). */
  [QUOTED_LINE]?: QuotedLine;
}

const EXPLAIN: Partial<Record<LoginWeakness["kind"], string>> = {
  "password-authentication": "enables SSH password authentication",
  "password-set": "sets a login password written in the script",
  "root-authorized-keys": "writes an administrator's authorized_keys",
  "password-login-server": "opens a remote login to password guessing or clear-text passwords",
  "unread-content":
    "holds content past what the pack reads, so what it runs cannot be cleared (real user data inflates to tens of KB and nests a few layers: shrink or flatten it)",
};
const VERB: Partial<Record<LoginWeakness["kind"], string>> = {
  "password-authentication": "enable SSH password authentication",
  "password-set": "set a login password",
  "root-authorized-keys": "write an administrator's authorized_keys",
  "password-login-server": "open a remote login to password guessing or clear-text passwords",
  "unread-content": "hold content past what the pack reads",
};

/**
 * The findings of Windows scripts run one after another on one machine, carried by `field`. `unread`, when given,
 * is why the caller left part of the scripts' text unread (an unread-content finding unless the reading has one).
 */
export function windowsScriptFindings(
  field: string,
  scripts: readonly WindowsScript[],
  unread?: string,
): WindowsFinding[] {
  const weaknesses = findWindowsLoginWeaknesses(scripts);
  if (unread !== undefined && !weaknesses.some((w) => w.kind === "unread-content"))
    weaknesses.push({ kind: "unread-content", line: unread });
  return weaknesses.map((w) => {
    const quote = quotedLine(w.line);
    const quoted = `${quote.quoted}${weaknessContext(w)}`;
    const caseStep = weaknessCaseStep(w.kind);
    const step = caseStep === undefined ? {} : { caseStep };
    if (w.unverifiable)
      return {
        message: `cannot be verified at preview: ${field} may ${VERB[w.kind]}: ${quoted}`,
        unverifiable: true,
        ...step,
        [QUOTED_LINE]: quote,
      };
    return { message: `${field} ${EXPLAIN[w.kind]}: ${quoted}`, ...step, [QUOTED_LINE]: quote };
  });
}
