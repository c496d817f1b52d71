// The web tier: an internet-facing ALB (the only thing open to the internet, 443 and a redirecting 80), app hosts in
// private subnets reachable only from the ALB, no public IPs, IMDSv2, encrypted disks.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HardenedVpc } from "../../components/aws";

export const APP_PORT = 8080;

export interface WebTierArgs {
  vpc: HardenedVpc;
  zone: aws.route53.Zone;
  hostName: pulumi.Input<string>;
  amiId: pulumi.Input<string>;
}

export function webTier(args: WebTierArgs) {
  const { vpc } = args;
  const albSg = new aws.ec2.SecurityGroup("web-alb-sg", {
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
    tags: { Name: "web-alb-sg" },
  });
  const appSg = new aws.ec2.SecurityGroup("web-app-sg", {
    vpcId: vpc.vpcId,
    description: "App hosts: traffic from the ALB only",
    ingress: [],
    egress: [
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"], description: "HTTPS: SSM, updates" },
    ],
    tags: { Name: "web-app-sg" },
  });
  new aws.vpc.SecurityGroupEgressRule("web-alb-to-app", {
    securityGroupId: albSg.id,
    referencedSecurityGroupId: appSg.id,
    ipProtocol: "tcp",
    fromPort: APP_PORT,
    toPort: APP_PORT,
    description: "ALB to app hosts",
  });
  new aws.vpc.SecurityGroupIngressRule("web-app-from-alb", {
    securityGroupId: appSg.id,
    referencedSecurityGroupId: albSg.id,
    ipProtocol: "tcp",
    fromPort: APP_PORT,
    toPort: APP_PORT,
    description: "From the ALB only",
  });

  const certificate = new aws.acm.Certificate("web-cert", { domainName: args.hostName, validationMethod: "DNS" });
  const validation = certificate.domainValidationOptions[0];
  const validationRecord = new aws.route53.Record("web-cert-validation", {
    zoneId: args.zone.zoneId,
    name: validation.resourceRecordName,
    type: validation.resourceRecordType,
    records: [validation.resourceRecordValue],
    ttl: 60,
  });
  const validated = new aws.acm.CertificateValidation("web-cert-validated", {
    certificateArn: certificate.arn,
    validationRecordFqdns: [validationRecord.fqdn],
  });

  const alb = new aws.lb.LoadBalancer("web-alb", {
    loadBalancerType: "application",
    internal: false,
    securityGroups: [albSg.id],
    subnets: vpc.publicSubnetIds,
    dropInvalidHeaderFields: true,
    enableDeletionProtection: true,
    tags: { Name: "web-alb" },
  });
  const targets = new aws.lb.TargetGroup("web-app-targets", {
    vpcId: vpc.vpcId,
    port: APP_PORT,
    protocol: "HTTP",
    targetType: "instance",
    healthCheck: { path: "/health", matcher: "200", protocol: "HTTP" },
  });
  new aws.lb.Listener("web-https", {
    loadBalancerArn: alb.arn,
    port: 443,
    protocol: "HTTPS",
    sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
    certificateArn: validated.certificateArn,
    defaultActions: [{ type: "forward", targetGroupArn: targets.arn }],
  });
  new aws.lb.Listener("web-http-redirect", {
    loadBalancerArn: alb.arn,
    port: 80,
    protocol: "HTTP",
    defaultActions: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", statusCode: "HTTP_301" } }],
  });

  const role = new aws.iam.Role("web-app-role", {
    assumeRolePolicy: JSON.stringify({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
  });
  new aws.iam.RolePolicyAttachment("web-app-ssm", {
    role: role.name,
    policyArn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
  });
  const profile = new aws.iam.InstanceProfile("web-app-profile", { role: role.name });
  const metadataOptions = { httpTokens: "required", httpPutResponseHopLimit: 1, httpEndpoint: "enabled" };
  const template = new aws.ec2.LaunchTemplate("web-app-template", {
    imageId: args.amiId,
    // Nitro type: traffic mirroring needs it.
    instanceType: "m6i.large",
    iamInstanceProfile: { name: profile.name },
    metadataOptions,
    networkInterfaces: [{ associatePublicIpAddress: "false", securityGroups: [appSg.id], deleteOnTermination: "true" }],
    blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", volumeType: "gp3", volumeSize: 20 } }],
    tags: { Name: "web-app-template" },
  });
  const app = new aws.ec2.Instance("web-app-0", {
    launchTemplate: { id: template.id, version: "$Latest" },
    subnetId: vpc.privateSubnets[0].id,
    vpcSecurityGroupIds: [appSg.id],
    associatePublicIpAddress: false,
    metadataOptions,
    rootBlockDevice: { encrypted: true, volumeType: "gp3" },
    tags: { Name: "web-app-0", backup: "true" },
  });
  new aws.lb.TargetGroupAttachment("web-app-0-target", {
    targetGroupArn: targets.arn,
    targetId: app.id,
    port: APP_PORT,
  });

  return { alb, albSg, appSg, app, template, profile, metadataOptions };
}
