// The WebFirewall component's WAF 3.0 domains, templates and rules, as a preview would plan them, through
// require-waf-rate-limit: the cc template and the rate-limited custom rule must each count as flood protection.
import * as pulumi from "@pulumi/pulumi";
import { recorded, settle } from "./mocks";
import { DEFAULT_RATE_LIMIT, RateLimitOptions } from "../../../components/plan/alicloud-waf";
import { WebFirewall } from "../../../components/alicloud/webFirewall";
import { DEFAULT_CEILING, requireWafRateLimit } from "../../../policies/stack/require-waf-rate-limit";
import { runStack, StackInput, UNKNOWN, urnOf } from "../../policies/harness";
import { asPreviewStack, RecordedResource } from "../recorded-stack";

const TEMPLATE = "alicloud:wafv3/defenseTemplate:DefenseTemplate";
const RULE = "alicloud:wafv3/defenseRule:DefenseRule";
const DOMAIN = "alicloud:wafv3/domain:Domain";

/** The mocks answer a template's defenseTemplateId with 100 + its name's length; a preview does not know it yet. */
function withUnknownTemplateIds(component: RecordedResource[], stack: StackInput[]): StackInput[] {
  const templates = component.filter((r) => r.type === TEMPLATE);
  return stack.map((r) => {
    if (r.type !== RULE) return r;
    const owner = templates.filter((t) => 100 + t.name.length === r.props.templateId);
    expect(owner).toHaveLength(1);
    return {
      ...r,
      props: { ...r.props, templateId: UNKNOWN },
      propertyDependencies: { ...r.propertyDependencies, templateId: [urnOf(TEMPLATE, owner[0].name)] },
    };
  });
}

async function stackOf(name: string, rateLimit?: RateLimitOptions): Promise<StackInput[]> {
  new WebFirewall(name, {
    domains: [
      { domain: `www.${name}.example.com`, backends: ["198.51.100.9"] },
      { domain: `api.${name}.example.com`, backends: ["198.51.100.10"] },
    ],
    backToOriginCidrs: ["47.110.182.0/24"],
    manageLogCollection: false,
    ...(rateLimit ? { rateLimit } : {}),
  });
  await settle();
  const component = recorded.filter((r) => r.name.startsWith(`${name}-`));
  const stack = withUnknownTemplateIds(component, asPreviewStack(component));
  expect(stack.filter((r) => r.type === DOMAIN)).toHaveLength(2);
  return stack;
}

const without = (stack: StackInput[], ruleSuffix: string) =>
  stack.filter((r) => !(r.type === RULE && r.name.endsWith(ruleSuffix)));

describe("Alibaba Cloud WebFirewall under require-waf-rate-limit", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it("leaves room above the component's default once scaled to the ceiling's window", () => {
    const d = DEFAULT_RATE_LIMIT;
    expect((d.threshold * DEFAULT_CEILING.windowSeconds) / d.intervalSeconds).toBeLessThan(DEFAULT_CEILING.maxRequests);
  });

  it("passes with the defaults, at preview", async () => {
    expect(await runStack(requireWafRateLimit, await stackOf("dflt"))).toEqual([]);
  });

  it("passes on the cc template alone and on the rate-limited custom rule alone", async () => {
    const stack = await stackOf("halves");
    expect(await runStack(requireWafRateLimit, without(stack, "-rate-limit-rule"))).toEqual([]);
    expect(await runStack(requireWafRateLimit, without(stack, "-cc-rule"))).toEqual([]);
  });

  it("reports both domains when neither protection is left", async () => {
    const stack = without(without(await stackOf("bare"), "-rate-limit-rule"), "-cc-rule");
    const ds = await runStack(requireWafRateLimit, stack);
    expect(ds.map((d) => [d.level, d.urn?.split("::").pop()]).sort()).toEqual([
      ["mandatory", "bare-domain-0"],
      ["mandatory", "bare-domain-1"],
    ]);
    expect(ds[0].message).toContain("has no cc defense rule");
  });

  it("reports a looser rate limit only when the cc template is gone too", async () => {
    const loose = { threshold: 5000, intervalSeconds: 60, blockSeconds: 600 };
    const stack = await stackOf("loose", loose);
    expect(await runStack(requireWafRateLimit, stack)).toEqual([]);
    const ds = await runStack(requireWafRateLimit, without(stack, "-cc-rule"));
    expect(ds).toHaveLength(2);
    expect(ds[0].message).toContain("5000 requests per 60 s (25000 per 300 s), above the ceiling");
  });
});
