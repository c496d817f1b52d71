// Hardening the user data restores after taking hardened settings away (the kit's drop-in, sshd_config's Include of
// the drop-ins, a hardened line): `PasswordAuthentication no` written to sshd_config itself holds whatever becomes of
// the drop-ins; written to a drop-in, it holds only if written after the settings were taken away (a drop-in written
// before may have gone with them) and while sshd still reads drop-ins.

/** A finding that holds unless the user data sets each of `directives` to no again (in a drop-in too: `byDropIns`). */
export interface Restorable {
  directives: string[];
  byDropIns: boolean;
}

export class Restorations {
  /** Counts what the scan reads, in order, so that a drop-in written after a finding is told from one before. */
  private clock = 0;
  private readonly inMain = new Set<string>();
  /** The last time each directive was set to no in a drop-in. */
  private readonly inDropIns = new Map<string, number>();

  /** The time of a finding, to be compared with the drop-ins written later. */
  now(): number {
    return ++this.clock;
  }

  /** `directive` is set to no in sshd_config itself, or in a drop-in. */
  hardened(directive: string, inDropIn: boolean): void {
    const key = directive.toLowerCase();
    if (inDropIn) this.inDropIns.set(key, this.now());
    else this.inMain.add(key);
  }

  /** Whether a finding made at `time` is undone by what the user data sets. */
  restores({ directives, byDropIns }: Restorable, time: number): boolean {
    return directives.every((directive) => {
      const key = directive.toLowerCase();
      return this.inMain.has(key) || (byDropIns && (this.inDropIns.get(key) ?? 0) > time);
    });
  }
}
