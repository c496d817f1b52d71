import * as YAML from "yaml";
import {
  bastionCloudInit,
  BASTION_OSES,
  FAIL2BAN_JAIL_PATH,
  hardenedSshdConfig,
  HARDENING_SCRIPT_PATH,
  SSHD_DROP_IN_PATH,
} from "../../components/plan/sshd";
import { ValidationError } from "../../components/validation";

/** Effective sshd settings of a config text: sshd keeps the first value of each keyword. */
function effective(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const [key, ...rest] = line.split(/\s+/);
    if (!settings.has(key.toLowerCase())) settings.set(key.toLowerCase(), rest.join(" "));
  }
  return settings;
}

const FORBIDDEN = [
  /PasswordAuthentication\s+yes/i,
  /PermitRootLogin\s+(yes|without-password|prohibit-password)/i,
  /\/root\/\.ssh\/authorized_keys/,
  /chpasswd/i,
];

describe("hardenedSshdConfig", () => {
  it("disables every password path and root login, limits tries, names users", () => {
    const s = effective(hardenedSshdConfig({ allowUsers: ["ec2-user", "ops_1"] }));
    expect(s.get("passwordauthentication")).toBe("no");
    expect(s.get("kbdinteractiveauthentication")).toBe("no");
    expect(s.get("challengeresponseauthentication")).toBe("no");
    expect(s.get("permitemptypasswords")).toBe("no");
    expect(s.get("permitrootlogin")).toBe("no");
    expect(s.get("authenticationmethods")).toBe("publickey");
    expect(s.get("maxauthtries")).toBe("3");
    expect(s.get("allowusers")).toBe("ec2-user ops_1");
    expect(s.get("port")).toBe("22");
  });

  it("uses the given port", () => {
    expect(effective(hardenedSshdConfig({ allowUsers: ["a"], port: 2222 })).get("port")).toBe("2222");
  });

  it("rejects root, bad names, empty lists and bad ports, listing every problem", () => {
    let error: ValidationError | undefined;
    try {
      hardenedSshdConfig({ allowUsers: ["root", "Bad User", "ok"], port: 70000 });
    } catch (e) {
      error = e as ValidationError;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error!.problems.map((p) => p.argument)).toEqual(["allowUsers[0]", "allowUsers[1]", "port"]);
    expect(error!.message).toContain('"root"');
    expect(error!.message).toContain('"Bad User"');
    expect(error!.message).toContain("70000");
    expect(error!.message).toMatch(/fix: .*sudo/);
    expect(() => hardenedSshdConfig({ allowUsers: [] })).toThrow(/argument "allowUsers" is \[\].*fix:/);
  });
});

describe("bastionCloudInit", () => {
  it.each(BASTION_OSES)("%s: writes the drop-in, the jail and a validating script", (os) => {
    const text = bastionCloudInit({ os, allowUsers: ["ec2-user"] });
    expect(text.startsWith("#cloud-config\n")).toBe(true);
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);

    const doc = YAML.parse(text);
    expect(doc.ssh_pwauth).toBe(false);
    expect(doc.disable_root).toBe(true);
    const files = new Map<string, any>(doc.write_files.map((f: any) => [f.path, f]));
    expect(files.get(SSHD_DROP_IN_PATH).content).toBe(hardenedSshdConfig({ allowUsers: ["ec2-user"] }));
    expect(files.get(SSHD_DROP_IN_PATH).permissions).toBe("0600");
    expect(files.get(FAIL2BAN_JAIL_PATH).content).toMatch(/\[sshd\]\nenabled = true\nport = 22\n/);
    expect(files.get(FAIL2BAN_JAIL_PATH).content).toContain("maxretry = 3");
    expect(doc.runcmd).toEqual([[HARDENING_SCRIPT_PATH]]);

    const script: string = files.get(HARDENING_SCRIPT_PATH).content;
    // The main file is made to include the drop-in, and sshd is validated before it restarts.
    expect(script).toContain("sed -i '1i Include /etc/ssh/sshd_config.d/*.conf'");
    const validate = script.indexOf("/usr/sbin/sshd -t");
    const restart = script.indexOf("systemctl restart sshd");
    expect(validate).toBeGreaterThan(0);
    expect(restart).toBeGreaterThan(validate);
    expect(script).toContain("set -euo pipefail");
    expect(script).toContain("systemctl enable --now fail2ban");
  });

  it("turns on automatic security updates per OS", () => {
    const script = (os: (typeof BASTION_OSES)[number]) => bastionCloudInit({ os, allowUsers: ["u"] });
    expect(script("amazon-linux")).toContain("upgrade_type = security");
    expect(script("amazon-linux")).toContain("dnf-automatic.timer");
    expect(script("alibaba-cloud-linux")).toContain("dnf-automatic.timer");
    expect(script("ubuntu")).toContain("unattended-upgrades");
    expect(script("ubuntu")).toContain('APT::Periodic::Unattended-Upgrade "1";');
  });

  it("rejects an unknown OS together with bad users", () => {
    expect(() => bastionCloudInit({ os: "windows" as any, allowUsers: ["root"] })).toThrow(
      /argument "os" is "windows"; allowed: amazon-linux, alibaba-cloud-linux, ubuntu.*\n.*argument "allowUsers\[0\]" is "root"/,
    );
  });

  it("passes the shared user-data scanner when it exists", () => {
    let scanner: { findLoginWeaknesses?: (text: string) => unknown[] } | undefined;
    try {
      scanner = require("../../lib/userdata");
    } catch {
      scanner = undefined;
    }
    if (!scanner?.findLoginWeaknesses) return; // lib/userdata.ts not written yet
    for (const os of BASTION_OSES) {
      expect(scanner.findLoginWeaknesses(bastionCloudInit({ os, allowUsers: ["ec2-user"] }))).toEqual([]);
    }
  });
});
