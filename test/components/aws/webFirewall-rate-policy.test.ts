// The WebFirewall component's web ACL, as a preview would plan it, through require-waf-rate-limit: the rule and the
// component's rateLimit argument must agree on what is a flood limit.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, recorded, reset, settle } from "./mocks";

installMocks();
import { DEFAULT_RATE_LIMIT, WebFirewall } from "../../../components/aws/webFirewall";
import { DEFAULT_CEILING, requireWafRateLimit } from "../../../policies/stack/require-waf-rate-limit";
import { runStack } from "../../policies/harness";
import { asPreviewStack } from "../recorded-stack";

async function diagnosticsOf(rateLimit?: number) {
  reset();
  new WebFirewall("edge", {
    associateArns: ["arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/a/1"],
    ...(rateLimit === undefined ? {} : { rateLimit }),
  });
  await settle();
  const stack = asPreviewStack(recorded);
  expect(stack.filter((r) => r.type === "aws:wafv2/webAcl:WebAcl")).toHaveLength(1);
  return runStack(requireWafRateLimit, stack);
}

describe("AWS WebFirewall under require-waf-rate-limit", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("leaves room above the component's default (per 5 minutes, the ceiling's window)", () => {
    expect(DEFAULT_CEILING.windowSeconds).toBe(300);
    expect(DEFAULT_RATE_LIMIT).toBeLessThan(DEFAULT_CEILING.maxRequests);
  });

  it("passes with the default rateLimit", async () => {
    expect(await diagnosticsOf()).toEqual([]);
  });

  it("passes with a stricter rateLimit and one at the ceiling", async () => {
    expect(await diagnosticsOf(100)).toEqual([]);
    expect(await diagnosticsOf(DEFAULT_CEILING.maxRequests)).toEqual([]);
  });

  it("reports a rateLimit above the ceiling, which the component only warns about", async () => {
    const ds = await diagnosticsOf(DEFAULT_CEILING.maxRequests + 1);
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()])).toEqual([["mandatory", "edge-acl"]]);
    expect(ds[0].message).toContain("limit of rule rate-limit-per-ip is 10001 requests per 300 s");
  });
});
