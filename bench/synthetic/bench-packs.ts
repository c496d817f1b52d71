// The three packs pack-vs-peer.ts runs in-process, built the same way in the benchmark's heap and in a worker's.
import { allPolicies } from "../../policies/catalog";
import { decodePropertiesOnce } from "../../policies/lib/convert-once";
import { loadAwsGuardPolicies, PEER_PACK_DIR } from "./awsguard-policies";
import { InProcessPack } from "./in-process-pack";
import { withoutChecks } from "./no-op-policies";
import { loadPolicySdk } from "./policy-sdk";
import { repoRoot } from "./repo-root";

export type PackKind = "hardening-kit" | "hardening-kit without checks" | "awsguard";

export const resourcePolicies = () => allPolicies.filter((p) => "validateResource" in p);

/** The pack as it serves: this pack as its entry prepares it (`decodePropertiesOnce`), the peer as it ships. */
export function inProcessPack(kind: PackKind): InProcessPack {
  if (kind === "awsguard")
    return new InProcessPack(loadPolicySdk(PEER_PACK_DIR), "pulumi-awsguard", loadAwsGuardPolicies());
  decodePropertiesOnce();
  const policies = kind === "hardening-kit" ? resourcePolicies() : withoutChecks(resourcePolicies());
  return new InProcessPack(loadPolicySdk(repoRoot()), "hardening-kit", policies);
}
