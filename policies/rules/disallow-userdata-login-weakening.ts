import { spotFleetCheck } from "../lib/boot-script-checks";
import {
  ec2ContainerRecipeCheck,
  ec2ImageBuilderComponentCheck,
  ecsImageBuilderCheck,
} from "../lib/image-build-checks";
import { cloudAssistantInvocationFindings, ECS_INVOCATION } from "../lib/cloud-assistant-invocations";
import { withWindowsCommands } from "../lib/cloud-assistant-commands";
import { ec2ImageBuilderWorkflowCheck } from "../lib/image-builder-workflows";
import { ssmDocumentRunFindings } from "../lib/ssm-document-runs";
import { Finding } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";
import { oosExecutionCheck } from "../lib/oos-executions";
import {
  cloudAssistantCheck,
  efloInvocationCheck,
  oosTemplateCheck,
  ssmAssociationCheck,
  ssmDocumentCheck,
  ssmMaintenanceWindowTaskCheck,
} from "../lib/run-command-checks";
import { decodedUserDataFindings, scriptFindings } from "../lib/script-findings";
import { withStackChecks } from "../lib/stack-checks";
import { windowsDecodedUserDataFindings } from "../../lib/windows-user-data";
import { windowsAssociationFindings } from "../../lib/windows-ssm-runs";
import { windowsOosTemplateFindings } from "../../lib/windows-oos-templates";
import { windowsLaunchSpecifications } from "../../lib/windows-spot-fleets";

/**
 * User data read as Windows reads it when it is Windows user data (`<powershell>`, `[bat]`…), else as shell; decoded
 * once for both.
 */
function bootScriptCheck(fields: string[]): Check<unknown> {
  return (p) =>
    fields.flatMap((field) =>
      decodedUserDataFindings(
        field,
        p[field],
        (text) => windowsDecodedUserDataFindings(field, text) ?? scriptFindings(field, text),
      ),
    );
}

/** Windows runs read by the Windows reader (`windows`, undefined for others), other runs by `shell`. */
function windowsOr(
  windows: (p: Record<string, unknown>) => Finding[] | undefined,
  shell: Check<unknown>,
): Check<unknown> {
  return (p, ctx) => windows(p) ?? shell(p, ctx);
}

/** Runs of both kinds in one resource: the Windows reader's findings (`windows`) beside the shell reader's. */
function withWindows(shell: Check<unknown>, windows: (p: Record<string, unknown>) => Finding[]): Check<unknown> {
  return (p, ctx) => [...windows(p), ...shell(p, ctx)];
}

/** Spot fleets' launch specifications, each read as bootScriptCheck reads user data: Windows first, else shell. */
function spotFleetBootScriptCheck(): Check<unknown> {
  const shell = spotFleetCheck();
  return (p, ctx) => {
    const { findings, others } = windowsLaunchSpecifications(p.launchSpecifications);
    return [...findings, ...shell({ ...p, launchSpecifications: others }, ctx)];
  };
}

