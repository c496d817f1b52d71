// A bastion's `allowSshTo` admits SSH into one private security group, named by its id, under a label that names the
// rule. A bad label or a repeated one surfaces only as an engine URN collision, and a bad id only at deployment; so
// both are checked at the call, and an id given as an Output once it is known. The two clouds order the positional
// arguments differently; the object form `allowSshTo({ label, securityGroupId })` reads the same on both.
import type * as pulumi from "@pulumi/pulumi";
import { checkLabel, isLabel } from "./labels";
import { checkKnownArguments, checkRequiredInput, isPlain, Problems, validateArgs } from "./validation";

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

/** Labels and ids earlier calls used: a plain id from the call, an Output one once known. */
export interface SshTargetsUsed {
  labels: Set<string>;
  ids: Set<string>;
}

export const SSH_METHOD = "allowSshTo";

/** Joins the bastion's name and the label in the rule's name; renaming existing rules would replace them. */
const SSH_RULE_SEPARATOR = "-ssh-to-";

/** The name of the rule a call makes: `<bastion>-ssh-to-<label>`. */
export const sshRuleName = (bastion: string, label: string) => `${bastion}${SSH_RULE_SEPARATOR}${label}`;

/** The object form of a call, the same on both clouds: `allowSshTo({ label, securityGroupId })`. */
export interface SshTarget {
  /** Names the rule `<bastion>-ssh-to-<label>`. */
  label: string;
  /** The private hosts' security group, e.g. `group.id`. */
  securityGroupId: pulumi.Input<string>;
}

const SSH_TARGET_KEYS: readonly (keyof SshTarget)[] = ["label", "securityGroupId"];

/** One call's label and id, whichever form it took, and the rule its errors name the id by. */
export interface SshTargetCall {
  label: unknown;
  id: unknown;
  rule: SshTargetRule;
  /** The object of the object form, its keys checked like any arguments. */
  given?: object;
}

/**
 * Reads a call: the object form when its only argument is a plain object (an Output id is an object too, but never a
 * plain one), otherwise the cloud's positional form, `first` being the label (`labelFirst`) or the id.
 */
export function sshTargetCall(
  first: unknown,
  second: unknown,
  rule: SshTargetRule,
  labelFirst: boolean,
): SshTargetCall {
  const objectForm = second === undefined && typeof first === "object" && first !== null && isPlain(first);
  if (objectForm) {
    const given = first as Partial<SshTarget>;
    return {
      label: given.label,
      id: given.securityGroupId,
      rule: { ...rule, idArgument: "securityGroupId", signature: `${SSH_METHOD}({ label, securityGroupId })` },
      given: first as object,
    };
  }
  return labelFirst ? { label: first, id: second, rule } : { label: second, id: first, rule };
}

/** What errors of a call are titled, at the call and once an Output id is known. */
export const sshTargetSubject = (rule: SshTargetRule) => `${rule.subject}: ${SSH_METHOD}`;

/**
 * Every problem of a call at once, before the rule is made; records the label and a plain id as used. `given` is the
 * object of the object form: a misspelled key is reported instead of read as a missing label or id.
 */
export function checkSshTarget(
  label: unknown,
  id: unknown,
  used: SshTargetsUsed,
  rule: SshTargetRule,
  given?: object,
): void {
  validateArgs(sshTargetSubject(rule), (problems) => {
    if (given !== undefined) checkKnownArguments(problems, given, SSH_TARGET_KEYS);
    const labelWritten = checkLabel(problems, label, used.labels, {
      method: SSH_METHOD,
      component: "Bastion",
      names: "the ingress rule",
      target: "target security group",
      example: "app",
    });
    if (labelWritten) checkRuleNameUnambiguous(problems, label as string);
    if (!checkSecurityGroupId(problems, id, rule, label)) return;
    if (isPlain(id)) checkIdNotRepeated(problems, id as string, used, rule);
  });
  used.labels.add(label as string);
  if (isPlain(id)) used.ids.add(id as string);
}

/**
 * The check of a call's id once known: its form, and for an id given as an Output (`given`) that no other call opened
 * the same group, which the call could not compare; records it as used. A plain id was compared at the call.
 */
export function checkKnownSshTargetId(
  problems: Problems,
  knownId: unknown,
  given: unknown,
  used: SshTargetsUsed,
  rule: SshTargetRule,
): void {
  if (!checkSecurityGroupId(problems, knownId, rule) || isPlain(given)) return;
  if (checkIdNotRepeated(problems, knownId as string, used, rule)) used.ids.add(knownId as string);
}

/** A group opened twice is refused by the cloud at deployment (AWS: InvalidPermission.Duplicate). */
function checkIdNotRepeated(problems: Problems, id: string, used: SshTargetsUsed, rule: SshTargetRule): boolean {
  return problems.check(
    !used.ids.has(id),
    rule.idArgument,
    id,
    `a security group not opened by an earlier ${SSH_METHOD} call of this Bastion`,
    "open each security group once: its hosts already accept SSH from the bastion",
  );
}

/**
 * A label holding the separator, or starting with "ssh-to-" (which the separator's last '-' completes), lets two
 * bastions make one rule name: bastion "x" with label "y-ssh-to-z" and bastion "x-ssh-to-y" with label "z" both name
 * "x-ssh-to-y-ssh-to-z", a URN collision. Without it, a name splits at its last separator one way only.
 */
function checkRuleNameUnambiguous(problems: Problems, label: string): void {
  const ambiguous = `-${label}`.includes(SSH_RULE_SEPARATOR);
  const suggested = `-${label}`.replace(/-ssh-to(?=-)/g, "").slice(1);
  problems.check(
    !ambiguous,
    "label",
    label,
    `a label with no "ssh-to-" at its start or after a '-' (the rule is named <bastion>${SSH_RULE_SEPARATOR}<label>, ` +
      "so such a label can name another bastion's rule)",
    `drop "ssh-to" from the label, e.g. "${suggested}"`,
  );
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

/**
 * An id that is no id, beside a label that is one, or beside a label given as an Output (only ids come as Outputs)
 * while the id reads as a label.
 */
const looksSwapped = (id: unknown, label: unknown, rule: SshTargetRule) =>
  typeof id === "string" &&
  !rule.idPattern.test(id) &&
  ((typeof label === "string" && rule.idPattern.test(label)) || (!isPlain(label) && isLabel(id)));
