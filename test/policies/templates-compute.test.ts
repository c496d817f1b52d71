// Passwords, user data, public databases and metadata tokens inside raw templates, judged by the same rules as the
// resources written in the program.
import { Case, runStack, table, UNKNOWN, urnOf } from "./harness";
import { CFN_STACK, cfnJson, ROS_STACK, ROS_STACK_GROUP, rosJson, rule } from "./templates-fixtures";

const passwords = rule("disallow-ecs-password-login");
const userData = rule("disallow-userdata-login-weakening");
const databases = rule("disallow-public-managed-databases");
const imds = rule("require-imdsv2");

const WEAKENING = "#!/bin/bash\necho 'PasswordAuthentication yes' >> /etc/ssh/sshd_config\nsystemctl restart sshd\n";
const HARDENED =
  "#!/bin/bash\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > /etc/ssh/sshd_config.d/10-hardening.conf\n";
const ROOT_KEY = "#!/bin/bash\necho 'ssh-ed25519 AAAA attacker' >> /root/.ssh/authorized_keys\n";

const ec2 = (props: Record<string, unknown>) => cfnJson("AWS::EC2::Instance", { ImageId: "ami-1", ...props });

const YAML_INSTANCE = `
Resources:
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-1
      MetadataOptions:
        HttpTokens: required
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          /opt/aws/bin/cfn-signal --region \${AWS::Region} --stack \${AWS::StackName} --resource Web
          sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config
`;

