// The caller's tags share EC2's 50 tags per resource with the host's own (Name, hardening:role) and, in SSH mode, the
// allow-list's first tag: tags that leave no room are refused under "tags" before anything is registered (given as an
// Output: once known). Keys and values are held to EC2's lengths, `aws:` keys refused. A caller's copy of a key the
// policy pack reads as the allow-list is dropped with a warning; a key it does not read is an ordinary tag.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one } from "./mocks";

installMocks();
import { children, failuresOf, HOST, hostTags, quietAndResetEachTest, refused, ssh } from "./bastion-fixtures";

const ssmOnly = { vpcId: "vpc-1", subnetId: "subnet-priv", vpcCidr: "10.0.0.0/16", ssmOnly: true };

/** `n` ordinary caller tags. */
const callerTags = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-${i}`, "ops"]));

const warnings = quietAndResetEachTest();

describe("Bastion (AWS) counts the caller's tags against EC2's 50", () => {
  it("refuses 48 caller tags in SSH mode under tags: with Name, hardening:role and the allow-list, 51", () => {
    const { problems, message } = refused({ ...ssh, tags: callerTags(48) });
    expect(problems).toEqual([["tags", 48]]);
    expect(message).toContain(
      'argument "tags" is 48; allowed: at most 47 tags (the component adds 3 of its own; EC2 allows 50); ' +
        "fix: drop at least 1 of the 48 tags",
    );
  });

  it("refuses 60 caller tags", () => {
    expect(refused({ ...ssh, tags: callerTags(60) }).message).toContain("fix: drop at least 13 of the 60 tags");
  });

  it("accepts 47 caller tags in SSH mode: the host carries exactly 50", async () => {
    const tags = await hostTags({ ...ssh, tags: callerTags(47) });
    expect(Object.keys(tags)).toHaveLength(50);
    expect(tags["hardening:allowed-cidrs"]).toBe("203.0.113.1/32");
  });

  it("accepts 48 caller tags in SSM-only mode, where the host has no allow-list tag: 50 in all", async () => {
    const tags = await hostTags({ ...ssmOnly, tags: callerTags(48) });
    expect(Object.keys(tags)).toHaveLength(50);
  });

  it("refuses 49 caller tags in SSM-only mode", () => {
    expect(refused({ ...ssmOnly, tags: callerTags(49) }).message).toContain(
      "at most 48 tags (the component adds 2 of its own; EC2 allows 50)",
    );
  });

  it("does not count a caller's Name, hardening:role or allow-list key: they are overwritten or dropped", async () => {
    const given = { ...callerTags(47), Name: "x", "hardening:role": "y", "hardening:allowed-cidrs-2": "1.2.3.4/32" };
    const tags = await hostTags({ ...ssh, tags: given });
    expect(Object.keys(tags)).toHaveLength(50);
  });
});

describe("Bastion (AWS) counts tags given as an Output once known", () => {
  it("refuses 48 caller tags given as an Output, registering no child", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.output(callerTags(48)) });
    expect(failures).toEqual([expect.stringMatching(/^Bastion b: 1 invalid argument:/)]);
    expect(failures[0]).toContain('argument "tags" is 48; allowed: at most 47 tags');
    expect(children()).toEqual([]);
  });

  it("refuses 49 given as an Output in SSM-only mode too, registering no child", async () => {
    const failures = await failuresOf({ ...ssmOnly, tags: pulumi.output(callerTags(49)) });
    expect(failures).toEqual([expect.stringMatching(/^Bastion b: 1 invalid argument:/)]);
    expect(failures[0]).toContain('argument "tags" is 49; allowed: at most 48 tags');
    expect(children()).toEqual([]);
  });

  it("takes 47 given as an Output in SSH mode", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.output(callerTags(47)) });
    expect(failures).toEqual([]);
    expect(Object.keys(one(HOST).inputs.tags)).toHaveLength(50);
  });
});

describe("Bastion (AWS) holds caller tag keys and values to EC2's restrictions", () => {
  it.each<[string, Record<string, unknown>, [string, unknown][]]>([
    [
      "a key of 128 characters (EC2 takes 127)",
      { ["k".repeat(128)]: "x" },
      [[`tags.${"k".repeat(128)}`, "k".repeat(128)]],
    ],
    ["an empty key", { "": "x" }, [["tags.", ""]]],
    [
      "an aws: key",
      { "aws:cloudformation:stack-name": "x" },
      [["tags.aws:cloudformation:stack-name", "aws:cloudformation:stack-name"]],
    ],
    ["an AWS: key in upper case", { "AWS:x": "y" }, [["tags.AWS:x", "AWS:x"]]],
    ["a value of 257 characters", { team: "v".repeat(257) }, [["tags.team", "a string of 257 characters"]]],
    [
      "a value of 257 astral letters (514 UTF-16 units)",
      { team: "𝒜".repeat(257) },
      [["tags.team", "a string of 257 characters"]],
    ],
    ["a number as value", { team: 7 }, [["tags.team", "a number"]]],
    ["tags as a list", ["team"] as unknown as Record<string, unknown>, [["tags", ["team"]]]],
  ])("refuses %s", (_what, tags, expected) => {
    expect(refused({ ...ssh, tags: tags as Record<string, string> }).problems).toEqual(expected);
  });

  it("accepts a 127-character key, a 256-character value, and a value given as an Output", async () => {
    const tags = await hostTags({
      ...ssh,
      tags: { ["k".repeat(127)]: "v".repeat(256), owner: pulumi.output("sec") },
    });
    expect(tags["k".repeat(127)]).toHaveLength(256);
    expect(tags.owner).toBe("sec");
  });

  it("counts characters, not UTF-16 units: a value of 256 and a key of 127 astral letters", async () => {
    const key = "𝒜".repeat(127);
    const tags = await hostTags({ ...ssh, tags: { [key]: "𝒜".repeat(256) } });
    expect(tags[key]).toBe("𝒜".repeat(256));
  });
});

describe("Bastion (AWS) drops only the allow-list keys the pack reads", () => {
  it("drops a caller's hardening:allowed-cidrs-2 with a warning naming it", async () => {
    const tags = await hostTags({ ...ssh, tags: { team: "ops", "hardening:allowed-cidrs-2": "198.51.100.0/24" } });
    expect(tags["hardening:allowed-cidrs-2"]).toBeUndefined();
    const dropped = warnings().filter((w) => w.includes("tags.hardening:allowed-cidrs-2 is dropped"));
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toContain("hardening:allowed-cidrs, -2, -3, … (digits, no leading zero)");
  });

  it("warns of a dropped caller copy in SSM-only mode too", async () => {
    const tags = await hostTags({ ...ssmOnly, tags: { "hardening:allowed-cidrs": "198.51.100.0/24" } });
    expect(tags).toEqual({ Name: "b-host", "hardening:role": "bastion" });
    expect(warnings().some((w) => w.includes("tags.hardening:allowed-cidrs is dropped"))).toBe(true);
  });

  it.each(["hardening:allowed-cidrs-owner", "hardening:allowed-cidrs-", "hardening:allowed-cidrs-02"])(
    "keeps %s, which the pack does not read, as an ordinary caller tag, without a warning",
    async (key) => {
      const tags = await hostTags({ ...ssh, tags: { [key]: "sec" } });
      expect(tags[key]).toBe("sec");
      expect(one("aws:ec2/securityGroup:SecurityGroup").inputs.tags[key]).toBe("sec");
      expect(warnings().filter((w) => w.includes(" is dropped"))).toEqual([]);
    },
  );

  it("counts hardening:allowed-cidrs-owner among the caller's tags: 47 others beside it are too many", () => {
    const { problems } = refused({ ...ssh, tags: { ...callerTags(47), "hardening:allowed-cidrs-owner": "sec" } });
    expect(problems).toEqual([["tags", 48]]);
  });
});

describe("Bastion (AWS) allow-list tag messages", () => {
  it("shows the list as a count, says '1 tag', and how many caller tags to drop", () => {
    // 16 public /32s need 2 tags; 47 caller tags leave 1.
    const allowedCidrs = Array.from({ length: 16 }, (_, i) => `198.51.100.${i + 100}/32`);
    const { problems, message } = refused({ ...ssh, allowedCidrs, tags: callerTags(47) });
    expect(problems).toEqual([["allowedCidrs", "16 blocks"]]);
    expect(message).toContain("fill at most 1 tag (hardening:allowed-cidrs, hardening:allowed-cidrs-2, …)");
    expect(message).toContain("these 16 blocks need 2; fix:");
    expect(message).toMatch(/, or drop at least 1 of the 47 tags in tags$/);
    expect(message).not.toContain("198.51.100.100/32");
  });
});
