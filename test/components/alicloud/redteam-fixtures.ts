// Valid arguments for each Alibaba Cloud component, and a constructor per component, so probes can change one
// argument at a time and name what went wrong. Import after ./mocks.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import {
  AuditTrail,
  Bastion,
  DnsFailover,
  HardenedVpc,
  IdentityBaseline,
  ImmutableBackup,
  TrafficForensics,
  WebFirewall,
} from "../../../components/alicloud";
import { ValidationError, ValidationProblem } from "../../../components/validation";
import { ADMIN_PORTS } from "../../../lib/ports";

export type Kind =
  | "HardenedVpc"
  | "Bastion"
  | "WebFirewall"
  | "TrafficForensics"
  | "DnsFailover"
  | "AuditTrail"
  | "ImmutableBackup"
  | "IdentityBaseline";

export type Args = Record<string, unknown>;

const standby = new alicloud.Provider("redteam-standby", { region: "cn-shanghai" });

/** Arguments each component accepts without a problem or a warning; `name` keeps global names unique. */
export const validArgs: Record<Kind, (name: string) => Args> = {
  HardenedVpc: () => ({}),
  Bastion: () => ({
    vpcId: "vpc-1",
    vpcCidr: "10.0.0.0/16",
    vswitchId: "vsw-1",
    allowedCidrs: ["203.0.113.0/28"],
    keyName: "ops-key",
  }),
  WebFirewall: () => ({
    domains: [{ domain: "www.example.com", backends: ["198.51.100.9"] }],
    backToOriginCidrs: ["198.51.100.0/24"],
  }),
  TrafficForensics: (name) => ({
    flowLogResourceId: "vpc-1",
    sourceEniIds: ["eni-a"],
    target: { type: "SLB", id: "lb-sensor" },
    evidenceBucketName: `acme-${name}-evidence`,
  }),
  DnsFailover: () => ({
    userDomainName: "example.com",
    primary: { region: "cn-hangzhou", addresses: ["198.51.100.10"] },
    secondary: { region: "cn-shanghai", addresses: ["198.51.100.20"] },
  }),
  AuditTrail: (name) => ({ bucketName: `acme-${name}-trail` }),
  ImmutableBackup: (name) => ({
    primaryRegion: "cn-hangzhou",
    secondaryRegion: "cn-shanghai",
    secondaryProvider: standby,
    bucketName: `acme-${name}-backup`,
    replicaBucketName: `acme-${name}-backup-sh`,
    // A backup target: without disks or HBR instances nothing is backed up, which warns.
    diskIds: ["d-1"],
  }),
  IdentityBaseline: () => ({}),
};

/** Constructs a component from untyped arguments, as a plain-JavaScript caller would. */
export const construct: Record<
  Kind,
  (name: string, args: Args, opts?: pulumi.ComponentResourceOptions) => pulumi.ComponentResource
> = {
  HardenedVpc: (n, a, o) => new HardenedVpc(n, a as never, o),
  Bastion: (n, a, o) => new Bastion(n, a as never, o),
  WebFirewall: (n, a, o) => new WebFirewall(n, a as never, o),
  TrafficForensics: (n, a, o) => new TrafficForensics(n, a as never, o),
  DnsFailover: (n, a, o) => new DnsFailover(n, a as never, o),
  AuditTrail: (n, a, o) => new AuditTrail(n, a as never, o),
  ImmutableBackup: (n, a, o) => new ImmutableBackup(n, a as never, o),
  IdentityBaseline: (n, a, o) => new IdentityBaseline(n, a as never, o),
};

let counter = 0;
/** A fresh component name; fixed width so no name is a prefix of another's children. */
export function freshName(): string {
  counter += 1;
  return `rt-${String(counter).padStart(3, "0")}`;
}

/** The ValidationError's problems; any other outcome (no error, a crash) fails the test with that outcome. */
export function problemsOf(create: () => unknown): readonly ValidationProblem[] {
  try {
    create();
  } catch (e) {
    if (e instanceof ValidationError) return e.problems;
    throw e;
  }
  throw new Error("expected a ValidationError, but the component was created");
}

/** The warnings logged while `create` runs. */
export function warningsOf(create: () => unknown): string[] {
  const warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  try {
    create();
    return warn.mock.calls.map((call) => String(call[0]));
  } finally {
    warn.mockRestore();
  }
}

export const anOutput = <T>(value: T) => pulumi.output(value);
export const aPromise = <T>(value: T) => Promise.resolve(value);

/** The public tier's default web ports (80, 443) while a row leaves publicTcpPorts unset. */
const DEFAULT_PUBLIC_PORTS = 2;

/**
 * Admin sources the public network ACL has room for under `quota`, counted the way Alibaba Cloud counts entries: per
 * direction and address family, only the entries created; the ACL drops every admin port, admits each public port,
 * TCP and UDP replies and ICMP in both families, and the VPC itself over IPv4.
 */
export function adminSourcesThatFit(quota: number, family: "IPv4" | "IPv6", ports = DEFAULT_PUBLIC_PORTS): number {
  const repliesAndIcmp = 3;
  return quota - ADMIN_PORTS.length - ports - repliesAndIcmp - (family === "IPv4" ? 1 : 0);
}

/** Public TCP ports the ACL has room for without admin sources (IPv4, with its VPC entry, is the fuller family). */
export const publicPortsThatFit = (quota: number) => adminSourcesThatFit(quota, "IPv4", 0);

/** `n` distinct narrow public sources of `family`, each a valid admin source on its own. */
export function adminSources(n: number, family: "IPv4" | "IPv6"): string[] {
  return Array.from({ length: n }, (_, i) =>
    family === "IPv4" ? `198.51.100.${i + 1}/32` : `2001:db8:${(i + 1).toString(16)}::/64`,
  );
}

/** `n` distinct TCP ports outside every high-risk list. */
export const webPorts = (n: number) => Array.from({ length: n }, (_, i) => 20000 + i);

/** A listener id as the ALB console shows it. */
export const ALB_LISTENER_ID = "lsn-o4u54y73wq7b4ckr6q";
export const ALB_LISTENER_ATTACHMENT = "alicloud:alb/listenerAclAttachment:ListenerAclAttachment";

/** A WebFirewall that makes the ALB origin whitelist (unless `changed` says otherwise), its warnings silenced. */
export function albLockedFirewall(name: string, changed: Args = {}): WebFirewall {
  const args = { ...validArgs.WebFirewall(name), originKinds: ["alb"], ...changed };
  let made: WebFirewall | undefined;
  warningsOf(() => (made = construct.WebFirewall(name, args) as WebFirewall));
  return made!;
}

/** A resource that is neither a listener id nor a provider. */
export const notAProvider = new alicloud.alb.Acl("redteam-not-a-provider", { aclName: "redteam-not-a-provider" });
/** A provider of the listener's region, for calls that name it. */
export const listenerRegion = new alicloud.Provider("redteam-listener-region", { region: "cn-shanghai" });
