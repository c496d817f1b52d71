// Folders placed by image builds (AWSTOE CopyFolder and MoveFolder, a Dockerfile's COPY of a folder) and commands a
// container runs as it starts (CMD, ENTRYPOINT, HEALTHCHECK): a folder landing in root's .ssh plants whatever keys it
// holds, and a start command that rewrites sshd_config weakens every container run from the image.
import { disallowUserdataLoginWeakening } from "../../policies/rules/disallow-userdata-login-weakening";
import { Case, table } from "./harness";
import {
  containerRecipe,
  dockerfile,
  HARDENED,
  IMAGE_BUILD,
  OPEN_SSH,
  ROOT_LOGIN,
  step,
  toe as toeSteps,
} from "./image-build-fixtures";

const KEY_LINE = "echo 'ssh-ed25519 AAAA attacker' >> /root/.ssh/authorized_keys";
const PLANT_KEY = `mkdir -p /root/.ssh && ${KEY_LINE}`;
const EXPANDED_LINE = 'echo "PasswordAuthentication $PA" >> /etc/ssh/sshd_config';

const { component: COMPONENT, containerRecipe: CONTAINER_RECIPE, ecsComponent: ECS_COMPONENT } = IMAGE_BUILD;
const USER_DATA_INSTANCE = "aws:ec2/instance:Instance";

const toe = (...steps: unknown[]) => toeSteps(steps);
const copyFolder = (source: string, destination: string) => step("CopyFolder", [{ source, destination }]);
const moveFolder = (source: string, destination: string) => step("MoveFolder", [{ source, destination }]);
const createFile = (path: string, content: string) => step("CreateFile", [{ path, content }]);

const WRITES_ROOT_KEYS = "data writes /root/.ssh/authorized_keys";

describe("AWSTOE CopyFolder and MoveFolder", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "CopyFolder to root's .ssh",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/keys", "/root/.ssh")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder into root's .ssh/ under the source's name",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/keys", "/root/.ssh/")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder to root's home: the folder's contents, a .ssh among them, become root's",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/seed-home", "/root")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder of a .ssh into root's home",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/seed/.ssh", "/root/")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder of a wildcard that matches .ssh into root's home",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/seed/.*", "/root/")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder of an application folder into root's home under its own name",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/tools", "/root/")),
      violations: 0,
    },
    {
      name: "MoveFolder to root's .ssh",
      type: COMPONENT,
      props: toe(moveFolder("/tmp/keys", "/root/.ssh")),
      violations: 1,
      mentions: WRITES_ROOT_KEYS,
    },
    {
      name: "CopyFolder of a folder written with a weakening drop-in into sshd_config.d",
      type: COMPONENT,
      props: toe(
        createFile("/tmp/sshd.d/50-open.conf", "PasswordAuthentication yes\n"),
        copyFolder("/tmp/sshd.d", "/etc/ssh/sshd_config.d"),
      ),
      violations: 1,
      mentions: "data enables SSH password authentication",
    },
    {
      name: "MoveFolder of a folder written with a weakening drop-in into /etc/ssh/ as sshd_config.d",
      type: COMPONENT,
      props: toe(
        createFile("/tmp/stage/sshd_config.d/50-root.conf", "PermitRootLogin yes\n"),
        moveFolder("/tmp/stage/sshd_config.d", "/etc/ssh/"),
      ),
      violations: 1,
      mentions: "data permits root login",
    },
    {
      // What the folder holds is not in the document: as CopyFile of a vetted sshd_config, no violation, but a note
      // for each directive (unverifiable).
      name: "CopyFolder of a vetted folder into sshd_config.d is no violation, a note",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/sshd.d", "/etc/ssh/sshd_config.d")),
      violations: 0,
      notes: 2,
    },
    {
      name: "CopyFolder of a hardening drop-in into sshd_config.d is no finding",
      type: COMPONENT,
      props: toe(
        createFile("/tmp/sshd.d/00-harden.conf", "PasswordAuthentication no\nPermitRootLogin no\n"),
        copyFolder("/tmp/sshd.d", "/etc/ssh/sshd_config.d"),
      ),
      violations: 0,
    },
    {
      name: "MoveFolder taking sshd_config.d away",
      type: COMPONENT,
      props: toe(moveFolder("/etc/ssh/sshd_config.d", "/var/backups/sshd_config.d")),
      violations: 2,
      mentions: "takes the kit's hardened drop-in",
    },
    {
      name: "CopyFolder to a harmless place",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/app", "/opt/app")),
      violations: 0,
    },
    {
      name: "MoveFolder to a harmless place, under the source's name",
      type: COMPONENT,
      props: toe(moveFolder("/tmp/app", "/opt/")),
      violations: 0,
    },
    {
      name: "CopyFolder to a service account's .ssh is no finding",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/keys", "/home/deploy/.ssh")),
      violations: 0,
    },
    {
      name: "a hostile CopyFolder: a destination that tries to end the command",
      type: COMPONENT,
      props: toe(copyFolder("/tmp/a", `/opt/x'\n${KEY_LINE}\n'`)),
      violations: 0,
    },
    {
      name: "a hostile CopyFolder: inputs of the wrong shape",
      type: COMPONENT,
      props: toe(step("CopyFolder", { source: 7, destination: null }), step("MoveFolder", "x")),
      violations: 0,
    },
  ] as Case[]);
});

