// The bastion publishes allowedCidrs, joined with commas, in hardening:allowed-cidrs, then hardening:allowed-cidrs-2,
// -3, …: whole blocks, each value within a tag value's 128 characters. Its host and security group take 20 tags: a
// list needing more than the bastion's other tags leave is refused before anything is created, naming the count.
import { childrenOf, one, settle, thrown } from "./mocks";
import { Bastion } from "../../../components/alicloud/bastion";
import { taggedAllowList } from "../../../policies/stack/roles";

/** Host addresses of TEST-NET-2, `first` to `first + count - 1`, each a /32. */
const hosts = (count: number, first: number) => Array.from({ length: count }, (_, i) => `198.51.100.${first + i}/32`);

const bastion = (name: string, allowedCidrs: string[], tags?: Record<string, string>) =>
  new Bastion(name, {
    vpcId: "vpc-1",
    vswitchId: "vsw-public",
    vpcCidr: "10.0.0.0/16",
    allowedCidrs,
    keyName: "ops-key",
    tags,
  });

const INSTANCE = "alicloud:ecs/instance:Instance";
const GROUP = "alicloud:ecs/securityGroup:SecurityGroup";

/** The allow-list's values on `tags`, in the order they continue the list (the mocks keep keys sorted by name). */
function allowListValues(tags: Record<string, string>): string[] {
  const keys = Object.keys(tags).filter((k) => k.startsWith("hardening:allowed-cidrs"));
  const ordered = keys.map((_, i) => (i === 0 ? "hardening:allowed-cidrs" : `hardening:allowed-cidrs-${i + 1}`));
  expect([...keys].sort()).toEqual([...ordered].sort());
  return ordered.map((k) => tags[k]);
}

// 7 blocks of 15 characters and 1 of 16, joined by 7 commas: 128; one more 2-digit address: 129.
const AT_LIMIT = [...hosts(7, 1), ...hosts(1, 10)];
const PAST_LIMIT = [...hosts(6, 1), ...hosts(2, 10)];
// Blocks of 17 characters (198.51.100.100/32 on): 7 fill a value (125 characters), so 18 tags, all the 20 leave
// beside hardening:component and hardening:role, hold 126.
const FILLS_20 = hosts(126, 100);

describe("Bastion allowedCidrs over several 128-character allow-list tags", () => {
  it("accepts a list whose tag is exactly 128 characters, written with commas in one tag", async () => {
    bastion("tag-at", AT_LIMIT);
    await settle();
    const tags = one("tag-at", INSTANCE).inputs.tags;
    expect(allowListValues(tags)).toEqual([AT_LIMIT.join(",")]);
    expect(tags["hardening:allowed-cidrs"]).toHaveLength(128);
  });

  it.each([
    ["one character past one value", "tag-past", PAST_LIMIT, [PAST_LIMIT.slice(0, 7), PAST_LIMIT.slice(7)]],
    ["17 host blocks", "tag-long", hosts(17, 10), [hosts(7, 10), hosts(7, 17), hosts(3, 24)]],
  ])("splits %s over whole blocks, in order, on the host and its group", async (_what, name, allowedCidrs, split) => {
    bastion(name, allowedCidrs);
    await settle();
    for (const type of [INSTANCE, GROUP]) {
      const values = allowListValues(one(name, type).inputs.tags);
      expect(values).toEqual(split.map((blocks) => blocks.join(",")));
      for (const value of values) expect(value.length).toBeLessThanOrEqual(128);
      expect(values.flatMap((v) => v.split(","))).toEqual(allowedCidrs);
    }
  });

  it("fills the 20 tags with 18 allow-list tags, which the policy pack reads back whole", async () => {
    bastion("tag-full", FILLS_20);
    await settle();
    const tags = one("tag-full", INSTANCE).inputs.tags;
    expect(Object.keys(tags)).toHaveLength(20);
    expect(allowListValues(tags)).toHaveLength(18);
    expect(one("tag-full", INSTANCE).inputs.volumeTags).toEqual(tags);
    expect(taggedAllowList({ tags })).toEqual({ trusted: FILLS_20, refused: [] });
  });

  it.each([
    ["one block past 18 tags", "tag-over", hosts(127, 100), undefined, "18 tags", 2, 19, ""],
    // Dropping the caller's tag would not make room for 19: the fix does not offer it.
    [
      "one block past 18 tags beside a caller tag",
      "tag-over-tagged",
      hosts(127, 100),
      { a: "1" },
      "17 tags",
      3,
      19,
      "",
    ],
    [
      "92 blocks beside 5 caller tags",
      "tag-crowded",
      hosts(92, 100),
      { a: "1", b: "2", c: "3", d: "4", e: "5" },
      "13 tags",
      7,
      14,
      ", or drop at least 1 of the 5 tags in tags",
    ],
    [
      "15 blocks beside 17 caller tags: one tag left",
      "tag-one-left",
      hosts(15, 100),
      Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`t${i}`, "x"])),
      "1 tag",
      19,
      3,
      ", or drop at least 2 of the 17 tags in tags",
    ],
  ])(
    "refuses %s, naming the count, creating nothing",
    async (_what, name, allowedCidrs, tags, left, others, needed, dropTags) => {
      const message = thrown(() => bastion(name, allowedCidrs, tags));
      expect(message).toContain(`Bastion "${name}": 1 invalid argument:`);
      // The list shown as its count: 127 blocks would fill the message.
      expect(message).toContain(`argument "allowedCidrs" is "${allowedCidrs.length} blocks"; allowed:`);
      expect(message).not.toContain(allowedCidrs[0]);
      expect(message).toContain(
        `allowed: blocks that, joined with "," into values of at most 128 characters, fill at most ${left} ` +
          "(hardening:allowed-cidrs, hardening:allowed-cidrs-2, …): Alibaba Cloud allows 20 tags per resource and " +
          `the bastion's host carries ${others} others; these ${allowedCidrs.length} blocks need ${needed}; fix: ` +
          `merge adjacent blocks into wider ones, or reach the bastion through a VPN with one egress range${dropTags}`,
      );
      await settle();
      expect(childrenOf(name)).toEqual([]);
    },
  );

  it("accepts 91 blocks beside 5 caller tags: 13 allow-list tags, 20 in all", async () => {
    bastion("tag-shared", hosts(91, 100), { a: "1", b: "2", c: "3", d: "4", e: "5" });
    await settle();
    const tags = one("tag-shared", INSTANCE).inputs.tags;
    expect(Object.keys(tags)).toHaveLength(20);
    expect(allowListValues(tags).flatMap((v) => v.split(","))).toEqual(hosts(91, 100));
  });

  it("reports caller tags that leave no room for the first allow-list tag as tags alone", () => {
    const tags = Object.fromEntries(Array.from({ length: 18 }, (_, i) => [`t${i}`, "x"]));
    const message = thrown(() => bastion("tag-none", ["203.0.113.0/28"], tags));
    expect(message).toContain("1 invalid argument");
    expect(message).toContain('argument "tags" is 18; allowed: at most 17 tags (the component adds 3 of its own');
  });
});
