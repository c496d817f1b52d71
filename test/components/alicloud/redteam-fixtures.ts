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
  Bastion: () => ({ vpcId: "vpc-1", vswitchId: "vsw-1", allowedCidrs: ["203.0.113.0/28"], keyName: "ops-key" }),
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
