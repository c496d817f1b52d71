// The account lookups of WebFirewall (its SLS audit collection) and AuditTrail (its SLS project ARN), through a
// provider the preview cannot configure (it answers every invoke with `{}`): the values built from the account are
// unknown, never an undefined uid, and every child is still registered. A configured provider's account is used as
// before.
import * as alicloud from "@pulumi/alicloud";
import * as pulumi from "@pulumi/pulumi";
import {
  answers,
  childrenOfType,
  failuresOf,
  installUnconfiguredProviderMocks,
  quietAndResetEachTest,
  UNCONFIGURED,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks();
// Imported after the mocks are in place.
import { AuditTrail } from "../../../components/alicloud/auditTrail";
import { WebFirewall } from "../../../components/alicloud/webFirewall";

const T = {
  account: "alicloud:index/getAccount:getAccount",
  regions: "alicloud:index/getRegions:getRegions",
  audit: "alicloud:log/audit:Audit",
  trail: "alicloud:actiontrail/trail:Trail",
};
const CONFIGURED = "configured";
const ACCOUNT = "1234567890123456";
const provider = (name: string) => new alicloud.Provider(name, { region: "ap-southeast-1" });
const wafArgs = {
  domains: [{ domain: "www.example.com", backends: ["198.51.100.9"], certId: "cert-1" }],
  backToOriginCidrs: ["198.51.100.0/24"],
};

quietAndResetEachTest();

describe("WebFirewall through a provider the preview cannot configure", () => {
  it("registers the WAF log collection with the account unknown, not missing", async () => {
    expect(await failuresOf(() => new WebFirewall("late", wafArgs, { provider: provider(UNCONFIGURED) }))).toEqual([]);
    const audits = childrenOfType("late", T.audit);
    expect(audits.map((a) => a.name)).toEqual(["late-waf-logs"]);
    expect(pulumi.isUnknown(audits[0].inputs.aliuid)).toBe(true);
  });

  it("collects the logs of the account a configured provider answers", async () => {
    answers.set(T.account, { id: ACCOUNT });
    expect(await failuresOf(() => new WebFirewall("found", wafArgs, { provider: provider(CONFIGURED) }))).toEqual([]);
    expect(childrenOfType("found", T.audit).map((a) => a.inputs.aliuid)).toEqual([ACCOUNT]);
  });
});

describe("AuditTrail's project ARN when the preview does not know the account", () => {
  const trailOf = async (name: string) => {
    const create = () => new AuditTrail(name, { bucketName: `acme-${name}-trail` }, { provider: provider(CONFIGURED) });
    expect(await failuresOf(create)).toEqual([]);
    const [trail] = childrenOfType(name, T.trail);
    return trail;
  };
  beforeEach(() => answers.set(T.regions, { ids: ["ap-southeast-1"], regions: [{ id: "ap-southeast-1" }] }));

  it("is unknown, naming no undefined account, when the account lookup answers nothing", async () => {
    answers.set(T.account, {});
    const trail = await trailOf("late");
    expect(pulumi.isUnknown(trail.inputs.slsProjectArn)).toBe(true);
  });

  it("names the region and account a configured provider answers", async () => {
    answers.set(T.account, { id: ACCOUNT });
    const trail = await trailOf("found");
    expect(trail.inputs.slsProjectArn).toMatch(new RegExp(`^acs:log:ap-southeast-1:${ACCOUNT}:project/`));
  });
});
