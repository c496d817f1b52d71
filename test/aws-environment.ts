// Tests preview small AWS programs whose stacks name no region. The AWS provider needs one (stack config,
// AWS_REGION, AWS_DEFAULT_REGION or the shared config and credentials files) and the engine fails the preview without
// it, as the CLI does. The tests run in us-east-1 on any machine: whatever region, profile or shared files the
// developer's environment names is replaced. Tests of a missing region pass their own `env` (and home).
import * as os from "os";
import * as path from "path";

/** A path that holds no file: the developer's own `~/.aws` files are not read. */
const NO_FILE = path.join(os.tmpdir(), "engine-tests-no-such-aws-file");

process.env.AWS_REGION = "us-east-1";
process.env.AWS_CONFIG_FILE = NO_FILE;
process.env.AWS_SHARED_CREDENTIALS_FILE = NO_FILE;
for (const name of [
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_DEFAULT_PROFILE",
  "ALICLOUD_REGION",
  "ALIBABA_CLOUD_REGION",
  "ALICLOUD_PROFILE",
  "ALIBABA_CLOUD_PROFILE",
]) {
  delete process.env[name];
}

export {};