describe("disallow-userdata-login-weakening reads template user data", () => {
  table(userData, [
    {
      name: "EC2: Fn::Base64 of a literal that enables password login",
      type: CFN_STACK,
      props: { templateBody: ec2({ UserData: { "Fn::Base64": WEAKENING } }) },
      violations: 1,
      mentions: "template resource Res (AWS::EC2::Instance): userDataBase64 enables SSH password authentication",
    },
    {
      name: "EC2: hardened user data",
      type: CFN_STACK,
      props: { templateBody: ec2({ UserData: { "Fn::Base64": HARDENED } }) },
      violations: 0,
    },
    {
      name: "EC2: YAML !Sub with pseudo parameters around a weakening",
      type: CFN_STACK,
      props: { templateBody: YAML_INSTANCE },
      violations: 1,
      mentions: "template resource Web",
    },
    {
      name: "EC2: hardened user data with pseudo parameters",
      type: CFN_STACK,
      props: {
        templateBody: ec2({
          UserData: {
            "Fn::Base64": { "Fn::Sub": "#!/bin/bash\ncfn-signal --region ${AWS::Region}\n" + HARDENED.slice(12) },
          },
        }),
      },
      violations: 0,
    },
    {
      name: "EC2: a directive set from a pseudo parameter",
      type: CFN_STACK,
      props: {
        templateBody: ec2({
          UserData: {
            "Fn::Base64": {
              "Fn::Sub": "#!/bin/bash\necho 'PasswordAuthentication ${AWS::StackName}' >> /etc/ssh/sshd_config\n",
            },
          },
        }),
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2: the whole script from a parameter without a value",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson(
          "AWS::EC2::Instance",
          { UserData: { "Fn::Base64": { Ref: "Script" } } },
          { Script: { Type: "String" } },
        ),
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "EC2: the script given by the program writes root's keys",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson(
          "AWS::EC2::Instance",
          { UserData: { "Fn::Base64": { Ref: "Script" } } },
          { Script: { Type: "String" } },
        ),
        parameters: { Script: ROOT_KEY },
      },
      violations: 1,
    },
    {
      name: "launch template user data",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson("AWS::EC2::LaunchTemplate", {
          LaunchTemplateData: { UserData: { "Fn::Base64": WEAKENING } },
        }),
      },
      violations: 1,
      mentions: "(AWS::EC2::LaunchTemplate): userData ",
    },
    {
      name: "launch template, hardened",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson("AWS::EC2::LaunchTemplate", {
          LaunchTemplateData: { UserData: { "Fn::Base64": HARDENED } },
        }),
      },
      violations: 0,
    },
    {
      name: "ROS instance: plain-text user data",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { UserData: WEAKENING }) },
      violations: 1,
      mentions: "(ALIYUN::ECS::Instance): userData ",
    },
    {
      name: "ROS instance group: hardened",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::InstanceGroup", { UserData: HARDENED, MaxAmount: 2 }) },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-ecs-password-login reads ROS instances", () => {
  table(passwords, [
    {
      name: "instance with a Password",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu_22_04_x64", Password: "Passw0rd!" }) },
      violations: 1,
      mentions: "template resource Res (ALIYUN::ECS::Instance): password is set",
    },
    {
      name: "instance group with a Password from a parameter default",
      type: ROS_STACK_GROUP,
      props: {
        templateBody: rosJson("ALIYUN::ECS::InstanceGroup", { ImageId: "ubuntu", Password: "Passw0rd!", MaxAmount: 3 }),
      },
      violations: 1,
    },
    {
      name: "instance group inheriting the image's password",
      type: ROS_STACK,
      props: {
        templateBody: rosJson("ALIYUN::ECS::InstanceGroup", { ImageId: "ubuntu", PasswordInherit: true, MaxAmount: 3 }),
      },
      violations: 1,
    },
    {
      name: "instance with a key pair",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu", KeyPairName: "ops" }) },
      violations: 0,
    },
    {
      name: "a Password from a parameter without a value is still a password",
      type: ROS_STACK,
      props: {
        templateBody: rosJson(
          "ALIYUN::ECS::Instance",
          { ImageId: "ubuntu", Password: { Ref: "Pw" } },
          { Pw: { Type: "String", NoEcho: true } },
        ),
      },
      violations: 1,
    },
    {
      name: "a public Windows image may take a password",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "win2022_21H2_x64", Password: "Passw0rd!" }) },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-public-managed-databases reads template databases", () => {
  const rds = (props: Record<string, unknown>) => cfnJson("AWS::RDS::DBInstance", { Engine: "mysql", ...props });
  table(databases, [
    {
      name: "RDS PubliclyAccessible true",
      type: CFN_STACK,
      props: { templateBody: rds({ PubliclyAccessible: true }) },
      violations: 1,
      mentions: "template resource Res (AWS::RDS::DBInstance): publiclyAccessible is true",
    },
    {
      name: 'RDS PubliclyAccessible "true"',
      type: CFN_STACK,
      props: { templateBody: rds({ PubliclyAccessible: "true" }) },
      violations: 1,
    },
    {
      name: "RDS PubliclyAccessible false",
      type: CFN_STACK,
      props: { templateBody: rds({ PubliclyAccessible: false }) },
      violations: 0,
    },
    // RDS then decides by the VPC's internet gateway: a note that says so.
    {
      // The API default without a DB subnet group: the default VPC, public through its internet gateway.
      name: "RDS PubliclyAccessible and DBSubnetGroupName left out",
      type: CFN_STACK,
      props: { templateBody: rds({}) },
      violations: 1,
    },
    {
      name: "RDS PubliclyAccessible left out in a DB subnet group",
      type: CFN_STACK,
      props: { templateBody: rds({ DBSubnetGroupName: "private-dbs" }) },
      violations: 0,
      notes: 1,
    },
    {
      name: "ROS RDS SecurityIPList 0.0.0.0/0",
      type: ROS_STACK,
      props: {
        templateBody: rosJson("ALIYUN::RDS::DBInstance", { Engine: "MySQL", SecurityIPList: "10.0.0.0/8,0.0.0.0/0" }),
      },
      violations: 1,
      mentions: "securityIps admits the internet",
    },
    {
      name: "ROS RDS SecurityIPList 10.0.0.0/8",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::RDS::DBInstance", { Engine: "MySQL", SecurityIPList: "10.0.0.0/8" }) },
      violations: 0,
    },
    {
      name: "ROS RDS SecurityIPList from a parameter without a value",
      type: ROS_STACK,
      props: {
        templateBody: rosJson(
          "ALIYUN::RDS::DBInstance",
          { Engine: "MySQL", SecurityIPList: { Ref: "Ips" } },
          { Ips: { Type: "String" } },
        ),
      },
      violations: 0,
      notes: 1,
    },
  ] as Case[]);

  it("says why a left-out PubliclyAccessible is public, or not known in a subnet group", async () => {
    const { run } = await import("./harness");
    const [open] = await run(databases, CFN_STACK, { templateBody: rds({}) });
    expect(open.message).toContain("the RDS API default then places the database in the default VPC");
    expect(open.message).toContain("set PubliclyAccessible: false or a DBSubnetGroupName");
    const [note] = await run(databases, CFN_STACK, { templateBody: rds({ DBSubnetGroupName: "private-dbs" }) });
    expect(note.message).toContain("PubliclyAccessible is not set");
    expect(note.message).toMatch(/set it to false\) — breaks case step 3/);
  });
});

