// A bastion's allow-list may continue past `hardening:allowed-cidrs` in `hardening:allowed-cidrs-2`, `-3`, … (the
// Bastion components split long lists so). Every such key is read as one list, judged as a whole: spreading entries
// over keys escapes neither the broad-range bound nor the address budget. Keys with any other suffix (`-1`, `-02`,
// `-x`) are ignored: their entries are not trusted, and they spend nothing of the budget.
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { allowListKeysRead, taggedAllowList, taggedBroadRanges } from "../../policies/stack/roles";
import { allowListTagKey, allowListTagNumber } from "../../lib/allow-list-tag-keys";
import { isAllowListTagKey } from "../../components/allowListTag";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { mandatory, runStackPolicy } from "./policy-harness";
import { StackBuilder, ref } from "./stack-builder";

const BARE = "hardening:allowed-cidrs";
/** 256 /24s a /16 apart (1.0.0.0/24, 1.1.0.0/24 …): no two touch. */
const SPREAD_24S = Array.from({ length: 256 }, (_, i) => `1.${i}.0.0/24`);
/** Exactly the budget: 4,096 addresses in sixteen scattered /24s. */
const SIXTEEN_24S = SPREAD_24S.slice(0, 16);

/** `entries` spread over the bare key and `-2` … `-<parts>`, `size` to a key. */
function spread(entries: readonly string[], size: number): Record<string, string> {
  const tags: Record<string, string> = {};
  for (let i = 0; i * size < entries.length; i++) {
    tags[i === 0 ? BARE : `${BARE}-${i + 1}`] = entries.slice(i * size, (i + 1) * size).join(" ");
  }
  return tags;
}

const allTrusted = (entries: string[]) => ({ trusted: entries, refused: [] });
const allRefused = (entries: string[]) => ({ trusted: [], refused: entries });

describe("taggedAllowList: the numbered keys continue the list", () => {
  it("trusts entries spread over -2 and -3, read in key order", () => {
    const tags = { [`${BARE}-3`]: "2001:db8:1::/48", [BARE]: "203.0.113.0/24", [`${BARE}-2`]: "198.51.100.7/32" };
    expect(taggedAllowList({ tags })).toEqual(allTrusted(["203.0.113.0/24", "198.51.100.7/32", "2001:db8:1::/48"]));
  });

  it("orders -10 after -9, by number not by name", () => {
    const entries = Array.from({ length: 11 }, (_, i) => `198.51.100.${i + 1}/32`);
    const tags = spread(entries, 1);
    const reversed = Object.fromEntries(Object.entries(tags).reverse());
    expect(taggedAllowList({ tags: reversed })).toEqual(allTrusted(entries));
  });

  it("reads a numbered key without the bare one", () => {
    expect(taggedAllowList({ tags: { [`${BARE}-2`]: "203.0.113.0/24" } })).toEqual(allTrusted(["203.0.113.0/24"]));
  });

  it("judges the sixteen /24s of the budget, spread over sixteen keys, as one list", () => {
    expect(taggedAllowList({ tags: spread(SIXTEEN_24S, 1) })).toEqual(allTrusted(SIXTEEN_24S));
  });
});

describe("taggedAllowList: a violation split across keys is still refused", () => {
  it.each<[string, Record<string, string>, { trusted: string[]; refused: string[] }]>([
    [
      "one address past the budget in -2",
      { [BARE]: SIXTEEN_24S.join(" "), [`${BARE}-2`]: "192.0.2.1/32" },
      allRefused([...SIXTEEN_24S, "192.0.2.1/32"]),
    ],
    ["256 scattered /24s over 16 keys", spread(SPREAD_24S, 16), allRefused(SPREAD_24S)],
    [
      "two adjacent /24s, one a key: a /23 together",
      { [BARE]: "203.0.112.0/24", [`${BARE}-2`]: "203.0.113.0/24" },
      allRefused(["203.0.112.0/24", "203.0.113.0/24"]),
    ],
    [
      "the internet in two halves, one a key",
      { [BARE]: "10.0.0.0/8 0.0.0.0/1", [`${BARE}-7`]: "128.0.0.0/1" },
      { trusted: ["10.0.0.0/8"], refused: ["0.0.0.0/1", "128.0.0.0/1"] },
    ],
    [
      "a broad entry alone in -3",
      { [BARE]: "203.0.113.0/24", [`${BARE}-3`]: "100.0.0.0/8" },
      { trusted: ["203.0.113.0/24"], refused: ["100.0.0.0/8"] },
    ],
  ])("%s", (_what, tags, expected) => {
    expect(taggedAllowList({ tags })).toEqual(expected);
  });

  it("names the range two keys' entries join into", () => {
    expect(taggedBroadRanges({ tags: { [BARE]: "203.0.112.0/24", [`${BARE}-2`]: "203.0.113.0/24" } })).toEqual([
      "203.0.112.0–203.0.113.255",
    ]);
  });
});

describe("taggedAllowList: keys with another suffix are ignored", () => {
  it.each(["-1", "-0", "-02", "-x", "-2a", "-", "-2 ", "_2", "2"])("%j: its entry is not trusted", (suffix) => {
    const tags = { [BARE]: "203.0.113.0/24", [`${BARE}${suffix}`]: "198.51.100.7/32" };
    expect(taggedAllowList({ tags })).toEqual(allTrusted(["203.0.113.0/24"]));
  });

  it("is case-sensitive, as tag keys are", () => {
    expect(taggedAllowList({ tags: { "Hardening:Allowed-Cidrs-2": "198.51.100.7/32" } })).toEqual(allTrusted([]));
  });

  it("spends nothing of the budget: the sixteen /24s beside an ignored key stay trusted", () => {
    const tags = { [BARE]: SIXTEEN_24S.join(" "), [`${BARE}-1`]: "192.0.2.0/24" };
    expect(taggedAllowList({ tags })).toEqual(allTrusted(SIXTEEN_24S));
  });
});

