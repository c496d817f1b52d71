// Rows every AWS component taking caller `tags` must pass: tags a service of its resources refuses (too many, too long,
// `aws:` keys, characters outside the set IAM, CloudWatch Logs, WAF, S3, SNS and EventBridge share, which each such
// component tags a resource of, and case duplicates where IAM holds) are refused under "tags" before anything is
// registered, naming the component and the key, never the value; Output values are checked once known, with no child
// registered, and tags unknown at preview leave every other input known; secret tags hide their keys too. Good tags of
// the same shapes pass and reach the resources.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { one, recorded, reset, settle, validationErrorOf } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";
import { HiddenValue } from "../../../components/validation";

export interface CallerTagSubject {
  /** The component's type name, as its errors start. */
  component: string;
  /** Constructs the component named "n" with `tags` (nothing else changed from a valid construction). */
  construct: (tags: unknown) => unknown;
  /** The tags the component adds of its own to one resource; the caller gets 50 minus these. */
  reserved: number;
  /** Which limit's name the count message gives ("EC2" or "AWS"). */
  cloud: string;
  maxKeyLength: number;
  /** The component tags a GuardDuty resource: keys take ASCII letters, digits and a few marks only. */
  guardDutyKeys?: boolean;
  /** The component tags an IAM role: keys differing only in case are one key. */
  iamRole: boolean;
  /** A resource carrying exactly the caller's tags (and maybe the component's own), to see good tags arrive. */
  taggedType: string;
}

const SECRET = "s3cr3t-".repeat(40);

/** `n` ordinary caller tags. */
export const callerTags = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`team-${i}`, "ops"]));

/** Registered children: not the component, nor a provider a test file registered before its rows. */
export const children = () =>
  recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:providers:"));

const shown = (value: unknown) => (value instanceof HiddenValue ? String(value) : value);

/** The problems (argument, value as shown) and message of a construction refused before anything is registered. */
export function refused(subject: CallerTagSubject, tags: unknown) {
  reset();
  const e = validationErrorOf(() => subject.construct(tags));
  expect(recorded).toEqual([]);
  return { problems: e.problems.map((p) => [p.argument, shown(p.value)]), message: e.message };
}

/** The failures of a construction whose tags are checked once known; no child may be registered after one. */
export async function failuresOf(subject: CallerTagSubject, tags: unknown): Promise<string[]> {
  reset();
  const failures = await registrationFailures(async () => {
    subject.construct(tags);
    await settle();
  });
  if (failures.length > 0) expect(children()).toEqual([]);
  return failures;
}

/** The mocks see a secret input as the runtime sends it: wrapped, under the secret signature. */
const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";
const unwrapped = (value: any) =>
  value && typeof value === "object" && SECRET_SIGNATURE in value ? value.value : value;

/** The tags a construction's `taggedType` resource carries (a secret unwrapped); the construction must pass. */
export async function taggedWith(subject: CallerTagSubject, tags: unknown): Promise<Record<string, string>> {
  reset();
  const failures = await registrationFailures(async () => {
    subject.construct(tags);
    await settle();
  });
  expect(failures).toEqual([]);
  return unwrapped(one(subject.taggedType).inputs.tags);
}

