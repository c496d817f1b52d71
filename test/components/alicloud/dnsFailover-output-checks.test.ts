// Pool addresses usually come from the load balancers, as Outputs. Once known they get the checks the plain form
// gets: a private address always fails its internet probes, and one address in both pools cannot fail over. Every
// child waits on that check, so a bad address creates no GTM instance, pool, monitor or strategy.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { childrenOf, ofType, settle, thrown } from "./mocks";
import { DnsFailover, DnsFailoverArgs } from "../../../components/alicloud/dnsFailover";

const out = (address: string) => pulumi.output(address);
const poolsOf = (addresses: [pulumi.Input<string>[], pulumi.Input<string>[]]): Partial<DnsFailoverArgs> => ({
  primary: { region: "cn-hangzhou", addresses: addresses[0] },
  secondary: { region: "cn-shanghai", addresses: addresses[1] },
});
const args = (pools: Partial<DnsFailoverArgs>) => ({ userDomainName: "example.com", ...pools }) as DnsFailoverArgs;

/** [probe, plain pools, the same with Outputs, the argument and value the message names]. */
type BadRow = [string, Partial<DnsFailoverArgs>, Partial<DnsFailoverArgs>, string];

const badRows: BadRow[] = [
  [
    "a private primary address",
    poolsOf([["10.0.0.1"], ["198.51.100.20"]]),
    poolsOf([[out("10.0.0.1")], ["198.51.100.20"]]),
    'argument "primary.addresses[0]" is "10.0.0.1"',
  ],
  [
    "one address in both pools",
    poolsOf([["198.51.100.10"], ["198.51.100.10"]]),
    poolsOf([[out("198.51.100.10")], [out("198.51.100.10")]]),
    'argument "secondary.addresses[0]" is "198.51.100.10"',
  ],
  [
    "a plain address repeated by an Output",
    poolsOf([["198.51.100.10"], ["198.51.100.10"]]),
    poolsOf([["198.51.100.10"], [out("198.51.100.10")]]),
    'argument "secondary.addresses[0]" is "198.51.100.10"',
  ],
  [
    "an address with a prefix",
    poolsOf([["198.51.100.10/32"], ["198.51.100.20"]]),
    poolsOf([[out("198.51.100.10/32")], ["198.51.100.20"]]),
    'argument "primary.addresses[0]" is "198.51.100.10/32"',
  ],
  [
    "an IPv6 secondary address",
    poolsOf([["198.51.100.10"], ["2001:db8::1"]]),
    poolsOf([["198.51.100.10"], [out("2001:db8::1")]]),
    'argument "secondary.addresses[0]" is "2001:db8::1"',
  ],
  [
    "an empty address",
    poolsOf([["198.51.100.10"], [""]]),
    poolsOf([["198.51.100.10"], [out("")]]),
    'argument "secondary.addresses[0]" is ""',
  ],
];

describe("DnsFailover pool addresses", () => {
  it.each(badRows.map(([probe, plain, outputs, named], i) => [probe, `dfo-late-${i}`, plain, outputs, named] as const))(
    "%s: refused plain at construction, and as Outputs once known in the same words, nothing created",
    async (_probe, name, plain, outputs, named) => {
      const refused = thrown(() => new DnsFailover(name, args(plain)));
      expect(refused).toContain(named);
      const failures = await registrationFailures(async () => {
        new DnsFailover(name, args(outputs));
        await settle();
      });
      expect(failures).toEqual([refused]);
      expect(failures[0].startsWith(`DnsFailover "${name}": 1 invalid argument`)).toBe(true);
      expect(childrenOf(name)).toEqual([]);
    },
  );

  it.each([
    ["both Outputs", "dfo-good-out", poolsOf([[out("198.51.100.10")], [out("198.51.100.20")]])],
    ["one Output, one plain", "dfo-good-mixed", poolsOf([[out("198.51.100.10"), "198.51.100.11"], ["198.51.100.20"]])],
  ])("distinct public addresses as %s are pooled once known", async (_probe, name, pools) => {
    const failures = await registrationFailures(async () => {
      new DnsFailover(name, args(pools));
      await settle();
    });
    expect(failures).toEqual([]);
    const pooled = ofType(name, "alicloud:dns/addressPool:AddressPool").map((p) =>
      p.inputs.addresses.map((a: { address: string }) => a.address),
    );
    const given = [pools.primary!.addresses, pools.secondary!.addresses].map((list) => list.length);
    expect(pooled.map((list: string[]) => list.length)).toEqual(given);
    expect(pooled.flat().every((a: string) => a.startsWith("198.51.100."))).toBe(true);
    expect(ofType(name, "alicloud:dns/accessStrategy:AccessStrategy")).toHaveLength(1);
  });
});
