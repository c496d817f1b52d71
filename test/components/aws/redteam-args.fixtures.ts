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

/** Arguments each component accepts as they are; rows override one field at a time. */
export function baseArgs(component: ComponentName): Record<string, unknown> {
  switch (component) {
    case "Bastion":
      return { vpcId: "vpc-1", subnetId: "subnet-1", vpcCidr: "10.0.0.0/16", allowedCidrs: ["203.0.113.0/28"] };
    case "TrafficForensics":
      return { vpcId: "vpc-1" };
    case "DnsFailover":
      return {
        zoneId: "Z1",
        recordName: "app.example.com",
        primary: { region: "us-east-1", cname: "primary.example.net" },
        secondary: { region: "eu-west-1", cname: "standby.example.net" },
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
}

/** A row that must be accepted and register the component. */
export interface AcceptRow {
  label: string;
  make: () => unknown;
}

/** A row whose construction must warn: one pattern per expected warning, in order (none for a secure row). */
export interface WarnRow {
  label: string;
  make: () => unknown;
  warnings: RegExp[];
}
