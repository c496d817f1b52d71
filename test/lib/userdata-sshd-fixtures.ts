// What the user-data tests of sshd_config edits share: the files the kit hardens, the instance type the rule reads,
// and the findings of a script reduced to their kinds, so a row names the weakenings it must (and must only) show.
import { findLoginWeaknesses } from "../../lib/userdata";

export const SSHD = "/etc/ssh/sshd_config";
/** The kit's drop-in, which holds the hardened lines too. */
export const KIT = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
export const INSTANCE = "aws:ec2/instance:Instance";
/** The finding kind of password authentication turned back on. */
export const PW = "password-authentication";

export const b64 = (s: string) => Buffer.from(s).toString("base64");

/** The findings by kind, each once, `?` marking an unverifiable one. */
export const verdicts = (text: string) => [
  ...new Set(
    findLoginWeaknesses(text)
      .map((w) => `${w.kind}${w.unverifiable ? "?" : ""}`)
      .sort(),
  ),
];

/** A cloud-config document whose runcmd runs the command as one shell string. */
export const runcmdConfig = (command: string) => `#cloud-config\nruncmd:\n  - ${JSON.stringify(command)}\n`;
