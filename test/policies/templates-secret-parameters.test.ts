// A template parameter the program sets from a Pulumi secret is known at preview: the template reader takes it as its
// value (a verdict, not a note), whether the secret wraps one value, one ROS entry or the whole `parameters`.
// @pulumi/policy unwraps secrets before any rule runs (the last rows go through its decoding); a direct caller passing
// the wrapper reads exactly what the plain value gives, findings and messages alike.
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { keyValueParameters, mapParameters, parameterValues } from "../../policies/lib/templates/template-parameters";
import { isUnknown } from "../../lib/values";
import { requireEvidenceS3DefaultRetention } from "../../policies/rules/require-evidence-s3-default-retention";
import { Case, run, runStack, table, UNKNOWN } from "./harness";
import { analyzedBySdk, decodedBySdk, secret } from "./secret-wire";
import { CFN_STACK, cfnJson, ROS_STACK, rosJson, rule } from "./templates-fixtures";

const adminPorts = rule("disallow-internet-admin-ports");

/** A public source and an admin port, each passed from a secret in the rows below. */
const SECRET_CIDR = "0.0.0.0/0";
const RDP = "3389";

/** A CloudFormation group letting `Source` reach `Port` (both parameters without a default). */
const cfnGroup = cfnJson(
  "AWS::EC2::SecurityGroup",
  {
    GroupDescription: "g",
    SecurityGroupIngress: [
      { IpProtocol: "tcp", FromPort: { Ref: "Port" }, ToPort: { Ref: "Port" }, CidrIp: { Ref: "Source" } },
    ],
  },
  { Source: { Type: "String" }, Port: { Type: "Number" } },
);

/** A ROS rule letting `Src` reach port 22. */
const rosRule = rosJson(
  "ALIYUN::ECS::SecurityGroupIngress",
  { SecurityGroupId: "sg-1", IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: { Ref: "Src" } },
  { Src: { Type: "String" } },
);
const rosEntry = (value: unknown) => ({ parameterKey: "Src", parameterValue: value });

describe("a parameter set from a secret reads as its value", () => {
  const declared = { Cidr: { Type: "String" }, Nets: { Type: "CommaDelimitedList" }, Doc: { Type: "Json" } };

  it("a secret value in the CloudFormation map gives what the plain map gives", () => {
    const given = mapParameters({ Cidr: secret(SECRET_CIDR), Nets: "10.0.0.0/8" });
    expect(given).toEqual(mapParameters({ Cidr: SECRET_CIDR, Nets: "10.0.0.0/8" }));
    expect(parameterValues(declared, given, false).get("Cidr")).toBe(SECRET_CIDR);
  });

  it("the whole map from a secret gives what the plain map gives", () => {
    const plain = { Cidr: SECRET_CIDR, Nets: "10.0.0.0/8, 192.168.0.0/16" };
    const given = mapParameters(secret(plain));
    expect(given).toEqual(mapParameters(plain));
    const values = parameterValues(declared, given, false);
    expect(values.get("Cidr")).toBe(SECRET_CIDR);
    expect(values.get("Nets")).toEqual(["10.0.0.0/8", "192.168.0.0/16"]);
  });

  it.each([
    ["a secret parameterValue", [rosEntry(secret(SECRET_CIDR))]],
    ["a secret entry", [secret(rosEntry(SECRET_CIDR))]],
    ["a secret list", secret([rosEntry(SECRET_CIDR)])],
    ["a secret parameterKey", [{ parameterKey: secret("Src"), parameterValue: SECRET_CIDR }]],
  ])("ROS: %s gives what the plain entry gives", (_name, parameters) => {
    const given = keyValueParameters(parameters);
    expect(given).toEqual(keyValueParameters([rosEntry(SECRET_CIDR)]));
    expect(parameterValues({ Src: { Type: "String" } }, given, false).get("Src")).toBe(SECRET_CIDR);
  });

  it("a Json parameter from a secret is read as the object its text holds", () => {
    const given = mapParameters({ Doc: secret('{"Effect":"Allow"}') });
    expect(parameterValues(declared, given, false).get("Doc")).toEqual({ Effect: "Allow" });
  });

  it.each([
    ["a secret unknown at preview", mapParameters({ Cidr: secret(UNKNOWN) })],
    ["a secret map unknown at preview", mapParameters(secret(UNKNOWN))],
    ["a secret ROS list unknown at preview", keyValueParameters(secret(UNKNOWN))],
    [
      "a secret ROS key unknown at preview",
      keyValueParameters([{ parameterKey: secret(UNKNOWN), parameterValue: "x" }]),
    ],
  ])("%s stays unknown", (_name, given) => {
    expect(isUnknown(parameterValues(declared, given, false).get("Cidr"))).toBe(true);
  });

  it("a stack set's instances may still override a secret", () => {
    expect(isUnknown(parameterValues(declared, mapParameters({ Cidr: secret("10.0.0.0/8") }), true).get("Cidr"))).toBe(
      true,
    );
  });

  it("a plain object is still no value", () => {
    expect(isUnknown(parameterValues(declared, mapParameters({ Cidr: { value: "x" } }), false).get("Cidr"))).toBe(true);
  });

  it("a template read with a secret parameter is the one read with the plain value", () => {
    const cfnStack = TEMPLATE_CONTAINERS.get(CFN_STACK)!;
    const read = readTemplateResources(cfnStack, {
      templateBody: cfnGroup,
      parameters: { Source: secret(SECRET_CIDR) },
    });
    expect(read.resources.length).toBeGreaterThan(0);
    expect(read).toEqual(
      readTemplateResources(cfnStack, { templateBody: cfnGroup, parameters: { Source: SECRET_CIDR } }),
    );
  });
});

