import { answerInvoke, UnsupportedInvokeError } from "../../engine/invokes";

const AZ = "aws:index/getAvailabilityZones:getAvailabilityZones";

describe("invokes", () => {
  it("answers availability zones for the region asked", () => {
    const result = answerInvoke(AZ, {}, { region: "eu-central-1", config: {} });
    expect(result.names).toEqual(["eu-central-1a", "eu-central-1b", "eu-central-1c"]);
    expect((result.zoneIds as string[])[0]).toBe("eucentral1-az1");
  });

  it("gives region-specific, stable AMI ids from the Amazon Linux SSM parameter", () => {
    const name = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64";
    const east = answerInvoke("aws:ssm/getParameter:getParameter", { name }, { region: "us-east-1", config: {} });
    const again = answerInvoke("aws:ssm/getParameter:getParameter", { name }, { region: "us-east-1", config: {} });
    const west = answerInvoke("aws:ssm/getParameter:getParameter", { name }, { region: "us-west-2", config: {} });
    expect(east.value).toMatch(/^ami-0[0-9a-f]{16}$/);
    expect(again.value).toBe(east.value);
    expect(west.value).not.toBe(east.value);
  });

  it("answers the partition of China regions", () => {
    const result = answerInvoke("aws:index/getPartition:getPartition", {}, { region: "cn-north-1", config: {} });
    expect(result).toMatchObject({ partition: "aws-cn", dnsSuffix: "amazonaws.com.cn" });
  });

  it("uses the allowed account id from config for the caller identity", () => {
    const ctx = { region: "us-east-1", config: { "aws:allowedAccountIds": '["111122223333"]' } };
    expect(answerInvoke("aws:index/getCallerIdentity:getCallerIdentity", {}, ctx).accountId).toBe("111122223333");
  });

  it("renders IAM policy documents from typed statements", () => {
    const result = answerInvoke(
      "aws:iam/getPolicyDocument:getPolicyDocument",
      {
        statements: [
          {
            sid: "Logs",
            actions: ["s3:PutObject"],
            resources: ["arn:aws:s3:::logs/*"],
            principals: [{ type: "AWS", identifiers: ["arn:aws:iam::127311923021:root"] }],
            conditions: [{ test: "Bool", variable: "aws:SecureTransport", values: ["true"] }],
          },
        ],
      },
      { region: "us-east-1", config: {} },
    );
    expect(JSON.parse(result.json as string)).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "Logs",
          Effect: "Allow",
          Action: "s3:PutObject",
          Resource: "arn:aws:s3:::logs/*",
          Principal: { AWS: "arn:aws:iam::127311923021:root" },
          Condition: { Bool: { "aws:SecureTransport": "true" } },
        },
      ],
    });
  });

  it("answers Alibaba Cloud zones and the current region", () => {
    const ctx = { region: "cn-shanghai", config: {} };
    const zones = answerInvoke("alicloud:index/getZones:getZones", {}, ctx);
    expect(zones.ids).toEqual(["cn-shanghai-e", "cn-shanghai-f", "cn-shanghai-g", "cn-shanghai-l"]);
    const regions = answerInvoke("alicloud:index/getRegions:getRegions", { current: true }, ctx);
    expect(regions.ids).toEqual(["cn-shanghai"]);
    const images = answerInvoke("alicloud:ecs/getImages:getImages", { nameRegex: "^aliyun_3_x64" }, ctx);
    expect((images.images as { name: string }[])[0].name).toMatch(/^aliyun_3_x64_20G_alibase_\d{8}\.vhd$/);
  });

  it("fails an unknown token with a message naming it", () => {
    expect(() => answerInvoke("aws:fake/getNothing:getNothing", {}, { region: "us-east-1", config: {} })).toThrow(
      UnsupportedInvokeError,
    );
    expect(() => answerInvoke("aws:fake/getNothing:getNothing", {}, { region: "us-east-1", config: {} })).toThrow(
      /"aws:fake\/getNothing:getNothing" cannot be answered offline/,
    );
  });
});
