// The pack shares one decoded props object among all policies of a resource (policies/lib/convert-once.ts): that is
// safe only while no policy writes to its props. Here every policy gets deeply frozen props, so any write throws
// (policies are strict-mode modules) and fails the call, over realistic stacks and hostile bags.
import fc from "fast-check";
import * as path from "path";
import { allPolicies, resourcePolicies } from "../../policies/catalog";
import { analyzeRequest, analyzeStackRequest } from "../../bench/synthetic/analyzer-requests";
import { syntheticStack } from "../../bench/synthetic/generate";
import { InProcessPack } from "../../bench/synthetic/in-process-pack";
import { loadPolicySdk } from "../../bench/synthetic/policy-sdk";
import { bagForAnyType } from "../fuzz/resource-shapes";
import { stackArbitrary } from "../fuzz/stack-arbitrary";

const SEED = 20_261_129;

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe("no policy writes to the props it is given", () => {
  const sdk = loadPolicySdk(path.join(__dirname, "../.."));
  const decode = sdk.deserialize.deserializeProperties;
  sdk.deserialize.deserializeProperties = (struct: unknown, proxySecrets: boolean) =>
    proxySecrets ? decode(struct, proxySecrets) : deepFreeze(decode(struct, proxySecrets));
  const pack = new InProcessPack(sdk, "read-only", allPolicies);

  it("holds for every resource policy over a realistic stack of 2,000 resources", async () => {
    expect(resourcePolicies.length).toBeGreaterThan(10);
    let violations = 0;
    for (const r of syntheticStack(2000)) {
      violations += (await pack.analyze(analyzeRequest(sdk.messages, r))).diagnostics.length;
    }
    // The stack holds insecure resources: the policies did run and report.
    expect(violations).toBeGreaterThan(100);
  }, 120_000);

  it("holds for every stack policy over the same stack", async () => {
    const outcome = await pack.analyzeStack(analyzeStackRequest(sdk.messages, syntheticStack(2000)));
    expect(outcome.diagnostics.length).toBeGreaterThan(0);
  }, 120_000);

  it("holds over hostile bags and hostile stacks", async () => {
    await fc.assert(
      fc.asyncProperty(bagForAnyType(), async (bag) => {
        const r = { ...bag, name: "fuzzed", urn: `urn:pulumi:fuzz::kit::${bag.type}::fuzzed` };
        await pack.analyze(analyzeRequest(sdk.messages, r));
      }),
      { seed: SEED, numRuns: 200 },
    );
    await fc.assert(
      fc.asyncProperty(stackArbitrary(), async (stack) => {
        await pack.analyzeStack(analyzeStackRequest(sdk.messages, stack));
      }),
      { seed: SEED, numRuns: 30 },
    );
  }, 300_000);

  it("would catch a policy that writes", async () => {
    const writer = {
      name: "writer",
      description: "writes to its props",
      enforcementLevel: "mandatory",
      validateResource: (args: any) => {
        args.props.tags.team = "changed";
      },
    };
    const withWriter = new InProcessPack(sdk, "read-only", [writer]);
    const r = syntheticStack(50).find((x) => x.props.tags && typeof x.props.tags === "object")!;
    await expect(withWriter.analyze(analyzeRequest(sdk.messages, r))).rejects.toThrow(/writer/);
  });
});
