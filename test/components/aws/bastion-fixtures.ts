// Arguments and readers the AWS Bastion tag tests share. Import this module after `installMocks()`: it loads the
// component, whose resources must register against the mocks.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { one, recorded, reset, settle, validationErrorOf } from "./mocks";
import { Bastion, BastionArgs } from "../../../components/aws/bastion";
import { HiddenValue } from "../../../components/validation";

/** Where the bastion stands: a public subnet of a /16 VPC. */
export const base = { vpcId: "vpc-1", subnetId: "subnet-pub", vpcCidr: "10.0.0.0/16" };
/** SSH mode, reachable from one public host. */
export const ssh = { ...base, allowedCidrs: ["203.0.113.1/32"] };
export const HOST = "aws:ec2/instance:Instance";

/** Public host blocks in 198.51.100–103, 250 to each /24 (none adjacent to the next /24's). */
export const ipv4Hosts = (n: number) =>
  Array.from({ length: n }, (_, i) => `198.51.${100 + Math.floor(i / 250)}.${(i % 250) + 1}/32`);
/** The shortest host blocks: 10.a.b.c/32, one digit each (at most 1000): 21 fill a 256-character value. */
export const shortIpv4Hosts = (n: number) =>
  Array.from({ length: n }, (_, i) => `10.${Math.floor(i / 100)}.${Math.floor(i / 10) % 10}.${i % 10}/32`);
/** Distinct IPv6 /64s, 2001:db8:1::/64 onward. */
export const ipv6Blocks = (n: number) => Array.from({ length: n }, (_, i) => `2001:db8:${(i + 1).toString(16)}::/64`);

/** Before each test: recorded resources cleared, component warnings silenced (restored after); returns the warnings. */
export function quietAndResetEachTest(): () => string[] {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    reset();
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());
  return () => warn.mock.calls.map((c) => String(c[0]));
}

/** The resources a construction registered besides the component itself. */
export const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));

/** The tags on the host of a bastion built from `args`. */
export async function hostTags(args: BastionArgs): Promise<Record<string, string>> {
  new Bastion("b", args);
  await settle();
  return one(HOST).inputs.tags;
}

/** The failures of a construction whose arguments are checked once known. */
export function failuresOf(args: BastionArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new Bastion("b", args);
    await settle();
  });
}

/** A problem's value as the message shows it: a hidden value by its description. */
const shown = (value: unknown) => (value instanceof HiddenValue ? String(value) : value);

/** The problems (argument, value as shown) and message of a construction refused before anything is registered. */
export function refused(args: BastionArgs) {
  const e = validationErrorOf(() => new Bastion("b", args));
  expect(recorded).toEqual([]);
  return { problems: e.problems.map((p) => [p.argument, shown(p.value)]), message: e.message };
}
