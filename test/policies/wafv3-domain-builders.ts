// The WAF 3.0 domain (CNAME access) the WAF endpoint rule tests put in front of an Alibaba Cloud origin.
import { StackInput, UNKNOWN } from "./harness";

export const WAF_DOMAIN = "alicloud:wafv3/domain:Domain";

/** A WAF 3.0 domain whose backends flow from `backendSources`; `deps` overrides how. */
export const wafv3Domain = (
  backendSources: string[],
  backends: unknown[] = [UNKNOWN],
  deps?: Pick<StackInput, "propertyDependencies" | "dependencies">,
): StackInput => ({
  type: WAF_DOMAIN,
  name: "shop",
  props: {
    instanceId: UNKNOWN,
    domain: "shop.example.com",
    accessType: "share",
    listen: { httpsPorts: [443] },
    redirect: { backends, loadbalance: "iphash" },
  },
  ...(deps ?? { propertyDependencies: { redirect: backendSources } }),
});
