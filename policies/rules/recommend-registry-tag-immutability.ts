import { isUnknown, list, obj } from "../../lib/values";
import { expectAll, isTrue, show } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";
import { matchesEverything } from "../lib/wildcard";

const immutable = (v: unknown) => typeof v === "string" && v.toUpperCase().startsWith("IMMUTABLE");

/** IMMUTABLE_WITH_EXCLUSION with a filter matching every tag (`*`) leaves every tag mutable. */
const ecrMutability: Check<unknown> = (p) => {
  const findings: Finding[] = expectAll(p, [
    { path: "imageTagMutability", ok: immutable, problem: () => "tags can be overwritten (default MUTABLE)" },
  ]);
  if (findings.length > 0 || String(p.imageTagMutability).toUpperCase() !== "IMMUTABLE_WITH_EXCLUSION") return findings;
  const filters = p.imageTagMutabilityExclusionFilters;
  if (isUnknown(filters)) return [unverifiable("imageTagMutabilityExclusionFilters")];
  for (const [i, f] of list(filters).entries()) {
    const filter = isUnknown(f) ? f : obj(f)?.filter;
    if (isUnknown(filter)) findings.push(unverifiable(`imageTagMutabilityExclusionFilters[${i}].filter`));
    else if (typeof filter === "string" && matchesEverything(filter))
      findings.push(
        violation(`imageTagMutabilityExclusionFilters[${i}].filter is ${show(filter)}: every tag stays mutable`),
      );
  }
  return findings;
};

/** Case step 6: a scanned tag is only meaningful if the image behind it cannot be swapped later. */
export const recommendRegistryTagImmutability = defineResourceRule<unknown>({
  metadata: {
    name: "recommend-registry-tag-immutability",
    description:
      "Container repositories should make tags immutable so a scanned image cannot be replaced under the same tag.",
    details:
      "Container repositories (and the ECR creation templates that make repositories on pull-through or replication) should make tags immutable so a scanned image cannot be replaced under the same tag; an exclusion matching every tag counts as mutable.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: [
      'ECR repositories and repository creation templates: set imageTagMutability: "IMMUTABLE" (or IMMUTABLE_WITH_EXCLUSION for e.g. a latest tag, not "*").',
      "ACR Enterprise: set tagImmutability: true on the repository.",
    ],
    controls: [{ framework: "AWS FSBP", id: "ECR.2" }],
    caseStep: 6,
  },
  checks: {
    "aws:ecr/repository:Repository": ecrMutability,
    "aws:ecr/repositoryCreationTemplate:RepositoryCreationTemplate": ecrMutability,
    "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo": (p) =>
      expectAll(p, [{ path: "tagImmutability", ok: isTrue, problem: () => "tags can be overwritten" }]),
  },
});
