// A fixed-seed sample of hostile, oddly linked stacks through every policy with a stack part (the stack rules and
// the resource rules that judge some types against the rest of the stack): none may throw instead of reporting.
import fc from "fast-check";
import { allPolicies } from "../../policies/catalog";
import { PolicyFuzzer } from "./fuzz-runner";
import { stackArbitrary } from "./stack-arbitrary";

const SEED = 20_261_128;

describe("stack policies under hostile stacks", () => {
  const fuzzer = new PolicyFuzzer(allPolicies.filter((p) => "validateStack" in p));

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
