// An EKS managed node group without a launch template runs on the template EKS generates, which cannot set metadata
// options and answers IMDSv1 on AMIs that allow it: the Amazon Linux 2 and Windows AMI types. Amazon Linux 2023 and
// Bottlerocket AMIs require tokens themselves, and a node group with a launch template takes that template's
// metadataOptions, which the rule checks as a resource of its own.
// Without an amiType EKS picks one by Kubernetes version: AL2023 from 1.30, Amazon Linux 2 (AL2_x86_64) below it. The
// version is the node group's own, or when it leaves it out the cluster's, which only the stack part can look up. A
// version left to EKS (a cluster created without one, or a value read from such a cluster) is EKS's default: every
// version EKS still creates or supports is 1.30 or later (1.29's extended support ended in March 2026).
import { GenericResource } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { isUnknown } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { present } from "./metadata-tokens";
import { StackFinding } from "./stack-rule";

export const EKS_NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
export const EKS_CLUSTER = "aws:eks/cluster:Cluster";

/** AMI types whose images leave tokens optional when the launch template says nothing. */
const TOKENS_OPTIONAL = /^(AL2_|WINDOWS_)/i;
/** The first Kubernetes version whose node groups default to AL2023. */
const AL2023_DEFAULT_FROM = [1, 30] as const;

const unset = (v: unknown) => v === undefined || v === null || v === "";
const FIX =
  'set launchTemplate to a template with metadataOptions.httpTokens "required", or use an AL2023 or Bottlerocket amiType';

/** Whether a Kubernetes version ("1.29", "1.29.3") is below 1.30; undefined when it does not read as one. */
function belowAl2023Default(version: string): boolean | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(version.trim());
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major < AL2023_DEFAULT_FROM[0] || (major === AL2023_DEFAULT_FROM[0] && minor < AL2023_DEFAULT_FROM[1]);
}

/** What EKS's default amiType means for a node group on `version` (whose it is says `whose`). */
function defaultAmiFindings(version: unknown, whose: string): Finding[] {
  if (isUnknown(version)) return [unverifiable(whose, "amiType is not set, and EKS picks it by Kubernetes version")];
  const below = typeof version === "string" ? belowAl2023Default(version) : undefined;
  if (below === false) return [];
  if (below === undefined)
    return [
      unverifiable(
        whose,
        `${JSON.stringify(version)} does not read as a Kubernetes version; amiType is not set, and EKS picks Amazon Linux 2 below 1.30`,
      ),
    ];
  return [
    violation(
      `amiType is not set and ${whose} is ${JSON.stringify(version)}: below Kubernetes 1.30 EKS picks Amazon Linux 2 (AL2_x86_64), whose generated launch template leaves IMDSv1 open; ${FIX}`,
    ),
  ];
}

export function eksNodeGroupImdsFindings(p: Record<string, unknown>): Finding[] {
  if (present(p.launchTemplate)) return [];
  if (isUnknown(p.amiType)) return [unverifiable("amiType")];
  // The version left out (the cluster's decides) or unknown (it may be read from a cluster left to EKS's default):
  // judged across the stack (eksClusterVersionFindings).
  if (unset(p.amiType)) return unset(p.version) || isUnknown(p.version) ? [] : defaultAmiFindings(p.version, "version");
  if (typeof p.amiType !== "string" || !TOKENS_OPTIONAL.test(p.amiType)) return [];
  return [
    violation(
      `amiType is ${JSON.stringify(p.amiType)} without a launchTemplate: EKS's generated launch template leaves IMDSv1 open; ${FIX}`,
    ),
  ];
}

/**
 * Node groups that leave amiType to EKS with no version of their own, or one unknown at preview: the version of the
 * cluster they join, or the resource their version is read from, decides the AMI.
 */
export function eksClusterVersionFindings(resources: readonly GenericResource[], resolver: Resolver): StackFinding[] {
  return resources
    .filter((r) => r.type === EKS_NODE_GROUP)
    .filter((r) => !present(r.inputs.launchTemplate) && unset(r.inputs.amiType))
    .filter((r) => unset(r.inputs.version) || isUnknown(r.inputs.version))
    .flatMap((r) => nodeGroupVersionFindings(r, resolver).map((f) => ({ urn: r.urn, ...f })));
}

/** An unknown version read only from clusters left to EKS's default is that default; any other is a note. */
function nodeGroupVersionFindings(r: GenericResource, resolver: Resolver): Finding[] {
  if (unset(r.inputs.version)) return clusterVersionFindings(r, resolver);
  return readFromDefaultVersions(r.propertyDependencies.version, resolver, new Set([r.urn]))
    ? []
    : defaultAmiFindings(r.inputs.version, "version");
}

/** A cluster created without a version, or with one read from such clusters only, runs EKS's default version. */
function leftToEks(cluster: GenericResource, resolver: Resolver, seen: ReadonlySet<string>): boolean {
  const version = cluster.inputs.version;
  if (unset(version)) return true;
  return isUnknown(version) && readFromDefaultVersions(cluster.propertyDependencies.version, resolver, seen);
}

/** Every source is a cluster of the stack left to EKS's default (a cycle proves nothing). */
function readFromDefaultVersions(sources: string[] | undefined, resolver: Resolver, seen: ReadonlySet<string>) {
  const from = sources ?? [];
  return (
    from.length > 0 &&
    from.every((urn) => {
      const source = resolver.get(urn);
      return !seen.has(urn) && source?.type === EKS_CLUSTER && leftToEks(source, resolver, new Set([...seen, urn]));
    })
  );
}

function clusterVersionFindings(r: GenericResource, resolver: Resolver): Finding[] {
  const urn = resolver.one(r, "clusterName", r.inputs.clusterName, [EKS_CLUSTER]);
  const cluster = urn ? resolver.get(urn) : undefined;
  const why = "amiType and version are not set, and EKS picks Amazon Linux 2 (IMDSv1 open) below Kubernetes 1.30";
  if (!cluster)
    return [
      note(
        `the cluster ${named(r.inputs.clusterName)} is outside the stack, so its Kubernetes version is unknown: ${why}; ${FIX}`,
      ),
    ];
  if (leftToEks(cluster, resolver, new Set([cluster.urn]))) return [];
  return defaultAmiFindings(cluster.inputs.version, `the version of its cluster ${cluster.name}`);
}

const note = (message: string): Finding => ({ message: `cannot be verified: ${message}`, unverifiable: true });
const named = (v: unknown) => (typeof v === "string" && !isUnknown(v) ? JSON.stringify(v) : "(unknown at preview)");