describe("disallow-internet-admin-ports: a template port or source from a secret", () => {
  const cfnRow = (name: string, parameters: unknown, violations: number, notes = 0): Case => ({
    name,
    type: CFN_STACK,
    props: { templateBody: cfnGroup, parameters },
    violations,
    notes,
  });
  const rosRow = (name: string, parameters: unknown, violations: number, notes = 0): Case => ({
    name,
    type: ROS_STACK,
    props: { templateBody: rosRule, parameters },
    violations,
    notes,
  });
  table(adminPorts, [
    // Known bad (reverted, each is a note: the secret reads as unknown).
    cfnRow("a secret source 0.0.0.0/0 to SSH", { Source: secret(SECRET_CIDR), Port: 22 }, 1),
    cfnRow("a secret port 3389 from 0.0.0.0/0", { Source: "0.0.0.0/0", Port: secret(RDP) }, 1),
    cfnRow("the whole map from a secret", secret({ Source: SECRET_CIDR, Port: "22" }), 1),
    rosRow("ROS: a secret source 0.0.0.0/0", [rosEntry(secret(SECRET_CIDR))], 1),
    rosRow("ROS: the whole list from a secret", secret([rosEntry(SECRET_CIDR)]), 1),
    // Known good (reverted, each is a note).
    cfnRow("a secret source 10.0.0.0/8 to SSH", { Source: secret("10.0.0.0/8"), Port: 22 }, 0),
    cfnRow("a secret port 443 from 0.0.0.0/0", { Source: "0.0.0.0/0", Port: secret("443") }, 0),
    rosRow("ROS: a secret source 10.0.0.0/8", [rosEntry(secret("10.0.0.0/8"))], 0),
    // Unknown at preview inside the secret: a note, as an unknown plain value.
    cfnRow("a secret source unknown at preview", { Source: secret(UNKNOWN), Port: 22 }, 0, 1),
    rosRow("ROS: a secret source unknown at preview", [rosEntry(secret(UNKNOWN))], 0, 1),
  ]);
});

