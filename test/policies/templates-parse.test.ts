// Template bodies (JSON and YAML with short-form tags) and the static resolution of their functions: what is
// decided by the program resolves, anything else is the unknown marker, never a value that looks safe.
import { isUnknown, UNKNOWN } from "../../lib/values";
import { parseTemplateBody } from "../../policies/lib/templates/template-body";
import { keyValueParameters, mapParameters, parameterValues } from "../../policies/lib/templates/template-parameters";
import { ResolveContext, resolveTemplateValue } from "../../policies/lib/templates/template-values";

const ctx = (
  parameters: Record<string, unknown> = {},
  resourceTypes: Record<string, unknown> = {},
): ResolveContext => ({
  parameters: new Map(Object.entries(parameters)),
  resourceTypes: new Map(Object.entries(resourceTypes)),
  mappings: { Nets: { Office: { Cidr: "203.0.113.0/24" } } },
});

describe("template bodies", () => {
  it("reads JSON", () => {
    expect(parseTemplateBody('{"Resources": {"A": {"Type": "AWS::EC2::SecurityGroup"}}}')).toEqual({
      Resources: { A: { Type: "AWS::EC2::SecurityGroup" } },
    });
  });

  it("turns YAML short forms into the long form, nested ones included", () => {
    const t = parseTemplateBody(
      [
        "Resources:",
        "  A:",
        "    Properties:",
        "      Cidr: !Ref Source",
        "      Joined: !Join ['', [a, !Ref B]]",
        "      Script: !Base64 |",
        "        #!/bin/bash",
        "      Att: !GetAtt Res.Arn",
        "      Sub: !Sub",
        "        - '${x}'",
        "        - x: !Ref Y",
      ].join("\n"),
    );
    expect(t?.Resources).toEqual({
      A: {
        Properties: {
          Cidr: { Ref: "Source" },
          Joined: { "Fn::Join": ["", ["a", { Ref: "B" }]] },
          Script: { "Fn::Base64": "#!/bin/bash\n" },
          Att: { "Fn::GetAtt": "Res.Arn" },
          Sub: { "Fn::Sub": ["${x}", { x: { Ref: "Y" } }] },
        },
      },
    });
  });

  it("keeps a function behind an alias (the anchor moves with the tag)", () => {
    const t = parseTemplateBody("a: &src !Ref Source\nb: *src\n");
    expect(t).toEqual({ a: { Ref: "Source" }, b: { Ref: "Source" } });
  });

  it("keeps an unknown short form a function, not a literal", () => {
    expect(parseTemplateBody("a: !Whatever 10.0.0.0/8\n")).toEqual({ a: { "Fn::Whatever": "10.0.0.0/8" } });
  });

  it("reads YAML 1.1 booleans as CloudFormation does", () => {
    expect(parseTemplateBody("a: yes\nb: off\n")).toEqual({ a: true, b: false });
  });

  it.each([["not: [closed"], ["- a list"], ["plain text"], ["{ broken json"], ["a: 1\na: 2\n"], [""]])(
    "rejects %j",
    (body) => {
      expect(parseTemplateBody(body)).toBeUndefined();
    },
  );

  it("bounds alias expansion", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
      .concat(
        Array.from(
          { length: 8 },
          (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`,
        ),
      )
      .join("\n");
    expect(parseTemplateBody(bomb)).toBeUndefined();
  });

  it("does not parse flow collections nested thousands deep, which abort V8's regex compiler on a second pass", () => {
    // Parsed twice, as two containers of one stack do: the second pass used to abort the whole process.
    for (const deep of ["[".repeat(5000) + "]".repeat(5000), "x: " + "{a: ".repeat(3000) + "1" + "}".repeat(3000)]) {
      expect(parseTemplateBody(deep)).toBeUndefined();
      expect(parseTemplateBody(deep)).toBeUndefined();
    }
    // Real templates nest a few levels: still read.
    const nested = `Resources:\n  R:\n    Type: AWS::S3::Bucket\n    Properties: {Tags: [{Key: a, Value: [[[[1]]]]}]}\n`;
    expect(parseTemplateBody(nested)).toEqual({
      Resources: { R: { Type: "AWS::S3::Bucket", Properties: { Tags: [{ Key: "a", Value: [[[[1]]]] }] } } },
    });
  });
});

describe("static resolution", () => {
  it.each([
    ["a parameter's value", { Ref: "P" }, { P: "0.0.0.0/0" }, "0.0.0.0/0"],
    ["Fn::Join of literals and refs", { "Fn::Join": ["/", ["0.0.0.0", { Ref: "Len" }]] }, { Len: "0" }, "0.0.0.0/0"],
    ["Fn::Sub of a parameter", { "Fn::Sub": "${Net}/0" }, { Net: "0.0.0.0" }, "0.0.0.0/0"],
    ["Fn::Sub with local variables", { "Fn::Sub": ["${a}-${b}", { a: "x", b: { Ref: "P" } }] }, { P: "y" }, "x-y"],
    ["Fn::Sub's literal ${!Name}", { "Fn::Sub": "${!Literal}" }, {}, "${Literal}"],
    ["Fn::Base64 of a literal", { "Fn::Base64": "hi" }, {}, "aGk="],
    ["ROS Fn::Base64Encode", { "Fn::Base64Encode": "hi" }, {}, "aGk="],
    ["Fn::Select", { "Fn::Select": [1, ["a", "b"]] }, {}, "b"],
    ["Fn::FindInMap", { "Fn::FindInMap": ["Nets", "Office", "Cidr"] }, {}, "203.0.113.0/24"],
    ["a literal number", 22, {}, 22],
  ])("resolves %s", (_name, value, parameters, expected) => {
    expect(resolveTemplateValue(value, ctx(parameters))).toEqual(expected);
  });

  it.each([
    ["a parameter without a value", { Ref: "P" }, { P: UNKNOWN }],
    ["an undeclared parameter", { Ref: "Nope" }, {}],
    ["Fn::GetAtt", { "Fn::GetAtt": ["Res", "Cidr"] }, {}],
    ["Fn::If (either branch may apply)", { "Fn::If": ["C", "10.0.0.0/8", "0.0.0.0/0"] }, {}],
    ["Fn::ImportValue", { "Fn::ImportValue": "shared-cidr" }, {}],
    ["an unknown function", { "Fn::Whatever": "10.0.0.0/8" }, {}],
    ["Fn::Sub with an unknown part", { "Fn::Sub": "${Net}/8" }, { Net: UNKNOWN }],
    ["Fn::Sub of a pseudo parameter (as a setting)", { "Fn::Sub": "${AWS::Region}" }, {}],
    ["Fn::Join with an unknown part", { "Fn::Join": ["", ["10.0.0.0", { Ref: "X" }]] }, {}],
    ["Fn::Base64 of an unknown", { "Fn::Base64": { Ref: "X" } }, {}],
    ["Fn::Select out of range", { "Fn::Select": [5, ["a"]] }, {}],
    ["Fn::FindInMap of a missing key", { "Fn::FindInMap": ["Nets", "Home", "Cidr"] }, {}],
  ])("leaves %s unknown", (_name, value, parameters) => {
    expect(isUnknown(resolveTemplateValue(value, ctx(parameters)))).toBe(true);
  });

  it("drops NoValue from mappings and lists", () => {
    expect(resolveTemplateValue({ a: { Ref: "AWS::NoValue" }, b: [1, { Ref: "ALIYUN::NoValue" }] }, ctx())).toEqual({
      b: [1],
    });
  });

  it("keeps inert references in script text as placeholders the script reader treats as outside values", () => {
    const script = { "Fn::Sub": "cfn-signal --region ${AWS::Region} --resource ${Server} ${Bucket}" };
    const types = { Server: "AWS::EC2::Instance", Bucket: "AWS::S3::Bucket" };
    expect(resolveTemplateValue(script, ctx({}, types), "script")).toBe(
      "cfn-signal --region ${AWS::Region} --resource ${Server} ${Bucket}",
    );
    // A custom resource chooses its own id, a parameter may hold anything, an attribute may be any text.
    for (const s of ["${Custom}", "${Param}", "${Server.PublicIp}"])
      expect(
        isUnknown(resolveTemplateValue({ "Fn::Sub": s }, ctx({ Param: UNKNOWN }, { Custom: "Custom::X" }), "script")),
      ).toBe(true);
  });
});

describe("parameter values", () => {
  const declared = {
    Cidr: { Type: "String", Default: "10.0.0.0/8" },
    Open: { Type: "String" },
    Nets: { Type: "CommaDelimitedList", Default: "10.0.0.0/8, 0.0.0.0/0" },
  };

  it("takes the program's value over the default, and the default otherwise", () => {
    const values = parameterValues(declared, mapParameters({ Cidr: "0.0.0.0/0" }), false);
    expect(values.get("Cidr")).toBe("0.0.0.0/0");
    expect(isUnknown(values.get("Open"))).toBe(true);
    expect(values.get("Nets")).toEqual(["10.0.0.0/8", "0.0.0.0/0"]);
  });

  it("reads ROS parameter lists", () => {
    const given = keyValueParameters([{ parameterKey: "Open", parameterValue: "0.0.0.0/0" }]);
    expect(parameterValues(declared, given, false).get("Open")).toBe("0.0.0.0/0");
  });

  it.each([
    ["the whole map unknown", mapParameters(UNKNOWN), false],
    ["a ROS entry unknown", keyValueParameters([UNKNOWN]), false],
    ["a ROS key unknown", keyValueParameters([{ parameterKey: UNKNOWN, parameterValue: "x" }]), false],
    ["stack instances that may override", mapParameters({ Cidr: "10.0.0.0/8" }), true],
  ])("leaves every parameter unknown with %s", (_name, given, overridable) => {
    const values = parameterValues(declared, given, overridable);
    expect([...values.values()].every(isUnknown)).toBe(true);
  });

  it("never reads a non-text value (a secret wrapper, an object) as the parameter", () => {
    expect(isUnknown(parameterValues(declared, mapParameters({ Cidr: { value: "x" } }), false).get("Cidr"))).toBe(true);
  });
});
