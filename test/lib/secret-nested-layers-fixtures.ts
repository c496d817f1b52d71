// Boot scripts that carry the line the reader quotes inside a nested encoded layer (a cloud-config write_files entry
// in base64 or gzip+base64, a base64 MIME part, a shell decode), each with a marker line of its own: given as a
// secret, neither the quoted line nor the marker may be printed. The scripts are data; nothing here runs them.
import { gzipSync } from "zlib";

export const b64 = (text: string) => Buffer.from(text).toString("base64");
export const gzb64 = (text: string) => gzipSync(text).toString("base64");

const SSHD = "/etc/ssh/sshd_config";

/** sshd settings with a unique comment line: `tag` tells the rows apart. */
export const sshdText = (tag: string) =>
  `# marker-7f3a9c ${tag} secret line\nPasswordAuthentication yes\nPermitRootLogin yes\n`;

/** A shell line the reader quotes whole, its marker in it. */
export const shellLine = (tag: string) => `echo 'PermitRootLogin yes' >> ${SSHD} # marker-7f3a9c-${tag}`;

const cloudConfig = (encoding: string, content: string) =>
  [
    "#cloud-config",
    "write_files:",
    `  - path: ${SSHD}`,
    `    encoding: ${encoding}`,
    `    content: ${content}`,
    "",
  ].join("\n");

const mime = (parts: { type: string; body: string }[]) =>
  [
    'Content-Type: multipart/mixed; boundary="BOUNDARY"',
    "MIME-Version: 1.0",
    "",
    ...parts.flatMap(({ type, body }) => [
      "--BOUNDARY",
      `Content-Type: ${type}; charset="us-ascii"`,
      "Content-Transfer-Encoding: base64",
      "",
      body,
    ]),
    "--BOUNDARY--",
    "",
  ].join("\n");

export interface NestedRow {
  name: string;
  script: string;
  /** What no output may print: the lines the reader quotes out of the nested layer, and the marker. */
  hidden: string[];
}

const sshdRow = (name: string, tag: string, script: string): NestedRow => ({
  name,
  script,
  hidden: [`marker-7f3a9c ${tag}`, "PasswordAuthentication yes", "PermitRootLogin yes"],
});
const shellRow = (name: string, tag: string, script: string): NestedRow => ({
  name,
  script,
  hidden: [shellLine(tag), `marker-7f3a9c-${tag}`, "echo 'PermitRootLogin yes'"],
});

/** Each nested layer the reader decodes, and a few layers deep. */
export const NESTED_ROWS: NestedRow[] = [
  sshdRow("cloud-config write_files, b64", "cc-b64", cloudConfig("b64", b64(sshdText("cc-b64")))),
  sshdRow("cloud-config write_files, base64", "cc-base64", cloudConfig("base64", b64(sshdText("cc-base64")))),
  sshdRow("cloud-config write_files, gz+b64", "cc-gz", cloudConfig("gz+b64", gzb64(sshdText("cc-gz")))),
  sshdRow("cloud-config write_files, gzip+base64", "cc-gzip", cloudConfig("gzip+base64", gzb64(sshdText("cc-gzip")))),
  shellRow(
    "a base64 MIME part holding a shell script",
    "mime",
    mime([
      { type: "text/cloud-config", body: b64("#cloud-config\npackages: [htop]\n") },
      { type: "text/x-shellscript", body: b64(`#!/bin/bash\n${shellLine("mime")}\n`) },
    ]),
  ),
  shellRow(
    "a base64 MIME part holding a gzipped shell script",
    "mime-gz",
    mime([{ type: "text/x-shellscript", body: gzb64(`#!/bin/bash\n${shellLine("mime-gz")}\n`) }]),
  ),
  sshdRow(
    "echo … | base64 -d > sshd_config",
    "echo",
    `#!/bin/bash\necho ${b64(sshdText("echo"))} | base64 -d > ${SSHD}\n`,
  ),
  sshdRow(
    "echo … | base64 --decode > sshd_config, gzipped",
    "echo-gz",
    `#!/bin/bash\necho ${gzb64(sshdText("echo-gz"))} | base64 --decode > ${SSHD}\n`,
  ),
  sshdRow(
    "base64 --decode <<< … > sshd_config",
    "herestr",
    `#!/bin/bash\nbase64 --decode <<< ${b64(sshdText("herestr"))} > ${SSHD}\n`,
  ),
  sshdRow(
    "a decoded here-document",
    "heredoc",
    `#!/bin/bash\nbase64 -d > ${SSHD} <<'EOF'\n${b64(sshdText("heredoc"))}\nEOF\n`,
  ),
  shellRow(
    "echo … | base64 -d | bash",
    "piped",
    `#!/bin/bash\necho ${b64(`${shellLine("piped")}\n`)} | base64 -d | bash\n`,
  ),
  {
    name: "printf's escapes written to rc.local",
    script: `#!/bin/bash\nprintf 'echo PermitRootLogin\\x20yes >> ${SSHD} # marker-7f3a9c-printf\\n' > /etc/rc.local\n`,
    hidden: [
      `echo PermitRootLogin yes >> ${SSHD} # marker-7f3a9c-printf`,
      "marker-7f3a9c-printf",
      "echo PermitRootLogin yes",
    ],
  },
  shellRow(
    "a crontab line decoded into /etc/cron.d: its command quoted without the schedule",
    "cron",
    `#!/bin/bash\necho ${b64(`* * * * * root ${shellLine("cron")}\n`)} | base64 -d > /etc/cron.d/harden\n`,
  ),
  shellRow(
    "a quoted-printable MIME part",
    "qp",
    [
      'Content-Type: multipart/mixed; boundary="QP"',
      "",
      "--QP",
      "Content-Type: text/x-shellscript",
      "Content-Transfer-Encoding: quoted-printable",
      "",
      "#!/bin/bash",
      shellLine("qp").replace(/ /g, "=20"),
      "--QP--",
      "",
    ].join("\n"),
  ),
  sshdRow(
    "the whole value base64 of a cloud-config whose write_files entry is b64",
    "whole",
    b64(cloudConfig("b64", b64(sshdText("whole")))),
  ),
  shellRow(
    "three layers: a MIME part, a cloud-config write_files boot script, a shell decode",
    "deep",
    mime([
      {
        type: "text/cloud-config",
        body: b64(
          [
            "#cloud-config",
            "write_files:",
            "  - path: /var/lib/cloud/scripts/per-boot/harden.sh",
            "    encoding: gz+b64",
            `    content: ${gzb64(`#!/bin/bash\necho ${b64(`${shellLine("deep")}\n`)} | base64 -d | bash\n`)}`,
            "",
          ].join("\n"),
        ),
      },
    ]),
  ),
];
