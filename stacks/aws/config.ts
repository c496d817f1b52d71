// What the AWS product stack reads from its stack configuration (Pulumi.aws-prod.yaml).
import * as pulumi from "@pulumi/pulumi";

const kit = new pulumi.Config("hardening-kit");
const awsConfig = new pulumi.Config("aws");

export const settings = {
  /** Region of everything but the backup copy and the DNS standby. */
  region: awsConfig.require("region"),
  /** Region of the backup copy vault and the DNS standby endpoint. */
  secondaryRegion: kit.require("secondaryRegion"),
  vpcCidr: kit.get("vpcCidr") ?? "10.20.0.0/16",
  /** Operator egress blocks allowed to SSH into the bastion. */
  bastionAllowedCidrs: kit.requireObject<string[]>("bastionAllowedCidrs"),
  /** Public DNS zone created for the service, e.g. shop.example.com. */
  domain: kit.require("domain"),
  /** Addresses of the static standby site in the secondary region. */
  standbyAddresses: kit.requireObject<string[]>("standbyAddresses"),
  /** Group of human IAM users that must use MFA. */
  humanGroupName: kit.get("humanGroupName"),
};
