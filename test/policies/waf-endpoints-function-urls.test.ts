// require-waf-on-internet-endpoints on Lambda function URLs: public (authorizationType NONE) URLs take no web ACL.
import { requireWafOnInternetEndpoints } from "../../policies/stack/require-waf-on-internet-endpoints";
import { runStack, StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";
import { associationOf, distribution } from "./waf-endpoint-inputs";

const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";
const urlUrn = urnOf(FUNCTION_URL, "hook");

const functionUrl = (authorizationType: unknown): StackInput => ({
  type: FUNCTION_URL,
  name: "hook",
  props: { functionName: UNKNOWN, authorizationType },
});

describe("require-waf-on-internet-endpoints: Lambda function URLs", () => {
  stackTable(requireWafOnInternetEndpoints, [
    {
      name: "public function URL",
      resources: [functionUrl("NONE")],
      violations: 1,
      urn: urlUrn,
      mentions: "AWS WAF cannot be associated with Lambda function URLs; set authorizationType AWS_IAM",
    },
    { name: "public function URL, lower case", resources: [functionUrl("none")], violations: 1 },
    { name: "IAM-authorized function URL", resources: [functionUrl("AWS_IAM")], violations: 0 },
    {
      name: "IAM-authorized function URL behind CloudFront with a web ACL",
      resources: [functionUrl("AWS_IAM"), distribution({ type: FUNCTION_URL, name: "hook" })],
      violations: 0,
    },
    {
      name: "public function URL behind CloudFront with a web ACL is still called directly",
      resources: [functionUrl("NONE"), distribution({ type: FUNCTION_URL, name: "hook" })],
      violations: 1,
      urn: urlUrn,
    },
    {
      name: "a web ACL association with the URL does not count: WAF cannot attach",
      resources: [functionUrl("NONE"), associationOf(FUNCTION_URL, "hook")],
      violations: 1,
      urn: urlUrn,
    },
    { name: "authorization unknown at preview is a note", resources: [functionUrl(UNKNOWN)], violations: 0, notes: 1 },
  ] as StackCase[]);

  it("names the fix in the note for an unknown authorizationType", async () => {
    const [note] = await runStack(requireWafOnInternetEndpoints, [functionUrl(UNKNOWN)]);
    expect(note).toMatchObject({ level: "advisory", urn: urlUrn });
    expect(note.message).toContain("authorizationType is unknown");
    expect(note.message).toContain("origin access control");
  });
});
