// WebFirewall's caller tags go on its web ACL (WAF's characters), log group (CloudWatch Logs') and the origin rules
// its methods make: security group rules (EC2's 127-character keys) and listener rules. No IAM resource: keys stay
// case-sensitive.
import { installMocks } from "./mocks";
import { describeCallerTagRows } from "./caller-tags.cases";

installMocks();
// Imported after the mocks are in place.
import { WebFirewall } from "../../../components/aws/webFirewall";

describeCallerTagRows({
  component: "WebFirewall",
  construct: (tags: unknown) => new WebFirewall("n", { tags } as never),
  reserved: 0,
  cloud: "EC2",
  maxKeyLength: 127,
  iamRole: false,
  taggedType: "aws:wafv2/webAcl:WebAcl",
});
