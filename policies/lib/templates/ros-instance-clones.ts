// ROS clones of an ECS instance (ALIYUN::ECS::InstanceClone, InstanceGroupClone, PrepayInstanceGroupClone), translated
// to the Pulumi Alicloud provider's instance for the login they set. Everything else (type, network, bandwidth, and
// the image unless ImageId is given) is the source instance's, which the template does not show, so only the login is
// read, and only when the clone sets one.
import { ECS_PASSWORD_LOGIN } from "../../rules/disallow-ecs-password-login";
import { defined, Translated, Translation } from "./embedded-resource";

const SOURCE_IMAGE_HINT =
  "without ImageId the clone runs the source instance's image (SourceInstanceId), which the template does not show";

const instanceClone: Translation = (read) => {
  const password = read("Password");
  const passwordInherit = read("PasswordInherit");
  if (password === undefined && passwordInherit === undefined) return [];
  const imageId = read("ImageId");
  const clone: Translated = {
    type: "alicloud:ecs/instance:Instance",
    props: defined({ password, passwordInherit, imageId, keyName: read("KeyPairName") }),
    judgedBy: [ECS_PASSWORD_LOGIN],
  };
  return [imageId === undefined ? { ...clone, hint: SOURCE_IMAGE_HINT } : clone];
};

export const ROS_INSTANCE_CLONE_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::ECS::InstanceClone", instanceClone],
  ["ALIYUN::ECS::InstanceGroupClone", instanceClone],
  ["ALIYUN::ECS::PrepayInstanceGroupClone", instanceClone],
]);
