// Hardening the user data restores after taking hardened settings away (the kit's drop-in, sshd_config's Include of
// the drop-ins, a hardened line): `PasswordAuthentication no` written to sshd_config itself holds whatever becomes of
// the drop-ins; written to a drop-in, it holds only if written after the settings were taken away (a drop-in written
// before may have gone with them) and while sshd still reads drop-ins.

/** A finding that holds unless the user data sets each of `directives` to no again (in a drop-in too: `byDropIns`). */
export interface Restorable {
  directives: string[];
  byDropIns: boolean;
  /** The finding took the line out of sshd_config itself: only hardening written there after it restores it. */
  mainAfter?: boolean;
  /** The finding reached no drop-in: hardening written to one before it holds too. */
  dropInsAnyTime?: boolean;
  /**
   * sshd_config was replaced: an Include of the drop-ins written to it after brings their hardening back, and a value
   * written to it after is judged as what it is (a weak one is a finding of its own).
   */
  replaced?: boolean;
}

export class Restorations {
  /** Counts what the scan reads, in order, so that a drop-in written after a finding is told from one before. */
  private clock = 0;
  /** The last time each directive was set to no in sshd_config itself, and in a drop-in. */
  private readonly inMain = new Map<string, number>();
  private readonly inDropIns = new Map<string, number>();
  /** The last time an Include of the drop-ins was written to sshd_config itself. */
  private includedAt = 0;
  /** The last time each directive was given any value in sshd_config itself. */
  private readonly setInMain = new Map<string, number>();

  /** The time of a finding, to be compared with the drop-ins written later. */
  now(): number {
    return ++this.clock;
  }

  /** `directive` is set to no in sshd_config itself, or in a drop-in. */
  hardened(directive: string, inDropIn: boolean): void {
    const key = directive.toLowerCase();
    (inDropIn ? this.inDropIns : this.inMain).set(key, this.now());
  }

  /** An Include of the drop-ins is written to sshd_config itself. */
  included(): void {
    this.includedAt = this.now();
  }

  /** `directive` is given a value, whichever, in sshd_config itself. */
  set(directive: string): void {
    this.setInMain.set(directive.toLowerCase(), this.now());
  }

  /** Whether a finding made at `time` is undone by what the user data sets. */
  restores({ directives, byDropIns, mainAfter, dropInsAnyTime, replaced }: Restorable, time: number): boolean {
    if (replaced && this.includedAt > time) return true;
    return directives.every((directive) => {
      const key = directive.toLowerCase();
      if (replaced && (this.setInMain.get(key) ?? 0) > time) return true;
      const main = this.inMain.get(key);
      const dropIn = this.inDropIns.get(key);
      if (main !== undefined && (!mainAfter || main > time)) return true;
      return byDropIns && dropIn !== undefined && (dropInsAnyTime || dropIn > time);
    });
  }
}
