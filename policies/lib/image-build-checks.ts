// Checks of image-build scripts: they run as root on a build instance, and what they change is baked into every
// image built, so one sshd_config edit or planted root key ships to every instance launched from those images.
import { imageBuilderShellScripts } from "../../lib/ecs-image-builder-commands";
import { componentShellScripts } from "../../lib/ec2-image-builder-components";
import { isUnknown } from "../../lib/values";
import { isWindowsPlatform } from "../../lib/windows-scripts";
import { unverifiable } from "./findings";
import { Check } from "./rule";
import { documentFindings, scriptsFindings } from "./script-findings";

/**
 * An EC2 Image Builder component's ExecuteBash steps. Windows components run PowerShell; a component given by
 * `uri` lives in S3, and its text is not in the program to read.
 */
export function ec2ImageBuilderComponentCheck(): Check<unknown> {
  return (p) => (isWindowsPlatform(p.platform) ? [] : documentFindings("data", p.data, componentShellScripts));
}

/**
 * Alibaba Cloud Image Builder content (`RUN` lines or RunShellCommand tasks) in `field`: an image component's
 * `content` (skipped when its `systemType` is Windows) or an image template's `buildContent`.
 */
export function ecsImageBuilderCheck(field: string): Check<unknown> {
  return (p) => {
    if (isWindowsPlatform(p.systemType)) return [];
    const content = p[field];
    if (isUnknown(content)) return [unverifiable(field)];
    return typeof content === "string" ? scriptsFindings(field, imageBuilderShellScripts(content)) : [];
  };
}
