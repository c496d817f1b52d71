// The peer pack's policies, read without constructing AwsGuard (which would start its gRPC server): every area
// module of @pulumi/awsguard exports the policy objects it registers.
import * as path from "path";
import { repoRoot } from "./repo-root";

const AREAS = ["apiGateway", "compute", "database", "elasticsearch", "network", "security", "storage"];

export const PEER_DIR = path.join(repoRoot(), "bench", "peer");
export const PEER_PACK_DIR = path.join(PEER_DIR, "awsguard-pack");

interface PolicyLike {
  name: string;
  validateResource?: unknown;
  validateStack?: unknown;
}

const isPolicy = (v: unknown): v is PolicyLike =>
  typeof v === "object" &&
  v !== null &&
  typeof (v as PolicyLike).name === "string" &&
  ((v as PolicyLike).validateResource !== undefined || (v as PolicyLike).validateStack !== undefined);

export function loadAwsGuardPolicies(): PolicyLike[] {
  const entry = require.resolve("@pulumi/awsguard", { paths: [PEER_PACK_DIR] });
  const byName = new Map<string, PolicyLike>();
  for (const area of AREAS) {
    for (const value of Object.values(require(path.join(path.dirname(entry), area)))) {
      if (isPolicy(value)) byName.set(value.name, value);
    }
  }
  return [...byName.values()];
}
