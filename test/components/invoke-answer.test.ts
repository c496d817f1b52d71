// The empty answer of a provider the preview cannot configure (`{}`) against the provider's own answers, empty lists
// included; unknown at preview, refused at deployment, where every provider is configured.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "./registration-failures";
import { installUnconfiguredProviderMocks, recorded, reset, settle, Sink } from "./unconfigured-provider-mocks";
import { answeredInvoke, isUnansweredInvoke } from "../../components/invokeAnswer";

describe("isUnansweredInvoke", () => {
  it.each([
    ["the empty answer", {}, ["names"], true],
    ["every listed field null", { images: null, ids: null }, ["images", "ids"], true],
    ["no answer at all", undefined, ["names"], true],
    ["only other fields", { id: "x" }, ["names"], true],
    ["an empty list", { names: [] }, ["names"], false],
    ["one of the listed fields", { ids: [] }, ["images", "ids"], false],
    ["an empty string", { accountId: "" }, ["accountId"], false],
    ["a full answer", { names: ["a", "b"] }, ["names"], false],
  ])("%s", (_label, answer, fields, unanswered) => {
    expect(isUnansweredInvoke(answer, fields)).toBe(unanswered);
  });
});

/** Registers `value` as a resource input and returns what the engine received, and the failures reported. */
async function registered(name: string, value: pulumi.Output<unknown>) {
  const failures = await registrationFailures(async () => {
    new Sink(name, { value });
    await settle();
  });
  return { failures, seen: recorded.find((r) => r.name === name)?.inputs.value };
}

describe("answeredInvoke at preview", () => {
  beforeAll(() => installUnconfiguredProviderMocks(true));
  beforeEach(() => reset());

  it("gives an unknown answer for the empty one", async () => {
    const answer = answeredInvoke<{ names?: string[] }>("Probe", "getZones", ["names"], pulumi.output({}));
    const { failures, seen } = await registered(
      "preview-empty",
      answer.apply((a) => a.names),
    );
    expect(failures).toEqual([]);
    expect(pulumi.isUnknown(seen)).toBe(true);
  });

  it("passes an empty list on as the provider gave it", async () => {
    const answer = answeredInvoke<{ names?: string[] }>("Probe", "getZones", ["names"], pulumi.output({ names: [] }));
    const { failures, seen } = await registered(
      "preview-none",
      answer.apply((a) => a.names),
    );
    expect(failures).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe("answeredInvoke at deployment", () => {
  beforeAll(() => installUnconfiguredProviderMocks(false));
  beforeEach(() => reset());

  it("refuses the empty answer, naming the invoke and its fields", async () => {
    const answer = answeredInvoke<{ names?: string[] }>("HardenedVpc core", "getZones", ["names"], pulumi.output({}));
    const { failures } = await registered(
      "update-empty",
      answer.apply((a) => a.names),
    );
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) {
      expect(m).toContain("HardenedVpc core: the provider answered getZones without names");
      expect(m).toContain("fix: check the provider's configuration");
    }
  });
});