describe("one definition of the keys: what the components write, drop and the pack reads agree", () => {
  it("reads back the place of every key the components write", () => {
    for (let n = 1; n <= 60; n++) expect(allowListTagNumber(allowListTagKey(n))).toBe(n);
  });

  it.each(["-1", "-0", "-02", "-x", "-owner", "-", "-2 ", "-2a"])("%j is neither read nor dropped", (suffix) => {
    const key = `${BARE}${suffix}`;
    expect(allowListTagNumber(key)).toBeUndefined();
    expect(isAllowListTagKey(key)).toBe(false);
    expect(allowListKeysRead({ tags: { [key]: "198.51.100.7/32" } })).toEqual([]);
  });

  it("lists the read keys by number", () => {
    const tags = { [`${BARE}-10`]: "", [`${BARE}-9`]: "", [BARE]: "", [`${BARE}-02`]: "" };
    expect(allowListKeysRead({ tags })).toEqual([BARE, `${BARE}-9`, `${BARE}-10`]);
  });
});

/** A public AWS bastion whose group admits SSH from `sources`, with `tags` beside its role. */
function awsBastion(sources: string[], tags: Record<string, string>) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const sg = b.add(T.sg, "bastion", {
    vpcId: ref(v.vpc),
    ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: sources }],
  });
  const host = b.add(T.instance, "jump", {
    subnetId: ref(v.publicSubnet),
    vpcSecurityGroupIds: [ref(sg)],
    associatePublicIpAddress: true,
    tags: { "hardening:role": "bastion", ...tags },
  });
  return { b, host };
}

describe("disallow-internet-admin-ports-except-bastions: the numbered allow-list keys", () => {
  it("admits a source listed in -2", async () => {
    const { b } = awsBastion(["203.0.113.0/24", "198.51.100.7/32"], {
      [BARE]: "203.0.113.0/24",
      [`${BARE}-2`]: "198.51.100.7/32",
    });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("blocks a source listed only under an ignored key", async () => {
    const { b, host } = awsBastion(["198.51.100.7/32"], { [BARE]: "203.0.113.0/24", [`${BARE}-1`]: "198.51.100.7/32" });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual([host.urn]);
    expect(out[0].message).toContain("source 198.51.100.7/32 is outside the bastion's allow-list (203.0.113.0/24)");
    expect(out[0].message).toContain(
      "; hardening:allowed-cidrs-1 is not read: keys are hardening:allowed-cidrs, -2, -3, … (digits, no leading zero)",
    );
  });

  it.each(["-02", "-0", "-x", "-owner", "-", "-2 "])(
    "names the unread key %j beside an off-list source",
    async (suffix) => {
      const { b } = awsBastion(["198.51.100.7/32"], {
        [BARE]: "203.0.113.0/24",
        [`${BARE}${suffix}`]: "198.51.100.7/32",
      });
      const out = mandatory(await runStackPolicy(policy, b.resources));
      expect(out).toHaveLength(1);
      expect(out[0].message).toContain(`; ${BARE}${suffix} is not read: keys are ${BARE}, -2, -3, …`);
    },
  );

  it("names every unread key, in a case other than the family's too", async () => {
    const unread = { [`${BARE}-1`]: "198.51.100.7/32", "Hardening:Allowed-Cidrs-2": "198.51.100.7/32" };
    const { b } = awsBastion(["198.51.100.7/32"], { [BARE]: "203.0.113.0/24", ...unread });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out[0].message).toContain(`; ${BARE}-1, Hardening:Allowed-Cidrs-2 are not read: keys are`);
  });

  it("says nothing of unread keys when there are none", async () => {
    const { b } = awsBastion(["198.51.100.7/32"], { [BARE]: "203.0.113.0/24", [`${BARE}-2`]: "192.0.2.0/24" });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out).toHaveLength(1);
    expect(out[0].message).not.toContain("is not read");
  });

  it("admits a source beside an unread key without a finding", async () => {
    const { b } = awsBastion(["203.0.113.0/24"], { [BARE]: "203.0.113.0/24", [`${BARE}-02`]: "198.51.100.7/32" });
    expect(await runStackPolicy(policy, b.resources)).toEqual([]);
  });

  it("blocks sources whose entries, spread over keys, break the budget", async () => {
    const seventeen = SPREAD_24S.slice(0, 17);
    const { b, host } = awsBastion(seventeen, spread(seventeen, 4));
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out.map((f) => f.urn)).toEqual(Array(17).fill(host.urn));
    // Read from five keys (4 entries each): "tags", not the bare key's "tag".
    expect(out[0].message).toContain(`its 5 hardening:allowed-cidrs tags list ${seventeen.join(", ")}`);
    expect(out[0].message).not.toContain("hardening:allowed-cidrs tag lists");
    expect(out[0].message).toContain("public IPv4 entries: 4352 addresses in all, at most 4096");
  });

  it("names the one key a refused entry was read from", async () => {
    const { b } = awsBastion(["100.0.0.0/8"], { [`${BARE}-2`]: "100.0.0.0/8" });
    const out = mandatory(await runStackPolicy(policy, b.resources));
    expect(out[0].message).toContain("its hardening:allowed-cidrs-2 tag lists 100.0.0.0/8, broader than");
  });
});
