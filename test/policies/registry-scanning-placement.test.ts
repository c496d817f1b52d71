// Registry scanning is per registry (provider) and region, one configuration in force there (the last applied), and
// it is the only scanning of repositories ECR creates by itself (pull-through cache, creation templates).
import { filterCoversNamesUnder } from "../../policies/lib/ecr-created-repositories";
import { requireRegistryImageScanning } from "../../policies/rules/require-registry-image-scanning";
import { StackInput, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const ECR = "aws:ecr/repository:Repository";
const SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const CACHE = "aws:ecr/pullThroughCacheRule:PullThroughCacheRule";
const TEMPLATE = "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate";
const EU = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::eu";
const OTHER = "aws:s3/bucket:Bucket";
const HOME_URN = "urn:pulumi:test::hardening-kit::pulumi:providers:aws::default_7_0_0";
/** Providers as the engine sends them: with their inputs, here their regions. */
const HOME = { provider: HOME_URN, providerProps: { region: "us-east-1" } };
const IN_EU = { provider: EU, providerProps: { region: "eu-central-1" } };

interface Placement {
  provider?: string;
  providerProps?: Record<string, unknown>;
  dependencies?: string[];
  propertyDependencies?: Record<string, string[]>;
}

const repo = (props: Record<string, unknown> = {}, place: Placement = {}): StackInput => ({
  type: ECR,
  name: "api",
  props: { name: "app-api", ...props },
  ...place,
});
const scanRule = (filter: unknown, scanFrequency: unknown = "CONTINUOUS_SCAN") => ({
  scanFrequency,
  repositoryFilters: [{ filter, filterType: "WILDCARD" }],
});
const config = (
  name: string,
  scanType: unknown,
  rules: unknown,
  place: Placement = {},
  extra: Record<string, unknown> = {},
): StackInput => ({ type: SCANNING, name, props: { scanType, rules, ...extra }, ...place });
const urn = (name: string) => urnOf(SCANNING, name);
const enhancedAll = (place: Placement = {}, extra: Record<string, unknown> = {}) =>
  config("enhanced", "ENHANCED", [scanRule("*")], place, extra);
const basicNone = (place: Placement = {}) => config("basic", "BASIC", [], place);
const cache = (prefix: unknown, place: Placement = {}): StackInput => ({
  type: CACHE,
  name: "hub",
  props: { ecrRepositoryPrefix: prefix, upstreamRegistryUrl: "registry-1.docker.io" },
  ...place,
});
const template = (appliedFors: unknown, prefix: unknown = "mirror"): StackInput => ({
  type: TEMPLATE,
  name: "tpl",
  props: { prefix, appliedFors, imageTagMutability: "IMMUTABLE" },
});

describe("require-registry-image-scanning: the registry and region of a configuration", () => {
  const onRepo = { urn: urnOf(ECR, "api"), mentions: "not scanned" };
  stackTable(requireRegistryImageScanning, [
    {
      name: "ENHANCED * under the default provider does not scan a repository under provider eu",
      resources: [enhancedAll(HOME), repo({}, IN_EU)],
      violations: 1,
      mentions: "another provider or in another region",
      urn: urnOf(ECR, "api"),
    },
    {
      name: "ENHANCED * under provider eu scans the repository under provider eu",
      resources: [enhancedAll({ provider: EU }), repo({}, { provider: EU })],
      violations: 0,
    },
    {
      name: "configuration with a region argument under another provider",
      resources: [enhancedAll(HOME, { region: "eu-west-1" }), repo({}, IN_EU)],
      violations: 1,
      ...onRepo,
    },
    {
      name: "region unknown at preview under the same provider may or may not be the repository's: a note",
      resources: [enhancedAll({ provider: EU }, { region: UNKNOWN }), repo({ region: "eu-west-1" }, { provider: EU })],
      violations: 0,
      notes: 1,
    },
    {
      name: "ENHANCED of another provider does not ignore the repository's own scanOnPush",
      resources: [
        config("enhanced", "ENHANCED", [scanRule("billing-*")], HOME),
        repo({ imageScanningConfiguration: { scanOnPush: "true" } }, IN_EU),
      ],
      violations: 0,
    },
    {
      name: "ENHANCED of another region does not ignore the repository's own scanOnPush",
      resources: [
        config("enhanced", "ENHANCED", [scanRule("billing-*")], {}, { region: "us-east-1" }),
        repo({ region: "eu-west-1", imageScanningConfiguration: { scanOnPush: true } }),
      ],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-registry-image-scanning: the last applied configuration is in force", () => {
  const mentions = "applied last";
  stackTable(requireRegistryImageScanning, [
    {
      name: "ENHANCED * and BASIC without rules, unordered",
      resources: [enhancedAll(), basicNone(), repo()],
      violations: 1,
      mentions,
      urn: urnOf(ECR, "api"),
    },
    {
      name: "BASIC without rules applied after ENHANCED * (depends on it)",
      resources: [enhancedAll(), { ...basicNone(), dependencies: [urn("enhanced")] }, repo()],
      violations: 1,
      mentions,
    },
    {
      name: "ENHANCED * applied after BASIC (depends on it)",
      resources: [{ ...enhancedAll(), dependencies: [urn("basic")] }, basicNone(), repo()],
      violations: 0,
    },
    {
      name: "ENHANCED * applied after BASIC through a resource between them",
      resources: [
        { ...enhancedAll(), dependencies: [urnOf(OTHER, "gate")] },
        { type: OTHER, name: "gate", props: {}, dependencies: [urn("basic")] },
        basicNone(),
        repo(),
      ],
      violations: 0,
    },
    {
      name: "ENHANCED * applied after BASIC through a property dependency",
      resources: [{ ...enhancedAll(), propertyDependencies: { rules: [urn("basic")] } }, basicNone(), repo()],
      violations: 0,
    },
    {
      name: "unordered ENHANCED * and BASIC: the repository's own scanOnPush holds under BASIC",
      resources: [enhancedAll(), basicNone(), repo({ imageScanningConfiguration: { scanOnPush: true } })],
      violations: 0,
    },
    {
      name: "unordered ENHANCED for other repositories may ignore scanOnPush",
      resources: [
        config("enhanced", "ENHANCED", [scanRule("billing-*")]),
        config("basic", "BASIC", [scanRule("*", "SCAN_ON_PUSH")]),
        repo({ imageScanningConfiguration: { scanOnPush: true } }),
      ],
      violations: 1,
      mentions,
    },
    {
      name: "two unordered ENHANCED configurations that both cover the repository",
      resources: [enhancedAll(), config("prefix", "ENHANCED", [scanRule("app-*")]), repo()],
      violations: 0,
    },
    {
      name: "unordered BASIC whose filter is unknown at preview is a note",
      resources: [enhancedAll(), config("basic", "BASIC", [scanRule(UNKNOWN, "SCAN_ON_PUSH")]), repo()],
      violations: 0,
      notes: 1,
    },
    {
      name: "configurations depending on each other (a cycle) order nothing",
      resources: [
        { ...enhancedAll(), dependencies: [urn("basic")] },
        { ...basicNone(), dependencies: [urn("enhanced")] },
        repo(),
      ],
      violations: 1,
      mentions,
    },
    {
      name: "configurations of two providers do not replace each other",
      resources: [enhancedAll(HOME), basicNone(IN_EU), repo({}, HOME)],
      violations: 0,
    },
  ] as StackCase[]);
});

describe("require-registry-image-scanning: repositories ECR creates", () => {
  const onCache = { urn: urnOf(CACHE, "hub"), mentions: "not scanned" };
  const onTemplate = { urn: urnOf(TEMPLATE, "tpl"), mentions: "not scanned" };
  stackTable(requireRegistryImageScanning, [
    {
      name: "pull-through cache with its template and no registry scanning",
      resources: [cache("docker-hub"), template(["PULL_THROUGH_CACHE"], "docker-hub")],
      violations: 1,
      ...onCache,
    },
    { name: "pull-through cache under ENHANCED *", resources: [cache("docker-hub"), enhancedAll()], violations: 0 },
    {
      name: "pull-through cache under a filter for its prefix",
      resources: [cache("docker-hub"), config("enhanced", "ENHANCED", [scanRule("docker-hub/*")])],
      violations: 0,
    },
    {
      name: "pull-through cache under a BASIC on-push filter without * contained in the prefix",
      resources: [cache("docker-hub"), config("basic", "BASIC", [scanRule("docker-hub", "SCAN_ON_PUSH")])],
      violations: 0,
    },
    {
      name: "pull-through cache under a filter for part of its prefix",
      resources: [cache("docker-hub"), config("enhanced", "ENHANCED", [scanRule("docker-hub/library/*")])],
      violations: 1,
      ...onCache,
    },
    {
      name: "pull-through cache under BASIC manual scanning",
      resources: [cache("docker-hub"), config("basic", "BASIC", [scanRule("*", "MANUAL")])],
      violations: 1,
      ...onCache,
    },
    {
      name: "pull-through cache prefix unknown at preview under a prefix filter is a note",
      resources: [cache(UNKNOWN), config("enhanced", "ENHANCED", [scanRule("docker-*")])],
      violations: 0,
      notes: 1,
    },
    { name: "pull-through cache prefix unknown under *", resources: [cache(UNKNOWN), enhancedAll()], violations: 0 },
    {
      name: "pull-through cache for ROOT under a filter for one prefix",
      resources: [cache("ROOT"), config("enhanced", "ENHANCED", [scanRule("docker-hub/*")])],
      violations: 1,
      ...onCache,
    },
    {
      name: "pull-through cache under provider eu, scanning under the default provider",
      resources: [cache("docker-hub", IN_EU), enhancedAll(HOME)],
      violations: 1,
      ...onCache,
    },
    {
      name: "pull-through cache under unordered ENHANCED * and BASIC without rules",
      resources: [cache("docker-hub"), enhancedAll(), basicNone()],
      violations: 1,
      mentions: "applied last",
    },
    {
      name: "replication template without registry scanning",
      resources: [template(["REPLICATION"])],
      violations: 1,
      ...onTemplate,
    },
    {
      name: "create-on-push template for ROOT under ENHANCED *",
      resources: [template(["CREATE_ON_PUSH"], "ROOT"), enhancedAll()],
      violations: 0,
    },
    {
      name: "template for pull-through caching only is judged through its cache rules",
      resources: [template(["PULL_THROUGH_CACHE"], "docker-hub")],
      violations: 0,
    },
    {
      name: "template whose appliedFors is unknown at preview is a note",
      resources: [template(UNKNOWN)],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

describe("a filter covering every repository name under a prefix", () => {
  it.each([
    ["*", "docker-hub/", true],
    ["docker-hub/*", "docker-hub/", true],
    ["docker*", "docker-hub/", true],
    ["*hub/*", "docker-hub/", true],
    ["docker-hub", "docker-hub/", true],
    ["hub", "docker-hub/", true],
    ["docker-hub/library/*", "docker-hub/", false],
    ["docker-hub/*/x", "docker-hub/", false],
    ["quay/*", "docker-hub/", false],
    ["docker-hub/library", "docker-hub/", false],
    ["", "docker-hub/", false],
  ])("%s over %s is %s", (filter, head, covers) => {
    expect(filterCoversNamesUnder(filter, head)).toBe(covers);
  });
});
