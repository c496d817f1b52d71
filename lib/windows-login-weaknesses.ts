// The Windows reader: what a PowerShell or batch script does to login, as the shell reader's findings say it — a
// password spelled in the script (windows-passwords.ts), sshd's password login turned or left on (windows-sshd.ts).
// Statements are read in order, once each, and each statement's reading is linear: scripts may be hostile.
import { LoginWeakness } from "./userdata-findings";
import { passwordSource } from "./windows-passwords";
import { WindowsScript } from "./windows-scripts";
import { WindowsSshd } from "./windows-sshd";
import { windowsStatements } from "./windows-statements";
import { WindowsVariables } from "./windows-variables";
import { windowsWords } from "./windows-words";

const OUTSIDE_PASSWORD = "the password comes from outside the script";

/** The weaknesses of Windows scripts that run one after another on one machine, each line reported once. */
export function findWindowsLoginWeaknesses(scripts: readonly WindowsScript[]): LoginWeakness[] {
  const found = new Map<string, LoginWeakness>();
  const add = (weakness: LoginWeakness) => {
    const key = `${weakness.kind}\n${weakness.line}\n${weakness.unverifiable ?? false}`;
    if (!found.has(key)) found.set(key, weakness);
  };
  // sshd's state spans the scripts: one may install the server and a later one harden it.
  const sshd = new WindowsSshd();
  for (const { language, text } of scripts) {
    const variables = new WindowsVariables(language);
    for (const statement of windowsStatements(text, language)) {
      const words = windowsWords(statement, language);
      const line = statement.split("\n")[0].trim();
      const source = passwordSource(statement, words, variables);
      if (source === "literal") add({ kind: "password-set", line });
      else if (source === "outside") add({ kind: "password-set", line, note: OUTSIDE_PASSWORD, unverifiable: true });
      sshd.read(statement, words, variables);
      variables.assign(statement);
    }
  }
  for (const weakness of sshd.weaknesses()) add(weakness);
  return [...found.values()];
}
