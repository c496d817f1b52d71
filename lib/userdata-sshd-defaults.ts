// The commented defaults of stock sshd_config. A script that uncomments `#PasswordAuthentication` without writing a
// value makes the image's commented value the active one, so what an uncommenting does depends on the image.

export interface CommentedDefault {
  /** The directive as sshd spells it. */
  directive: string;
  /** The line as the image ships it, commented out. */
  line: string;
  /** The images whose stock sshd_config carries the line. */
  images: string;
}

/**
 * Commented lines of the stock sshd_config of the images the kit's stacks use. Where images differ, each value is a
 * row of its own, and a script that leaves any row weak is reported: the user data may boot on any of them.
 *
 * - CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2: `#PermitRootLogin yes`, `#PasswordAuthentication yes`.
 * - Ubuntu: `#PermitRootLogin prohibit-password` (root may still log in with a key), `#PasswordAuthentication yes`.
 * - CentOS 7, Amazon Linux 2: `#ChallengeResponseAuthentication yes` above the active `… no`; sshd keeps the first
 *   value it reads, so uncommenting it turns keyboard-interactive on.
 */
export const COMMENTED_DEFAULTS: readonly CommentedDefault[] = [
  {
    directive: "PasswordAuthentication",
    line: "#PasswordAuthentication yes",
    images: "CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2, Ubuntu",
  },
  {
    directive: "PermitRootLogin",
    line: "#PermitRootLogin yes",
    images: "CentOS 7, Alibaba Cloud Linux 2 and 3, Amazon Linux 2",
  },
  { directive: "PermitRootLogin", line: "#PermitRootLogin prohibit-password", images: "Ubuntu" },
  {
    directive: "ChallengeResponseAuthentication",
    line: "#ChallengeResponseAuthentication yes",
    images: "CentOS 7, Amazon Linux 2",
  },
];

/** A sed script naming one of these directives is taken to edit sshd_config, whatever file it is given. */
export const DEFAULTED_DIRECTIVE = /PasswordAuthentication|PermitRootLogin|ChallengeResponseAuthentication/;

/** What a report says about defaults a script made active: `the image's commented default "…" becomes active`. */
export function activatedDefaultsNote(defaults: readonly CommentedDefault[]): string {
  const lines = defaults.map((d) => `"${d.line.slice(1)}" (${d.images})`);
  const plural = lines.length > 1 ? "s" : "";
  return `uncommented without a value: the image's commented default${plural} ${lines.join(", ")} become${plural ? "" : "s"} active`;
}
