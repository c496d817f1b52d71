// The stock lines of sshd's configuration that edits are run over. A script that uncomments `#PasswordAuthentication`
// without writing a value makes the image's commented value the active one; one that runs `s/no/yes/g` over the
// configuration turns the hardened `PasswordAuthentication no` of a drop-in or image into yes; one that comments out
// the Include of the drop-ins stops sshd reading the kit's hardened drop-in. None writes the weak value itself.

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

/**
 * Active lines that harden login, as the kit's drop-in, cloud-init's `50-cloud-init.conf` and the images ship them:
 * an edit of sshd's configuration that turns their `no` into `yes` without writing the directive weakens login.
 */
export const HARDENED_LINES: readonly CommentedDefault[] = [
  {
    directive: "PasswordAuthentication",
    line: "PasswordAuthentication no",
    images: "the kit's drop-in, cloud-init's drop-in, Ubuntu's 60-cloudimg-settings.conf, Amazon Linux 2",
  },
  { directive: "PermitRootLogin", line: "PermitRootLogin no", images: "the kit's drop-in" },
  { directive: "PermitEmptyPasswords", line: "PermitEmptyPasswords no", images: "the kit's drop-in" },
  {
    directive: "KbdInteractiveAuthentication",
    line: "KbdInteractiveAuthentication no",
    images: "the kit's drop-in, Ubuntu",
  },
  {
    directive: "ChallengeResponseAuthentication",
    line: "ChallengeResponseAuthentication no",
    images: "the kit's drop-in, CentOS 7, Amazon Linux 2",
  },
];

/**
 * The hardened lines whose directive is weak by default, and the files that ship them: deleting or commenting such a
 * line out in one of them turns the default on (`PasswordAuthentication yes`; root login with a key). Elsewhere the
 * line is not there to take away. cloud-init's 50-cloud-init.conf is left out: it holds yes on some clouds.
 */
export const REMOVABLE_HARDENING: ReadonlyMap<string, readonly string[]> = new Map([
  [
    "PasswordAuthentication",
    [
      "/etc/ssh/sshd_config",
      "/etc/ssh/sshd_config.d/00-hardening-kit.conf",
      "/etc/ssh/sshd_config.d/60-cloudimg-settings.conf",
    ],
  ],
  ["PermitRootLogin", ["/etc/ssh/sshd_config.d/00-hardening-kit.conf"]],
]);

/** sshd's default for each directive of REMOVABLE_HARDENING, as a report says it. */
const WEAK_DEFAULTS: Record<string, string> = {
  PasswordAuthentication: "password authentication",
  PermitRootLogin: "root login with a key",
};

/** What a report says about hardened lines an edit took away: `takes away the hardened "…" (…): …`. */
export function removedLinesNote(lines: readonly CommentedDefault[]): string {
  const removed = lines.map((l) => `"${l.line}" (${l.images})`).join(", ");
  const defaults = [...new Set(lines.map((l) => WEAK_DEFAULTS[l.directive]))].join(" and ");
  return `deletes or comments out the hardened ${removed}: sshd falls back to its default, ${defaults}`;
}

/** What a report says about hardened lines an edit turned weak: `the hardened "…" (…) becomes "…"`. */
export function weakenedLinesNote(lines: readonly { stock: CommentedDefault; text: string }[]): string {
  const changes = lines.map(({ stock, text }) => `"${stock.line}" (${stock.images}) becomes "${text}"`);
  return `turns hardened values weak: ${changes.join(", ")}`;
}

/**
 * sshd_config's Include of its drop-ins (Ubuntu, Amazon Linux 2023, and where the kit's hardening script puts it),
 * which must stay: the kit's hardened drop-in is read through it.
 */
export const DROP_IN_INCLUDE: CommentedDefault = {
  directive: "Include",
  line: "Include /etc/ssh/sshd_config.d/*.conf",
  images: "Ubuntu, Amazon Linux 2023, the kit's hardening script",
};

/**
 * An Include pattern that reads the drop-ins: `/etc/ssh/sshd_config.d/*.conf`, or the same relative to /etc/ssh, or
 * one an edit garbled but that still names their directory with a wildcard (read as reading them: no guess is made).
 */
export function namesDropIns(pattern: string): boolean {
  return /^(?:\/etc\/ssh\/)?sshd_config\.d\/.*\*/.test(pattern);
}

/** An active Include line that still reads the drop-ins. */
export function includesDropIns(line: string): boolean {
  const m = /^[ \t]*Include(?:[ \t]*=[ \t]*|[ \t]+)(.*)$/i.exec(line);
  return m !== null && m[1].split(/[ \t]+/).some(namesDropIns);
}

/** What a report says when the drop-ins stop being read: sshd falls back to its defaults. */
export const DROP_INS_UNREAD =
  "sshd no longer reads its drop-ins, the kit's hardened 00-hardening-kit.conf among them, and falls back to password authentication and root login with a key";

/** What a report says about a deletion over a range that may take a hardened line away. */
export function unplacedDeletionNote(directive: string): string {
  return `deletes a range of lines that cannot be placed: the hardened "${directive} no" may be among them`;
}

/**
 * What a report says about a deletion inside a block whose lines cannot be placed (`/a/,/b/{/re/d}`) that matches a
 * hardened line (its directive given), or the Include of the drop-ins (`include`: the line given).
 */
export function blockDeletionNote(what: string, include = false): string {
  const where = "deletes lines inside a block whose lines cannot be placed";
  return include
    ? `${where}: "${what}" may be among them, and ${DROP_INS_UNREAD}`
    : `${where}: the hardened "${what} no" may be among them`;
}
