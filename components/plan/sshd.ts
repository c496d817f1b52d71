// sshd and cloud-init text for hardened SSH hosts. The case's attackers brute-forced root's password in 137 s and
// rewrote sshd_config; this text closes both: keys only, no root, few tries, named users, fail2ban, patched hosts.
import * as YAML from "yaml";
import { Problems } from "../validation";

export type BastionOs = "amazon-linux" | "alibaba-cloud-linux" | "ubuntu";

export const BASTION_OSES: readonly BastionOs[] = ["amazon-linux", "alibaba-cloud-linux", "ubuntu"];

/** Drop-in path; "00-" sorts first and sshd keeps the first value it reads, so these settings win over later files. */
export const SSHD_DROP_IN_PATH = "/etc/ssh/sshd_config.d/00-hardening-kit.conf";
export const FAIL2BAN_JAIL_PATH = "/etc/fail2ban/jail.d/00-hardening-kit-sshd.conf";
export const HARDENING_SCRIPT_PATH = "/usr/local/sbin/hardening-kit-sshd.sh";

/** Failed authentications per connection before sshd disconnects; fail2ban bans after the same number. */
export const MAX_AUTH_TRIES = 3;

const USER_NAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export interface SshdOptions {
  /** Accounts allowed to log in over SSH (`AllowUsers`); root is never allowed. */
  allowUsers: string[];
  /** Listening port; default 22. */
  port?: number;
}

export interface BastionCloudInitOptions {
  os: BastionOs;
  /** Accounts allowed to log in over SSH (`AllowUsers`); root is never allowed. */
  allowUsers: string[];
  /** Listening port; default 22. */
  port?: number;
}

/** Reports every bad sshd option: the users list (never root, POSIX names only: a space would add users) and the port. */
export function checkSshdOptions(problems: Problems, opts: SshdOptions): void {
  const users = opts.allowUsers;
  if (
    !problems.check(
      Array.isArray(users) && users.length > 0,
      "allowUsers",
      users,
      "a non-empty list of login names",
      'name the accounts that may log in, e.g. ["ec2-user"]',
    )
  ) {
    return;
  }
  users.forEach((user, i) => {
    if (user === "root") {
      problems.add(`allowUsers[${i}]`, user, "any login name except root", "log in as a named user and use sudo");
    } else if (typeof user !== "string" || !USER_NAME.test(user)) {
      problems.add(
        `allowUsers[${i}]`,
        user,
        "a POSIX login name: lower-case letter or _ first, then letters, digits, _ or -, at most 32 characters",
        "use the account's exact login name, e.g. ec2-user",
      );
    }
  });
  if (opts.port !== undefined) {
    problems.check(
      Number.isInteger(opts.port) && opts.port >= 1 && opts.port <= 65535,
      "port",
      opts.port,
      "an integer from 1 to 65535",
      "omit port to use 22, or give a valid TCP port",
    );
  }
}

/** The sshd drop-in that disables every password path and root login. Throws listing all invalid options. */
export function hardenedSshdConfig(opts: SshdOptions): string {
  const problems = new Problems("hardenedSshdConfig");
  checkSshdOptions(problems, opts);
  problems.throwIfAny();
  return sshdDropIn(opts);
}

function sshdDropIn(opts: SshdOptions): string {
  return [
    "# hardening-kit: SSH for named users with keys only. Read first, so these values win.",
    `Port ${opts.port ?? 22}`,
    "PasswordAuthentication no",
    "PermitEmptyPasswords no",
    "KbdInteractiveAuthentication no",
    "ChallengeResponseAuthentication no",
    "PubkeyAuthentication yes",
    "AuthenticationMethods publickey",
    "PermitRootLogin no",
    `MaxAuthTries ${MAX_AUTH_TRIES}`,
    "LoginGraceTime 30",
    "MaxStartups 10:30:60",
    "MaxSessions 4",
    "ClientAliveInterval 300",
    "ClientAliveCountMax 2",
    "X11Forwarding no",
    "PermitUserEnvironment no",
    "LogLevel VERBOSE",
    `AllowUsers ${opts.allowUsers.join(" ")}`,
    "",
  ].join("\n");
}

function fail2banJail(port: number): string {
  return [
    "# hardening-kit: ban an address after repeated SSH failures (the case's hydra run needed thousands).",
    "[sshd]",
    "enabled = true",
    `port = ${port}`,
    "backend = systemd",
    `maxretry = ${MAX_AUTH_TRIES}`,
    "findtime = 10m",
    "bantime = 1h",
    "",
  ].join("\n");
}

