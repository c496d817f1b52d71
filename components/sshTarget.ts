// A bastion's `allowSshTo` admits SSH into one private security group, named by its id, under a label that names the
// rule. A bad label or a repeated one surfaces only as an engine URN collision, and a bad id only at deployment; so
// both are checked at the call, and an id given as an Output once it is known. The two clouds order the positional
// arguments differently; the object form `allowSshTo({ label, securityGroupId })` reads the same on both.
import type * as pulumi from "@pulumi/pulumi";
import { checkLabel } from "./labels";
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

/** Labels and plain ids earlier calls used (an Output id cannot be compared). */
export interface SshTargetsUsed {
  labels: Set<string>;
  ids: Set<string>;
}

export const SSH_METHOD = "allowSshTo";

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
