// The region a provider works in, found where the provider itself looks: its `region` input (for the default
// provider, `<pkg>:region` config), then the environment, then the cloud's shared config and credentials files. The
// AWS provider fails without one (CheckConfig: "Missing region information"), as does aws-native (which reads config
// and the environment only); the alicloud provider falls back to cn-beijing.
import * as os from "os";
import * as path from "path";
import { containsUnknown } from "../lib/values";
import { readProfile } from "./alicloud-profile";
import { sharedConfigRegion, sharedFilesProblem } from "./aws-shared-config";
import { configFileFailure, type ConfigFileProblem } from "./provider-failures";
import { isSecretValue, SECRET_MARKER } from "./secrets";

export type ProviderRegion =
  | { kind: "known"; region: string }
  /** Some provider input is unknown in a preview: the CLI cannot configure the provider either. */
  | { kind: "unknown" }
  /** No source gives a region; `looked` names the shared config the provider read last. */
  | { kind: "missing"; looked: string }
  /** The provider's SDK fails on a shared config file it reads, whatever the region. */
  | { kind: "unreadable"; problem: ConfigFileProblem };

/** A region the provider fails on: it cannot be configured. */
export type FailedRegion = Extract<ProviderRegion, { kind: "missing" | "unreadable" }>;

export function isFailedRegion(region: ProviderRegion): region is FailedRegion {
  return region.kind === "missing" || region.kind === "unreadable";
}

/** terraform-provider-alicloud's DEFAULT_REGION, used when neither config, environment nor profile names one. */
export const ALICLOUD_DEFAULT_REGION = "cn-beijing";

/**
 * A string input as the provider receives it: a secret's value (secret, not unknown), untrimmed, as the bridge passes
 * it on and the SDKs read it (a profile " ops" names no profile); an empty string counts as unset.
 */
function given(value: unknown): string | undefined {
  const v = isSecretValue(value) ? value.value : value;
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The first of `names` set non-empty, as written: aws-sdk-go-v2 config/env_config.go (setStringFromEnvVal: `if v :=
 * os.Getenv(k); len(v) > 0`) and the bridge's EnvVars defaults skip only empty values and trim nothing, so
 * AWS_REGION=" eu-west-1" is the region " eu-west-1" (which pulumi-aws, skipping region validation by default, does not
 * refuse) and a blank AWS_REGION hides AWS_DEFAULT_REGION.
 */
function firstEnv(env: NodeJS.ProcessEnv, names: string[]): string | undefined {
  return names.map((n) => env[n]).find((v) => !!v);
}

function homeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || env.USERPROFILE || os.homedir();
}

function expandHome(file: string, env: NodeJS.ProcessEnv): string {
  return file === "~" || file.startsWith("~/") ? path.join(homeDir(env), file.slice(1)) : file;
}

/** A list input: a JSON list in text (how config and the SDK pass `sharedConfigFiles`) or a list. */
function stringList(value: unknown): string[] | undefined {
  let v = isSecretValue(value) ? value.value : value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  const list = Array.isArray(v) ? v.filter((f): f is string => typeof f === "string" && f !== "") : [];
  return list.length ? list : undefined;
}

/** How an input may be named in a message: a secret one only as the marker. */
function shown(input: unknown, text: string): string {
  return isSecretValue(input) ? SECRET_MARKER : text;
}

/**
 * The profile the AWS provider reads: its `profile` input, else the SDK's (aws-sdk-go-v2 config/env_config.go,
 * profileEnvKeys): AWS_PROFILE, then AWS_DEFAULT_PROFILE, which the v2 SDK honours (unlike the v1 SDK), else "default".
 */
function awsProfile(inputs: Record<string, unknown>, env: NodeJS.ProcessEnv): string {
  return given(inputs.profile) ?? firstEnv(env, ["AWS_PROFILE", "AWS_DEFAULT_PROFILE"]) ?? "default";
}

function awsRegion(inputs: Record<string, unknown>, env: NodeJS.ProcessEnv): ProviderRegion {
  const profile = awsProfile(inputs, env);
  const awsDir = path.join(homeDir(env), ".aws");
  const configFiles = (
    stringList(inputs.sharedConfigFiles) ?? [env.AWS_CONFIG_FILE || path.join(awsDir, "config")]
  ).map((f) => expandHome(f, env));
  const credentialsFiles = (
    stringList(inputs.sharedCredentialsFiles) ?? [env.AWS_SHARED_CREDENTIALS_FILE || path.join(awsDir, "credentials")]
  ).map((f) => expandHome(f, env));
  // The SDK loads every shared file whatever the region (config.LoadDefaultConfig), and fails or panics on a bad one.
  const problem = sharedFilesProblem(configFiles) ?? sharedFilesProblem(credentialsFiles);
  if (problem) {
    const secret = isSecretValue(inputs.sharedConfigFiles) || isSecretValue(inputs.sharedCredentialsFiles);
    return { kind: "unreadable", problem: secret ? { ...problem, file: SECRET_MARKER } : problem };
  }
  const region =
    given(inputs.region) ??
    firstEnv(env, ["AWS_REGION", "AWS_DEFAULT_REGION"]) ??
    sharedConfigRegion(configFiles, profile, credentialsFiles);
  if (region) return { kind: "known", region };
  // A secret profile or file list is the provider's to know: the failure names it only as secret.
  const files = [
    shown(inputs.sharedConfigFiles, configFiles.join(", ")),
    shown(inputs.sharedCredentialsFiles, credentialsFiles.join(", ")),
  ];
  return { kind: "missing", looked: `profile ${shown(inputs.profile, `"${profile}"`)} of ${files.join(", ")}` };
}

