import { computeExposures } from "../../engine/exposures";
import type { PlannedResource } from "../../engine/model";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";

function planned(b: StackBuilder): PlannedResource[] {
  return b.resources.map((r) => ({ ...r, parent: "urn:pulumi:test::kit::pulumi:pulumi:Stack::kit-test" }));
}

describe("computeExposures", () => {
  it("returns one row per path with its sources merged, in a stable order", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "ssh-office", { portRange: "22/22", cidrIp: "198.51.100.0/24" });
    rule(b, n.sg, "ssh-home", { portRange: "22/22", cidrIp: "203.0.113.0/24" });
    rule(b, n.sg, "https", { portRange: "443/443", cidrIp: "0.0.0.0/0" });
    const ecs = b.add(A.instance, "web", {
      vswitchId: ref(n.vswitch),
      securityGroups: [ref(n.sg)],
      internetMaxBandwidthOut: 5,
    });
    const rows = computeExposures(planned(b));
    expect(rows.map((r) => [r.resourceName, r.protocol, r.ports, r.sources])).toEqual([
      ["web", "tcp", "22", ["198.51.100.0/24"]],
      ["web", "tcp", "22", ["203.0.113.0/24"]],
      ["web", "tcp", "443", ["0.0.0.0/0"]],
    ]);
    expect(Object.keys(rows[0])).toEqual(["urn", "resourceName", "type", "protocol", "ports", "sources", "path"]);
    expect(rows[2]).toMatchObject({ urn: ecs.urn, type: "alicloud:ecs/instance:Instance" });
    expect(rows[2].path).toBe(
      "0.0.0.0/0 → public-ip:web (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule https (priority 1 accept) → ecs:web:443",
    );
    expect(computeExposures([...planned(b)].reverse())).toEqual(rows);
  });

  it("reads secret-wrapped inputs and returns nothing for a private stack", () => {
    const b = new StackBuilder();
    const n = aliNetwork(b);
    rule(b, n.sg, "ssh", { portRange: "22/22", cidrIp: "0.0.0.0/0" });
    const ecs = b.add(A.instance, "web", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
    expect(computeExposures(planned(b))).toEqual([]);
    ecs.inputs.internetMaxBandwidthOut = {
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: 10,
    };
    expect(computeExposures(planned(b)).map((r) => r.ports)).toEqual(["22"]);
  });
});
