// Known-good arguments for every AWS component and one constructor per component, so each hostile row changes one
// thing and the rest stays valid.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
  AuditTrail,
  Bastion,
  DnsFailover,
  HardenedVpc,
  IdentityBaseline,
  ImmutableBackup,
  ThreatDetection,
  TrafficForensics,
  WebFirewall,
} from "../../../components/aws";
import { UnresolvedValue } from "../../../components/validation";
import { ADMIN_PORTS } from "../../../lib/ports";

export type ComponentName =
  | "HardenedVpc"
  | "Bastion"
  | "WebFirewall"
  | "TrafficForensics"
  | "DnsFailover"
  | "AuditTrail"
  | "ImmutableBackup"
  | "IdentityBaseline"
  | "ThreatDetection";

/** The copy region's provider; created once, before any row, so rows that register nothing record nothing. */
let copyProvider: aws.Provider | undefined;
export function createCopyProvider(): aws.Provider {
  copyProvider ??= new aws.Provider("redteam-copy", { region: "eu-west-1" });
  return copyProvider;
}

/** The WebFirewalls originRequestGate rows call, made once before any row like the copy provider. */
export interface GateFirewalls {
  cloudFront: WebFirewall;
  regional: WebFirewall;
  /** A provider of the ALB's region, for gates whose ALB is outside us-east-1. */
  albRegion: aws.Provider;
}
let gateFirewalls: GateFirewalls | undefined;
/** A label an earlier originRequestGate call of the CLOUDFRONT firewall used, on GATE_LISTENER_ARN at priority 1. */
export const TAKEN_GATE_LABEL = "taken";

export const GATE_LISTENER_ARN =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/50dc6c495c0c9188/f2f7dc8efc522ab2";
export const GATE_TARGET_GROUP_ARN =
  "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/web/73e2d6bc24d8a067";
/** A secret a caller might paste into the program; no message may repeat it. */
export const GATE_SECRET = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

let gateListeners = 0;
/**
 * Another listener of the same ALB on each call: a listener's rule priorities are unique, so gates of the shared
 * firewall that shared GATE_LISTENER_ARN would clash with the "taken" gate and with each other.
 */
function freshGateListenerArn(): string {
  gateListeners += 1;
  return GATE_LISTENER_ARN.replace(/[0-9a-f]+$/, gateListeners.toString(16).padStart(16, "0"));
}

/**
 * Arguments originRequestGate accepts as they are, on a listener no earlier call used; rows override one field at a
 * time. GATE_LISTENER_ARN itself holds the "taken" gate at the default priority.
 */
export function gateArgs(): Record<string, unknown> {
  return {
    listenerArn: freshGateListenerArn(),
    targetGroupArn: GATE_TARGET_GROUP_ARN,
    secret: pulumi.secret(GATE_SECRET),
  };
}

export function createGateFirewalls(): GateFirewalls {
  if (gateFirewalls) return gateFirewalls;
  const cloudFront = new WebFirewall("rt-cdn", { scope: "CLOUDFRONT" });
  cloudFront.originRequestGate(TAKEN_GATE_LABEL, { ...gateArgs(), listenerArn: GATE_LISTENER_ARN } as never);
  gateFirewalls = {
    cloudFront,
    regional: new WebFirewall("rt-regional", {}),
    albRegion: new aws.Provider("redteam-alb-region", { region: "eu-central-1" }),
  };
  return gateFirewalls;
}

/** Calls originRequestGate on the shared CLOUDFRONT (or REGIONAL) firewall with `label` and exactly `args`. */
export function callGate(label: unknown, args: unknown, scope: "CLOUDFRONT" | "REGIONAL" = "CLOUDFRONT"): unknown {
  const { cloudFront, regional } = createGateFirewalls();
  return (scope === "CLOUDFRONT" ? cloudFront : regional).originRequestGate(label as string, args as never);
}

/**
 * Admin sources the public network ACL has room for under `quota`, counted the way AWS counts its rules: per
 * address family and direction, AWS's own default deny included; the ACL denies every admin port (RDP on UDP too)
 * to the internet in both families, and allows 443, 80, TCP and UDP replies and the VPC itself over IPv4.
 */
