// The internet ALB the WebFirewall origin-lock tests put behind WAF 3.0: Standard edition, so WAF is not built in.
import * as alicloud from "@pulumi/alicloud";

export function internetAlb(prefix: string): alicloud.alb.LoadBalancer {
  return new alicloud.alb.LoadBalancer(`${prefix}-alb`, {
    addressType: "Internet",
    loadBalancerEdition: "Standard",
    loadBalancerBillingConfig: { payType: "PayAsYouGo" },
    vpcId: "vpc-1",
    zoneMappings: [
      { vswitchId: "vsw-1", zoneId: "cn-hangzhou-h" },
      { vswitchId: "vsw-2", zoneId: "cn-hangzhou-i" },
    ],
  });
}
