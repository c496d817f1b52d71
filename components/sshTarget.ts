// A bastion's `allowSshTo` admits SSH into one private security group, named by its id, under a label that names the
// rule. A bad label or a repeated one surfaces only as an engine URN collision, and a bad id only at deployment; so
// both are checked at the call, and an id given as an Output once it is known.
import { checkLabel } from "./labels";
import { checkRequiredInput, isPlain, Problems, validateArgs } from "./validation";

/** How one cloud writes a security group id, and what each call is named by in errors. */
export interface SshTargetRule {
  /** The component, as its errors name it, e.g. `Bastion jump`. */
  subject: string;
  /** The id argument's name in this cloud's signature. */
  idArgument: string;
  /** The call as this cloud orders its arguments, for the hint when they look swapped. */
  signature: string;
  idPattern: RegExp;
  /** The id's form in words, e.g. "sg- and 8 or 17 hex digits". */
  idForm: string;
}

/** Labels and plain ids earlier calls used (an Output id cannot be compared). */
export interface SshTargetsUsed {
  labels: Set<string>;
  ids: Set<string>;
}

export const SSH_METHOD = "allowSshTo";

/** What errors of a call are titled, at the call and once an Output id is known. */
export const sshTargetSubject = (rule: SshTargetRule) => `${rule.subject}: ${SSH_METHOD}`;

/** Every problem of a call at once, before the rule is made; records the label and a plain id as used. */
export function checkSshTarget(label: unknown, id: unknown, used: SshTargetsUsed, rule: SshTargetRule): void {
  validateArgs(sshTargetSubject(rule), (problems) => {
    checkLabel(problems, label, used.labels, {
      method: SSH_METHOD,
      component: "Bastion",
      names: "the ingress rule",
      target: "target security group",
      example: "app",
    });
    if (!checkSecurityGroupId(problems, id, rule, label)) return;
    if (isPlain(id)) {
      problems.check(
        !used.ids.has(id as string),
        rule.idArgument,
        id,
        `a security group not opened by an earlier ${SSH_METHOD} call of this Bastion`,
        "open each security group once: its hosts already accept SSH from the bastion",
      );
    }
  });
  used.labels.add(label as string);
  if (isPlain(id)) used.ids.add(id as string);
}

/** A security group id in this cloud's form; an Output passes until it is known. */
export function checkSecurityGroupId(problems: Problems, id: unknown, rule: SshTargetRule, label?: unknown): boolean {
  const fix = looksSwapped(id, label, rule)
    ? `the arguments look swapped: this cloud's order is ${rule.signature}`
    : "pass the private hosts' security group id (e.g. group.id), not its name, ARN or the bastion's own group";
  if (!isPlain(id)) return true;
  if (!checkRequiredInput(problems, rule.idArgument, id)) return false;
  return problems.check(
    rule.idPattern.test(id as string),
    rule.idArgument,
    id,
    `a security group id, ${rule.idForm} (or an Output of one, e.g. group.id)`,
    fix,
  );
}

const looksSwapped = (id: unknown, label: unknown, rule: SshTargetRule) =>
  typeof id === "string" && !rule.idPattern.test(id) && typeof label === "string" && rule.idPattern.test(label);
