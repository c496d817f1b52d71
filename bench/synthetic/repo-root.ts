// The repository root, found the same way from sources (ts-jest) and from compiled output under dist/.
import * as fs from "fs";
import * as path from "path";

export function repoRoot(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (
      fs.existsSync(path.join(dir, "policies", "PulumiPolicy.yaml")) &&
      fs.existsSync(path.join(dir, "package.json"))
    ) {
      return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`no repository root above ${from}`);
  }
}
