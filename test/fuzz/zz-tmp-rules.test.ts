import fc from "fast-check";
import * as fs from "fs";
import * as path from "path";
import { PolicyFuzzer } from "./fuzz-runner";
import { bagForAnyType } from "./resource-shapes";

const dir = path.resolve(__dirname, "../../policies/rules");
const policies: any[] = [];
for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".ts"))) {
  for (const v of Object.values(require(path.join(dir, f))))
    if (v && typeof v === "object" && "name" in (v as any)) policies.push(v);
}
it("tmp", async () => {
  const f = new PolicyFuzzer(policies);
  const bags = fc.sample(bagForAnyType(), { seed: 7, numRuns: 1500 });
  const slow: string[] = [];
  for (let i = 0; i < bags.length; i++) {
    const o = await f.analyze(bags[i]);
    if (o.slowest.ms > 300)
      slow.push(
        `${i} ${o.slowest.policy} ${bags[i].type} ${Math.round(o.slowest.ms)} ${JSON.stringify(bags[i].props, (_k, v) => (typeof v === "string" && v.length > 60 ? `${v.slice(0, 60)}…(${v.length})` : Array.isArray(v) && v.length > 4 ? [...v.slice(0, 2), `…(${v.length} items)`] : v)).slice(0, 700)}`,
      );
  }
  console.log(slow.join("\n"));
}, 900000);
