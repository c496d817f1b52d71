import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { CREATION_TEMPLATE, createdRepositoryFindings, PULL_THROUGH_CACHE_RULE } from "../lib/ecr-created-repositories";
import {
  configurationsInForce,
  FilterReading,
  InForce,
  isEnhanced,
  judgedInEveryPlacement,
  lastAppliedNote,
  Placement,
  placeNote,
  REGISTRY_SCANNING,
  scanningCoverage,
} from "../lib/ecr-registry-scanning";
import { ecrFilterMatches, ecrFilterMatchesEverything } from "../lib/ecr-scan-filters";
import { at, expectAll, isTrue, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { defineStackRule, StackFinding } from "../lib/stack-rule";
import { is } from "../lib/text-values";

const REPOSITORY = "aws:ecr/repository:Repository";
const ACR_INSTANCE = "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance";

/** Reads filters against the repository's name; an unnamed repository is autonamed, so only `*` surely covers it. */
function readsRepository(repo: GenericResource): FilterReading {
  const name = typeof repo.inputs.name === "string" && !isUnknown(repo.inputs.name) ? repo.inputs.name : undefined;
  return (pattern) => {
    if (ecrFilterMatchesEverything(pattern)) return "covered";
    if (name === undefined) return "unknown";
    return ecrFilterMatches(pattern, name) ? "covered" : "not covered";
  };
}

type Judgement = { scanned: true } | { scanned: false; note: Finding } | { scanned: false; why: string };

const SCANNED: Judgement = { scanned: true };
const NO_RULE = "no registry scanning rule in the stack covers the repository";

/**
 * Enhanced scanning disables scanning of every repository its filters miss, so the repository's own scanOnPush
 * counts only under a configuration that is not ENHANCED. Under BASIC scanning the documentation only says
 * unmatched repositories are set to manual scanning; the repository's own setting is kept.
 */
function underConfiguration(repo: GenericResource, configuration: GenericResource, scanOnPush: unknown): Judgement {
  const cover = scanningCoverage(configuration, readsRepository(repo));
  if (cover === "covered") return SCANNED;
  const unsure = {
    scanned: false,
    note: unverifiable(
      "registry scanning rules or repository name",
      `whether ${configuration.name} covers ${repo.name}`,
    ),
  } as const;
  if (isEnhanced(configuration)) {
    if (cover === "unknown") return unsure;
    const why = isTrue(scanOnPush)
      ? `ENHANCED registry scanning (${configuration.name}) ignores the repository's scanOnPush and none of its rules' filters match the repository`
      : `imageScanningConfiguration.scanOnPush is ${show(scanOnPush)} and ${NO_RULE}`;
    return { scanned: false, why };
  }
  if (isTrue(scanOnPush)) {
    if (!isUnknown(configuration.inputs.scanType)) return SCANNED;
    const note = unverifiable(
      `${configuration.name}.scanType`,
      `ENHANCED scanning would ignore ${repo.name}'s scanOnPush`,
    );
    return { scanned: false, note };
  }
  if (isUnknown(scanOnPush)) return { scanned: false, note: unverifiable("imageScanningConfiguration.scanOnPush") };
  if (cover === "unknown") return unsure;
  return { scanned: false, why: `imageScanningConfiguration.scanOnPush is ${show(scanOnPush)} and ${NO_RULE}` };
}

/** `elsewhere`: configurations of other providers or regions, which do not reach this registry. */
function withoutConfiguration(scanOnPush: unknown, elsewhere: boolean): Judgement {
  if (isTrue(scanOnPush)) return SCANNED;
  if (isUnknown(scanOnPush)) return { scanned: false, note: unverifiable("imageScanningConfiguration.scanOnPush") };
  const none = elsewhere
    ? "the stack's registry scanning configurations are under another provider or in another region"
    : NO_RULE;
  return { scanned: false, why: `imageScanningConfiguration.scanOnPush is ${show(scanOnPush)} and ${none}` };
}

/**
 * Scanned when it is under every registry scanning configuration of its region that may be applied last (each
 * replaces the registry's whole configuration), or by its own scanOnPush where there is none.
 */
function underPlace(repo: GenericResource, { inForce, regional }: InForce, anywhere: boolean): Finding[] {
  const scanOnPush = at(repo.inputs, "imageScanningConfiguration.scanOnPush");
  const judgements =
    inForce.length > 0
      ? inForce.map((c) => underConfiguration(repo, c, scanOnPush))
      : [withoutConfiguration(scanOnPush, anywhere)];
  for (const j of judgements)
    if ("why" in j)
      return [
        violation(
          `${j.why}${lastAppliedNote(inForce, regional)}: pushed images are not scanned for known vulnerabilities`,
        ),
      ];
  const doubt = judgements.find((j): j is { scanned: false; note: Finding } => "note" in j);
  return doubt ? [doubt.note] : [];
}

/** Judged in every way its place may turn out: a configuration whose region or account is not shown may reach it. */
function repository(repo: GenericResource, placeOf: (r: GenericResource) => Placement, anywhere: boolean): Finding[] {
  return judgedInEveryPlacement(
    placeOf(repo),
    (place) => underPlace(repo, place, anywhere),
    (doubtful) => placeNote(repo, doubtful),
  );
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
      "Container registries must scan images: every ECR repository, including those ECR creates by itself, must be covered by scanning, and ACR instances must enable a scanner.",
    details:
      "Container registries must scan images: ECR repositories covered by a registry scanning rule in the stack (ENHANCED, or BASIC scanning on push, with a repository filter matching the repository: a filter without * matches names containing it), or with scanOnPush where no ENHANCED registry scanning of their region ignores it; registry scanning counts in its own account and region (its region argument, else its provider's region; providers told apart by allowedAccountIds, assumeRole or profile), and a configuration whose region or account the plan does not show (left to the provider's environment, or unknown at preview) may or may not reach a repository: a note when the verdict turns on it, and when several configurations share a region each that may be applied last (none of the others depends on it) must cover the repository, since the last applied replaces the rest; repositories ECR creates by itself (under a pull-through cache rule's ecrRepositoryPrefix, or a repository creation template's prefix for replication or create-on-push) have no scanOnPush, so a registry scanning rule must match every name under the prefix; Alibaba Cloud ACR Enterprise instances with an image scanner (ACR/Trivy or SAS), not DISABLE.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      'ECR: set imageScanningConfiguration: { scanOnPush: true }, or enable registry-wide scanning with an aws.ecr.RegistryScanningConfiguration (scanType "ENHANCED", or "BASIC" with scanFrequency "SCAN_ON_PUSH") whose repositoryFilters match the repository (e.g. "*"); under ENHANCED scanning a filter must match the repository, as its own scanOnPush is ignored.',
      "Keep one RegistryScanningConfiguration per provider and region (or make the one that must win dependOn the others), and create it with the provider or region of the repositories it should cover.",
      'For a pull-through cache rule or a repository creation template, add a registry scanning rule whose filter matches every name under its prefix (e.g. "docker-hub/*", or "*").',
      'ACR: set imageScanner to "ACR" or "SAS" when creating the instance (it cannot change later).',
    ],
    controls: [
      { framework: "AWS FSBP", id: "ECR.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.5 (malicious code prevention)" },
    ],
    caseStep: 6,
    resourceTypes: [REPOSITORY, REGISTRY_SCANNING, PULL_THROUGH_CACHE_RULE, CREATION_TEMPLATE, ACR_INSTANCE],
  },
  // Like the resource rule it was: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const configurations = resources.filter((r) => r.type === REGISTRY_SCANNING);
    const placeOf = configurationsInForce(configurations, new Map(resources.map((r) => [r.urn, r])));
    const of = (type: string, check: (r: GenericResource) => Finding[]) =>
      resources
        .filter((r) => r.type === type)
        .flatMap((r) => check(r).map((f): StackFinding => ({ ...f, urn: r.urn })));
    return [
      ...of(REPOSITORY, (r) => repository(r, placeOf, configurations.length > 0)),
      ...createdRepositoryFindings(resources, placeOf),
      ...of(ACR_INSTANCE, (r) => acrInstance(r.inputs)),
    ];
  },
});
