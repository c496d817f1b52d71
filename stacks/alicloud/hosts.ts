// Web and app hosts of one region: private vSwitches, no public bandwidth, key login only, hardened sshd, SSH from
// the region's bastion only.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { Bastion, HardenedVpc } from "../../components/alicloud";
import { bastionCloudInit } from "../../components/plan/sshd";
import { EstateConfig } from "./config";
import { Site, cloudName, inRegion, logicalName } from "./site";

/** Where layer-7 SLB listeners connect from (Alibaba Cloud's reserved SLB range; not routable from the internet). */
export const SLB_BACKEND_SOURCE = "100.64.0.0/10";
export const APP_PORT = 8080;

export interface Tier {
  securityGroup: alicloud.ecs.SecurityGroup;
  instances: alicloud.ecs.Instance[];
}

function tierGroup(site: Site, base: string, vpc: HardenedVpc, description: string): alicloud.ecs.SecurityGroup {
  const name = logicalName(site, base);
  return new alicloud.ecs.SecurityGroup(
    name,
    {
      vpcId: vpc.vpcId,
      securityGroupName: name,
      description,
      securityGroupType: "normal",
      innerAccessPolicy: "Drop",
    },
    inRegion(site),
  );
}

function accept(site: Site, base: string, group: alicloud.ecs.SecurityGroup, port: number, source: object): void {
  new alicloud.ecs.SecurityGroupRule(
    logicalName(site, base),
    {
      securityGroupId: group.id,
      type: "ingress",
      ipProtocol: "tcp",
      portRange: `${port}/${port}`,
      policy: "accept",
      priority: 1,
      nicType: "intranet",
      ...source,
    },
    inRegion(site),
  );
}

function hosts(
  tier: string,
  cfg: EstateConfig,
  site: Site,
  vpc: HardenedVpc,
  group: alicloud.ecs.SecurityGroup,
  imageId: pulumi.Output<string>,
): alicloud.ecs.Instance[] {
  return vpc.privateVswitchIds.map((vswitchId, i) => {
    const name = logicalName(site, `${tier}-${i}`);
    return new alicloud.ecs.Instance(
      name,
      {
        instanceName: cloudName(cfg, site, `${tier}-${i}`),
        hostName: name,
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
      },
      inRegion(site),
    );
  });
}

export function webAndAppTiers(
  cfg: EstateConfig,
  site: Site,
  vpc: HardenedVpc,
  bastion: Bastion,
): { web: Tier; app: Tier } {
  // Image ids differ per region: ask the region's own provider.
  const imageId = alicloud.ecs
    .getImagesOutput(
      { owners: "system", nameRegex: "^aliyun_3_x64_20G_alibase_.*", mostRecent: true },
      { provider: site.provider },
    )
    .apply((r) => {
      const id = r.images?.[0]?.id;
      if (!id)
        throw new Error(`no Alibaba Cloud Linux 3 system image found in ${site.region}; pin an image id instead`);
      return id;
    });

  const webGroup = tierGroup(site, "web-sg", vpc, "Web tier: HTTP from the load balancer, SSH from the bastion");
  accept(site, "web-http-from-slb", webGroup, 80, { cidrIp: SLB_BACKEND_SOURCE, description: "Layer-7 SLB listeners" });
  bastion.allowSshTo(webGroup.id, "web");

  const appGroup = tierGroup(site, "app-sg", vpc, "App tier: the app port from the web tier, SSH from the bastion");
  accept(site, "app-from-web", appGroup, APP_PORT, {
    sourceSecurityGroupId: webGroup.id,
    description: "Web tier only",
  });
  bastion.allowSshTo(appGroup.id, "app");

  return {
    web: { securityGroup: webGroup, instances: hosts("web", cfg, site, vpc, webGroup, imageId) },
    app: { securityGroup: appGroup, instances: hosts("app", cfg, site, vpc, appGroup, imageId) },
  };
}