export function adminSourcesThatFit(quota: number, family: "IPv4" | "IPv6"): number {
  const defaultDeny = 1;
  const denies = ADMIN_PORTS.length + (ADMIN_PORTS.includes(3389) ? 1 : 0);
  const ipv4Allows = 5;
  return quota - defaultDeny - denies - (family === "IPv4" ? ipv4Allows : 0);
}

/** `n` distinct narrow public sources of `family`, each a valid admin source on its own. */
export function adminSources(n: number, family: "IPv4" | "IPv6"): string[] {
  return Array.from({ length: n }, (_, i) =>
    family === "IPv4" ? `198.51.100.${i + 1}/32` : `2001:db8:${(i + 1).toString(16)}::/64`,
  );
}

/** Arguments each component accepts as they are; rows override one field at a time. */
export function baseArgs(component: ComponentName): Record<string, unknown> {
  switch (component) {
    case "Bastion":
      return { vpcId: "vpc-1", subnetId: "subnet-1", vpcCidr: "10.0.0.0/16", allowedCidrs: ["203.0.113.0/28"] };
    case "TrafficForensics":
      // Mirroring is part of the secure default: without it the component warns that no packet is recorded.
      return { vpcId: "vpc-1", mirroring: { targetEniId: "eni-sensor", sourceEniIds: ["eni-app"] } };
    case "DnsFailover":
      return {
        zoneId: "Z1",
        recordName: "app.example.com",
        primary: { region: "us-east-1", cname: "primary.example.net" },
        secondary: { region: "eu-west-1", cname: "standby.example.net" },
        // Without a pager the component warns; the base arguments must not.
        alarmActions: ["arn:aws:sns:us-east-1:123456789012:on-call"],
      };
    case "ImmutableBackup":
      return { copyProvider: createCopyProvider() };
    default:
      return {};
  }
}

const constructors: Record<
  ComponentName,
  (name: string, args: any, opts?: pulumi.ComponentResourceOptions) => unknown
> = {
  HardenedVpc: (n, a, o) => new HardenedVpc(n, a, o),
  Bastion: (n, a, o) => new Bastion(n, a, o),
  WebFirewall: (n, a, o) => new WebFirewall(n, a, o),
  TrafficForensics: (n, a, o) => new TrafficForensics(n, a, o),
  DnsFailover: (n, a, o) => new DnsFailover(n, a, o),
  AuditTrail: (n, a, o) => new AuditTrail(n, a, o),
  ImmutableBackup: (n, a, o) => new ImmutableBackup(n, a, o),
  IdentityBaseline: (n, a, o) => new IdentityBaseline(n, a, o),
  ThreatDetection: (n, a, o) => new ThreatDetection(n, a, o),
};

/** Builds `component` named `name` from its base arguments with `overrides` laid over them. */
export function build(
  component: ComponentName,
  overrides: Record<string, unknown> = {},
  opts?: pulumi.ComponentResourceOptions,
  name = "rt",
): unknown {
  return constructors[component](name, { ...baseArgs(component), ...overrides }, opts);
}

/** Builds `component` from exactly `args` (no base), for rows about the argument object itself. */
export function buildRaw(component: ComponentName, args: unknown, name = "rt"): unknown {
  return constructors[component](name, args);
}

/** What a problem's value is when an Output or Promise was given. */
export function unresolved(kind: "pulumi.Output" | "Promise") {
  return expect.objectContaining({ kind, constructor: UnresolvedValue });
}

/** A row that must be refused: the exact [argument, value] pairs expected, in order. */
export interface RejectRow {
  label: string;
  make: () => unknown;
  problems: [string, unknown][];
  /** Text the refusal's message must never hold (a secret). */
  hidden?: string[];
}

/** A row that must be accepted and register the component (or, for a method row, the one resource it makes). */
export interface AcceptRow {
  label: string;
  make: () => unknown;
  /** The type of the one resource a method row registers; by default the row registers one component. */
  registers?: string;
}

/** A row whose construction must warn: one pattern per expected warning, in order (none for a secure row). */
export interface WarnRow {
  label: string;
  make: () => unknown;
  warnings: RegExp[];
}