describe("require-imdsv2 reads CloudFormation instances and launch templates", () => {
  table(imds, [
    {
      name: "EC2 HttpTokens optional",
      type: CFN_STACK,
      props: { templateBody: ec2({ MetadataOptions: { HttpTokens: "optional" } }) },
      violations: 1,
      mentions: 'metadataOptions.httpTokens is "optional"',
    },
    {
      name: "EC2 HttpTokens required",
      type: CFN_STACK,
      props: { templateBody: ec2({ MetadataOptions: { HttpTokens: "required" } }) },
      violations: 0,
    },
    {
      name: "EC2 endpoint disabled",
      type: CFN_STACK,
      props: { templateBody: ec2({ MetadataOptions: { HttpEndpoint: "disabled" } }) },
      violations: 0,
    },
    {
      name: "launch template HttpTokens optional",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson("AWS::EC2::LaunchTemplate", {
          LaunchTemplateData: { MetadataOptions: { HttpTokens: "optional" } },
        }),
      },
      violations: 1,
    },
    {
      name: "HttpTokens from a parameter without a value",
      type: CFN_STACK,
      props: {
        templateBody: cfnJson(
          "AWS::EC2::Instance",
          { MetadataOptions: { HttpTokens: { Ref: "T" } } },
          { T: { Type: "String" } },
        ),
      },
      violations: 0,
      notes: 1,
    },
    // ROS instances and launch templates carry HttpTokens and HttpEndpoint as the provider's instances do.
    {
      name: "a ROS instance leaving tokens optional",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu" }) },
      violations: 1,
    },
    {
      name: "a ROS instance with HttpTokens optional",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu", HttpTokens: "optional" }) },
      violations: 1,
    },
    {
      name: "a ROS instance requiring tokens",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu", HttpTokens: "required" }) },
      violations: 0,
    },
    {
      name: "a ROS instance with the metadata endpoint off",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::Instance", { ImageId: "ubuntu", HttpEndpoint: "disabled" }) },
      violations: 0,
    },
    {
      name: "a ROS launch template leaving tokens optional",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::LaunchTemplate", { ImageId: "ubuntu", HttpTokens: "optional" }) },
      violations: 1,
    },
    {
      name: "a ROS launch template requiring tokens",
      type: ROS_STACK,
      props: { templateBody: rosJson("ALIYUN::ECS::LaunchTemplate", { ImageId: "ubuntu", HttpTokens: "required" }) },
      violations: 0,
    },
  ] as Case[]);
});

describe("require-imdsv2's stack part sees template instances that leave tokens to the account", () => {
  const DEFAULTS = "aws:ec2/instanceMetadataDefaults:InstanceMetadataDefaults";
  const stack = { type: CFN_STACK, name: "deploy", props: { templateBody: ec2({}) } };
  const defaults = (httpTokens: string) => ({ type: DEFAULTS, name: "imds", props: { httpTokens } });
  const dependsOnDefaults = { ...stack, dependencies: [urnOf(DEFAULTS, "imds")] };

  it("reports an instance without MetadataOptions on its container, named after it", async () => {
    const ds = await runStack(imds as never, [stack]);
    expect(ds).toHaveLength(1);
    expect(ds[0].level).toBe("mandatory");
    expect(ds[0].message).toContain(
      "template resource Res (AWS::EC2::Instance): metadataOptions.httpTokens is not set",
    );
    expect(ds[0].urn).toBe(urnOf(CFN_STACK, "deploy"));
  });

  it.each([
    [
      "account defaults requiring tokens, the container depending on them",
      [defaults("required"), dependsOnDefaults],
      0,
      0,
    ],
    ["account defaults left optional", [defaults("optional"), dependsOnDefaults], 1, 0],
    ["account defaults unknown at preview", [defaults(UNKNOWN), dependsOnDefaults], 0, 1],
    [
      "a template instance with tokens of its own",
      [{ ...stack, props: { templateBody: ec2({ MetadataOptions: { HttpTokens: "required" } }) } }],
      0,
      0,
    ],
  ])("%s", async (_name, resources, violations, notes) => {
    const ds = await runStack(imds as never, resources);
    const isNote = (d: { message: string }) => d.message.includes("cannot be verified at preview");
    expect({
      violations: ds.filter((d) => d.level === "mandatory" && !isNote(d)).length,
      notes: ds.filter(isNote).length,
    }).toEqual({ violations, notes });
  });
});
