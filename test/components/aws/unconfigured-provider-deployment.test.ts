// At deployment every provider is configured, so an invoke answered without its fields is refused, naming the
// component and the invoke, rather than built into an ARN or a check as undefined.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import {
  answers,
  childrenOfType,
  installUnconfiguredProviderMocks,
  reset,
  settle,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks(false);
// Imported after the mocks are in place.
import { DnsFailover } from "../../../components/aws/dnsFailover";
import { IdentityBaseline } from "../../../components/aws/identityBaseline";

const provider = () => new aws.Provider("configured", { region: "us-east-1" });

let warn: jest.SpyInstance;
beforeEach(() => {
  reset();
  warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => warn.mockRestore());

async function failuresOf(create: () => void): Promise<string[]> {
  return registrationFailures(async () => {
    create();
    await settle();
  });
}

describe("an empty answer at deployment", () => {
  it("refuses IdentityBaseline's partition, writing no policy for arn:undefined", async () => {
    answers.set("aws:index/getPartition:getPartition", {});
    const failures = await failuresOf(() => new IdentityBaseline("id", {}, { provider: provider() }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain("IdentityBaseline id: the provider answered getPartition without");
    expect(childrenOfType("id", "aws:iam/policy:Policy")).toEqual([]);
  });

  it("refuses DnsFailover's region, registering no child", async () => {
    answers.set("aws:index/getRegion:getRegion", {});
    const args = {
      zoneId: "Z1",
      recordName: "app.example.com",
      primary: { region: "eu-west-1", cname: "a.example.net" },
      secondary: { region: "eu-central-1", cname: "b.example.net" },
      alarmActions: ["arn:aws:sns:us-east-1:123456789012:t"],
    };
    const failures = await failuresOf(() => new DnsFailover("dns", args, { provider: provider() }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) expect(m).toContain("DnsFailover dns: the provider answered getRegion without region");
    expect(childrenOfType("dns", "aws:route53/record:Record")).toEqual([]);
  });
});
