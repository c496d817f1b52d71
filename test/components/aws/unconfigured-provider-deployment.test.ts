// At deployment every provider is configured, so an invoke answered without its fields is refused, naming the
// component and the invoke, rather than built into an ARN or a check as undefined.
import * as aws from "@pulumi/aws";
import {
  answers,
  childrenOfType,
  failuresOf,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks(false);
// Imported after the mocks are in place.
import { DnsFailover } from "../../../components/aws/dnsFailover";
import { IdentityBaseline } from "../../../components/aws/identityBaseline";
import { Bastion } from "../../../components/aws/bastion";

const provider = () => new aws.Provider("configured", { region: "us-east-1" });

quietAndResetEachTest();

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

  it("names the component whose account context is unanswered, registering no role", async () => {
    answers.set("aws:index/getCallerIdentity:getCallerIdentity", {});
    answers.set("aws:index/getPartition:getPartition", { partition: "aws", dnsSuffix: "amazonaws.com" });
    answers.set("aws:index/getRegion:getRegion", { region: "us-east-1", name: "us-east-1" });
    answers.set("aws:ec2/getAmi:getAmi", { id: "ami-0abc", name: "al2023-ami-2023.6-x86_64" });
    const args = { vpcId: "vpc-1", subnetId: "subnet-pub", vpcCidr: "10.0.0.0/16", allowedCidrs: ["203.0.113.0/28"] };
    const failures = await failuresOf(() => new Bastion("db", args, { provider: provider() }));
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures) {
      expect(m).toContain("Bastion db: account context: the provider answered getCallerIdentity without accountId");
    }
    expect(childrenOfType("db", "aws:iam/role:Role")).toEqual([]);
  });
});
