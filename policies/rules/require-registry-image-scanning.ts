import { expectAll } from "../lib/expect";
import { defineResourceRule } from "../lib/rule";

/** Case step 6: container image scanning (Trivy) was a lesson of the case. */
export const requireRegistryImageScanning = defineResourceRule<unknown>({
  metadata: {
    name: "require-registry-image-scanning",
    description:
      "Container registries must scan images: ECR repositories with scanOnPush, and Alibaba Cloud ACR Enterprise instances with an image scanner (ACR/Trivy or SAS), not DISABLE.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "ECR: set imageScanningConfiguration: { scanOnPush: true } (or enable registry-wide enhanced scanning).",
      'ACR: set imageScanner to "ACR" or "SAS" when creating the instance (it cannot change later).',
    ],
    controls: [
      { framework: "AWS FSBP", id: "ECR.1" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.5 (malicious code prevention)" },
    ],
    caseStep: 6,
  },
  checks: {
    "aws:ecr/repository:Repository": (p) =>
      expectAll(p, [
        {
          path: "imageScanningConfiguration.scanOnPush",
          ok: (v) => v === true,
          problem: () => "pushed images are not scanned for known vulnerabilities",
        },
      ]),
    "alicloud:cr/registryEnterpriseInstance:RegistryEnterpriseInstance": (p) =>
      expectAll(p, [
        {
          path: "imageScanner",
          ok: (v) => v === undefined || (typeof v === "string" && v.toUpperCase() !== "DISABLE"),
          problem: () => "the image security scan engine is disabled",
        },
      ]),
  },
});