export function describeCallerTagRows(subject: CallerTagSubject): void {
  const { component } = subject;
  const room = 50 - subject.reserved;

  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());

  describe(`${component} (AWS) refuses caller tags AWS would refuse at deployment`, () => {
    it(`refuses ${room + 1} tags: with its ${subject.reserved} own, more than ${subject.cloud}'s 50`, () => {
      const { problems, message } = refused(subject, callerTags(room + 1));
      expect(problems).toEqual([["tags", room + 1]]);
      expect(message).toContain(`${component}: 1 invalid argument`);
      expect(message).toContain(
        `argument "tags" is ${room + 1}; allowed: at most ${room} tags (the component adds ${subject.reserved} ` +
          `of its own; ${subject.cloud} allows 50); fix: drop at least 1 of the ${room + 1} tags`,
      );
    });

    it(`refuses a key of ${subject.maxKeyLength + 1} characters, naming it`, () => {
      const key = "k".repeat(subject.maxKeyLength + 1);
      const { problems, message } = refused(subject, { [key]: "x" });
      expect(problems).toEqual([[`tags.${key}`, key]]);
      expect(message).toContain(`allowed: a key of 1-${subject.maxKeyLength} characters not starting with aws:`);
      expect(message).toContain("fix: rename the tag key");
    });

    it("refuses a key starting with aws: in any case", () => {
      expect(refused(subject, { "AWS:owner": "ops" }).problems).toEqual([["tags.AWS:owner", "AWS:owner"]]);
    });

    it("refuses a 257-character value by its length, never its text", () => {
      const { problems, message } = refused(subject, { team: SECRET.slice(0, 257) });
      expect(problems).toEqual([["tags.team", "a string of 257 characters"]]);
      expect(message).toContain("fix: shorten the value to at most 256 characters");
      expect(message).not.toContain("s3cr3t");
    });

    it("refuses a value that is not a string by its type", () => {
      const { problems, message } = refused(subject, { team: { token: "s3cr3t" } });
      expect(problems).toEqual([["tags.team", "an object"]]);
      expect(message).not.toContain("s3cr3t");
    });

    it("refuses tags that are not an object", () => {
      expect(refused(subject, ["team"]).problems).toEqual([["tags", ["team"]]]);
    });

    it("refuses a value given as an Output inside a plain object once known, registering no child", async () => {
      const failures = await failuresOf(subject, { team: pulumi.output("x".repeat(300)) });
      expect(failures).toEqual([
        `${component} n: 1 invalid argument:\n  1. argument "tags.team" is a string of 300 characters; allowed: a ` +
          "string of at most 256 characters; fix: shorten the value to at most 256 characters",
      ]);
    });

    it("refuses tags given as an Output once known, counting them", async () => {
      const failures = await failuresOf(subject, pulumi.output(callerTags(room + 1)));
      expect(failures).toHaveLength(1);
      expect(failures[0]).toContain(`${component} n: 1 invalid argument`);
      expect(failures[0]).toContain(`argument "tags" is ${room + 1}; allowed: at most ${room} tags`);
    });

    it("refuses a secret's too-long value and hides its key", async () => {
      const failures = await failuresOf(subject, pulumi.secret({ team: SECRET }));
      expect(failures).toEqual([
        `${component} n: 1 invalid argument:\n  1. argument "tags.<key 1>" is a string of 280 characters; ` +
          "allowed: a string of at most 256 characters; fix: shorten the value to at most 256 characters",
      ]);
    });

    it("refuses a secret value inside a plain object without printing it", async () => {
      const failures = await failuresOf(subject, { team: pulumi.secret(SECRET) });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toContain('argument "tags.team" is a string of 280 characters');
      expect(failures[0]).not.toContain("s3cr3t");
    });
  });

  describe(`${component} (AWS) accepts caller tags every service of its resources takes`, () => {
    it(`accepts ${room} tags, keys of ${subject.maxKeyLength} and values of 256 characters`, async () => {
      const tags = { ...callerTags(room - 1), ["k".repeat(subject.maxKeyLength)]: "v".repeat(256) };
      expect(await taggedWith(subject, tags)).toEqual(expect.objectContaining(tags));
    });

    it("accepts values given as Outputs, secrets and whole Outputs once known", async () => {
      expect(await taggedWith(subject, { team: pulumi.output("ops"), owner: pulumi.secret("sre") })).toEqual(
        expect.objectContaining({ team: "ops", owner: "sre" }),
      );
      expect(await taggedWith(subject, pulumi.secret({ team: "ops" }))).toEqual(
        expect.objectContaining({ team: "ops" }),
      );
    });
  });

  describe(`${component} (AWS) holds the tags to the characters IAM, CloudWatch Logs, WAF, S3, SNS and EventBridge take`, () => {
    it("refuses a value with a comma and # without printing it", () => {
      const { problems, message } = refused(subject, { owner: "ops, sre #1" });
      expect(problems).toEqual([["tags.owner", "a string of 11 characters"]]);
      expect(message).toContain("allowed: a value of letters, digits, spaces and _ . : / = + - @ only");
      expect(message).toContain("fix: replace the characters outside that set");
      expect(message).not.toContain("sre #1");
    });

    it("refuses a key with #, naming the character", () => {
      const { problems, message } = refused(subject, { "cost#center": "ops" });
      expect(problems).toEqual([["tags.cost#center", "cost#center"]]);
      expect(message).toContain('fix: rename the tag key without "#"');
    });

    it("refuses a key with a comma, which GuardDuty's keys would take", () => {
      const { problems, message } = refused(subject, { "cost,center": "ops" });
      expect(problems).toEqual([["tags.cost,center", "cost,center"]]);
      expect(message).toContain("allowed: a key of letters, digits, spaces and _ . : / = + - @ only");
      expect(message).toContain('fix: rename the tag key without ","');
    });

    it("refuses such a value given as an Output once known", async () => {
      const failures = await failuresOf(subject, { owner: pulumi.output("ops, sre #1") });
      expect(failures).toHaveLength(1);
      expect(failures[0]).toContain('argument "tags.owner" is a string of 11 characters; allowed: a value of');
      expect(failures[0]).not.toContain("sre #1");
    });

    it("accepts values of letters of any script, digits, spaces and _ . : / = + - @", async () => {
      const tags = { "cost-center": "ops team 1", "app:name": "web/api@x=y+z_1.2", team: "café" };
      expect(await taggedWith(subject, tags)).toEqual(expect.objectContaining(tags));
    });

    if (!subject.guardDutyKeys) {
      it("accepts keys of letters of any script, spaces and @", async () => {
        const tags = { équipe: "ops", "cost center": "x", "owner@team": "y" };
        expect(await taggedWith(subject, tags)).toEqual(expect.objectContaining(tags));
      });
    }
  });

  describe(`${component} (AWS) keeps every child's other inputs known while the tags are unknown at preview`, () => {
    it("registers the same children with the same inputs but their tags", async () => {
      const untagged = () =>
        children()
          .map(({ type, name, inputs }) => {
            const { tags: _tags, tagsAll: _tagsAll, ...rest } = inputs;
            return [`${type} ${name}`, rest];
          })
          .sort(([a], [b]) => String(a).localeCompare(String(b)));
      await taggedWith(subject, { team: "ops" });
      const plain = untagged();
      reset();
      const failures = await registrationFailures(async () => {
        subject.construct(unknownAtPreview());
        await settle();
      });
      expect(failures).toEqual([]);
      expect(untagged()).toEqual(plain);
    });
  });

  if (subject.iamRole) {
    describe(`${component} (AWS) reads keys as IAM does on its role: case-insensitive`, () => {
      it("refuses keys differing only in case", () => {
        const { problems, message } = refused(subject, { Owner: "a", owner: "b" });
        expect(problems).toEqual([["tags.owner", "owner"]]);
        expect(message).toContain('reads it and "Owner" as one key');
      });

      it("hides the keys of a secret's case duplicates", async () => {
        const failures = await failuresOf(subject, pulumi.secret({ Owner: "a", owner: "b" }));
        expect(failures).toHaveLength(1);
        expect(failures[0]).toContain('argument "tags.<key 2>" is a key of 5 characters');
        expect(failures[0]).not.toContain("Owner");
      });
    });
  } else {
    describe(`${component} (AWS) tags no IAM resource: keys are case-sensitive`, () => {
      it("accepts keys differing only in case", async () => {
        expect(await taggedWith(subject, { Owner: "a", owner: "b" })).toEqual(
          expect.objectContaining({ Owner: "a", owner: "b" }),
        );
      });
    });
  }
}
