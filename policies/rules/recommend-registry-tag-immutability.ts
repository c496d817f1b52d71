import { expectAll } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

const immutable = (v: unknown) => typeof v === "string" && v.toUpperCase().startsWith("IMMUTABLE");

/** Case step 6: a scanned tag is only meaningful if the image behind it cannot be swapped later. */
export const recommendRegistryTagImmutability = defineResourceRule<unknown>({
  metadata: {
    name: "recommend-registry-tag-immutability",
    description:
      "Container repositories should make tags immutable so a scanned image cannot be replaced under the same tag.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: [
      'ECR: set imageTagMutability: "IMMUTABLE" (or IMMUTABLE_WITH_EXCLUSION for e.g. a latest tag).',
      "ACR Enterprise: set tagImmutability: true on the repository.",
    ],
    controls: [{ framework: "AWS FSBP", id: "ECR.2" }],
    caseStep: 6,
  },
  checks: {
    "aws:ecr/repository:Repository": (p) =>
      expectAll(p, [
        { path: "imageTagMutability", ok: immutable, problem: () => "tags can be overwritten (default MUTABLE)" },
      ]),
    "alicloud:cs/registryEnterpriseRepo:RegistryEnterpriseRepo": (p) =>
      expectAll(p, [{ path: "tagImmutability", ok: (v) => v === true, problem: () => "tags can be overwritten" }]),
  },
});
