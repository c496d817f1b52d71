// With `pulumi up --skip-preview` nothing stops at a preview: a zone the region does not offer must fail before the
// component creates anything (the flow-log project and store are retained on delete and would outlive the error).
import { registrationFailures } from "../registration-failures";
import { childrenOf, recorded, REGION, settle } from "./mocks";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";

const SWITCH = "alicloud:vpc/switch:Switch";

describe("HardenedVpc zone check", () => {
  it("fails on a listed zone the region does not offer before any child is registered", async () => {
    const failures = await registrationFailures(async () => {
      new HardenedVpc("elsewhere", { zones: [`${REGION}-h`, `${REGION}-k`] });
      await settle();
    });
    expect(recorded.filter((r) => r.name === "elsewhere").map((r) => r.type)).toEqual([
      "hardening:alicloud:HardenedVpc",
    ]);
    expect(childrenOf("elsewhere")).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain(`argument "zones[1]" is "${REGION}-k"`);
  });

  it("fails on more zones than the region offers before any child is registered", async () => {
    const failures = await registrationFailures(async () => {
      new HardenedVpc("wide", { zoneCount: 4 });
      await settle();
    });
    expect(childrenOf("wide")).toEqual([]);
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain('argument "zoneCount" is 4');
  });

  it("creates every child, the retained log project and store included, on zones the region offers", async () => {
    const failures = await registrationFailures(async () => {
      new HardenedVpc("offered", { zones: [`${REGION}-i`, `${REGION}-j`], tags: { team: "net" } });
      await settle();
    });
    expect(failures).toEqual([]);
    const types = new Set(childrenOf("offered").map((r) => r.type));
    for (const t of [
      "alicloud:vpc/network:Network",
      "alicloud:ecs/eipAddress:EipAddress",
      "alicloud:log/project:Project",
      "alicloud:log/store:Store",
      "alicloud:vpc/flowLog:FlowLog",
    ])
      expect(types).toContain(t);
    const switches = childrenOf("offered").filter((r) => r.type === SWITCH);
    expect(switches.map((s) => [s.name, s.inputs.zoneId]).sort()).toEqual([
      ["offered-private-0", `${REGION}-i`],
      ["offered-private-1", `${REGION}-j`],
      ["offered-public-0", `${REGION}-i`],
      ["offered-public-1", `${REGION}-j`],
    ]);
    // Waiting on the check leaves the values as they were.
    const byName = (n: string) => childrenOf("offered").find((r) => r.name === n);
    expect(byName("offered-vpc")?.inputs.tags).toEqual({ team: "net", "hardening:component": "HardenedVpc" });
    expect(byName("offered-public-0")?.inputs.tags).toEqual({
      team: "net",
      "hardening:component": "HardenedVpc",
      "hardening:tier": "public",
    });
    expect(byName("offered-flowlog-logs")?.inputs.projectName).toBe("offered-flowlog");
  });
});
