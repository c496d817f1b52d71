import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";
import { at, expectAll, isTrue, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { matchesEverything, wildcardMatches } from "../lib/wildcard";

const REPOSITORY = "aws:ecr/repository:Repository";
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const ACR_INSTANCE = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";

type Coverage = "covered" | "not covered" | "unknown";

/** Each resource names its region in provider 7; unset means the provider's, assumed shared. */
function sameRegion(a: GenericResource, b: GenericResource): boolean {
  const [ra, rb] = [a.inputs.region, b.inputs.region];
  return typeof ra !== "string" || typeof rb !== "string" || isUnknown(ra) || isUnknown(rb) || ra === rb;
}

/** Whether a registry-wide scanning rule scans the repository's pushes (the provider autonames unnamed repos). */
function coverage(repo: GenericResource, registry: GenericResource): Coverage {
  const { scanType, rules } = registry.inputs;
  if (isUnknown(scanType) || isUnknown(rules)) return "unknown";
  if (!sameRegion(repo, registry)) return "not covered";
  const name = typeof repo.inputs.name === "string" && !isUnknown(repo.inputs.name) ? repo.inputs.name : undefined;
  // Enhanced scanning scans on push or continuously; basic scanning's MANUAL frequency scans nothing by itself.
  const scanning =
    String(scanType).toUpperCase() === "ENHANCED" ? ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"] : ["SCAN_ON_PUSH"];
  let unknown = false;
  for (const rule of list(rules)) {
    const frequency = obj(rule)?.scanFrequency;
    const filters = obj(rule)?.repositoryFilters;
    if (isUnknown(rule) || isUnknown(frequency) || isUnknown(filters)) unknown = true;
    if (typeof frequency !== "string" || !scanning.includes(frequency.toUpperCase())) continue;
    for (const f of list(filters)) {
      const pattern = isUnknown(f) ? f : obj(f)?.filter;
      if (isUnknown(pattern)) unknown = true;
      if (typeof pattern !== "string" || isUnknown(pattern)) continue;
      if (matchesEverything(pattern) || (name !== undefined && wildcardMatches(pattern, name))) return "covered";
      if (name === undefined) unknown = true;
    }
  }
  return unknown ? "unknown" : "not covered";
}

function repository(repo: GenericResource, registries: GenericResource[]): Finding[] {
  const scanOnPush = at(repo.inputs, "imageScanningConfiguration.scanOnPush");
  if (isTrue(scanOnPush)) return [];
  const covers = registries.map((r) => coverage(repo, r));
  if (covers.includes("covered")) return [];
  if (isUnknown(scanOnPush)) return [unverifiable("imageScanningConfiguration.scanOnPush")];
  const unsure = registries[covers.indexOf("unknown")];
  if (unsure)
    return [unverifiable("registry scanning rules or repository name", `whether ${unsure.name} covers ${repo.name}`)];
  return [
    violation(
      `imageScanningConfiguration.scanOnPush is ${show(scanOnPush)} and no registry scanning rule in the stack covers the repository: pushed images are not scanned for known vulnerabilities`,
    ),
  ];
}

const acrInstance = (p: Record<string, unknown>): Finding[] =>
  expectAll(p, [
    {
      path: "imageScanner",
      ok: (v) => v === undefined || (typeof v === "string" && v.toUpperCase() !== "DISABLE"),
      problem: () => "the image security scan engine is disabled",
    },
  ]);

/**
 * Case step 6: container image scanning (Trivy) was a lesson of the case. A stack rule because registry-wide
 * scanning (a separate resource) replaces the repository's own scanOnPush.
 */
export const requireRegistryImageScanning = defineStackRule({
  metadata: {
    name: "require-registry-image-scanning",
    description:
      "Container registries must scan images: ECR repositories with scanOnPush or covered by a registry scanning rule in the stack (ENHANCED, or BASIC scanning on push, with a repository filter matching the repository), and Alibaba Cloud ACR Enterprise instances with an image scanner (ACR/Trivy or SAS), not DISABLE.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      'ECR: set imageScanningConfiguration: { scanOnPush: true }, or enable registry-wide scanning with an aws.ecr.RegistryScanningConfiguration (scanType "ENHANCED", or "BASIC" with scanFrequency "SCAN_ON_PUSH") whose repositoryFilters match the repository (e.g. "*").',
      'ACR: set imageScanner to "ACR" or "SAS" when creating the instance (it cannot change later).',
    ],
    controls: [
      { framework: "AWS FSBP", id: "ECR.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.5 (malicious code prevention)" },
    ],
    caseStep: 6,
    resourceTypes: [REPOSITORY, REGISTRY_SCANNING, ACR_INSTANCE],
  },
  // Like the resource rule it was: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const registries = resources.filter((r) => r.type === REGISTRY_SCANNING);
    const of = (type: string, check: (r: GenericResource) => Finding[]) =>
      resources
        .filter((r) => r.type === type)
        .flatMap((r) => check(r).map((f): StackFinding => ({ ...f, urn: r.urn })));
    return [...of(REPOSITORY, (r) => repository(r, registries)), ...of(ACR_INSTANCE, (r) => acrInstance(r.inputs))];
  },
});
