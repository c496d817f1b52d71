// AuditTrail's default bucket is `<name>-trail-<account id>`: a component name S3 would refuse there (capitals, or
// longer than 44 characters) is refused as argument `name`, with the bucket name it would make and the fix, before
// the key or the bucket is created, as TrafficForensics and ThreatDetection refuse theirs.
import { installMocks, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/aws/auditTrail";

const RULE = "3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit";
/** The longest name whose default bucket fits S3's 63 characters: 63 - "-trail-".length - 12 account digits. */
const LONGEST = 44;

beforeEach(() => reset());

describe("AuditTrail component names that make an invalid default bucket", () => {
  it.each([
    ["capitals (the red team's probe)", "OrgAudit"],
    ["48 characters", "a".repeat(48)],
    [`${LONGEST + 1} characters, one too many`, "a".repeat(LONGEST + 1)],
    ["an underscore", "org_audit"],
    ["one capital letter", "orgAudit"],
  ])("refuses %s as argument name, naming the bucket it would make", async (_label, name) => {
    const error = validationErrorOf(() => new AuditTrail(name));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["name", name]]);
    expect(error.message).toContain(
      `argument "name" is ${JSON.stringify(name)}; allowed: a component name that makes a valid S3 bucket name ` +
        `(${RULE}); it would make ${JSON.stringify(`${name}-trail-123456789012`)}; fix: pass bucketName`,
    );
    await settle();
    expect(recorded).toEqual([]);
  });

  it.each([
    [`${LONGEST} lower-case characters, the longest`, "a".repeat(LONGEST)],
    ["dots and dashes", "org.audit-1"],
  ])("accepts %s and names the bucket from it", async (_label, name) => {
    new AuditTrail(name);
    await settle();
    expect(one("aws:s3/bucket:Bucket").inputs.bucket).toBe(`${name}-trail-123456789012`);
  });

  it("accepts a capitalised component name once bucketName is given", async () => {
    new AuditTrail("OrgAudit", { bucketName: "org-audit-trail" });
    await settle();
    expect(one("aws:s3/bucket:Bucket").inputs.bucket).toBe("org-audit-trail");
    expect(one("aws:cloudtrail/trail:Trail").inputs.name).toBe("OrgAudit-trail");
  });
});
