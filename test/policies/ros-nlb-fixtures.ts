// A ROS template's NLB in VSwitch `Vsw` of VPC `Vpc`: internet-facing through EIP `Eip`, or intranet.
import { TemplateResources } from "./templates-fixtures";

export const ref = (id: string) => ({ Ref: id });
export const getAtt = (id: string, attribute: string) => ({ "Fn::GetAtt": [id, attribute] });

/** The EIP and the balancer `Lb`. */
export function rosNlb(internet: boolean | undefined): TemplateResources {
  return {
    Eip: { Type: "ALIYUN::VPC::EIP", Properties: { Bandwidth: 10 } },
    Lb: {
      Type: "ALIYUN::NLB::LoadBalancer",
      Properties: {
        AddressType: internet ? "Internet" : "Intranet",
        AddressIpVersion: "Ipv4",
        VpcId: ref("Vpc"),
        ZoneMappings: [
          {
            ZoneId: "cn-hangzhou-h",
            VSwitchId: ref("Vsw"),
            ...(internet ? { AllocationId: getAtt("Eip", "AllocationId") } : {}),
          },
        ],
      },
    },
  };
}
