import fc from "fast-check";
import { buildNetworkModel, internetExposures } from "../../lib/reachability";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

interface Rule {
  from: number;
  to: number;
  drop: boolean;
  priority: number;
}

/** Alibaba Cloud's documented semantics, port by port: the lowest priority number decides; on a tie, drop wins. */
function openByDefinition(rules: Rule[], port: number): boolean {
  const matching = rules.filter((r) => r.from <= port && port <= r.to);
  if (matching.length === 0) return false;
  const best = Math.min(...matching.map((r) => r.priority));
  return matching.filter((r) => r.priority === best).every((r) => !r.drop);
}

const ruleArb = fc
  .record({
    a: fc.integer({ min: 1, max: 40 }),
    b: fc.integer({ min: 1, max: 40 }),
    drop: fc.boolean(),
    priority: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ a, b, drop, priority }) => ({ from: Math.min(a, b), to: Math.max(a, b), drop, priority }));

describe("Alibaba Cloud rule-set evaluation", () => {
  it("matches the per-port definition for random accept/drop rule sets", () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { minLength: 1, maxLength: 6 }), (rules) => {
        const b = new StackBuilder();
        const n = aliNetwork(b);
        rules.forEach((r, i) =>
          rule(b, n.sg, `r${i}`, {
            portRange: `${r.from}/${r.to}`,
            cidrIp: "0.0.0.0/0",
            policy: r.drop ? "drop" : "accept",
            priority: r.priority,
          }),
        );
        b.add(A.instance, "h", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 1 });
        const rows = internetExposures(buildNetworkModel(b.resources));
        for (let port = 1; port <= 40; port++) {
          const found = rows.some((e) => e.ports.from <= port && port <= e.ports.to);
          if (found !== openByDefinition(rules, port)) return false;
        }
        return true;
      }),
      { numRuns: 200 },
    );
  });
});
