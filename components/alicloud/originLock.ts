// The origin lock of a WebFirewall: WAF 3.0 reaches the origin from its back-to-origin blocks, so the origin's web
// listeners admit those blocks only, through a whitelist `slb.Acl` per address family. A classic SLB listener names
// its ACLs itself (aclStatus, aclType, aclIds): the component cannot attach them to listeners it does not own, so it
// hands out the fields each origin listener spreads in (`originListenerAcl`). ALB origins: albOriginLock.ts.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { IpFamily, parseCidr } from "../../lib/cidr";
import { byFamily, checkBackToOriginCidrs, checkSlbAclCapacity } from "../plan/alicloud-origin";
import { checkAlbOriginBlocks, checkOriginKinds, OriginKind } from "../plan/alicloud-origin-kinds";
import { ValidationError } from "../validation";
import { albAclName, originAlbAclName } from "./albOriginLock";
import { ArgProblems } from "./args";
import { checkDerivedNames, slbAclName } from "./derivedNames";

export interface OriginLockArgs {
  backToOriginCidrs?: string[];
  originLock?: boolean;
  originKinds?: OriginKind[];
  originProvider?: pulumi.ProviderResource;
}

/** The origin whitelists, one per address family the back-to-origin blocks hold. */
export type OriginAcls = Partial<Record<IpFamily, alicloud.slb.Acl>>;

/** Access-control fields of an `alicloud.slb.Listener` that admit WAF's back-to-origin blocks only. */
export interface OriginListenerAcl {
  aclStatus: "on";
  aclType: "white";
  aclIds: pulumi.Output<string>[];
}

/** Cloud name of the whitelist of one family. */
export function originAclName(component: string, family: IpFamily): string {
  return family === "ipv4" ? `${component}-back-to-origin` : `${component}-back-to-origin-ipv6`;
}

/** Characters of the component's name the ALB whitelist's name (at most 128) leaves room for. */
const ALB_NAME_ROOM = 128 - originAlbAclName("").length;

/** The origin's provider, here and for each ALB listener the whitelist is bound to (albListenerLock.ts). */
export const isAlicloudProvider = (value: unknown) =>
  pulumi.CustomResource.isInstance(value) && (value as unknown as { pkg?: string }).pkg === "alicloud";

/**
 * The lock is on unless `originLock` is false; then the blocks, the kinds and the provider it would use are refused
 * rather than ignored, so nobody believes a list they passed guards the origin. Each kind's limits apply only when
 * its whitelist is made, so a default (SLB) stack is held to exactly what it was before.
 */
export function checkOriginLock(problems: ArgProblems, name: string, args: OriginLockArgs): void {
  if (!problems.boolean("originLock", args.originLock)) return;
  if (args.originLock === false) {
    for (const key of ["backToOriginCidrs", "originKinds", "originProvider"] as const) {
      problems.check(
        args[key] === undefined,
        key,
        pulumi.Resource.isInstance(args[key]) ? "(a provider)" : args[key],
        "nothing while originLock is false (no origin whitelist is made)",
        `drop ${key}, or drop originLock: false to lock the origin`,
      );
    }
    return;
  }
  const blocks = checkBackToOriginCidrs(problems, "backToOriginCidrs", args.backToOriginCidrs, "originLock");
  const kinds = checkOriginKinds(problems, "originKinds", args.originKinds) ?? [];
  if (kinds.includes("slb")) checkSlbAclCapacity(problems, "backToOriginCidrs", blocks);
  if (kinds.includes("alb")) checkAlbOriginBlocks(problems, "originKinds", kinds, "backToOriginCidrs", blocks);
  if (args.originProvider !== undefined) {
    problems.check(
      isAlicloudProvider(args.originProvider),
      "originProvider",
      pulumi.Resource.isInstance(args.originProvider)
        ? "(a resource that is not an alicloud.Provider)"
        : args.originProvider,
      "an alicloud.Provider of the origin load balancer's region",
      "pass the provider the load balancer is created with, or omit it to use the component's",
    );
  }
  const families = Array.isArray(args.backToOriginCidrs)
    ? Object.keys(byFamily(args.backToOriginCidrs.filter((c) => typeof c === "string" && parseCidr(c))))
    : [];
  // One problem for the name, whichever whitelist's rule it breaks; the fix meets both rules when both are made.
  const slb = kinds.includes("slb");
  const alb = kinds.includes("alb");
  checkDerivedNames(
    problems,
    name,
    [
      ...(slb ? (families as IpFamily[]).map((family) => slbAclName(originAclName(name, family))) : []),
      ...(alb ? [albAclName(originAlbAclName(name))] : []),
    ],
    alb
      ? `rename the component: a letter first, then letters, digits, "-" or "_", at most ${slb ? 60 : ALB_NAME_ROOM} characters`
      : 'rename the component: letters, digits, "-", "/", "." or "_", at most 60 characters',
  );
}

