// At deployment every provider is configured, so a region lookup answered without its fields is refused, naming the
// component whose provider answered, rather than read as no region.
import * as alicloud from "@pulumi/alicloud";
import { registrationFailures } from "../registration-failures";
import {
  answers,
  childrenOfType,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
  settle,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks(false);
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/alicloud/auditTrail";

quietAndResetEachTest();

describe("an empty region answer at deployment", () => {
  it("names the component in the refusal, and registers no trail", async () => {
    answers.set("alicloud:index/getRegions:getRegions", {});
    answers.set("alicloud:index/getAccount:getAccount", { id: "1234567890123456" });
    const provider = new alicloud.Provider("configured", { region: "ap-southeast-1" });
    const failures = await registrationFailures(async () => {
      new AuditTrail("audit", { bucketName: "acme-audit-trail" }, { provider });
      await settle();
    });
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures)
      expect(m).toContain('AuditTrail "audit": provider region: the provider answered getRegions without regions');
    expect(childrenOfType("audit", "alicloud:actiontrail/trail:Trail")).toEqual([]);
  });
});
