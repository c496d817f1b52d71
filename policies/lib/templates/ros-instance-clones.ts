// ROS clones of an ECS instance (ALIYUN::ECS::InstanceClone, InstanceGroupClone, PrepayInstanceGroupClone), translated
// to the Pulumi Alicloud provider's instance for the login they set and, on InstanceGroupClone (the only clone whose
// specification takes Ipv6AddressCount and Ipv6Addresses), the IPv6 addresses they ask for, with the groups they name
// (SecurityGroupId, SecurityGroupIds), which the network model reads to judge what internet bandwidth on an address
// opens. Everything else (type, vSwitch, bandwidth, the groups unless named, and the image unless ImageId is given) is
// the source instance's, which the template does not show, so a clone is read only when it sets a login or addresses.
import { ALI } from "../../../lib/reachability/alicloud/tokens";
import { ECS_PASSWORD_LOGIN } from "../../rules/disallow-ecs-password-login";
import { defined, idList, Translated, Translation } from "./embedded-resource";
import { instanceIpv6, InstanceIpv6 } from "./ros-instance-ipv6";

const SOURCE_IMAGE_HINT =
  "without ImageId the clone runs the source instance's image (SourceInstanceId), which the template does not show";

const NO_IPV6: InstanceIpv6 = { ipv6AddressCount: undefined, ipv6Addresses: undefined };

/** `ipv6`: the clone type takes IPv6 addresses of its own. */
const instanceClone =
  (ipv6: boolean): Translation =>
  (read) => {
    const password = read("Password");
    const passwordInherit = read("PasswordInherit");
    const addresses = ipv6 ? instanceIpv6(read) : NO_IPV6;
    const login = password !== undefined || passwordInherit !== undefined;
    if (!login && addresses.ipv6AddressCount === undefined && addresses.ipv6Addresses === undefined) return [];
    const imageId = read("ImageId");
    const clone: Translated = {
      type: ALI.instance,
      props: defined({
        password,
        passwordInherit,
        imageId,
        keyName: read("KeyPairName"),
        securityGroups: idList(read("SecurityGroupId"), read("SecurityGroupIds")),
        ...addresses,
      }),
      judgedBy: [ECS_PASSWORD_LOGIN],
    };
    // The image matters only to the login (a public Windows image takes a password).
    return [login && imageId === undefined ? { ...clone, hint: SOURCE_IMAGE_HINT } : clone];
  };

export const ROS_INSTANCE_CLONE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::InstanceClone", instanceClone(false)],
  ["ALIYUN::ECS::InstanceGroupClone", instanceClone(true)],
  ["ALIYUN::ECS::PrepayInstanceGroupClone", instanceClone(false)],
]);
