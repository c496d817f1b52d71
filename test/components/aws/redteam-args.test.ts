// Hostile and mistaken arguments against every AWS component and its methods: each is refused with the argument, its
// value, what is allowed and the fix, before anything is registered; near misses are accepted; weakenings warn,
// defaults do not.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { checkCloudFrontRegion, WebFirewall } from "../../../components/aws/webFirewall";
import { ValidationError } from "../../../components/validation";
import { createCopyProvider, createGateFirewalls } from "./redteam-args.fixtures";
import { ACCEPT_ROWS, REJECT_ROWS, WARN_ROWS } from "./redteam-args.rows";
import type { RejectRow } from "./redteam-args.fixtures";

beforeAll(async () => {
  // Registered once, before any row, so a refused row can be shown to have registered nothing at all.
  createCopyProvider();
  createGateFirewalls();
  await settle();
});

/**
 * What every REJECT row promises: refused naming each argument and its value, with what is allowed and the fix, no
 * secret in the message, and nothing registered.
 */
async function expectRefused(row: RejectRow): Promise<void> {
  reset();
  const error = validationErrorOf(row.make);
  if (!(error instanceof ValidationError)) throw new Error(`expected a ValidationError, got ${String(error)}`);
  expect(error.problems.map((p) => [p.argument, p.value])).toEqual(row.problems);
  for (const problem of error.problems) {
    expect(problem.allowed.length).toBeGreaterThan(0);
    expect(problem.fix.length).toBeGreaterThan(0);
    expect(error.message).toContain(`argument "${problem.argument}" is `);
  }
  for (const secret of row.hidden ?? []) expect(error.message).not.toContain(secret);
  await settle();
  expect(recorded).toEqual([]);
}

describe("hostile arguments are refused before anything is registered", () => {
  it.each(REJECT_ROWS.map((r) => [r.label, r] as const))("%s", (_label, row) => expectRefused(row));
});

describe("near misses are accepted", () => {
  // Some accepted rows weaken a default on purpose; their warnings are the next table's business.
  beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
  afterEach(() => jest.restoreAllMocks());

  it.each(ACCEPT_ROWS.map((r) => [r.label, r] as const))("%s", async (_label, row) => {
    reset();
    expect(row.make).not.toThrow();
    await settle();
    const registered = (type: string) => (row.registers ? type === row.registers : type.startsWith("hardening:aws:"));
    expect(recorded.filter((r) => registered(r.type))).toHaveLength(1);
  });
});

describe("weakenings warn, naming the argument; defaults do not", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());

  it.each(WARN_ROWS.map((r) => [r.label, r] as const))("%s", async (_label, row) => {
    reset();
    row.make();
    await settle();
    const messages = warn.mock.calls.map((c) => String(c[0]));
    expect(messages).toHaveLength(row.warnings.length);
    row.warnings.forEach((pattern, i) => expect(messages[i]).toMatch(pattern));
  });
});

describe("arguments only the provider can confirm are checked once its region is known", () => {
  it.each<[string, string, string | RegExp]>([
    ["us-east-1", "us-east-1", "CLOUDFRONT"],
    [
      "another region",
      "eu-west-1",
      /argument "scope" is "CLOUDFRONT" but the provider's region is "eu-west-1"; allowed:/,
    ],
  ])("CLOUDFRONT WebACL with a provider in %s", (_label, region, outcome) => {
    const check = () => checkCloudFrontRegion("edge", region);
    if (typeof outcome === "string") expect(check()).toBe(outcome);
    else expect(check).toThrow(outcome);
  });

  it("creates a CLOUDFRONT WebACL once the region is confirmed", async () => {
    reset();
    jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
    try {
      new WebFirewall("edge", { scope: "CLOUDFRONT" });
      await settle();
      expect(one("aws:wafv2/webAcl:WebAcl").inputs.scope).toBe("CLOUDFRONT");
    } finally {
      jest.restoreAllMocks();
    }
  });
});
