// The repository root (holds Pulumi.yaml), found the same way from the sources and from the compiled copy in dist/:
// the pack's build tools write files relative to it.
import * as fs from "fs";
import * as path from "path";

export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!fs.existsSync(path.join(dir, "Pulumi.yaml")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
