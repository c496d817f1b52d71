// The AWS bastion's caller tags go on its host and security group (EC2) and its role (IAM): a refusal describes a
// value by type and length, never its text (a tag value may be a secret), and hides the keys too when the tags came
// as a secret. Values given as Outputs inside a plain object are checked once known. IAM's tag characters and its
// case-insensitive keys hold as well: a tag the role cannot carry fails CreateRole half-way through a deployment.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one, settle } from "./mocks";

installMocks();
import { Bastion } from "../../../components/aws/bastion";
import { children, failuresOf, quietAndResetEachTest, refused, ssh } from "./bastion-fixtures";

const SECRET = "s3cr3t-".repeat(40);

quietAndResetEachTest();

describe("Bastion (AWS) never prints a tag value", () => {
  it("describes a secret's too-long value by its length, and hides its key", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.secret({ team: SECRET }) });
    expect(failures).toEqual([
      'Bastion b: 1 invalid argument:\n  1. argument "tags.<key 1>" is a string of 280 characters; allowed: a ' +
        "string of at most 256 characters; fix: shorten the value to at most 256 characters",
    ]);
    expect(children()).toEqual([]);
  });

  it("hides a secret's too-long key", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.secret({ ["k".repeat(128)]: "x" }) });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "tags.<key 1>" is a key of 128 characters; allowed: a key of 1-127');
    expect(failures[0]).not.toContain("kkk");
  });

  it("hides tags given as a secret that is not an object", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.secret(SECRET) as never });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "tags" is a string of 280 characters; allowed: an object of tag keys');
    expect(failures[0]).not.toContain("s3cr3t");
  });

  it("describes a plain value by its length, with the fix to shorten it", () => {
    const { message } = refused({ ...ssh, tags: { team: SECRET } });
    expect(message).toContain(
      'argument "tags.team" is a string of 280 characters; allowed: a string of at most 256 characters; ' +
        "fix: shorten the value to at most 256 characters",
    );
    expect(message).not.toContain("s3cr3t");
  });

  it("describes a value that is not a string by its type", () => {
    const { message } = refused({ ...ssh, tags: { team: { token: "s3cr3t" } } as never });
    expect(message).toContain('argument "tags.team" is an object; allowed: a string of at most 256 characters; ');
    expect(message).toContain("fix: pass the value as a string");
    expect(message).not.toContain("s3cr3t");
  });
});

describe("Bastion (AWS) checks values given as Outputs inside a plain object once known", () => {
  it("refuses a 300-character value, registering no child", async () => {
    const failures = await failuresOf({ ...ssh, tags: { team: pulumi.output("x".repeat(300)) } });
    expect(failures).toEqual([
      'Bastion b: 1 invalid argument:\n  1. argument "tags.team" is a string of 300 characters; allowed: a string ' +
        "of at most 256 characters; fix: shorten the value to at most 256 characters",
    ]);
    expect(children()).toEqual([]);
  });

  it("refuses a secret value without printing it", async () => {
    const failures = await failuresOf({ ...ssh, tags: { team: pulumi.secret(SECRET) } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "tags.team" is a string of 280 characters');
    expect(failures[0]).not.toContain("s3cr3t");
    expect(children()).toEqual([]);
  });

  it("refuses a value the role cannot carry", async () => {
    const failures = await failuresOf({ ...ssh, tags: { owner: pulumi.output("ops, sre #1") } });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "tags.owner" is a string of 11 characters; allowed: a value of letters');
  });

  it("takes a value that fits", async () => {
    const failures = await failuresOf({ ...ssh, tags: { team: pulumi.output("v".repeat(256)) } });
    expect(failures).toEqual([]);
    expect(one("aws:iam/role:Role").inputs.tags).toEqual({ team: "v".repeat(256) });
  });
});

describe("Bastion (AWS) holds caller tags to IAM's rules: they go on the role", () => {
  it.each<[string, Record<string, string>, [string, unknown][]]>([
    ["a value with a comma and a hash", { owner: "ops, sre #1" }, [["tags.owner", "a string of 11 characters"]]],
    ["a key with a hash", { "cost#center": "x" }, [["tags.cost#center", "cost#center"]]],
    ["a key with a comma", { "a,b": "x" }, [["tags.a,b", "a,b"]]],
    ["keys differing only in case", { Team: "a", team: "b" }, [["tags.team", "team"]]],
    [
      "three keys of one name",
      { env: "a", ENV: "b", Env: "c" },
      [
        ["tags.ENV", "ENV"],
        ["tags.Env", "Env"],
      ],
    ],
  ])("refuses %s", (_what, tags, expected) => {
    expect(refused({ ...ssh, tags }).problems).toEqual(expected);
  });

  it("names the characters IAM does not take in a key, and the key a duplicate repeats", () => {
    expect(refused({ ...ssh, tags: { "cost#center!": "x" } }).message).toContain(
      '(IAM\'s tag characters: the tags go on the bastion\'s role); fix: rename the tag key without "#", "!"',
    );
    expect(refused({ ...ssh, tags: { Team: "a", team: "b" } }).message).toContain(
      'IAM (the tags go on the bastion\'s role) reads it and "Team" as one key; fix: drop or rename one of the two',
    );
  });

  it("hides the keys of a secret's case duplicates", async () => {
    const failures = await failuresOf({ ...ssh, tags: pulumi.secret({ Owner: "a", owner: "b" }) });
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('argument "tags.<key 2>" is a key of 5 characters');
    expect(failures[0]).toContain("reads it and key 1 as one key");
    expect(failures[0]).not.toMatch(/owner/i);
  });

  it("accepts IAM's characters: letters of any script, digits, spaces and _ . : / = + - @", async () => {
    const tags = { "Cost Center": "Human Resources", "owner@ops": "a.b:c/d=e+f-g_h", 名前: "値", n1: "Ⅻ" };
    new Bastion("b", { ...ssh, tags });
    await settle();
    expect(one("aws:iam/role:Role").inputs.tags).toEqual(tags);
  });
});