/**
 * One whitelist per family, in the origin's region (`provider`). Entries are written on the ACL itself, not as
 * separate AclEntryAttachment resources: the ACL holds them before any listener names it, where an attachment would
 * leave a window in which the listener's whitelist is empty, and an empty whitelist admits everyone.
 */
export function createOriginAcls(
  parent: pulumi.Resource,
  name: string,
  cidrs: readonly string[],
  tags: Record<string, string>,
  provider: pulumi.ProviderResource | undefined,
): OriginAcls {
  const opts: pulumi.CustomResourceOptions = provider ? { parent, provider } : { parent };
  const acls: OriginAcls = {};
  for (const [family, blocks] of Object.entries(byFamily(cidrs)) as [IpFamily, string[]][]) {
    acls[family] = new alicloud.slb.Acl(
      family === "ipv4" ? `${name}-origin-acl` : `${name}-origin-acl-ipv6`,
      {
        name: originAclName(name, family),
        ipVersion: family,
        // Deprecated by the provider in favour of AclEntryAttachment, kept on purpose: see the comment above.
        // eslint-disable-next-line @typescript-eslint/no-deprecated
        entryLists: blocks.map((entry) => ({ entry, comment: "WAF back-to-origin" })),
        tags,
      },
      opts,
    );
  }
  return acls;
}

/**
 * The fields an origin listener of `ipVersion` spreads in. Asking for a whitelist that does not exist (the lock is off,
 * or no block of that family was given) throws: a listener left without one would admit everyone.
 */
export function listenerAcl(
  subject: string,
  acls: OriginAcls | undefined,
  ipVersion: IpFamily,
  kinds: readonly OriginKind[] | undefined,
): OriginListenerAcl {
  if (kinds === undefined) {
    throw new ValidationError(subject, [
      {
        argument: "originLock",
        value: false,
        allowed: "true (the default) for the component to make the origin whitelist a listener can name",
        fix: "drop originLock: false, or restrict the origin's listeners another way and do not ask for the ACL",
      },
    ]);
  }
  if (acls === undefined) {
    throw new ValidationError(subject, [
      {
        argument: "originKinds",
        value: kinds,
        allowed: 'a list holding "slb" for the component to make the SLB origin whitelists',
        fix: `pass originKinds: ${JSON.stringify([...kinds, "slb"])}`,
      },
    ]);
  }
  const acl = acls[ipVersion];
  if (acl === undefined) {
    throw new ValidationError(subject, [
      {
        argument: "backToOriginCidrs",
        value: `no ${ipVersion} block`,
        allowed: `WAF's ${ipVersion} back-to-origin blocks, for the whitelist of an ${ipVersion} listener`,
        fix: `add WAF's ${ipVersion} back-to-origin blocks, or ask for the whitelist of the family the blocks hold`,
      },
    ]);
  }
  return { aclStatus: "on", aclType: "white", aclIds: [acl.id] };
}