describe("folder copies in plain user data read the same way", () => {
  const instance = (userData: string) => ({ ami: "ami-1", instanceType: "t3.micro", userData });
  table(disallowUserdataLoginWeakening, [
    {
      name: "cp -r into root's .ssh",
      type: USER_DATA_INSTANCE,
      props: instance("cp -r /tmp/keys /root/.ssh"),
      violations: 1,
    },
    {
      name: "rsync -a of a folder's contents into root's home",
      type: USER_DATA_INSTANCE,
      props: instance("rsync -a /tmp/home/ /root/"),
      violations: 1,
    },
    {
      name: "cp -r of a folder into root's home under its own name",
      type: USER_DATA_INSTANCE,
      props: instance("cp -r /tmp/tools /root/"),
      violations: 0,
    },
    {
      name: "cp of a known_hosts file into root's .ssh",
      type: USER_DATA_INSTANCE,
      props: instance("cp /tmp/known_hosts /root/.ssh/"),
      violations: 0,
    },
    {
      name: "ln -sfn of a folder as root's .ssh",
      type: USER_DATA_INSTANCE,
      props: instance("ln -sfn /opt/keys /root/.ssh"),
      violations: 1,
    },
    {
      name: "ln -sT of a folder as root's .ssh",
      type: USER_DATA_INSTANCE,
      props: instance("ln -sT /opt/keys /root/.ssh"),
      violations: 1,
    },
    {
      name: "ln -s of a .ssh folder into root's home",
      type: USER_DATA_INSTANCE,
      props: instance("ln -s /opt/keys/.ssh /root/"),
      violations: 1,
    },
    {
      name: "ln -sfn of a tools folder elsewhere",
      type: USER_DATA_INSTANCE,
      props: instance("ln -sfn /opt/tools-1.2 /opt/tools"),
      violations: 0,
    },
    {
      name: "ln -s of a time zone file",
      type: USER_DATA_INSTANCE,
      props: instance("ln -sf /usr/share/zoneinfo/UTC /etc/localtime"),
      violations: 0,
    },
    {
      name: "cp -r of a folder's contents, a weakening drop-in among them, into sshd_config.d",
      type: USER_DATA_INSTANCE,
      props: instance(
        [
          "mkdir -p /tmp/conf",
          "echo 'PermitRootLogin yes' > /tmp/conf/50.conf",
          "cp -r /tmp/conf/. /etc/ssh/sshd_config.d/",
        ].join("\n"),
      ),
      violations: 1,
    },
  ] as Case[]);
});

const json = (words: string[]) => JSON.stringify(words);

