// The bastion publishes allowedCidrs, joined with commas, in its hardening:allowed-cidrs tag; a tag value holds at
// most 128 characters. A longer list is refused before anything is created, naming its length.
import { childrenOf, one, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";

/** Host addresses of TEST-NET-2, `first` to `first + count - 1`, each a /32. */
const hosts = (count: number, first: number) => Array.from({ length: count }, (_, i) => `198.51.100.${first + i}/32`);

const bastion = (name: string, allowedCidrs: string[]) =>
  new Bastion(name, {
    vpcId: "vpc-1",
    vswitchId: "vsw-public",
    vpcCidr: "10.0.0.0/16",
    allowedCidrs,
    keyName: "ops-key",
  });

// 7 blocks of 15 characters and 1 of 16, joined by 7 commas: 128; one more 2-digit address: 129.
const AT_LIMIT = [...hosts(7, 1), ...hosts(1, 10)];
const PAST_LIMIT = [...hosts(6, 1), ...hosts(2, 10)];

describe("Bastion allowedCidrs and the 128-character allow-list tag", () => {
  it.each([
    ["tag-long", "17 host blocks", hosts(17, 10), 288],
    ["tag-past", "one character past the limit", PAST_LIMIT, 129],
  ])("%s: refuses %s, creating nothing", async (name, _what, allowedCidrs, length) => {
    const message = thrown(() => bastion(name, allowedCidrs));
    expect(message).toContain('argument "allowedCidrs" is [');
    expect(message).toContain(
      'allowed: blocks that, joined with ",", fit the 128-character hardening:allowed-cidrs tag ' +
        `(these make ${length} characters); fix: merge adjacent blocks into wider ones, or reach the bastion ` +
        "through a VPN with one egress range",
    );
    await settle();
    expect(childrenOf(name)).toEqual([]);
  });

  it("accepts a list whose tag is exactly 128 characters, written with commas", async () => {
    bastion("tag-at", AT_LIMIT);
    await settle();
    const tag = one("tag-at", "alicloud:ecs/instance:Instance").inputs.tags["hardening:allowed-cidrs"];
    expect(tag).toBe(AT_LIMIT.join(","));
    expect(tag).toHaveLength(128);
  });
});
