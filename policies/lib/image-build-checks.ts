// Checks of image-build scripts: they run as root on a build instance, and what they change is baked into every
// image built, so one sshd_config edit or planted root key ships to every instance launched from those images.
import { dockerfileScripts } from "../../lib/dockerfile-scripts";
import { componentShellScripts } from "../../lib/ec2-image-builder-components";
import { imageBuilderShellScripts } from "../../lib/ecs-image-builder-commands";
import { scriptsInOrder } from "../../lib/script-sequence";
import { isUnknown } from "../../lib/values";
import { windowsDockerfileScripts } from "../../lib/windows-dockerfiles";
import { imageBuilderPowerShellScripts } from "../../lib/windows-ecs-image-builder";
import { componentPowerShellScripts } from "../../lib/windows-image-builder-components";
import { windowsScriptFindings } from "../../lib/windows-script-findings";
import { isWindowsPlatform, WindowsScript } from "../../lib/windows-scripts";
import { Finding, unverifiable } from "./findings";
import { Check } from "./rule";
import { documentFindings, scriptsFindings } from "./script-findings";

/**
 * An EC2 Image Builder component's steps: ExecuteBash, a shell run by ExecuteBinary, files CreateFile and AppendFile
 * write. Windows components run PowerShell, read by the Windows reader (windows-image-builder-components.ts); a
 * component given by `uri` lives in S3, and its text is not in the program to read.
 */
export function ec2ImageBuilderComponentCheck(): Check<unknown> {
  return (p) =>
    isWindowsPlatform(p.platform)
      ? windowsComponentFindings(p.data)
      : documentFindings("data", p.data, componentShellScripts);
}

/** A Windows component's PowerShell steps, read as one script: one step may install sshd and a later one harden it. */
function windowsComponentFindings(data: unknown): Finding[] {
  if (isUnknown(data)) return [unverifiable("data")];
  if (typeof data !== "string") return [];
  const scripts = componentPowerShellScripts(data);
  if (!scripts) return [unverifiable("data", "it does not parse as JSON or YAML")];
  return windowsScriptFindings("data", scripts);
}

/**
 * An EC2 Image Builder container recipe's Dockerfile: its RUN instructions, the commands its CMD, ENTRYPOINT and
 * HEALTHCHECK run when the container starts, and the files it writes from here-documents or copies in. A container
 * image that lets root in by password has the weakness wherever it runs sshd. Windows containers (`platformOverride`)
 * run their RUN lines in cmd or PowerShell, read by the Windows reader (windows-dockerfiles.ts); a Dockerfile given by
 * `dockerfileTemplateUri` lives in S3.
 */
export function ec2ContainerRecipeCheck(): Check<unknown> {
  return (p) =>
    isWindowsPlatform(p.platformOverride)
      ? windowsTextFindings("dockerfileTemplateData", p.dockerfileTemplateData, windowsDockerfileScripts)
      : textFindings("dockerfileTemplateData", p.dockerfileTemplateData, (text) =>
          scriptsInOrder(dockerfileScripts(text)),
        );
}

/**
 * Alibaba Cloud Image Builder content (`RUN` lines or RunShellCommand tasks) in `field`: an image component's
 * `content` or an image template's `buildContent`. A component whose `systemType` is Windows runs PowerShell, read by
 * the Windows reader (windows-ecs-image-builder.ts).
 */
export function ecsImageBuilderCheck(field: string): Check<unknown> {
  return (p) =>
    isWindowsPlatform(p.systemType)
      ? windowsTextFindings(field, p[field], imageBuilderPowerShellScripts)
      : textFindings(field, p[field], imageBuilderShellScripts);
}

/** A text field read as the scripts `scriptsOf` finds in it: unknown at preview, it cannot be verified. */
function textFindings(field: string, v: unknown, scriptsOf: (text: string) => string[]): Finding[] {
  if (isUnknown(v)) return [unverifiable(field)];
  return typeof v === "string" ? scriptsFindings(field, scriptsOf(v)) : [];
}

/** The same for Windows scripts, read one after another on one machine by the Windows reader. */
function windowsTextFindings(field: string, v: unknown, scriptsOf: (text: string) => WindowsScript[]): Finding[] {
  if (isUnknown(v)) return [unverifiable(field)];
  return typeof v === "string" ? windowsScriptFindings(field, scriptsOf(v)) : [];
}
