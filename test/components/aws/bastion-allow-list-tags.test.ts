// The bastion publishes allowedCidrs in hardening:allowed-cidrs, then hardening:allowed-cidrs-2, -3, …: whole blocks
// joined with spaces, each value within EC2's 256 characters. The host takes 50 user tags: a list needing more than
// the host's other tags leave is refused before anything is registered (tags given as an Output: once known).
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one, recorded, settle, validationErrorOf } from "./mocks";

installMocks();
import { Bastion } from "../../../components/aws/bastion";
import { taggedAllowList } from "../../../policies/stack/roles";
import {
  base,
  children,
  failuresOf,
  HOST,
  hostTags,
  ipv4Hosts,
  quietAndResetEachTest,
  shortIpv4Hosts,
} from "./bastion-fixtures";

/** 1000 short blocks fill 48 tags: with Name and hardening:role, EC2's 50. */
const FILLS_50 = { ...base, allowedCidrs: shortIpv4Hosts(1000), securityGroupRuleQuota: 1000 };

quietAndResetEachTest();

/** The allow-list's keys on `tags`, in the order they continue the list (the mocks keep keys sorted by name). */
const allowListKeys = (tags: Record<string, string>) => {
  const keys = Object.keys(tags).filter((k) => k.startsWith("hardening:allowed-cidrs"));
  const expected = keys.map((_, i) => (i === 0 ? "hardening:allowed-cidrs" : `hardening:allowed-cidrs-${i + 1}`));
  expect([...keys].sort()).toEqual([...expected].sort());
  return expected;
};

describe("Bastion allowedCidrs over several allow-list tags", () => {
  it("splits 40 host blocks over three tags of whole blocks, each within 256 characters, in order", async () => {
    const allowedCidrs = ipv4Hosts(40);
    const tags = await hostTags({ ...base, allowedCidrs });
    expect(allowListKeys(tags)).toEqual([
      "hardening:allowed-cidrs",
      "hardening:allowed-cidrs-2",
      "hardening:allowed-cidrs-3",
    ]);
    const values = allowListKeys(tags).map((k) => tags[k]);
    for (const value of values) expect(value.length).toBeLessThanOrEqual(256);
    // Each value is as full as a whole next block allows: the next block would not fit.
    for (let i = 0; i + 1 < values.length; i++) {
      const next = values[i + 1].split(" ")[0];
      expect(`${values[i]} ${next}`.length).toBeGreaterThan(256);
    }
    expect(values.flatMap((v) => v.split(" "))).toEqual(allowedCidrs);
  });

  it("writes one tag for a list that fits one value, as before", async () => {
    const tags = await hostTags({ ...base, allowedCidrs: ["203.0.113.0/28", "2001:db8:1::/56"] });
    expect(allowListKeys(tags)).toEqual(["hardening:allowed-cidrs"]);
    expect(tags["hardening:allowed-cidrs"]).toBe("203.0.113.0/28 2001:db8:1::/56");
  });

  it("publishes a list the policy pack reads back whole", async () => {
    const allowedCidrs = ipv4Hosts(100);
    const tags = await hostTags({ ...base, allowedCidrs, securityGroupRuleQuota: 100 });
    expect(allowListKeys(tags).length).toBeGreaterThan(5);
    expect(taggedAllowList({ tags })).toEqual({ trusted: allowedCidrs, refused: [] });
  });

  it("fills EC2's 50 tags with 1000 short blocks: 48 allow-list tags, Name and hardening:role", async () => {
    const tags = await hostTags(FILLS_50);
    expect(Object.keys(tags)).toHaveLength(50);
    expect(allowListKeys(tags)).toHaveLength(48);
    expect(allowListKeys(tags)[47]).toBe("hardening:allowed-cidrs-48");
    expect(allowListKeys(tags).flatMap((k) => tags[k].split(" "))).toEqual(FILLS_50.allowedCidrs);
  });

  it("does not count a caller's Name, hardening:role or allow-list copies: they are overwritten or dropped", async () => {
    const tags = await hostTags({
      ...FILLS_50,
      tags: { Name: "mine", "hardening:role": "x", "hardening:allowed-cidrs-49": "203.0.113.0/24" },
    });
    expect(Object.keys(tags)).toHaveLength(50);
    expect(tags["hardening:allowed-cidrs-49"]).toBeUndefined();
  });
});

