// The launch template types a launch may name, per cloud (require-imdsv2 resolves launches to them).
export const AWS_TEMPLATES: readonly string[] = ["aws:ec2/launchTemplate:LaunchTemplate"];
export const ALICLOUD_TEMPLATES: readonly string[] = [
  "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate",
  "alicloud:ecs/launchTemplate:LaunchTemplate",
];