/**
 * terraform-provider-alicloud alicloud/provider.go (providerConfigure): `getProviderConfig("region", "region_id")`
 * takes the first non-empty of the region input, ALICLOUD_REGION, ALIBABA_CLOUD_REGION (MultiEnvDefaultFunc), then
 * the named profile's region_id, else DEFAULT_REGION; only then is it trimmed (`strings.TrimSpace(region)`), so a
 * blank one is an empty region rather than the next source.
 */
function alicloudRegion(inputs: Record<string, unknown>, env: NodeJS.ProcessEnv): ProviderRegion {
  const configured = given(inputs.region) ?? firstEnv(env, ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"]);
  if (configured) return { kind: "known", region: configured.trim() };
  // The CLI's profile is read only when one is named, by its exact name.
  const profile = given(inputs.profile) ?? firstEnv(env, ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"]);
  const file =
    given(inputs.sharedCredentialsFile) ??
    firstEnv(env, ["ALICLOUD_SHARED_CREDENTIALS_FILE", "ALIBABA_CLOUD_CREDENTIALS_FILE"]) ??
    path.join(homeDir(env), ".aliyun", "config.json");
  const read = profile ? readProfile(expandHome(file, env), profile) : {};
  if (read.problem) {
    const secret = isSecretValue(inputs.sharedCredentialsFile);
    return { kind: "unreadable", problem: secret ? { ...read.problem, file: SECRET_MARKER } : read.problem };
  }
  return { kind: "known", region: (read.regionId ?? ALICLOUD_DEFAULT_REGION).trim() };
}

/** aws-native reads its region from config or the environment only, and fails Configure without one. */
function awsNativeRegion(inputs: Record<string, unknown>, env: NodeJS.ProcessEnv): ProviderRegion {
  const region = given(inputs.region) ?? firstEnv(env, ["AWS_REGION", "AWS_DEFAULT_REGION"]);
  return region ? { kind: "known", region } : { kind: "missing", looked: "AWS_REGION, AWS_DEFAULT_REGION" };
}

/**
 * The region of a provider of `pkg` configured with `inputs`: an explicit provider's inputs, or for the default
 * provider the package's stack config (see `packageConfig`). `env` is the environment the provider would run in.
 */
export function providerRegion(pkg: string, inputs: Record<string, unknown>, env: NodeJS.ProcessEnv): ProviderRegion {
  if (containsUnknown(inputs)) return { kind: "unknown" };
  if (pkg === "aws") return awsRegion(inputs, env);
  if (pkg === "alicloud") return alicloudRegion(inputs, env);
  if (pkg === "aws-native") return awsNativeRegion(inputs, env);
  return { kind: "known", region: given(inputs.region) ?? "" };
}

/**
 * The AWS provider's CheckConfig failure as the CLI prints it against the provider resource, with where this
 * provider looked and the fix that applies to it (stack config for the default provider, `region` for an explicit one).
 */
export function missingRegionMessage(providerName: string, looked: string, explicit: boolean): string {
  const fix = explicit
    ? `e.g. \`new aws.Provider("${providerName}", { region: "<region>" })\``
    : "e.g. `pulumi config set aws:region <region>`";
  const sources = explicit ? "its region input" : "aws:region";
  return (
    `pulumi:providers:aws resource '${providerName}' has a problem: Missing region information. ` +
    `Make sure you have set your AWS region, ${fix}; ` +
    `the provider found none in ${sources}, AWS_REGION, AWS_DEFAULT_REGION or ${looked}.`
  );
}

/** aws-native's Configure failure for want of a region, with the fix that applies to this provider. */
function missingAwsNativeRegionMessage(providerName: string, explicit: boolean): string {
  const fix = explicit
    ? `e.g. \`new aws_native.Provider("${providerName}", { region: "<region>" })\``
    : "e.g. `pulumi config set aws-native:region <region>`";
  return (
    `pulumi:providers:aws-native resource '${providerName}' has a problem: ` +
    `missing required configuration key "aws-native:region": the region where AWS operations will take place. ` +
    `Set it, ${fix}, or set AWS_REGION or AWS_DEFAULT_REGION.`
  );
}

/** What a provider of `pkg` that cannot be configured fails with, as the CLI prints it against the provider. */
export function providerRegionFailure(
  pkg: string,
  providerName: string,
  region: FailedRegion,
  explicit: boolean,
): string {
  if (region.kind === "unreadable") return configFileFailure(pkg, providerName, region.problem);
  return missingRegionFailure(pkg, providerName, region.looked, explicit);
}

/** The failure of a provider of `pkg` whose region is missing (`looked`: where it looked), as the CLI prints it. */
export function missingRegionFailure(pkg: string, providerName: string, looked: string, explicit: boolean): string {
  return pkg === "aws-native"
    ? missingAwsNativeRegionMessage(providerName, explicit)
    : missingRegionMessage(providerName, looked, explicit);
}
