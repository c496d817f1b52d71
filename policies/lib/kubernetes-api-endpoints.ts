// Managed Kubernetes control planes whose API server faces the internet: EKS's public endpoint (port 443) and the
// ACK clusters' internet SLB or EIP (port 6443). No security group of the program guards them, so the port rules'
// ingress checks never see them. They are judged as the Kubernetes API port (6443) of the high-risk list: a
// configuration that drops that port from the list drops these checks too.
import { internetSources, parseCidr } from "../../lib/cidr";
import { bool, isUnknown, list, obj, strings } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { PortExposureConfig } from "./ingress-checks";
import { Check } from "./rule";

const KUBERNETES_API_PORT = 6443;

/** What EKS uses when publicAccessCidrs is absent or empty. */
const EKS_DEFAULT_PUBLIC_CIDRS = ["0.0.0.0/0"];

const EKS_FIX =
  "set vpcConfig.endpointPublicAccess to false with endpointPrivateAccess true, or list narrow publicAccessCidrs (/24 or narrower, or allowCidrs)";

const ACK_FIX = "set it to false and reach the API server through the VPC, a bastion or a VPN";

const watchesKubernetesApi = (c: PortExposureConfig) => c.ports.includes(KUBERNETES_API_PORT);

/** The sources publicAccessCidrs admits that are the internet or too broad, or why that cannot be told yet. */
type CidrVerdict = { open: string[]; defaulted: boolean } | { pending: Finding } | "narrow";

function publicAccessVerdict(value: unknown, c: PortExposureConfig): CidrVerdict {
  const field = "vpcConfig.publicAccessCidrs";
  if (isUnknown(value)) return { pending: unverifiable(field) };
  const given = strings(value);
  const defaulted = given.length === 0;
  const entries = defaulted ? EKS_DEFAULT_PUBLIC_CIDRS : given.filter((e) => !isUnknown(e));
  const open = internetSources(entries, {
    allow: c.allowCidrs,
    minPrefixV4: c.minPublicPrefixV4,
    minPrefixV6: c.minPublicPrefixV6,
  });
  // Known open entries are a violation even when other entries are unknown at preview.
  if (open.length > 0) return { open, defaulted };
  if (entries.length < given.length) return { pending: unverifiable(`an entry of ${field}`) };
  const unreadable = entries.filter((e) => parseCidr(e) === undefined);
  if (unreadable.length > 0) {
    const quoted = unreadable.map((e) => JSON.stringify(e)).join(", ");
    return {
      pending: {
        message: `cannot be verified: ${field} entry ${quoted} is not a CIDR block; write it in canonical form (e.g. 203.0.113.0/24)`,
        unverifiable: true,
      },
    };
  }
  return "narrow";
}

/**
 * EKS: the public endpoint is on unless endpointPublicAccess is false, and admits publicAccessCidrs (0.0.0.0/0 when
 * absent). Only public sources that are the internet or broader than the allowed prefix are a violation.
 */
export const eksPublicEndpoint: Check<PortExposureConfig> = (p, ctx) => {
  if (!watchesKubernetesApi(ctx.config)) return [];
  if (isUnknown(p.vpcConfig)) return [unverifiable("vpcConfig")];
  const vpc = obj(list(p.vpcConfig)[0]) ?? {};
  const flag = vpc.endpointPublicAccess;
  const enabled = isUnknown(flag) ? undefined : (bool(flag) ?? true);
  if (enabled === false) return [];
  const cidrs = publicAccessVerdict(vpc.publicAccessCidrs, ctx.config);
  if (cidrs === "narrow") return [];
  if ("pending" in cidrs) return [cidrs.pending];
  const to = cidrs.open.join(", ");
  if (enabled === undefined) {
    return [unverifiable("vpcConfig.endpointPublicAccess", `the Kubernetes API endpoint would be public to ${to}`)];
  }
  const defaults = [
    ...(flag === undefined || flag === null ? ["endpointPublicAccess is not set and defaults to true"] : []),
    ...(cidrs.defaulted ? ["publicAccessCidrs is not set and defaults to 0.0.0.0/0"] : []),
  ];
  const why = defaults.length > 0 ? ` (${defaults.join("; ")})` : "";
  return [violation(`vpcConfig: the Kubernetes API endpoint is public to ${to} on port 443${why}; ${EKS_FIX}`)];
};

/**
 * ACK: a flag that puts the API server behind an internet-facing address (`via`). `publicByDefault`: the provider
 * turns it on when absent (slbInternetEnabled on managed, dedicated and edge clusters), so only false closes it.
 */
export function ackInternetApiServer(field: string, via: string, publicByDefault: boolean): Check<PortExposureConfig> {
  return (p, ctx) => {
    if (!watchesKubernetesApi(ctx.config)) return [];
    const value = p[field];
    if (isUnknown(value)) {
      return [unverifiable(field, "true exposes the Kubernetes API server to the internet")];
    }
    const on = bool(value);
    const open = on ?? publicByDefault;
    if (!open) return [];
    const state =
      on === true
        ? "is true"
        : value === undefined || value === null
          ? "is not set and defaults to true"
          : `is ${JSON.stringify(value)}, not a boolean, and the provider's default is true`;
    return [
      violation(
        `${field} ${state}: the Kubernetes API server (port ${KUBERNETES_API_PORT}) is exposed on ${via}; ${ACK_FIX}`,
      ),
    ];
  };
}
