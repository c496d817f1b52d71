// A provider configured from a value the preview does not know answers every invoke with `{}`: the components read
// that as "not known yet" (unknown zones, image and region, checks at deployment), never as a region with no zones
// or no image. A configured provider's empty answer is still the region's own, and refused as before.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import {
  answers,
  childrenOfType,
  failuresOf,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
  recorded,
  UNCONFIGURED,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks();
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/alicloud/auditTrail";
import { Bastion } from "../../../components/alicloud/bastion";
import { HardenedVpc } from "../../../components/alicloud/hardenedVpc";
import { providerRegion } from "../../../components/alicloud/zones";

const T = {
  zones: "alicloud:index/getZones:getZones",
  images: "alicloud:ecs/getImages:getImages",
  regions: "alicloud:index/getRegions:getRegions",
  vswitch: "alicloud:vpc/switch:Switch",
  instance: "alicloud:ecs/instance:Instance",
  trail: "alicloud:actiontrail/trail:Trail",
};
const CONFIGURED = "configured";
const provider = (name: string) => new alicloud.Provider(name, { region: "ap-southeast-1" });
const bastionArgs = {
  vpcId: "vpc-1",
  vpcCidr: "10.0.0.0/16",
  vswitchId: "vsw-1",
  keyName: "ops",
  allowedCidrs: ["203.0.113.0/28"],
};

quietAndResetEachTest();

describe("HardenedVpc through a provider the preview cannot configure", () => {
  it("registers its vSwitches with the zones unknown, and fails nothing", async () => {
    expect(await failuresOf(() => new HardenedVpc("late", {}, { provider: provider(UNCONFIGURED) }))).toEqual([]);
    const switches = childrenOfType("late", T.vswitch);
    expect(switches.length).toBeGreaterThanOrEqual(4);
    for (const s of switches) expect(pulumi.isUnknown(s.inputs.zoneId)).toBe(true);
  });

  it("leaves listed zones to be checked at deployment", async () => {
    const zones = ["ap-southeast-1a", "ap-southeast-1b"];
    expect(await failuresOf(() => new HardenedVpc("listed", { zones }, { provider: provider(UNCONFIGURED) }))).toEqual(
      [],
    );
    expect(childrenOfType("listed", T.vswitch).length).toBeGreaterThanOrEqual(4);
  });

  it("still refuses a region that really offers no zones", async () => {
    answers.set(T.zones, { ids: [], zones: [] });
    const failures = await failuresOf(() => new HardenedVpc("bare", {}, { provider: provider(CONFIGURED) }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain("at most the 0 zone(s) that can create vSwitches here");
    expect(childrenOfType("bare", T.vswitch)).toEqual([]);
  });
});

describe("Bastion through a provider the preview cannot configure", () => {
  it("registers the instance with the image unknown, not missing", async () => {
    expect(await failuresOf(() => new Bastion("late", bastionArgs, { provider: provider(UNCONFIGURED) }))).toEqual([]);
    const [instance] = childrenOfType("late", T.instance);
    expect(pulumi.isUnknown(instance.inputs.imageId)).toBe(true);
  });

  it("still refuses a region that really has no Alibaba Cloud Linux 3 image", async () => {
    answers.set(T.images, { ids: [], images: [] });
    const failures = await failuresOf(() => new Bastion("bare", bastionArgs, { provider: provider(CONFIGURED) }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures)
      expect(m).toContain('Bastion "bare": no Alibaba Cloud Linux 3 image found; fix: pass imageId');
  });

  it("uses the image a configured provider answers", async () => {
    answers.set(T.images, {
      ids: ["aliyun_3_x64_20G_alibase_1.vhd"],
      images: [{ id: "aliyun_3_x64_20G_alibase_1.vhd" }],
    });
    expect(await failuresOf(() => new Bastion("found", bastionArgs, { provider: provider(CONFIGURED) }))).toEqual([]);
    expect(childrenOfType("found", T.instance)[0].inputs.imageId).toBe("aliyun_3_x64_20G_alibase_1.vhd");
  });
});

describe("the provider's region through a provider the preview cannot configure", () => {
  it("is unknown, so the trail's project ARN names no undefined region", async () => {
    const p = provider(UNCONFIGURED);
    const failures = await failuresOf(() => new AuditTrail("late", { bucketName: "acme-late-trail" }, { provider: p }));
    expect(failures).toEqual([]);
    const [trail] = childrenOfType("late", T.trail);
    expect(pulumi.isUnknown(trail.inputs.slsProjectArn)).toBe(true);
  });

  it("is the region a configured provider answers", async () => {
    answers.set(T.regions, { ids: ["ap-southeast-1"], regions: [{ id: "ap-southeast-1" }] });
    const region = await new Promise((resolve) =>
      providerRegion("Holder h", { provider: provider(CONFIGURED) }).apply((r) => resolve(r)),
    );
    expect(region).toBe("ap-southeast-1");
    expect(recorded.some((r) => r.type === "pulumi:providers:alicloud")).toBe(true);
  });
});
