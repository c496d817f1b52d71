// A raw template's spot fleet runs each launch specification's user data (base64 in CloudFormation) at boot, as the
// same fleet written in the program: the login rule reads it and reports a weakening on the container.
import { Case, table, UNKNOWN } from "./harness";
import { cfn } from "./template-bodies";
import { CFN_STACK, rule } from "./templates-fixtures";

const userData = rule("disallow-userdata-login-weakening");
const imds = rule("require-imdsv2");

const WEAKENING =
  "#!/bin/bash\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config\n";
const HARDENED = "#!/bin/bash\necho 'PasswordAuthentication no' > /etc/ssh/sshd_config.d/10-hardening.conf\n";

const spec = (more: Record<string, unknown>) => ({ ImageId: "ami-1", InstanceType: "t3.micro", ...more });
const fleet = (specs: unknown, parameters: Record<string, unknown> = {}) =>
  cfn(
    {
      Fleet: {
        Type: "AWS::EC2::SpotFleet",
        Properties: {
          SpotFleetRequestConfigData: {
            IamFleetRole: "arn:aws:iam::1:role/fleet",
            TargetCapacity: 1,
            LaunchSpecifications: specs,
          },
        },
      },
    },
    { Parameters: parameters },
  );
const stack = (templateBody: string, parameters?: Record<string, unknown>): Pick<Case, "type" | "props"> => ({
  type: CFN_STACK,
  props: { templateBody, ...(parameters ? { parameters } : {}) },
});
const base64 = (script: unknown) => ({ "Fn::Base64": script });

describe("AWS::EC2::SpotFleet launch specifications' user data", () => {
  table(userData, [
    {
      name: "user data enabling password login",
      ...stack(fleet([spec({ UserData: base64(WEAKENING) })])),
      violations: 1,
      mentions: "template resource Fleet (AWS::EC2::SpotFleet)",
    },
    { name: "user data hardening sshd", ...stack(fleet([spec({ UserData: base64(HARDENED) })])), violations: 0 },
    {
      name: "the second specification weakens",
      ...stack(fleet([spec({ UserData: base64(HARDENED) }), spec({ UserData: base64(WEAKENING) })])),
      violations: 1,
      mentions: "launchSpecifications[1].userData",
    },
    {
      name: "already base64 text, as CloudFormation takes it",
      ...stack(fleet([spec({ UserData: Buffer.from(WEAKENING).toString("base64") })])),
      violations: 1,
    },
    {
      name: "a weakening spliced in by Fn::Sub from a parameter the program gives",
      ...stack(
        fleet(
          [
            spec({
              UserData: base64({
                "Fn::Sub": "#!/bin/bash\necho 'PasswordAuthentication ${Mode}' >> /etc/ssh/sshd_config\n",
              }),
            }),
          ],
          {
            Mode: { Type: "String" },
          },
        ),
        { Mode: "yes" },
      ),
      violations: 1,
    },
    {
      name: "the same parameter unknown at preview",
      ...stack(
        fleet(
          [
            spec({
              UserData: base64({
                "Fn::Sub": "#!/bin/bash\necho 'PasswordAuthentication ${Mode}' >> /etc/ssh/sshd_config\n",
              }),
            }),
          ],
          {
            Mode: { Type: "String" },
          },
        ),
        { Mode: UNKNOWN },
      ),
      violations: 0,
      notes: 1,
    },
    {
      name: "a specification left out by AWS::NoValue",
      ...stack(fleet([{ Ref: "AWS::NoValue" }, spec({ UserData: base64(WEAKENING) })])),
      violations: 1,
      mentions: "launchSpecifications[0].userData",
    },
    { name: "no user data", ...stack(fleet([spec({})])), violations: 0 },
  ]);
});

describe("AWS::EC2::SpotFleet launch specifications' metadata options", () => {
  // The provider's launch specification cannot require tokens: the rule asks for launch templates whatever the
  // template's MetadataOptions say.
  table(imds, [
    {
      name: "HttpTokens optional",
      ...stack(fleet([spec({ MetadataOptions: { HttpTokens: "optional" } })])),
      violations: 1,
    },
    {
      name: "HttpTokens required, still launched from a specification",
      ...stack(fleet([spec({ MetadataOptions: { HttpTokens: "required" } })])),
      violations: 1,
      mentions: "launchTemplateConfigs",
    },
  ]);
});
