// Lambda function URLs: an HTTPS endpoint on lambda-url.<region>.on.aws that no web ACL can be associated with.
// With authorizationType NONE anyone on the internet calls it (the function's resource policy is the only gate);
// AWS_IAM takes only SigV4-signed requests, which is also how CloudFront reaches it through an origin access control.
import { GenericResource, isUnknown, Resolver } from "../../lib/reachability/internals";
import { Proof } from "../lib/proof";
import { StackFinding } from "../lib/stack-rule";
import { is } from "../lib/text-values";
import { distributionsMayHaveWaf, webAclInFront } from "./waf-endpoints-cloudfront";
import { unprotected } from "./waf-endpoint-findings";

export const FUNCTION_URL = "aws:lambda/functionUrl:FunctionUrl";

const FIX =
  "AWS WAF cannot be associated with Lambda function URLs; set authorizationType AWS_IAM and serve the function " +
  "through a CloudFront distribution with a web ACL (webAclId) and an origin access control for Lambda, or put it " +
  "behind an API Gateway REST API whose stage has a web ACL association";

/** NONE is public; AWS_IAM is not; the provider refuses any other value, so it never deploys. */
function publicUrl(url: GenericResource): Proof {
  const auth = url.inputs.authorizationType;
  if (isUnknown(auth)) return "unknown";
  return is(auth, "NONE") ? "yes" : "no";
}

/**
 * A public URL is a violation with or without CloudFront in front: it is still called directly, around the
 * distribution. An AWS_IAM URL passes whatever is in front of it; its distribution is judged on its own.
 */
export function functionUrlFindings(res: Resolver): StackFinding[] {
  const cdns = distributionsMayHaveWaf(res);
  return res.ofType(FUNCTION_URL).flatMap((url) => {
    const around =
      webAclInFront(cdns, url, []).waf !== "no" ? ", reachable around the CloudFront distribution in front of it" : "";
    return unprotected(
      url,
      `Lambda function URL with authorizationType "NONE" (a public HTTPS endpoint${around})`,
      publicUrl(url),
      {
        field: "authorizationType",
        question: 'whether the function URL is public ("NONE") or takes signed requests only',
      },
      FIX,
    );
  });
}
