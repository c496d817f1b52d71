import { GenericResource } from "../../lib/reachability";
import { isUnknown, list, obj } from "../../lib/values";
import { at, expectAll, isTrue, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { is } from "../lib/text-values";
import { ecrFilterMatches, ecrFilterMatchesEverything } from "../lib/ecr-scan-filters";

const REPOSITORY = "aws:ecr/repository:Repository";
const REGISTRY_SCANNING = "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration";
const ACR_INSTANCE = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";

type Coverage = "covered" | "not covered" | "unknown";

/** Each resource names its region in provider 7; unset means the provider's, assumed shared. */
function sameRegion(a: GenericResource, b: GenericResource): boolean {
  const [ra, rb] = [a.inputs.region, b.inputs.region];
  return typeof ra !== "string" || typeof rb !== "string" || isUnknown(ra) || isUnknown(rb) || ra === rb;
}

const isEnhanced = (r: GenericResource) =>
  typeof r.inputs.scanType === "string" && r.inputs.scanType.toUpperCase() === "ENHANCED";

/** Whether a registry-wide scanning rule of the repository's region scans its pushes (unnamed repos are autonamed). */
function coverage(repo: GenericResource, registry: GenericResource): Coverage {
  const { scanType, rules } = registry.inputs;
  if (isUnknown(scanType) || isUnknown(rules)) return "unknown";
  const name = typeof repo.inputs.name === "string" && !isUnknown(repo.inputs.name) ? repo.inputs.name : undefined;
  // Enhanced scanning scans on push or continuously; basic scanning's MANUAL frequency scans nothing by itself.
  const scanning = isEnhanced(registry) ? ["SCAN_ON_PUSH", "CONTINUOUS_SCAN"] : ["SCAN_ON_PUSH"];
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
      if (ecrFilterMatchesEverything(pattern) || (name !== undefined && ecrFilterMatches(pattern, name)))
        return "covered";
      if (name === undefined) unknown = true;
    }
  }
  return unknown ? "unknown" : "not covered";
}

/**
 * Enhanced scanning disables scanning of every repository its filters miss, so the repository's own scanOnPush
 * counts only when no registry configuration of its region is (or may be) ENHANCED. Under BASIC scanning the
 * documentation only says unmatched repositories are set to manual scanning; the repository's own setting is kept.
 */
function repository(repo: GenericResource, registries: GenericResource[]): Finding[] {
  const scanOnPush = at(repo.inputs, "imageScanningConfiguration.scanOnPush");
  const regional = registries.filter((r) => sameRegion(repo, r));
  const covers = regional.map((r) => coverage(repo, r));
  if (covers.includes("covered")) return [];
  const enhanced = regional.find(isEnhanced);
  const typeUnknown = regional.find((r) => isUnknown(r.inputs.scanType));
  if (!enhanced) {
    if (isTrue(scanOnPush) && !typeUnknown) return [];
    if (isTrue(scanOnPush))
      return [
        unverifiable(`${typeUnknown!.name}.scanType`, `ENHANCED scanning would ignore ${repo.name}'s scanOnPush`),
      ];
    if (isUnknown(scanOnPush)) return [unverifiable("imageScanningConfiguration.scanOnPush")];
  }
  const unsure = regional[covers.indexOf("unknown")];
  if (unsure)
    return [unverifiable("registry scanning rules or repository name", `whether ${unsure.name} covers ${repo.name}`)];
  const why =
    enhanced && isTrue(scanOnPush)
      ? `ENHANCED registry scanning (${enhanced.name}) ignores the repository's scanOnPush and none of its rules' filters match the repository`
      : `imageScanningConfiguration.scanOnPush is ${show(scanOnPush)} and no registry scanning rule in the stack covers the repository`;
  return [violation(`${why}: pushed images are not scanned for known vulnerabilities`)];
}

const acrInstance = (p: Record<string, unknown>): Finding[] =>
  expectAll(p, [
    {
      path: "imageScanner",
      // Unset (null is how an engine may send it) takes the provider's default engine, ACR.
      ok: (v) => v === undefined || v === null || (typeof v === "string" && !is(v, "DISABLE")),
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
      "Container registries must scan images: ECR repositories covered by a registry scanning rule in the stack (ENHANCED, or BASIC scanning on push, with a repository filter matching the repository: a filter without * matches names containing it), or with scanOnPush where no ENHANCED registry scanning of their region ignores it; Alibaba Cloud ACR Enterprise instances with an image scanner (ACR/Trivy or SAS), not DISABLE.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      'ECR: set imageScanningConfiguration: { scanOnPush: true }, or enable registry-wide scanning with an aws.ecr.RegistryScanningConfiguration (scanType "ENHANCED", or "BASIC" with scanFrequency "SCAN_ON_PUSH") whose repositoryFilters match the repository (e.g. "*"); under ENHANCED scanning a filter must match the repository, as its own scanOnPush is ignored.',
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
