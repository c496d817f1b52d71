// The web tier of one region: an internet-facing ALB (the only thing open to the internet, 443 and a redirecting 80),
// app hosts in private subnets reachable only from the ALB, no public IPs, IMDSv2, encrypted disks.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HardenedVpc } from "../../components/aws";
import { Site, backupTag, inRegion, logicalName, readIn } from "./site";

export const APP_PORT = 8080;

export interface WebTierArgs {
  site: Site;
  vpc: HardenedVpc;
  zone: aws.route53.Zone;
  hostName: pulumi.Input<string>;
  amiId: pulumi.Input<string>;
}

export function webTier(args: WebTierArgs) {
  const { site, vpc } = args;
  const n = (base: string) => logicalName(site, base);
  const opts = inRegion(site);
  const albSg = new aws.ec2.SecurityGroup(
    n("web-alb-sg"),
    {
      vpcId: vpc.vpcId,
      description: "ALB: HTTPS and redirecting HTTP from the internet",
      ingress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS" },
        {
          protocol: "tcp",
          fromPort: 80,
          toPort: 80,
          cidrBlocks: ["0.0.0.0/0"],
          description: "HTTP, redirected to HTTPS",
        },
      ],
      egress: [],
      tags: { Name: n("web-alb-sg") },
    },
    opts,
  );
  const appSg = new aws.ec2.SecurityGroup(
    n("web-app-sg"),
    {
      vpcId: vpc.vpcId,
      description: "App hosts: traffic from the ALB only",
      ingress: [],
      egress: [
        { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
      ],
      tags: { Name: n("web-app-sg") },
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    n("web-alb-to-app"),
    {
      securityGroupId: albSg.id,
      referencedSecurityGroupId: appSg.id,
      ipProtocol: "tcp",
      fromPort: APP_PORT,
      toPort: APP_PORT,
      description: "ALB to app hosts",
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    n("web-app-from-alb"),
    {
      securityGroupId: appSg.id,
      referencedSecurityGroupId: albSg.id,
      ipProtocol: "tcp",
      fromPort: APP_PORT,
      toPort: APP_PORT,
      description: "From the ALB only",
    },
    opts,
  );

  // ACM certificates are regional: each region's ALB gets its own for the same host name.
  const certificate = new aws.acm.Certificate(
    n("web-cert"),
    { domainName: args.hostName, validationMethod: "DNS" },
    opts,
  );
  const validation = certificate.domainValidationOptions[0];
  const validationRecord = new aws.route53.Record(
    n("web-cert-validation"),
    {
      zoneId: args.zone.zoneId,
      name: validation.resourceRecordName,
      type: validation.resourceRecordType,
      records: [validation.resourceRecordValue],
      ttl: 60,
      // ACM gives one account the same validation record for a name in every region: the standby's is the primary's.
      ...(site.role === "standby" ? { allowOverwrite: true } : {}),
    },
    opts,
  );
  const validated = new aws.acm.CertificateValidation(
    n("web-cert-validated"),
    { certificateArn: certificate.arn, validationRecordFqdns: [validationRecord.fqdn] },
    opts,
  );

  const alb = new aws.lb.LoadBalancer(
    n("web-alb"),
    {
      loadBalancerType: "application",
      internal: false,
      securityGroups: [albSg.id],
      subnets: vpc.publicSubnetIds,
      dropInvalidHeaderFields: true,
      enableDeletionProtection: true,
      tags: { Name: n("web-alb") },
    },
    opts,
  );
  const targets = new aws.lb.TargetGroup(
    n("web-app-targets"),
    {
      vpcId: vpc.vpcId,
      port: APP_PORT,
      protocol: "HTTP",
      targetType: "instance",
      healthCheck: { path: "/health", matcher: "200", protocol: "HTTP" },
    },
    opts,
  );
  new aws.lb.Listener(
    n("web-https"),
    {
      loadBalancerArn: alb.arn,
      port: 443,
      protocol: "HTTPS",
      sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
      certificateArn: validated.certificateArn,
      defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
    },
    opts,
  );
  new aws.lb.Listener(
    n("web-http-redirect"),
    {
      loadBalancerArn: alb.arn,
      port: 80,
      protocol: "HTTP",
      defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
    },
    opts,
  );

  const role = new aws.iam.Role(
    n("web-app-role"),
    {
      assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    },
    opts,
  );
  new aws.iam.RolePolicyAttachment(
    n("web-app-ssm"),
    {
      role: role.name,
      // The managed policy's ARN carries the partition: `aws` alone does not exist in China or GovCloud.
      policyArn: pulumi.interpolate`arn:${aws.getPartitionOutput({}, readIn(site)).partition}:iam::aws:policy/AmazonSSMManagedInstanceCore`,
    },
    opts,
  );
  const profile = new aws.iam.InstanceProfile(n("web-app-profile"), { role: role.name }, opts);
  const metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" };
  const template = new aws.ec2.LaunchTemplate(
    n("web-app-template"),
    {
      imageId: args.amiId,
      // Nitro type: traffic mirroring needs it.
      instanceType: "m6i.large",
      iamInstanceProfile: { name: profile.name },
      metadataOptions,
      networkInterfaces: [
        { associatePublicIpAddress: "false", securityGroups: [appSg.id], deleteOnTermination: "true" },
      ],
      blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 20 } }],
      tags: { Name: n("web-app-template") },
    },
    opts,
  );
  const app = new aws.ec2.Instance(
    n("web-app-0"),
    {
      launchTemplate: { id: template.id, version: "$Latest" },
      subnetId: vpc.privateSubnets[0].id,
      vpcSecurityGroupIds: [appSg.id],
      associatePublicIpAddress: false,
      metadataOptions,
      rootBlockDevice: { encrypted: true, volumeType: "gp3" },
      tags: { Name: n("web-app-0"), ...backupTag(site) },
    },
    opts,
  );
  new aws.lb.TargetGroupAttachment(
    n("web-app-0-target"),
    { targetGroupArn: targets.arn, targetId: app.id, port: APP_PORT },
    opts,
  );

  return { alb, albSg, appSg, app, template, profile, metadataOptions };
}