describe("Bastion drops a caller's copies of every allow-list key", () => {
  it("in SSH mode, on the host, its group and its role", async () => {
    const callerTags = {
      team: "ops",
      "hardening:allowed-cidrs-2": "198.51.100.0/24",
      "hardening:allowed-cidrs-17": "192.0.2.0/24",
    };
    new Bastion("b", { ...base, allowedCidrs: ["203.0.113.0/28"], tags: callerTags });
    await settle();
    expect(one(HOST).inputs.tags).toEqual({
      team: "ops",
      Name: "b-host",
      "hardening:role": "bastion",
      "hardening:allowed-cidrs": "203.0.113.0/28",
    });
    expect(one("aws:ec2/securityGroup:SecurityGroup").inputs.tags).toEqual({ team: "ops", Name: "b-sg" });
    expect(one("aws:iam/role:Role").inputs.tags).toEqual({ team: "ops" });
  });

  it("in SSM-only mode", async () => {
    new Bastion("b", { ...base, ssmOnly: true, tags: { "hardening:allowed-cidrs-2": "198.51.100.0/24" } });
    await settle();
    expect(one(HOST).inputs.tags).toEqual({ Name: "b-host", "hardening:role": "bastion" });
  });
});

describe("Bastion allowedCidrs needing more tags than the host has left", () => {
  const RULE = "blocks that, joined with spaces into values of at most 256 characters, fill at most";
  const FIX = "fix: merge adjacent blocks into wider ones, or reach the bastion through a VPN with one egress range";

  it("refuses 1000 short blocks beside one caller tag, before anything is registered", () => {
    const e = validationErrorOf(() => new Bastion("b", { ...FILLS_50, tags: { team: "ops" } }));
    expect(e.problems.map((p) => [p.argument, p.value])).toEqual([["allowedCidrs", "1000 blocks"]]);
    expect(e.message).toContain(
      `allowed: ${RULE} 47 tags (hardening:allowed-cidrs, hardening:allowed-cidrs-2, …): EC2 allows 50 tags per ` +
        "resource and the bastion's host carries 3 others; these 1000 blocks need 48; " +
        `${FIX}, or drop at least 1 of the 1 tag in tags`,
    );
    expect(recorded).toEqual([]);
  });

  it("refuses 1000 /32s of 15 to 17 characters under the highest quota, beside nothing else", () => {
    const allowedCidrs = ipv4Hosts(1000);
    const e = validationErrorOf(() => new Bastion("b", { ...base, allowedCidrs, securityGroupRuleQuota: 1000 }));
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs"]);
    const needed = e.message.match(
      new RegExp(`allowed: ${RULE} 48 tags .*carries 2 others; these 1000 blocks need (\\d+); ${FIX}$`),
    )?.[1];
    expect(Number(needed)).toBeGreaterThan(48);
    expect(recorded).toEqual([]);
  });

  it("still reports the rule quota for 101 /32s under a quota of 100: their tags fit", () => {
    const e = validationErrorOf(
      () => new Bastion("b", { ...base, allowedCidrs: ipv4Hosts(101), securityGroupRuleQuota: 100 }),
    );
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs"]);
    expect(e.message).toContain("at most 100 IPv4 blocks: 101 make the bastion's security group hold");
    expect(e.message).not.toContain(RULE);
  });

  it("reports both the rule quota and the tags for 700 /32s under the default quota", () => {
    const e = validationErrorOf(() => new Bastion("b", { ...base, allowedCidrs: ipv4Hosts(700) }));
    expect(e.problems.map((p) => p.argument)).toEqual(["allowedCidrs", "allowedCidrs"]);
    expect(e.message).toContain("at most 60 IPv4 blocks: 700 make");
    expect(e.message).toContain(`${RULE} 48 tags`);
  });

  it("counts tags given as an Output once known, registering nothing when they leave too few", async () => {
    const failures = await failuresOf({ ...FILLS_50, tags: pulumi.output({ team: "ops", owner: "sec" }) });
    expect(failures).toEqual([expect.stringMatching(/^Bastion b: 1 invalid argument:/)]);
    expect(failures[0]).toContain(`${RULE} 46 tags`);
    expect(failures[0]).toContain("carries 4 others; these 1000 blocks need 48");
    expect(children()).toEqual([]);
  });

  it("takes tags given as an Output that leave room", async () => {
    const failures = await failuresOf({ ...base, allowedCidrs: ipv4Hosts(40), tags: pulumi.output({ team: "ops" }) });
    expect(failures).toEqual([]);
    expect(allowListKeys(one(HOST).inputs.tags)).toHaveLength(3);
  });
});
