// Evidence of one region: flow logs to a write-once bucket, and a packet sensor in a private subnet that receives a
// mirror of the app host's traffic (the case's investigation stood on traffic mirroring).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HardenedVpc, TrafficForensics } from "../../components/aws";
import { Site, inRegion, logicalName } from "./site";
import { webTier } from "./web";

export function forensics(site: Site, vpc: HardenedVpc, web: ReturnType<typeof webTier>, amiId: pulumi.Input<string>) {
  const n = (base: string) => logicalName(site, base);
  const opts = inRegion(site);
  const sensorSg = new aws.ec2.SecurityGroup(
    n("forensics-sensor-sg"),
    {
      vpcId: vpc.vpcId,
      description: "Packet sensor: VXLAN mirror traffic from the VPC only",
      ingress: [
        { protocol: "udp", fromPort: 4789, toPort: 4789, cidrBlocks: [vpc.cidrBlock], description: "VXLAN mirror" },
      ],
      egress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
      ],
      tags: { Name: n("forensics-sensor-sg") },
    },
    opts,
  );
  const sensor = new aws.ec2.Instance(
    n("forensics-sensor"),
    {
      ami: amiId,
      instanceType: "c6i.large",
      subnetId: vpc.privateSubnets[1].id,
      vpcSecurityGroupIds: [sensorSg.id],
      associatePublicIpAddress: false,
      iamInstanceProfile: web.profile.name,
      metadataOptions: web.metadataOptions,
      rootBlockDevice: { encrypted: true, volumeType: "gp3", volumeSize: 100 },
      tags: { Name: n("forensics-sensor") },
    },
    opts,
  );
  return new TrafficForensics(
    n("forensics"),
    {
      vpcId: vpc.vpcId,
      mirroring: { targetEniId: sensor.primaryNetworkInterfaceId, sourceEniIds: [web.app.primaryNetworkInterfaceId] },
    },
    opts,
  );
}
