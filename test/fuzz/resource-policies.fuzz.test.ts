// A fixed-seed sample of hostile bags through every resource policy: none may throw instead of reporting.
import fc from "fast-check";
import { resourcePolicies } from "../../policies/catalog";
import { PolicyFuzzer } from "./fuzz-runner";
import { bagForAnyType } from "./resource-shapes";

const SEED = 20_261_128;

describe("resource policies under hostile inputs", () => {
  const fuzzer = new PolicyFuzzer(resourcePolicies);

  it("never crash on 300 hostile bags", async () => {
    await fc.assert(
      fc.asyncProperty(bagForAnyType(), async (bag) => {
        const { crashes } = await fuzzer.analyze(bag);
        expect(crashes).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  }, 300_000);
});
