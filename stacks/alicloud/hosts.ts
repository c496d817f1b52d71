// Web and app hosts: private vSwitches, no public bandwidth, key login only, hardened sshd, SSH from the bastion only.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Bastion, HardenedVpc } from "../../components/alicloud";
import { bastionCloudInit } from "../../components/plan/sshd";
import { EstateConfig } from "./config";

/** Where layer-7 SLB listeners connect from (Alibaba Cloud's reserved SLB range; not routable from the internet). */
export const SLB_BACKEND_SOURCE = "100.64.0.0/10";
export const APP_PORT = 8080;

export interface Tier {
  securityGroup: alicloud.ecs.SecurityGroup;
  instances: alicloud.ecs.Instance[];
}

function tierGroup(name: string, vpc: HardenedVpc, description: string): alicloud.ecs.SecurityGroup {
  return new alicloud.ecs.SecurityGroup(name, {
    vpcId: vpc.vpcId,
    securityGroupName: name,
    description,
    securityGroupType: "normal",
    innerAccessPolicy: "Drop",
  });
}

function accept(name: string, group: alicloud.ecs.SecurityGroup, port: number, source: object): void {
  new alicloud.ecs.SecurityGroupRule(name, {
    securityGroupId: group.id,
    type: "ingress",
    ipProtocol: "tcp",
    portRange: `${port}/${port}`,
    policy: "accept",
    priority: 1,
    nicType: "intranet",
    ...source,
  });
}

function hosts(
  tier: string,
  cfg: EstateConfig,
  vpc: HardenedVpc,
  group: alicloud.ecs.SecurityGroup,
  imageId: pulumi.Output<string>,
): alicloud.ecs.Instance[] {
  return vpc.privateVswitchIds.map(
    (vswitchId, i) =>
      new alicloud.ecs.Instance(`${tier}-${i}`, {
        instanceName: `${cfg.company}-${tier}-${i}`,
        hostName: `${tier}-${i}`,
        instanceType: "ecs.g7.large",
        imageId,
        vswitchId,
        securityGroups: [group.id],
        keyName: cfg.instanceKeyName,
        internetMaxBandwidthOut: 0,
        httpEndpoint: "enabled",
        httpTokens: "required",
        securityEnhancementStrategy: "Active",
        systemDiskCategory: "cloud_essd",
        systemDiskSize: 60,
        systemDiskEncrypted: true,
        userData: bastionCloudInit({ os: "alibaba-cloud-linux", allowUsers: ["ecs-user"] }),
        tags: { "hardening:tier": tier },
      }),
  );
}

export function webAndAppTiers(cfg: EstateConfig, vpc: HardenedVpc, bastion: Bastion): { web: Tier; app: Tier } {
  const imageId = alicloud.ecs
    .getImagesOutput({ owners: "system", nameRegex: "^aliyun_3_x64_20G_alibase_.*", mostRecent: true })
    .apply((r) => {
      const id = r.images?.[0]?.id;
      if (!id) throw new Error("no Alibaba Cloud Linux 3 system image found in this region; pin an image id instead");
      return id;
    });

  const webGroup = tierGroup("web-sg", vpc, "Web tier: HTTP from the load balancer, SSH from the bastion");
  accept("web-http-from-slb", webGroup, 80, { cidrIp: SLB_BACKEND_SOURCE, description: "Layer-7 SLB listeners" });
  bastion.allowSshTo(webGroup.id, "web");

  const appGroup = tierGroup("app-sg", vpc, "App tier: the app port from the web tier, SSH from the bastion");
  accept("app-from-web", appGroup, APP_PORT, { sourceSecurityGroupId: webGroup.id, description: "Web tier only" });
  bastion.allowSshTo(appGroup.id, "app");

  return {
    web: { securityGroup: webGroup, instances: hosts("web", cfg, vpc, webGroup, imageId) },
    app: { securityGroup: appGroup, instances: hosts("app", cfg, vpc, appGroup, imageId) },
  };
}
