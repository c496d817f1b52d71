// Binding a WebFirewall's ALB origin whitelist to one listener of the origin, as a separate
// `alb.ListenerAclAttachment`: the listener's own `aclConfig` is deprecated by the provider (it warns at every
// `pulumi up` and will be removed). The component does not own the listener, so each call names it by id, under a
// label of its own. The binding waits for the whitelist's entries: ALB documents an empty whitelist both as admitting
// everyone and as admitting no one, and neither may be the origin's state.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { checkLabel } from "../labels";
import { OriginKind } from "../plan/alicloud-origin-kinds";
import { checkKnownArguments, isPlain, Problems } from "../validation";
import { albWhitelistProblems, OriginAlbAcl } from "./albOriginLock";
import { argumentKeys } from "./args";
import { isAlicloudProvider } from "./originLock";

export interface AlbListenerLockOptions {
  /**
   * Provider of the listener's region. Default: the provider the whitelist was made with (`originProvider`, else the
   * component's). An ALB ACL binds only to listeners of its own region and account, so this is for another provider
   * object of that same region.
   */
  provider?: pulumi.ProviderResource;
}

const KNOWN_OPTIONS = argumentKeys<AlbListenerLockOptions>({ provider: true });
/** The label names the attachment (`<component>-origin-alb-listener-<label>`). */
/** ALB listener ids as the console and API show them, e.g. lsn-o4u54y73wq7b4ckr6q. */
const ALB_LISTENER_ID = /^lsn-[0-9a-z]+$/;
export const LOCK_METHOD = "lockAlbListener";

/** What a call asks for, with what the component made and what earlier calls used. */
export interface AlbListenerLockRequest {
  component: {
    subject: string;
    made: OriginAlbAcl | undefined;
    kinds: readonly OriginKind[] | undefined;
    usedLabels: ReadonlySet<string>;
    /** Listener ids earlier calls gave as plain strings (an Output cannot be compared). */
    lockedListeners: ReadonlySet<string>;
  };
  label: unknown;
  listenerId: unknown;
  options: unknown;
}

/** Every problem of a call at once, before anything is created; returns the whitelist to bind. */
export function checkAlbListenerLock(request: AlbListenerLockRequest): OriginAlbAcl {
  const { component, label, listenerId, options } = request;
  const problems = new Problems(`${component.subject}: ${LOCK_METHOD}`);
  problems.addAll(albWhitelistProblems(component.made, component.kinds));
  checkLabel(problems, label, component.usedLabels, {
    method: LOCK_METHOD,
    names: "the attachment",
    target: "listener",
    example: "web-443",
  });
  checkListenerId(problems, listenerId, component.lockedListeners);
  const given = options ?? {};
  if (checkKnownArguments(problems, given, KNOWN_OPTIONS, "options.")) {
    const { provider } = given as AlbListenerLockOptions;
    if (provider !== undefined) {
      problems.check(
        isAlicloudProvider(provider),
        "options.provider",
        pulumi.Resource.isInstance(provider) ? "(a resource that is not an alicloud.Provider)" : provider,
        "an alicloud.Provider of the listener's region",
        "pass the provider the listener is created with, or omit it to use the whitelist's (originProvider)",
      );
    }
  }
  problems.throwIfAny();
  return component.made!;
}

/** A listener id, or an Output of one; a known value must be an ALB listener's, and locked once. */
function checkListenerId(problems: Problems, id: unknown, locked: ReadonlySet<string>): void {
  const fix =
    "pass the id of the origin's alb.Listener (listener.id), not the listener itself, its port or the ALB's id";
  if (pulumi.Resource.isInstance(id)) {
    problems.add("listenerId", "(a resource, not its id)", "an ALB listener id (or an Output of one)", fix);
    return;
  }
  if (!isPlain(id)) return;
  const known = problems.check(
    typeof id === "string" && ALB_LISTENER_ID.test(id),
    "listenerId",
    id,
    "an ALB listener id, lsn- and lower-case letters or digits (or an Output of one, e.g. listener.id)",
    fix,
  );
  if (!known) return;
  problems.check(
    !locked.has(id as string),
    "listenerId",
    id,
    `a listener not bound by an earlier ${LOCK_METHOD} call of this WebFirewall`,
    "bind each listener once",
  );
}

export interface AlbListenerLockArgs {
  component: string;
  label: string;
  listenerId: pulumi.Input<string>;
  whitelist: OriginAlbAcl;
  provider?: pulumi.ProviderResource;
}

/** The whitelist bound to the listener, in the listener's region, once its entries are in place. */
export function createAlbListenerLock(
  parent: pulumi.Resource,
  args: AlbListenerLockArgs,
): alicloud.alb.ListenerAclAttachment {
  const { whitelist } = args;
  // Without either provider, the attachment uses the parent's, as the whitelist did.
  const provider = args.provider ?? whitelist.provider;
  return new alicloud.alb.ListenerAclAttachment(
    `${args.component}-origin-alb-listener-${args.label}`,
    { aclId: whitelist.acl.id, listenerId: args.listenerId, aclType: "White" },
    { parent, dependsOn: [whitelist.entries], ...(provider ? { provider } : {}) },
  );
}
