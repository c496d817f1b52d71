// The origin lock of a WebFirewall for an Application Load Balancer origin: a whitelist `alb.Acl` of WAF's IPv4
// back-to-origin blocks (ALB ACLs hold no IPv6 entries), its entries in one `alb.AclEntryAttachment`. The component
// does not own the origin's listeners: it binds the whitelist to each one it is given through a separate
// `alb.ListenerAclAttachment` (albListenerLock.ts), and still hands out the listener's `aclConfig` block for stacks
// written before, a field the provider deprecates (`originAlbListenerAclConfig`).
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { DerivedName, matches } from "../derivedNames";
import { OriginKind } from "../plan/alicloud-origin-kinds";
import { ValidationError, ValidationProblem } from "../validation";

/** The ALB whitelist, the attachment that holds its entries, and the provider both were made with (none: the parent's). */
export interface OriginAlbAcl {
  acl: alicloud.alb.Acl;
  entries: alicloud.alb.AclEntryAttachment;
  provider: pulumi.ProviderResource | undefined;
}

/** The `aclConfig` of an `alicloud.alb.Listener` that admits WAF's back-to-origin blocks only. */
export interface OriginAlbListenerAclConfig {
  aclType: "White";
  aclRelations: { aclId: pulumi.Output<string> }[];
}

/** Cloud name of the ALB whitelist. */
export function originAlbAclName(component: string): string {
  return `${component}-back-to-origin-alb`;
}

export const albAclName = (value: string): DerivedName => ({
  kind: "ALB access control list name",
  value,
  valid: matches(/^\p{L}[\p{L}\p{N}_-]+$/u, 128),
  rule: "2-128 letters, digits, '-' or '_', starting with a letter",
});

/** Entry descriptions take letters, digits, '-', '/', '.' and '_' only. */
const ENTRY_DESCRIPTION = "WAF-back-to-origin";

/**
 * The whitelist in the origin's region (`provider`), its entries in one batch attachment (the provider's `entries`
 * form, which owns every entry of the ACL and adds them 20 per call).
 */
export function createOriginAlbAcl(
  parent: pulumi.Resource,
  name: string,
  ipv4Blocks: readonly string[],
  tags: Record<string, string>,
  provider: pulumi.ProviderResource | undefined,
): OriginAlbAcl {
  const opts: pulumi.CustomResourceOptions = provider ? { parent, provider } : { parent };
  const acl = new alicloud.alb.Acl(`${name}-origin-alb-acl`, { aclName: originAlbAclName(name), tags }, opts);
  const entries = new alicloud.alb.AclEntryAttachment(
    `${name}-origin-alb-acl-entries`,
    { aclId: acl.id, entries: ipv4Blocks.map((entry) => ({ entry, description: ENTRY_DESCRIPTION })) },
    opts,
  );
  return { acl, entries, provider };
}

/**
 * Why no listener can be given the ALB whitelist: the lock is off, or originKinds lacks "alb". Empty when it was made.
 * A listener left without the whitelist admits everyone, so asking for it in either case is an error, not a no-op.
 */
export function albWhitelistProblems(
  made: OriginAlbAcl | undefined,
  kinds: readonly OriginKind[] | undefined,
): ValidationProblem[] {
  if (kinds === undefined) {
    return [
      {
        argument: "originLock",
        value: false,
        allowed: "true (the default) for the component to make the ALB origin whitelist a listener can name",
        fix: "drop originLock: false, or restrict the origin's listeners another way and do not ask for the ACL",
      },
    ];
  }
  if (made === undefined) {
    return [
      {
        argument: "originKinds",
        value: kinds,
        allowed: 'a list holding "alb" for the component to make the ALB origin whitelist',
        fix: `pass originKinds: ${JSON.stringify([...kinds, "alb"])}`,
      },
    ];
  }
  return [];
}

/**
 * The `aclConfig` an ALB origin listener takes (the deprecated form; albListenerLock.ts binds the whitelist instead).
 * The ACL id is released only once the entries are attached: ALB documents an empty whitelist both as admitting nobody
 * and as admitting everyone, and neither may be the origin's state. It still depends on the ACL itself, which is how a
 * preview links the listener to it. Throws when the whitelist was not made: a listener left without one admits
 * everyone.
 */
export function albListenerAclConfig(
  subject: string,
  made: OriginAlbAcl | undefined,
  kinds: readonly OriginKind[] | undefined,
): OriginAlbListenerAclConfig {
  const problems = albWhitelistProblems(made, kinds);
  if (problems.length > 0 || made === undefined) throw new ValidationError(subject, problems);
  const aclId = pulumi.all([made.acl.id, made.entries.id]).apply(([id]) => id);
  return { aclType: "White", aclRelations: [{ aclId }] };
}
