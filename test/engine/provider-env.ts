// Environments for provider-configuration tests: a home folder of their own, so that nothing on the machine running
// them (its ~/.aws, ~/.aliyun or AWS variables) decides a region.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A home folder holding `files` (relative path → text), and an environment that sees nothing else. */
export function homeWith(files: Record<string, string> = {}): NodeJS.ProcessEnv {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-home-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return { HOME: dir };
}

/** An empty home and every AWS setting blank (an empty variable counts as unset), then `extra`. */
export function noAwsEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...homeWith(),
    AWS_REGION: "",
    AWS_DEFAULT_REGION: "",
    AWS_PROFILE: "",
    AWS_DEFAULT_PROFILE: "",
    AWS_CONFIG_FILE: "",
    AWS_SHARED_CREDENTIALS_FILE: "",
    ...extra,
  };
}
