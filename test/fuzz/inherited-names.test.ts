// Objects from a user's program may carry a key every object inherits ("toString": null): String() and template
// literals throw on them, which once failed whole Analyze calls. Every policy meets such an object in each field of
// each type the fuzzer knows, one field at a time and all at once, in both parts.
import { allPolicies } from "../../policies/catalog";
import { run, runStack } from "../policies/harness";
import { resourceShapes } from "./resource-shapes";

const POISONS: unknown[] = [{ toString: null }, { toString: 1, valueOf: null }, [{ toString: null }]];

type AnyPolicy = (typeof allPolicies)[number] & { validateResource?: unknown; validateStack?: unknown };

function bags(shape: Record<string, unknown>, poison: unknown): Record<string, unknown>[] {
  const fields = Object.keys(shape);
  return [Object.fromEntries(fields.map((f) => [f, poison])), ...fields.map((f) => ({ [f]: poison }))];
}

it("no policy throws on fields whose objects hide toString or valueOf", async () => {
  const thrown: string[] = [];
  const attempt = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (e) {
      thrown.push(`${what}: ${String((e as Error).message).split("\n")[0]}`);
    }
  };
  for (const [type, shape] of Object.entries(resourceShapes))
    for (const poison of POISONS)
      for (const props of bags(shape, poison))
        for (const p of allPolicies as AnyPolicy[]) {
          const what = `${p.name} on ${type} ${Object.keys(props).join(",")}`;
          if (p.validateResource) await attempt(what, () => run(p as never, type, props));
          if (p.validateStack)
            await attempt(`${what} (stack)`, () => runStack(p as never, [{ type, name: "r", props }]));
        }
  expect(thrown).toEqual([]);
});
