// ThreatDetection's caller tags go on its rules (EventBridge), topics (SNS), queue (SQS), alarm and findings bucket
// (S3), all held to letters, digits, spaces and _ . : / = + - @, and on the GuardDuty resources it makes: the detector
// (unless the caller's own is given) and the findings publishing destination (when findings are exported), whose keys
// take only ASCII letters, digits and _ + , - . / : ; < =. A key meets both sets. The findings bucket adds
// hardening:evidence, so an exporting detection leaves the caller 49.
import { installMocks } from "./mocks";
import { describeCallerTagRows, refused, taggedWith } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { ThreatDetection } from "../../../components/aws/threatDetection";

const subject = {
  component: "ThreatDetection",
  construct: (tags: unknown) => new ThreatDetection("n", { tags } as never),
  reserved: 1,
  cloud: "AWS",
  maxKeyLength: 128,
  guardDutyKeys: true,
  iamRole: false,
  taggedType: "aws:guardduty/detector:Detector",
};

describeCallerTagRows(subject);

const DETECTOR_ID = "12abc34d567e8fa901bc2d34e56789f0";
/** Neither a detector nor an export: no GuardDuty resource carries the tags. */
const withoutGuardDuty = {
  ...subject,
  construct: (tags: unknown) =>
    new ThreatDetection("n", { existingDetectorId: DETECTOR_ID, exportFindings: false, tags } as never),
  guardDutyKeys: false,
  taggedType: "aws:sqs/queue:Queue",
};
/** The caller's detector, its findings exported: the publishing destination is the one GuardDuty resource tagged. */
const exportingOnly = {
  ...subject,
  construct: (tags: unknown) =>
    new ThreatDetection("n", { existingDetectorId: DETECTOR_ID, exportFindings: true, tags } as never),
  taggedType: "aws:guardduty/publishingDestination:PublishingDestination",
};
/** A detector made here, its findings not exported: the detector is the one GuardDuty resource tagged. */
const detectorOnly = {
  ...subject,
  construct: (tags: unknown) => new ThreatDetection("n", { exportFindings: false, tags } as never),
};

describe("ThreatDetection (AWS) holds keys to GuardDuty's characters where GuardDuty carries them", () => {
  it.each([["cost center"], ["owner@team"], ["équipe"]])("refuses the key %j, naming it", (key) => {
    const { problems, message } = refused(subject, { [key]: "ops" });
    expect(problems).toEqual([[`tags.${key}`, key]]);
    expect(message).toContain("allowed: a key of ASCII letters, digits and _ + , - . / : ; < = only (GuardDuty's");
    expect(message).toContain("the tags go on the detector and the findings publishing destination)");
  });

  it("names the publishing destination alone when the caller's detector is exported from, untagged", () => {
    const { problems, message } = refused(exportingOnly, { "cost center": "ops" });
    expect(problems).toEqual([["tags.cost center", "cost center"]]);
    expect(message).toContain("(GuardDuty's tag-key characters: the tags go on the findings publishing destination)");
    expect(message).not.toContain("detector");
  });

  it("names the detector alone when findings are not exported", () => {
    const { message } = refused(detectorOnly, { "cost center": "ops" });
    expect(message).toContain("(GuardDuty's tag-key characters: the tags go on the detector)");
  });

  it("names both sets for a key failing both, each character once", () => {
    const { problems, message } = refused(subject, { "cost #center": "ops" });
    expect(problems).toEqual([["tags.cost #center", "cost #center"]]);
    expect(message).toContain("(GuardDuty's tag-key characters");
    expect(message).toContain("and of letters, digits, spaces and _ . : / = + - @ only (EventBridge's");
    expect(message).toContain('fix: rename the tag key without " ", "#"');
  });

  it("accepts keys both sets take", async () => {
    const tags = { "cost-center_1": "ops team 1", "app:name/x=y+z.2": "équipe" };
    expect(await taggedWith(subject, tags)).toEqual(expect.objectContaining(tags));
    expect(await taggedWith(exportingOnly, tags)).toEqual(expect.objectContaining(tags));
  });

  it("accepts keys GuardDuty refuses, and 50 tags, when no GuardDuty resource is tagged", async () => {
    const tags = { "cost center": "ops", "owner@team": "sre", équipe: "café" };
    expect(await taggedWith(withoutGuardDuty, tags)).toEqual(tags);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`team-${i}`, "ops"]));
    expect(await taggedWith(withoutGuardDuty, fifty)).toEqual(fifty);
  });
});

describe("ThreatDetection (AWS) holds values to the characters EventBridge, SNS and S3 take", () => {
  it.each([
    ["with a detector and an export", subject],
    ["with no GuardDuty resource tagged", withoutGuardDuty],
  ])("refuses a value with a comma and # %s", (_, construction) => {
    const { problems, message } = refused(construction, { owner: "ops, sre #1" });
    expect(problems).toEqual([["tags.owner", "a string of 11 characters"]]);
    expect(message).toContain("(EventBridge's, SNS's and S3's tag characters");
    expect(message).not.toContain("sre #1");
  });

  it("refuses a key with a comma with no GuardDuty resource tagged", () => {
    expect(refused(withoutGuardDuty, { "cost,center": "ops" }).problems).toEqual([["tags.cost,center", "cost,center"]]);
  });
});