/** Case step 2: the attacker rewrote sshd_config and planted keys under /root/.ssh. */
const resourceRule = defineResourceRule<unknown>({
  metadata: {
    name: "disallow-userdata-login-weakening",
    description:
      "Boot, run-command and image-build scripts must not enable SSH password or root login, set passwords, write root's authorized_keys or start password-login servers.",
    details:
      "Scripts must not enable SSH password authentication or root login (sshd_config and its drop-ins, sshd options on its command line or in its environment, or hardened lines and drop-ins of the kit or the image taken away, in place or through a temporary file: grep -v, sed '/…/d', awk '!/…/', perl -n print filters or ex/vi global deletes (g/…/d, v/…/d), copied back, or a copy of the file, itself maybe copied or filtered again, edited and put back over it; such an edit whose pattern or replacement comes from outside the script, e.g. grep -v \"$PAT\", cannot be verified), set passwords (chpasswd, passwd from a pipe or --stdin, useradd/usermod -p, cloud-init password keys), write root's authorized_keys (wherever AuthorizedKeysFile points for root, or root's AuthorizedPrincipalsFile; a path as the kernel reads it, //root included, or a word the shell expands that may name it, such as {authorized_keys,authorized_keys2} or auth*, or under a home usermod -d gives root), overwrite a hardened drop-in with text that does not set its directives again (a redirection, an echo piped to tee, a copy of a file the script wrote), give another account root's user id 0 (useradd, usermod or adduser -u 0) or install or start a remote-access server that logs in with passwords (telnet, rlogin, rsh, rexec, xrdp, Dropbear unless started with -s and -w, and VNC or a web console such as Cockpit, Webmin, Shell In A Box, ttyd or GoTTY not bound to loopback; installed as packages, cloud-init packages included, enabled as services, run as daemons, or turned on in xinetd's or inetd's configuration); text only printed to the log or written to the message of the day or a banner is not a weakening; commands run by a command substitution inside a quoted string, or given the files a $(find …) operand, find -exec or xargs lists, count as run; text the script wrote and a sed or perl edit fills in (s/__PA__/yes/) is read as the edit leaves it. TrustedUserCAKeys, AuthorizedKeysCommand, AuthorizedPrincipalsCommand or HostbasedAuthentication yes while PermitRootLogin is not no lets root in without authorized_keys: a note. A directive whose value the script takes from outside (an unset variable, a command's output, a template placeholder, in sshd's files or in a template a filter such as envsubst puts there) cannot be verified, nor can sshd's configuration or the account files replaced or extended with text from outside the script (a copy of a file it did not write, a download, an archive): it is a note (a violation when the pack fails closed). Content the pack leaves unread is a violation, as what is not read may hide any of these: gzip inflating past 4 MB (or past 8 MB in one value), layers nested past four (a script decoded or printed into a shell, MIME parts or a cloud-config, four layers down), scripts run by scripts past the readers' depth, and text, variables, loops, copies, edits and files past the bounds the readers keep on hostile input (each message names the bound); real user data inflates to tens of KB and nests a few layers. Boot scripts: user data of instances, launch templates, launch configurations and scaling configurations of both clouds, AWS spot fleets and Lightsail instances, Alibaba Cloud Container Service node pools and edge clusters, ENS instances, CDDC hosts and EFLO nodes, node groups, attachments and hyper nodes. Run-command scripts: Alibaba Cloud Cloud Assistant commands (with the parameters each invocation of the stack passes), OOS templates and executions (their parameters and own template content) and EFLO invocations; AWS Systems Manager Command documents (composite ones running AWS-RunShellScript included; with the parameters each association and maintenance window task of the stack passes, a parameter left out taking its default, a value read from Parameter Store {{ssm:…}} unverifiable), Automation runbooks sending AWS-RunShellScript (in aws:loop bodies too, each iterator value filled in; with the parameters each association, its target parameter holding a target's ID, and AUTOMATION maintenance window task of the stack passes, and runbooks started by another runbook's aws:executeAutomation step, with its RuntimeParameters) or a Command document of the stack (run with the step's parameters), Session documents' shell profiles and commands, AWS-RunShellScript and AWS-RunRemoteScript associations and maintenance window tasks. Image-build scripts, baked into every image built: EC2 Image Builder components (ExecuteBash steps, shells run by ExecuteBinary, files written by CreateFile and AppendFile, files and folders placed by CopyFile, MoveFile, CopyFolder, MoveFolder, CreateSymlink and downloads), EC2 Image Builder workflows' RunCommand steps sending AWS-RunShellScript, AWS-RunRemoteScript or a Command document of the stack (run with the step's parameters; a document or commands taken from a JSONPath at run time cannot be verified), image recipes' user data and container recipes' Dockerfiles (RUN and SHELL, and CMD, ENTRYPOINT and HEALTHCHECK commands run at start, COPY and ADD of files and folders), Alibaba Cloud Image Builder components and image templates. Windows scripts (EC2 user data's PowerShell and batch blocks, tagged powershell and script, and EC2Launch v2 task documents' executeScript powershell and batch scripts, Alibaba Cloud user data opening with [powershell] or [bat], Cloud Assistant RunPowerShellScript and RunBatScript commands, Systems Manager Command documents' aws:runPowerShellScript steps (schema 2.x and 1.2) and Automation runbooks' aws:runCommand steps sending AWS-RunPowerShellScript (their {{ parameters }} filled with the defaults, and with the values each association, maintenance window task and runbook step of the stack that runs them passes; a line that is a {{ parameter }} alone runs what each run gives and cannot be verified), AWS-RunPowerShellScript associations and maintenance window tasks, Windows EC2 Image Builder components' ExecutePowerShell steps, EC2 Image Builder workflows' RunCommand steps sending AWS-RunPowerShellScript, Windows container recipes' RUN lines (in cmd, or the PowerShell a SHELL instruction names), AWS spot fleets' Windows launch specifications, OOS templates' and executions' RunCommand tasks of type RunPowerShellScript or RunBatScript, and Alibaba Cloud Image Builder components of system type Windows: their RunPowerShellCommand tasks, and RUN lines; with the scripts they run through powershell -Command or -EncodedCommand, cmd /c, Invoke-Expression, or write to a .ps1, .cmd or .bat file) must not set a password written in the script (net user, Set-LocalUser, New-LocalUser, New-ADUser, Set-ADAccountPassword, ADSI SetPassword, Winlogon's auto-logon DefaultPassword with AutoAdminLogon 1 through Set-ItemProperty, New-ItemProperty or reg add; one taken from outside the script, such as Secrets Manager, Parameter Store or an environment variable, cannot be verified), nor write an administrator's authorized_keys (%ProgramData%\\ssh\\administrators_authorized_keys, the .ssh\\authorized_keys of Administrator's profile or of the SYSTEM or administrator account the script runs as, or a file an AuthorizedKeysFile line written to sshd_config names, one from outside the script unverifiable; with Add-Content, Set-Content, Out-File, redirection, copies, moves, renames, downloads (Invoke-WebRequest, WebClient, certutil, bitsadmin), [IO.File] writes or .NET writers, or a folder copied or unpacked into %ProgramData%\\ssh; not icacls), nor let Windows OpenSSH take passwords: PasswordAuthentication yes written to sshd_config, or the server installed or started (Start-Service, Restart-Service, EC2Launch v2's enableOpenSsh task) by a script that never writes PasswordAuthentication no (its default is yes), writes it only after a Match line (appended to the stock file, it lands in its closing Match Group administrators block), or starts the server before writing it without restarting it after (an edit of sshd_config in place is read by what its replacements make of the stock file, $1 group references included, and a template the script wrote, its placeholder filled in by -replace or .Replace and written, copied or renamed to sshd_config, as the replacement leaves it; one it did not write, or a replacement that cannot be replayed, cannot be verified), nor open a remote login to password guessing or clear-text passwords: RDP without Network Level Authentication (UserAuthentication 0) or with security layer 0, WinRM Basic authentication or unencrypted traffic, Telnet Server installed or started.",
    enforcementLevel: "mandatory",
    severity: "critical",
    remediationSteps: [
      "Delete the lines quoted in the message from the script that carries them: a boot script (userData, preUserData, a spot fleet's launch specification, an image recipe's user data) or cloud-config; a Cloud Assistant command, an OOS template task or execution's parameters, an EFLO invocation, a Systems Manager document step or session shell profile, association or maintenance window commands; an EC2 Image Builder component step, workflow RunCommand step or container recipe's Dockerfile, or an Alibaba Cloud Image Builder RUN command or task.",
      "Set PasswordAuthentication no and PermitRootLogin no (cloud-init: ssh_pwauth: false, disable_root: true), written in the script itself, not from a variable or template.",
      "Give operators named accounts with keys from the key pair or a certificate authority, never root.",
      "On Windows, read passwords at run time from Secrets Manager or Parameter Store instead of writing them in the script, and write PasswordAuthentication no to %ProgramData%\\ssh\\sshd_config before starting sshd.",
      "Rebuild and replace images already built from a weakening image-build script: removing the script does not change them.",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4.1" }],
    caseStep: 2,
  },
  checks: {
    "aws:ec2/instance:Instance": bootScriptCheck(["userData", "userDataBase64"]),
    "aws:ec2/spotInstanceRequest:SpotInstanceRequest": bootScriptCheck(["userData", "userDataBase64"]),
    "aws:ec2/launchTemplate:LaunchTemplate": bootScriptCheck(["userData"]),
    "aws:ec2/launchConfiguration:LaunchConfiguration": bootScriptCheck(["userData", "userDataBase64"]),
    "alicloud:ecs/instance:Instance": bootScriptCheck(["userData"]),
    "alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate": bootScriptCheck(["userData", "userdata"]),
    "alicloud:ecs/launchTemplate:LaunchTemplate": bootScriptCheck(["userData", "userdata"]),
    "alicloud:ess/scalingConfiguration:ScalingConfiguration": bootScriptCheck(["userData"]),
    "alicloud:ecs/command:Command": withWindowsCommands(cloudAssistantCheck()),
    "alicloud:oos/template:Template": withWindows(oosTemplateCheck(), windowsOosTemplateFindings),
    // Executions run a template with parameters that may carry the script itself (ACS-ECS-BulkyRunCommand).
    "alicloud:oos/execution:Execution": oosExecutionCheck(),
    "alicloud:eflo/invocation:Invocation": efloInvocationCheck(),
    // Lightsail and spot fleets take plain text, Container Service and ENS base64, EFLO does not say: all read alike.
    "aws:lightsail/instance:Instance": bootScriptCheck(["userData"]),
    "aws:ec2/spotFleetRequest:SpotFleetRequest": spotFleetBootScriptCheck(),
    "alicloud:cs/nodePool:NodePool": bootScriptCheck(["userData", "preUserData"]),
    "alicloud:ens/instance:Instance": bootScriptCheck(["userData"]),
    // userDataEncoded says whether userData is base64. It is not consulted: decoding reads either, and a plain script
    // that weakens login has spaces, which base64 has not, so it is never taken for base64.
    "alicloud:cddc/dedicatedPropreHost:DedicatedPropreHost": bootScriptCheck(["userData"]),
    "alicloud:eflo/node:Node": bootScriptCheck(["userData"]),
    "alicloud:eflo/nodeGroup:NodeGroup": bootScriptCheck(["userData"]),
    "alicloud:eflo/hyperNode:HyperNode": bootScriptCheck(["userData"]),
    "alicloud:eflo/nodeGroupAttachment:NodeGroupAttachment": bootScriptCheck(["userData"]),
    "alicloud:cs/edgeKubernetes:EdgeKubernetes": bootScriptCheck(["userData"]),
    // Run-command scripts on AWS, the counterpart of Cloud Assistant.
    "aws:ssm/document:Document": ssmDocumentCheck(),
    "aws:ssm/association:Association": windowsOr(windowsAssociationFindings, ssmAssociationCheck()),
    "aws:ssm/maintenanceWindowTask:MaintenanceWindowTask": ssmMaintenanceWindowTaskCheck(),
    // Image-build scripts: what they change is baked into every image built from them.
    "aws:imagebuilder/component:Component": ec2ImageBuilderComponentCheck(),
    // Workflows' RunCommand steps send shell to the build or test instance through Systems Manager.
    "aws:imagebuilder/workflow:Workflow": ec2ImageBuilderWorkflowCheck(),
    // userDataBase64 is the API's userDataOverride: user data run on the build instance instead of the default.
    "aws:imagebuilder/imageRecipe:ImageRecipe": bootScriptCheck(["userDataBase64"]),
    "aws:imagebuilder/containerRecipe:ContainerRecipe": ec2ContainerRecipeCheck(),
    "alicloud:ecs/ecsImageComponent:EcsImageComponent": ecsImageBuilderCheck("content"),
    "alicloud:ecs/ecsImagePipeline:EcsImagePipeline": ecsImageBuilderCheck("buildContent"),
  },
});

// Cloud Assistant commands with custom parameters are judged with the values each invocation of the stack passes,
// Systems Manager Command documents and Automation runbooks with those of each association and maintenance window
// task, and Command documents with those of the runbook steps that send them (these types are already listed by the
// resource part, which reads the AWS runners' own parameters).
export const disallowUserdataLoginWeakening = withStackChecks(resourceRule, {
  types: [ECS_INVOCATION],
  check: ({ resources }) => [...cloudAssistantInvocationFindings(resources), ...ssmDocumentRunFindings(resources)],
});