describe("Dockerfile CMD, ENTRYPOINT and HEALTHCHECK", () => {
  table(disallowUserdataLoginWeakening, [
    {
      name: "CMD in shell form enabling password authentication before starting sshd",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`CMD ${OPEN_SSH} && exec /usr/sbin/sshd -D`)),
      violations: 1,
      mentions: `dockerfileTemplateData enables SSH password authentication: "${OPEN_SSH}`,
    },
    {
      name: "CMD in exec form through sh -c permitting root login",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`CMD ${json(["/bin/sh", "-c", `${ROOT_LOGIN} && exec /usr/sbin/sshd -D`])}`)),
      violations: 1,
      mentions: "dockerfileTemplateData permits root login",
    },
    {
      name: "CMD in exec form of a plain program is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`CMD ${json(["nginx", "-g", "daemon off;"])}`)),
      violations: 0,
    },
    {
      name: "ENTRYPOINT in exec form through bash -c writing root's authorized_keys",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ENTRYPOINT ${json(["bash", "-c", `${PLANT_KEY}; exec "$@"`, "--"])}`)),
      violations: 1,
      mentions: "dockerfileTemplateData writes /root/.ssh/authorized_keys",
    },
    {
      name: "ENTRYPOINT in shell form permitting root login",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ENTRYPOINT ${ROOT_LOGIN}; exec /usr/sbin/sshd -D`)),
      violations: 1,
    },
    {
      // The CMD's words are the ENTRYPOINT's arguments: `sh -c` takes the first as its script.
      name: "ENTRYPOINT sh -c whose script is the CMD, writing root's keys",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ENTRYPOINT ${json(["/bin/sh", "-c"])}`, `CMD ${json([KEY_LINE])}`)),
      violations: 1,
      mentions: "dockerfileTemplateData writes /root/.ssh/authorized_keys",
    },
    {
      name: "CMD before the ENTRYPOINT whose script it is, expanding an ENV",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile("ENV PA=yes", `CMD ${json([EXPANDED_LINE])}`, `ENTRYPOINT ${json(["/bin/sh", "-c"])}`),
      ),
      violations: 1,
      mentions: "dockerfileTemplateData enables SSH password authentication",
    },
    {
      name: "ENTRYPOINT of a program given a CMD's arguments is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ENTRYPOINT ${json(["nginx"])}`, `CMD ${json(["-g", "daemon off;"])}`)),
      violations: 0,
    },
    {
      name: "a CMD of an earlier stage is not the script of a later stage's ENTRYPOINT",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          `CMD ${json([KEY_LINE])}`,
          "FROM alpine",
          `ENTRYPOINT ${json(["/bin/sh", "-c"])}`,
          `CMD ${json(["exec nginx"])}`,
        ),
      ),
      violations: 0,
    },
    {
      name: "ENTRYPOINT in shell form ignores the CMD",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ENTRYPOINT exec /bin/sh -c", `CMD ${json([KEY_LINE])}`)),
      violations: 0,
    },
    {
      name: "a variable from ENV expanded by CMD",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          "ENV ROOT_LOGIN=yes",
          'CMD echo "PermitRootLogin $ROOT_LOGIN" >> /etc/ssh/sshd_config; exec /usr/sbin/sshd -D',
        ),
      ),
      violations: 1,
      mentions: "dockerfileTemplateData permits root login",
    },
    {
      name: "a variable from an ENV written after the CMD, which the container still has",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          `CMD ${json(["sh", "-c", 'echo "PasswordAuthentication $PA" >> /etc/ssh/sshd_config'])}`,
          "ENV PA=yes",
        ),
      ),
      violations: 1,
    },
    {
      name: "a variable from ENV hardening in CMD is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(
          "ENV PA=no",
          'CMD echo "PasswordAuthentication $PA" >> /etc/ssh/sshd_config && exec /usr/sbin/sshd -D',
        ),
      ),
      violations: 0,
    },
    {
      name: "CMD continued with the backtick of an escape directive",
      type: CONTAINER_RECIPE,
      props: containerRecipe(["# escape=`", "FROM x", "CMD /usr/bin/true && `", `    ${OPEN_SSH}`].join("\n")),
      violations: 1,
      mentions: "dockerfileTemplateData enables SSH password authentication",
    },
    {
      name: "lower-case cmd continued over lines",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("cmd true && \\", `    ${ROOT_LOGIN}`)),
      violations: 1,
    },
    {
      name: "ONBUILD ENTRYPOINT in exec form",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`ONBUILD ENTRYPOINT ${json(["sh", "-c", OPEN_SSH])}`)),
      violations: 1,
    },
    {
      name: "HEALTHCHECK whose command rewrites sshd_config",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`HEALTHCHECK --interval=5m CMD ${ROOT_LOGIN} || exit 1`)),
      violations: 1,
      mentions: "dockerfileTemplateData permits root login",
    },
    {
      name: "HEALTHCHECK of a service is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(
        dockerfile(`HEALTHCHECK CMD ${json(["curl", "-f", "http://localhost/"])}`, "HEALTHCHECK NONE"),
      ),
      violations: 0,
    },
    {
      name: "CMD hardening sshd before starting it",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile(`CMD ${HARDENED} && exec /usr/sbin/sshd -D -e`)),
      violations: 0,
    },
    {
      name: "a hostile CMD: exec form that is not JSON, an empty ENTRYPOINT",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile('CMD ["sh", "-c"', "ENTRYPOINT", "CMD []", "ENTRYPOINT []")),
      violations: 0,
    },
  ] as Case[]);
});

describe("Dockerfile COPY and ADD of folders", () => {
  table(disallowUserdataLoginWeakening, [
    {
      // COPY places a folder's contents, not the folder: an authorized_keys in it lands in root's .ssh.
      name: "COPY of a folder into root's .ssh",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY --chown=root:root ssh/ /root/.ssh/")),
      violations: 1,
      mentions: "dockerfileTemplateData writes /root/.ssh/authorized_keys",
    },
    {
      name: "COPY of the build context into root's home",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY . /root/")),
      violations: 1,
    },
    {
      name: "ADD of a tar archive unpacked into root's home",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ADD home.tar.gz /root")),
      violations: 1,
    },
    {
      name: "ADD of a tar archive from a URL is a file, not unpacked",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("ADD https://example.com/home.tar.gz /root/")),
      violations: 0,
    },
    {
      name: "COPY of a folder to an application path is harmless",
      type: CONTAINER_RECIPE,
      props: containerRecipe(dockerfile("COPY app/ /opt/app/", "COPY . /srv")),
      violations: 0,
    },
  ] as Case[]);
});

describe("Alibaba Cloud Image Builder content", () => {
  const ecsComponent = (content: string) => ({ componentType: "Build", systemType: "Linux", content });
  table(disallowUserdataLoginWeakening, [
    {
      // Not a command the syntax is known to document (it builds an ECS image, not a container): left unread.
      name: "CMD in Dockerfile syntax is not read",
      type: ECS_COMPONENT,
      props: ecsComponent(`RUN yum update -y\nCMD ${OPEN_SSH}`),
      violations: 0,
    },
    {
      name: "RUN beside a CMD is still read",
      type: ECS_COMPONENT,
      props: ecsComponent(`CMD ["/usr/sbin/sshd", "-D"]\nRUN ${ROOT_LOGIN}`),
      violations: 1,
      mentions: "content permits root login",
    },
  ] as Case[]);
});
