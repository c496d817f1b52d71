// Evidence bucket names given as Outputs (AuditTrail.bucketName, TrafficForensics.bucketName,
// ThreatDetection.findingsBucketName) are checked once known, as plain names are: S3 would refuse a bad one only
// after the retained KMS key exists, so the key and the bucket wait for the check and a refused name creates neither.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/aws/auditTrail";
import { ThreatDetection } from "../../../components/aws/threatDetection";
import { TrafficForensics } from "../../../components/aws/trafficForensics";

const BUCKET = "aws:s3/bucket:Bucket";
const KEY = "aws:kms/key:Key";
const RULE =
  "allowed: 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit, not an IP address";

interface Component {
  label: string;
  subject: string;
  argument: string;
  build: (bucketName: pulumi.Input<string>) => void;
  /** Resources that must not exist while the name is refused: the evidence key and bucket, and what they serve. */
  guarded: string[];
}

const COMPONENTS: Component[] = [
  {
    label: "AuditTrail",
    subject: "AuditTrail trail",
    argument: "bucketName",
    build: (bucketName) => new AuditTrail("trail", { bucketName }),
    guarded: [KEY, BUCKET, "aws:cloudtrail/trail:Trail", "aws:cloudwatch/logGroup:LogGroup"],
  },
  {
    label: "TrafficForensics",
    subject: "TrafficForensics net",
    argument: "bucketName",
    build: (bucketName) =>
      new TrafficForensics("net", {
        vpcId: "vpc-1",
        bucketName,
        mirroring: { targetEniId: "eni-s", sourceEniIds: ["eni-a"] },
      }),
    guarded: [KEY, BUCKET, "aws:ec2/flowLog:FlowLog", "aws:ec2/trafficMirrorSession:TrafficMirrorSession"],
  },
  {
    label: "ThreatDetection",
    subject: "ThreatDetection gd",
    argument: "findingsBucketName",
    build: (findingsBucketName) => new ThreatDetection("gd", { findingsBucketName }),
    guarded: [BUCKET, "aws:guardduty/publishingDestination:PublishingDestination"],
  },
];

const rows = COMPONENTS.flatMap((c) =>
  [
    ["capitals and an underscore (the red team's probe)", "Evidence_Bucket"],
    ["an IP address", "192.168.5.4"],
    ["two characters", "ab"],
    ["64 characters", "a".repeat(64)],
  ].map(([what, value]) => [`${c.label} ${c.argument}: ${what}`, c, value] as const),
);

beforeEach(() => reset());

describe("bucket names given as Outputs", () => {
  // Silences the warnings some components log by default (no alarm topic, and so on): not this test's business.
  beforeEach(() => jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve()));
  afterEach(() => jest.restoreAllMocks());

  it.each(rows)("refuses %s once known, before the key and bucket", async (_label, component, value) => {
    const failures = await registrationFailures(async () => {
      component.build(pulumi.output(value));
      await settle();
    });
    expect(failures).toEqual([expect.stringMatching(new RegExp(`^${component.subject}: 1 invalid argument:`))]);
    expect(failures[0]).toContain(`argument "${component.argument}" is ${JSON.stringify(value)}; ${RULE}`);
    expect(failures[0]).not.toContain("error serializing");
    for (const type of component.guarded) expect([type, ofType(type).length]).toEqual([type, 0]);
    // ThreatDetection's findings key is named for the export; the topics' key is not guarded by the bucket name.
    expect(ofType(KEY).filter((k) => /findings|evidence|trail/.test(k.name))).toEqual([]);
  });

  it.each(COMPONENTS.map((c) => [c.label, c] as const))(
    "%s creates its key and bucket under a valid name given as an Output",
    async (_label, component) => {
      const failures = await registrationFailures(async () => {
        component.build(pulumi.output("org-evidence.2026"));
        await settle();
      });
      expect(failures).toEqual([]);
      expect(ofType(BUCKET).map((b) => b.inputs.bucket)).toEqual(["org-evidence.2026"]);
      for (const type of component.guarded) expect(ofType(type).length).toBeGreaterThan(0);
      expect(ofType(KEY).filter((k) => /findings|evidence|trail/.test(k.name))).toHaveLength(1);
    },
  );
});