/** Per-OS shell that installs fail2ban and turns on automatic security updates. */
function packageSteps(os: BastionOs): string[] {
  switch (os) {
    case "amazon-linux":
      return [
        "dnf install -y dnf-automatic",
        "sed -i -e 's/^upgrade_type.*/upgrade_type = security/' -e 's/^apply_updates.*/apply_updates = yes/' /etc/dnf/automatic.conf",
        "systemctl enable --now dnf-automatic.timer",
        "# Amazon Linux 2023 has no EPEL: fall back to the upstream package from PyPI.",
        "dnf install -y fail2ban || { dnf install -y python3-pip python3-systemd && pip3 install fail2ban && install_fail2ban_unit; }",
      ];
    case "alibaba-cloud-linux":
      return [
        "dnf install -y dnf-automatic",
        "sed -i -e 's/^upgrade_type.*/upgrade_type = security/' -e 's/^apply_updates.*/apply_updates = yes/' /etc/dnf/automatic.conf",
        "systemctl enable --now dnf-automatic.timer",
        "dnf install -y fail2ban || { dnf install -y epel-release && dnf install -y fail2ban; }",
      ];
    case "ubuntu":
      return [
        "export DEBIAN_FRONTEND=noninteractive",
        "apt-get update",
        "apt-get install -y unattended-upgrades fail2ban",
        "cat > /etc/apt/apt.conf.d/20auto-upgrades <<'APT'",
        'APT::Periodic::Update-Package-Lists "1";',
        'APT::Periodic::Unattended-Upgrade "1";',
        "APT",
        "systemctl enable --now unattended-upgrades",
        "mkdir -p /run/sshd",
      ];
  }
}

function hardeningScript(os: BastionOs): string {
  return [
    "#!/bin/bash",
    "set -euo pipefail",
    "install_fail2ban_unit() {",
    "  cat > /etc/systemd/system/fail2ban.service <<'UNIT'",
    "[Unit]",
    "Description=Fail2Ban",
    "After=network.target",
    "[Service]",
    "ExecStart=/usr/local/bin/fail2ban-server -xf start",
    "ExecStop=/usr/local/bin/fail2ban-client stop",
    "Restart=on-failure",
    "[Install]",
    "WantedBy=multi-user.target",
    "UNIT",
    "  systemctl daemon-reload",
    "}",
    "main=/etc/ssh/sshd_config",
    "# The drop-in only counts if the main file includes it, and it must come first: sshd keeps the first value.",
    "if ! grep -Eq '^[[:space:]]*Include[[:space:]]+/etc/ssh/sshd_config\\.d/' \"$main\"; then",
    "  sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' \"$main\"",
    "fi",
    `chmod 600 ${SSHD_DROP_IN_PATH}`,
    ...packageSteps(os),
    "# Refuse to restart with a broken configuration: a bad file must not lock the operators out.",
    "/usr/sbin/sshd -t",
    "systemctl restart sshd 2>/dev/null || systemctl restart ssh",
    "systemctl enable --now fail2ban",
    "",
  ].join("\n");
}

/**
 * cloud-init user data for a bastion: writes the sshd drop-in, a fail2ban jail for sshd and a script that makes the
 * main sshd_config include the drop-in, installs fail2ban and automatic security updates, validates with `sshd -t`
 * and restarts sshd. Throws listing all invalid options.
 */
export function bastionCloudInit(opts: BastionCloudInitOptions): string {
  const problems = new Problems("bastionCloudInit");
  problems.check(
    BASTION_OSES.includes(opts.os),
    "os",
    opts.os,
    BASTION_OSES.join(", "),
    "pick the distribution of the bastion's image",
  );
  checkSshdOptions(problems, opts);
  problems.throwIfAny();

  const port = opts.port ?? 22;
  const config = {
    ssh_pwauth: false,
    disable_root: true,
    write_files: [
      { path: SSHD_DROP_IN_PATH, owner: "root:root", permissions: "0600", content: sshdDropIn(opts) },
      { path: FAIL2BAN_JAIL_PATH, owner: "root:root", permissions: "0644", content: fail2banJail(port) },
      { path: HARDENING_SCRIPT_PATH, owner: "root:root", permissions: "0700", content: hardeningScript(opts.os) },
    ],
    runcmd: [[HARDENING_SCRIPT_PATH]],
  };
  return `#cloud-config\n${YAML.stringify(config, { lineWidth: 0 })}`;
}
