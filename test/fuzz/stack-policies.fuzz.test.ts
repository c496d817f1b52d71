// A fixed-seed sample of hostile, oddly linked stacks through every stack policy: none may throw instead of reporting.
import fc from "fast-check";
import { stackPolicies } from "../../policies/stack";
import { PolicyFuzzer } from "./fuzz-runner";
import { stackArbitrary } from "./stack-arbitrary";

const SEED = 20_261_128;

describe("stack policies under hostile stacks", () => {
  const fuzzer = new PolicyFuzzer(stackPolicies);

  it("never crash on 40 hostile stacks", async () => {
    await fc.assert(
      fc.asyncProperty(stackArbitrary(15), async (resources) => {
        const { crashes } = await fuzzer.analyzeStack(resources);
        expect(crashes).toEqual([]);
      }),
      { seed: SEED, numRuns: 40 },
    );
  }, 300_000);
});