describe("a finding about a template resource with a secret parameter is the plain value's finding", () => {
  const PLAIN = { Source: SECRET_CIDR, Port: RDP };

  it.each([
    ["a secret port", { Source: SECRET_CIDR, Port: secret(RDP) }],
    ["a secret source", { Source: secret(SECRET_CIDR), Port: RDP }],
    ["the whole map from a secret", secret(PLAIN)],
  ])("%s: the same findings, quoting the values as the plain ones do", async (_name, parameters) => {
    const plain = await run(adminPorts, CFN_STACK, { templateBody: cfnGroup, parameters: PLAIN });
    expect(plain).toHaveLength(1);
    expect(plain[0].message).toContain("\ntemplate resource Res (AWS::EC2::SecurityGroup): ");
    expect(plain[0].message).toContain(`port ${RDP}`);
    expect(plain[0].message).toContain(`to ${SECRET_CIDR}`);
    expect(await run(adminPorts, CFN_STACK, { templateBody: cfnGroup, parameters })).toEqual(plain);
  });

  it("ROS: a secret source gives the plain source's findings", async () => {
    const plain = await run(adminPorts, ROS_STACK, { templateBody: rosRule, parameters: [rosEntry(SECRET_CIDR)] });
    expect(plain).toHaveLength(1);
    expect(plain[0].message).toContain(SECRET_CIDR);
    const wrapped = await run(adminPorts, ROS_STACK, {
      templateBody: rosRule,
      parameters: [rosEntry(secret(SECRET_CIDR))],
    });
    expect(wrapped).toEqual(plain);
  });
});

describe("a stack rule's finding about a template resource with a secret parameter is the plain value's", () => {
  const OUTSIDE_BUCKET = "acme-outside-trail-logs";
  /** A template trail writing into the bucket its `Logs` parameter names, a bucket the stack does not show. */
  const trailStack = (logs: unknown) => ({
    type: CFN_STACK,
    name: "app",
    props: {
      templateBody: cfnJson(
        "AWS::CloudTrail::Trail",
        { IsLogging: true, IsMultiRegionTrail: true, S3BucketName: { Ref: "Logs" } },
        { Logs: { Type: "String" } },
      ),
      parameters: { Logs: logs },
    },
  });

  it("the note names the trail's bucket whether it is passed plainly or from a secret", async () => {
    const plain = await runStack(requireEvidenceS3DefaultRetention, [trailStack(OUTSIDE_BUCKET)]);
    expect(plain).toHaveLength(1);
    expect(plain[0].message).toContain("template resource Res (AWS::CloudTrail::Trail)");
    expect(plain[0].message).toContain(OUTSIDE_BUCKET);
    expect(await runStack(requireEvidenceS3DefaultRetention, [trailStack(secret(OUTSIDE_BUCKET))])).toEqual(plain);
  });
});

describe("through @pulumi/policy's decoding, as under the CLI", () => {
  const wrapped = { templateBody: cfnGroup, parameters: { Source: secret(SECRET_CIDR), Port: secret(RDP) } };
  const plain = { templateBody: cfnGroup, parameters: { Source: SECRET_CIDR, Port: RDP } };

  it("the rule reads plain parameter values and reports what the plain ones give, the secret values masked", async () => {
    expect(decodedBySdk(wrapped)).toEqual(plain);
    const found = await analyzedBySdk(adminPorts, CFN_STACK, wrapped);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain("port [secret]");
    expect(found[0]).toContain("to [secret]");
    const [open] = await analyzedBySdk(adminPorts, CFN_STACK, plain);
    expect(open).toContain(`port ${RDP}`);
    expect(open).toContain(`to ${SECRET_CIDR}`);
    expect([open]).toEqual((await run(adminPorts, CFN_STACK, plain)).map((d) => d.message));
    // The policy description the SDK puts first is the pack's own text: only the finding after it is masked.
    const cut = open.indexOf("\n") + 1;
    const finding = open.slice(cut).split(RDP).join("[secret]").split(SECRET_CIDR).join("[secret]");
    expect(found).toEqual([open.slice(0, cut) + finding]);
  });
});
