// The Alibaba Cloud host most network tables probe: an ECS instance with public bandwidth (so the internet reaches
// it over IPv4) behind one security group, whose rules each row gives.
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

/** An ECS instance with public bandwidth and the given rules (by name) on its group; `extra` adds to the stack. */
export function aliPublic(
  rules: Record<string, Record<string, unknown>>,
  extra: (b: StackBuilder, n: ReturnType<typeof aliNetwork>) => void = () => {},
): StackBuilder {
  const b = new StackBuilder();
  const n = aliNetwork(b);
  for (const [name, inputs] of Object.entries(rules)) rule(b, n.sg, name, inputs);
  b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)], internetMaxBandwidthOut: 10 });
  extra(b, n);
  return b;
}
