// Image-build shapes and script lines shared by the tests of disallow-userdata-login-weakening over EC2 Image Builder
// components and container recipes and Alibaba Cloud Image Builder components.

export const OPEN_SSH = "echo 'PasswordAuthentication yes' >> /etc/ssh/sshd_config";
export const ROOT_LOGIN = "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config";
export const HARDENED = "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config";

export const IMAGE_BUILD = {
  component: "aws:imagebuilder/component:Component",
  containerRecipe: "aws:imagebuilder/containerRecipe:ContainerRecipe",
  ecsComponent: "alicloud:ecs/ecsImageComponent:EcsImageComponent",
};

/** An EC2 Image Builder component holding the AWSTOE document `data`. */
export const component = (data: unknown, platform: unknown = "Linux") => ({
  name: "base",
  platform,
  version: "1.0.0",
  data,
});

/** A component whose document runs `steps` in its build phase. */
export const toe = (steps: unknown[], extra: Record<string, unknown> = {}) =>
  component(JSON.stringify({ name: "doc", schemaVersion: 1.0, ...extra, phases: [{ name: "build", steps }] }));

export const step = (action: string, inputs: unknown, extra: Record<string, unknown> = {}) => ({
  name: "s",
  action,
  inputs,
  ...extra,
});

/** A container recipe's Dockerfile: Image Builder's own first lines, then `lines`. */
export const dockerfile = (...lines: string[]) =>
  ["FROM {{{ imagebuilder:parentImage }}}", "{{{ imagebuilder:environments }}}", ...lines].join("\n");

export const containerRecipe = (dockerfileTemplateData: unknown) => ({
  name: "base",
  version: "1.0.0",
  containerType: "DOCKER",
  parentImage: "arn:aws:imagebuilder:eu-central-1:aws:image/amazon-linux-x86-latest/x.x.x",
  targetRepository: { repositoryName: "base", service: "ECR" },
  dockerfileTemplateData,
});
