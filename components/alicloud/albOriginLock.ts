// The origin lock of a WebFirewall for an Application Load Balancer origin: a whitelist `alb.Acl` of WAF's IPv4
// back-to-origin blocks (ALB ACLs hold no IPv6 entries), its entries in one `alb.AclEntryAttachment`. An ALB
// listener names its ACLs in `aclConfig`; the component does not own the listener, so it hands out that block
// (`originAlbListenerAclConfig`).
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { DerivedName, matches } from "../derivedNames";
import { OriginKind } from "../plan/alicloud-origin-kinds";
import { ValidationError } from "../validation";

/** The ALB whitelist and the attachment that holds its entries. */
export interface OriginAlbAcl {
  acl: alicloud.alb.Acl;
  entries: alicloud.alb.AclEntryAttachment;
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
  return { acl, entries };
}

/**
 * The `aclConfig` an ALB origin listener takes. The ACL id is released only once the entries are attached: ALB
 * documents an empty whitelist both as admitting nobody and as admitting everyone, and neither may be the origin's
 * state. It still depends on the ACL itself, which is how a preview links the listener to it. Throws when the
 * whitelist was not made: a listener left without one admits everyone.
 */
export function albListenerAclConfig(
  subject: string,
  made: OriginAlbAcl | undefined,
  kinds: readonly OriginKind[] | undefined,
): OriginAlbListenerAclConfig {
  if (kinds === undefined) {
    throw new ValidationError(subject, [
      {
        argument: "originLock",
        value: false,
        allowed: "true (the default) for the component to make the ALB origin whitelist a listener can name",
        fix: "drop originLock: false, or restrict the origin's listeners another way and do not ask for the ACL",
      },
    ]);
  }
  if (made === undefined) {
    throw new ValidationError(subject, [
      {
        argument: "originKinds",
        value: kinds,
        allowed: 'a list holding "alb" for the component to make the ALB origin whitelist',
        fix: `pass originKinds: ${JSON.stringify([...kinds, "alb"])}`,
      },
    ]);
  }
  const aclId = pulumi.all([made.acl.id, made.entries.id]).apply(([id]) => id);
  return { aclType: "White", aclRelations: [{ aclId }] };
}
