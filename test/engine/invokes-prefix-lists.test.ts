// The offline answer to aws.ec2.getManagedPrefixList: CloudFront's origin-facing list, per region; any other list
// fails naming the token and the name rather than inventing one.
import { answerInvoke, supportedInvokes } from "../../engine/invokes";
import { CLOUDFRONT_ORIGIN_FACING, CLOUDFRONT_ORIGIN_FACING_IDS } from "../../lib/cloudfront-origin-facing";

const TOKEN = "aws:ec2/getManagedPrefixList:getManagedPrefixList";
const CLOUDFRONT = "com.amazonaws.global.cloudfront.origin-facing";
const ask = (args: Record<string, unknown>, region: string) => answerInvoke(TOKEN, args, { region, config: {} });

describe("invoke aws:ec2/getManagedPrefixList", () => {
  it("is listed among the supported invokes", () => {
    expect(supportedInvokes()).toContain(TOKEN);
  });

  it("answers CloudFront's origin-facing list as AWS owns it, in the region asked", () => {
    expect(ask({ name: CLOUDFRONT }, "us-east-1")).toEqual({
      id: "pl-3b927c52",
      name: CLOUDFRONT,
      arn: "arn:aws:ec2:us-east-1:aws:prefix-list/pl-3b927c52",
      addressFamily: "IPv4",
      maxEntries: 55,
      ownerId: "AWS",
      region: "us-east-1",
      tags: {},
      version: 1,
    });
  });

  it.each([
    ["eu-central-1", "pl-a3a144ca"],
    ["us-west-2", "pl-82a045eb"],
    ["ap-northeast-1", "pl-58a04531"],
  ])("gives %s its own id (%s)", (region, id) => {
    const list = ask({ name: CLOUDFRONT }, region);
    expect(list.id).toBe(id);
    expect(list.arn).toBe(`arn:aws:ec2:${region}:aws:prefix-list/${id}`);
  });

  it("answers every region of the table the WAF rule reads with that table's id", () => {
    expect(CLOUDFRONT).toBe(CLOUDFRONT_ORIGIN_FACING);
    const regions = Object.keys(CLOUDFRONT_ORIGIN_FACING_IDS);
    expect(regions.length).toBeGreaterThan(0);
    for (const region of regions)
      expect(ask({ name: CLOUDFRONT }, region).id).toBe(CLOUDFRONT_ORIGIN_FACING_IDS[region]);
  });

  it("gives a region without a published id a stable pl- id of 8 hex digits", () => {
    const first = ask({ name: CLOUDFRONT }, "ap-east-1");
    expect(first.id).toMatch(/^pl-[0-9a-f]{8}$/);
    expect(ask({ name: CLOUDFRONT }, "ap-east-1").id).toBe(first.id);
    expect(ask({ name: CLOUDFRONT }, "sa-east-1").id).not.toBe(first.id);
  });

  it("uses the invoke's own region argument before the provider's", () => {
    expect(ask({ name: CLOUDFRONT, region: "eu-central-1" }, "us-east-1").id).toBe("pl-a3a144ca");
  });

  it("accepts the name as a prefix-list-name filter", () => {
    expect(ask({ filters: [{ name: "prefix-list-name", values: [CLOUDFRONT] }] }, "us-east-1").id).toBe("pl-3b927c52");
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ["another AWS list", { name: "com.amazonaws.us-east-1.s3" }, /name "com\.amazonaws\.us-east-1\.s3": only/],
    ["CloudFront's IPv6 list", { name: "com.amazonaws.global.ipv6.cloudfront.origin-facing" }, /ipv6/],
    ["a customer list", { name: "corp-offices" }, /name "corp-offices"/],
    ["no name at all", { id: "pl-0123456789abcdef0" }, /name \(none given\)/],
    ["a filter on another field", { filters: [{ name: "owner-id", values: ["AWS"] }] }, /name \(none given\)/],
  ])("fails %s, naming the token and the name", (_label, args, message) => {
    const run = () => ask(args, "us-east-1");
    expect(run).toThrow(message);
    expect(run).toThrow(`${TOKEN} name`);
  });

  it.each(["cn-north-1", "cn-northwest-1", "us-gov-west-1"])("fails in %s, where the list does not exist", (region) => {
    expect(() => ask({ name: CLOUDFRONT }, region)).toThrow(
      new RegExp(`${TOKEN} name "${CLOUDFRONT.replace(/\./g, "\\.")}": .* does not exist in ${region}`),
    );
  });
});
