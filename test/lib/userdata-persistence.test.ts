import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeaknessKind, weaknessContext } from "../../lib/userdata";
import { compileSedRegex, MatchBudget, sedMatch } from "../../lib/userdata-sed-regex";

const kinds = (text: string) => findLoginWeaknesses(text).map((w) => w.kind);
const vias = (text: string) => findLoginWeaknesses(text).map((w) => [w.kind, w.via]);

const SSHD = "/etc/ssh/sshd_config";
const rootLogin = `echo 'PermitRootLogin yes' >> ${SSHD}`;

/** A cloud-config writing files; `path: undefined` leaves the key out. */
function writeFiles(...files: { path?: string; content: string; encoding?: string }[]): string {
  const entries = files.map(({ path, content, encoding }) => {
    const key = path === undefined ? "" : `path: ${JSON.stringify(path)}\n    `;
    const body = encoding ? gzipSync(content).toString("base64") : JSON.stringify(content);
    return `  - ${key}${encoding ? `encoding: ${encoding}\n    ` : ""}content: ${body}`;
  });
  return `#cloud-config\nwrite_files:\n${entries.join("\n")}\n`;
}

describe("uncommenting sshd_config's commented defaults", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["address, then s/^#//", `sed -i '/^#PasswordAuthentication/s/^#//' ${SSHD}`, ["password-authentication"]],
    ["a group put back", `sed -i 's/^#\\(PermitRootLogin.*\\)/\\1/' ${SSHD}`, ["root-login"]],
    [
      "a replacement without a value",
      "sed -i 's/#PasswordAuthentication/PasswordAuthentication/'",
      ["password-authentication"],
    ],
    ["a file in a variable", `sed -i 's/^#PermitRootLogin/PermitRootLogin/' "$SSHD_CONFIG"`, ["root-login"]],
    ["extended, optional #", `sed -E -i 's/^#?(PasswordAuthentication)/\\1/' ${SSHD}`, ["password-authentication"]],
    [
      "blanks around the #",
      `sed -i 's/^[[:space:]]*#[[:space:]]*PermitRootLogin/PermitRootLogin/' ${SSHD}`,
      ["root-login"],
    ],
    ["every line of sshd_config", `sed -i 's/^#//' ${SSHD}`, ["password-authentication", "root-login"]],
    [
      "every line, written elsewhere by redirection",
      `sed 's/^#//' ${SSHD}.orig > ${SSHD}`,
      ["password-authentication", "root-login"],
    ],
    [
      "a later edit of another file changes nothing",
      `sed -i '/^#PasswordAuthentication/s/^#//' ${SSHD}\nsed -i 's/yes/no/' /etc/yum.conf`,
      ["password-authentication"],
    ],
    [
      "a later append does not override: sshd keeps the first value",
      `sed -i '/^#PermitRootLogin/s/^#//' ${SSHD}\necho 'PermitRootLogin no' >> ${SSHD}`,
      ["root-login"],
    ],
  ])("%s is a weakness", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "uncommenting then s/yes/no/",
      `sed -i -e '/^#PasswordAuthentication/s/^#//' -e '/^PasswordAuthentication/s/yes/no/' ${SSHD}`,
    ],
    ["uncommenting then s/yes/no/ after ;", `sed -i '/^#PasswordAuthentication/s/^#//;s/yes/no/' ${SSHD}`],
    [
      "uncommenting, then another sed setting no",
      `sed -i 's/#PasswordAuthentication/PasswordAuthentication/' ${SSHD}\nsed -i 's/^PasswordAuthentication yes/PasswordAuthentication no/' ${SSHD}`,
    ],
    [
      "uncommenting, then the hardening idiom with an optional #",
      `sed -i 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD}\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`,
    ],
    ["uncommenting, then deleting the line", `sed -i '/^#PermitRootLogin/s/^#//;/^PermitRootLogin/d' ${SSHD}`],
    ["uncommenting the no line explicitly", `sed -i '/^#PasswordAuthentication no/s/^#//' ${SSHD}`],
    ["uncommenting with no written", `sed -i 's/^#\\(PasswordAuthentication\\).*/\\1 no/' ${SSHD}`],
    ["the hardening idiom", `sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`],
    [
      "commenting a directive out, hardening it in sshd_config after",
      `sed -i 's/^PasswordAuthentication/#PasswordAuthentication/' ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    [
      "uncommenting then commenting again",
      `sed -i -e 's/^#PermitRootLogin/PermitRootLogin/' -e 's/^PermitRootLogin/#&/' ${SSHD}`,
    ],
    ["uncommenting every line of another file", "sed -i 's/^#//' /etc/yum.repos.d/epel.repo"],
    ["uncommenting another directive", `sed -i '/^#Port/s/^#//' ${SSHD}`],
    ["grep for the commented line only reads", `grep -q '^#PasswordAuthentication' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("says which commented default becomes active, and on which images", () => {
    const [weakness] = findLoginWeaknesses(`sed -i '/^#PasswordAuthentication/s/^#//' ${SSHD}`);
    expect(weakness.line).toBe(`sed -i '/^#PasswordAuthentication/s/^#//' ${SSHD}`);
    expect(weakness.note).toContain(`commented default "PasswordAuthentication yes"`);
    expect(weakness.note).toContain("becomes active");
    expect(weakness.note).toContain("CentOS 7");
    expect(weaknessContext(weakness)).toContain("becomes active");
  });

  it("names Ubuntu's prohibit-password when only the yes line was turned to no", () => {
    const found = findLoginWeaknesses(`sed -i '/^#PermitRootLogin/s/^#//;/^PermitRootLogin/s/yes/no/' ${SSHD}`);
    expect(found.map((w) => w.kind)).toEqual(["root-login"]);
    expect(found[0].note).toContain('"PermitRootLogin prohibit-password" (Ubuntu)');
    expect(found[0].note).not.toContain('"PermitRootLogin yes"');
  });

  it("reports a value the command writes itself once, without the default's note", () => {
    const line = `sed -i 's/^#PermitRootLogin yes/PermitRootLogin yes/' ${SSHD}`;
    expect(findLoginWeaknesses(line)).toEqual([{ kind: "root-login", line }]);
  });

  it("a value named by the address is read as written", () => {
    expect(kinds(`sed -i '/^#PermitRootLogin yes/s/^#//' ${SSHD}`)).toEqual(["root-login"]);
  });

  it("uncommenting challenge-response is keyboard-interactive, which MFA excuses", () => {
    const uncomment = `sed -i '/^#ChallengeResponseAuthentication/s/^#//' ${SSHD}`;
    expect(kinds(uncomment)).toEqual(["password-authentication"]);
    const mfa = `echo 'AuthenticationMethods publickey,keyboard-interactive' > /etc/ssh/sshd_config.d/50-mfa.conf`;
    expect(kinds(`${uncomment}\n${mfa}`)).toEqual([]);
  });

  it("is read inside boot scripts too, quoted with where it was written", () => {
    const script = `cat > /etc/rc.local <<'EOF'\n#!/bin/sh\nsed -i 's/^#PermitRootLogin/PermitRootLogin/' ${SSHD}\nEOF`;
    expect(vias(script)).toEqual([["root-login", "/etc/rc.local"]]);
  });

  describe("on hostile scripts", () => {
    it("many uncommenting edits in one invocation: those past the match budget are left unread", () => {
      expect(kinds(`sed -i '${"/^#PermitRootLogin/s/^#//;".repeat(5_000)}' ${SSHD}`)).toEqual([
        "root-login",
        "unread-content",
      ]);
    });
    it("edits that grow the line: those past the match budget are left unread", () => {
      const grow = "s/.*/&&&&/g;".repeat(3_000);
      // The grown line reads "PermitRootLogin yesPermitRootLogin…", a value sshd refuses: no login is opened; the
      // edits the budget leaves unreplayed are reported as unread.
      expect(kinds(`sed -i '/^#PermitRootLogin/s/^#//;${grow}' ${SSHD}`)).toEqual(["unread-content"]);
    });
    it("patterns built to backtrack", () => {
      const pattern = "\\(a*\\)*".repeat(60);
      expect(kinds(`sed -i 's/^#${pattern}PermitRootLogin/PermitRootLogin/' ${SSHD}`)).toEqual(["root-login"]);
      const stars = "[a-z#]*".repeat(70);
      expect(kinds(Array(200).fill(`sed -i 's/${stars}q/x/' ${SSHD}`).join("\n"))).toEqual([]);
    });
    it("intervals too large to expand are left unread", () => {
      expect(kinds(`sed -i 's/^#\\(P\\{0,255\\}\\)\\{0,255\\}ermitRootLogin/PermitRootLogin/' ${SSHD}`)).toEqual([
        "unread-content",
      ]);
    });
  });
});

describe("sed's regular expressions on a stock line", () => {
  const match = (source: string, line: string, extended = false) => {
    const regex = compileSedRegex(source, extended);
    const m = regex && sedMatch(regex, line, new MatchBudget());
    return m && line.slice(m.start, m.end);
  };
  it.each<[string, string, boolean, string | undefined]>([
    ["^#\\?PermitRootLogin", "#PermitRootLogin yes", false, "#PermitRootLogin"],
    ["^#\\?PermitRootLogin", "PermitRootLogin yes", false, "PermitRootLogin"],
    ["^#?(PermitRootLogin) .*", "#PermitRootLogin yes", true, "#PermitRootLogin yes"],
    ["^PermitRootLogin", "#PermitRootLogin yes", false, undefined],
    ["yes$", "#PasswordAuthentication yes", false, "yes"],
    ["[[:space:]]\\+yes", "#PasswordAuthentication yes", false, " yes"],
    ["Password\\|Root", "#PermitRootLogin yes", false, "Root"],
    ["a\\{2,3\\}", "baaaa", false, "aaa"],
    ["\\(x\\)\\1", "xx", false, undefined],
  ])("%s on %s", (source, line, extended, expected) => {
    expect(match(source, line, extended)).toBe(expected);
  });

  it("gives up, rather than guessing, once the budget is spent", () => {
    const regex = compileSedRegex("a*a*a*b", false)!;
    expect(sedMatch(regex, "aaab", new MatchBudget(5))).toBeUndefined();
    expect(sedMatch(regex, "aaab", new MatchBudget())).toEqual({ start: 0, end: 4, groups: [] });
  });
});

describe("boot-time persistence", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "rc.local from a here-document",
      `cat > /etc/rc.local <<'EOF'\n#!/bin/sh\n${rootLogin}\nexit 0\nEOF\nchmod +x /etc/rc.local`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "rc.d/rc.local appended with <<-",
      `cat >> /etc/rc.d/rc.local <<-EOF\n\techo 'root:x' | chpasswd\n\tEOF`,
      [["password-set", "/etc/rc.d/rc.local"]],
    ],
    ["rc.local from an echo", `echo "${rootLogin}" >> /etc/rc.local`, [["root-login", "/etc/rc.local"]]],
    [
      "a login script from printf",
      `printf '%s\\n' 'echo ssh-rsa AAAA >> /root/.ssh/authorized_keys' > /etc/profile.d/zz.sh`,
      [["root-authorized-keys", "/etc/profile.d/zz.sh"]],
    ],
    [
      "rc.local through tee",
      `echo "${rootLogin}" | sudo tee -a /etc/rc.local > /dev/null`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "rc.local through cat and tee from a here-document",
      `cat <<'EOF' | tee /etc/rc.local\n${rootLogin}\nEOF`,
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "a systemd unit's ExecStartPre",
      `cat > /etc/systemd/system/setup.service <<'EOF'\n[Unit]\nDescription=setup\n[Service]\nType=oneshot\nExecStartPre=-/bin/sh -c "${rootLogin}"\nExecStart=/bin/true\nEOF`,
      [["root-login", "/etc/systemd/system/setup.service"]],
    ],
    [
      "a unit's Exec line continued on the next",
      `cat > /lib/systemd/system/x.service <<'EOF'\n[Service]\nExecStart=/bin/sh -c \\\n  "echo root:x | chpasswd"\nEOF`,
      [["password-set", "/lib/systemd/system/x.service"]],
    ],
    [
      "a system crontab line",
      `echo "*/5 * * * * root ${rootLogin}" > /etc/cron.d/persist`,
      [["root-login", "/etc/cron.d/persist"]],
    ],
    [
      "/etc/crontab from a here-document",
      `cat >> /etc/crontab <<EOF\n@reboot root echo ssh-rsa AAAA >> /root/.ssh/authorized_keys\nEOF`,
      [["root-authorized-keys", "/etc/crontab"]],
    ],
    [
      "crontab - from a pipe",
      `(crontab -l 2>/dev/null; echo "@reboot ${rootLogin}") | crontab -`,
      [["root-login", "crontab -"]],
    ],
    [
      "crontab from a here-document",
      `crontab - <<EOF\n0 3 * * * echo root:x | chpasswd\nEOF`,
      [["password-set", "crontab -"]],
    ],
    [
      "another user's crontab from a here-string",
      `crontab -u ops - <<< "0 3 * * * ${rootLogin}"`,
      [["root-login", "crontab -u ops -"]],
    ],
    [
      "root's spool crontab",
      `echo "* * * * * ${rootLogin}" >> /var/spool/cron/root`,
      [["root-login", "/var/spool/cron/root"]],
    ],
    [
      "a daily cron script",
      `cat > /etc/cron.daily/zz <<'EOF'\n#!/bin/sh\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' ${SSHD}\nEOF`,
      [["password-authentication", "/etc/cron.daily/zz"]],
    ],
    [
      "an in-place sed appending to rc.local",
      `sed -i '$a echo ssh-rsa AAAA >> /root/.ssh/authorized_keys' /etc/rc.local`,
      [["root-authorized-keys", "/etc/rc.local"]],
    ],
    [
      "rc.local writing a cron.d file",
      `cat > /etc/rc.local <<'EOF'\necho "@reboot root ${rootLogin}" > /etc/cron.d/x\nEOF`,
      [["root-login", "/etc/cron.d/x via /etc/rc.local"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(vias(text)).toEqual(expected);
  });

  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "rc.local",
      writeFiles({ path: "/etc/rc.local", content: `#!/bin/sh\n${rootLogin}\n` }),
      [["root-login", "/etc/rc.local"]],
    ],
    [
      "a unit, gzipped",
      writeFiles({
        path: "/etc/systemd/system/x.service",
        content: `[Service]\nExecStart=/bin/sh -c "echo k >> /root/.ssh/authorized_keys"\n`,
        encoding: "gz+b64",
      }),
      [["root-authorized-keys", "/etc/systemd/system/x.service"]],
    ],
    [
      "a cron.d file",
      writeFiles({ path: "/etc/cron.d/x", content: `SHELL=/bin/sh\n* * * * * root ${rootLogin}\n` }),
      [["root-login", "/etc/cron.d/x"]],
    ],
    [
      "cloud-init's own configuration for the next boot",
      writeFiles({ path: "/etc/cloud/cloud.cfg.d/99-x.cfg", content: "ssh_pwauth: true\n" }),
      [["password-authentication", "/etc/cloud/cloud.cfg.d/99-x.cfg"]],
    ],
    [
      "a per-boot script of cloud-init",
      writeFiles({ path: "/var/lib/cloud/scripts/per-boot/x.sh", content: `#!/bin/sh\n${rootLogin}\n` }),
      [["root-login", "/var/lib/cloud/scripts/per-boot/x.sh"]],
    ],
  ])("write_files: %s", (_name, text, expected) => {
    expect(vias(text)).toEqual(expected);
  });

  it("quotes the line that runs later and says where it was written", () => {
    const [weakness] = findLoginWeaknesses(`echo "${rootLogin}" >> /etc/rc.local`);
    expect(weakness).toEqual({ kind: "root-login", line: rootLogin, via: "/etc/rc.local" });
    expect(weaknessContext(weakness)).toBe(" via /etc/rc.local");
  });

  it.each<[string, string]>([
    ["a cron line that only runs a backup", `echo '0 2 * * * root /usr/local/bin/backup.sh' > /etc/cron.d/backup`],
    [
      "a crontab from a here-document that only runs a backup",
      `crontab - <<EOF\n# nightly\nMAILTO=ops@example.com\n0 2 * * * /usr/local/bin/backup.sh >> /var/log/backup.log 2>&1\nEOF`,
    ],
    [
      "a systemd unit that runs nginx",
      `cat > /etc/systemd/system/nginx.service <<'EOF'\n[Unit]\nDescription=nginx\n[Service]\nExecStartPre=/usr/sbin/nginx -t\nExecStart=/usr/sbin/nginx -g 'daemon off;'\nExecReload=/bin/kill -HUP $MAINPID\n[Install]\nWantedBy=multi-user.target\nEOF\nsystemctl enable --now nginx`,
    ],
    [
      "a unit whose description, not its commands, names a directive",
      writeFiles({
        path: "/etc/systemd/system/audit.service",
        content:
          "[Unit]\nDescription=alert when PermitRootLogin yes shows up\n[Service]\nExecStart=/usr/local/bin/audit\n",
      }),
    ],
    [
      "rc.local that starts a service",
      `cat > /etc/rc.local <<'EOF'\n#!/bin/sh\n# PermitRootLogin yes was the old default\nsystemctl start app\nexit 0\nEOF`,
    ],
    ["rc.local that hardens", `echo "sed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}" >> /etc/rc.local`],
    ["a login script that sets a prompt", `echo 'export PS1="\\u@\\h "' > /etc/profile.d/prompt.sh`],
    ["crontab -l only lists", "crontab -l | grep -q backup"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("keeps the bastion's own unit (written in a here-document inside a function) clean", () => {
    const script = [
      "install_unit() {",
      "  cat > /etc/systemd/system/fail2ban.service <<'UNIT'",
      "[Service]",
      "ExecStart=/usr/local/bin/fail2ban-server -xf start",
      "UNIT",
      "  systemctl daemon-reload",
      "}",
    ].join("\n");
    expect(kinds(script)).toEqual([]);
  });

  describe("on hostile input", () => {
    const chain = (n: number, open: (i: number) => string, close: (i: number) => string) =>
      [
        ...Array.from({ length: n }, (_, i) => open(i)),
        rootLogin,
        ...Array.from({ length: n }, (_, i) => close(n - 1 - i)),
      ].join("\n");

    it("rc.local writing rc.local writing rc.local, 10,000 deep, is read to a bounded depth", () => {
      const found = findLoginWeaknesses(
        chain(
          10_000,
          (i) => `cat > /etc/rc.local <<E${i}`,
          (i) => `E${i}`,
        ),
      );
      expect(found).toHaveLength(1);
      expect(found[0]).toMatchObject({ kind: "root-login", line: rootLogin });
      expect(found[0].via?.split(" via ").length).toBeLessThanOrEqual(4);
    });

    it("the same chain closed by one delimiter", () => {
      const text = chain(
        50_000,
        () => "cat > /etc/rc.local <<EOF",
        () => "EOF",
      );
      expect(kinds(text)).toEqual(["root-login"]);
    });

    it("each level written to every kind of boot file at once", () => {
      const all =
        "tee /etc/rc.local /etc/cron.d/x /etc/systemd/system/y.service /etc/profile.d/z.sh /etc/cloud/cloud.cfg.d/a.cfg /var/spool/cron/root /etc/anacrontab";
      const text = chain(
        2_000,
        (i) => `${all} <<E${i}`,
        (i) => `E${i}`,
      ).replace(rootLogin, `* * * * * root ${rootLogin}`);
      expect(new Set(kinds(text))).toEqual(new Set(["root-login"]));
    });

    it("a 50,000-line here-document, closed or not", () => {
      const lines = Array<string>(50_000).fill("echo hello >> /var/log/boot.log");
      expect(vias(["cat > /etc/rc.local <<EOF", ...lines, rootLogin, "EOF"].join("\n"))).toEqual([
        ["root-login", "/etc/rc.local"],
      ]);
      const cron = Array<string>(50_000).fill("* * * * * root /bin/true");
      expect(vias(["cat > /etc/cron.d/x <<EOF", ...cron, `* * * * * root ${rootLogin}`].join("\n"))).toEqual([
        ["root-login", "/etc/cron.d/x"],
      ]);
    });

    it("echo inside echo inside echo, each into rc.local", () => {
      let text = rootLogin;
      for (let i = 0; i < 12; i++) text = `echo ${JSON.stringify(text)} >> /etc/rc.local`;
      expect(kinds(text)).toEqual(["root-login"]);
    });

    it("30,000 here-documents opened on one line", () => {
      expect(kinds(`cat ${"<<E ".repeat(30_000)}\n${"E\n".repeat(30_000)}${rootLogin}`)).toEqual(["root-login"]);
    });

    it("a pipeline of 20,000 tees into rc.local", () => {
      expect(kinds(`echo "${rootLogin}" ${"| tee -a /etc/rc.local ".repeat(20_000)}`)).toEqual(["root-login"]);
    });

    it("write_files of rc.local whose content writes rc.local, 12 deep", () => {
      let text = `#!/bin/sh\n${rootLogin}\n`;
      for (let i = 0; i < 12; i++) text = `#!/bin/sh\ncat > /etc/rc.local <<'L${i}'\n${text}L${i}\n`;
      expect(kinds(writeFiles({ path: "/etc/rc.local", content: text }))).toEqual(["root-login"]);
    });
  });
});

describe("sshd's options from its environment", () => {
  // sshd.service runs `sshd -D $OPTIONS` (Ubuntu: `$SSHD_OPTS`), from /etc/sysconfig/sshd, /etc/default/ssh or a unit.
  const UNIT = "/etc/systemd/system/sshd.service.d/override.conf";

  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "OPTIONS with -o and a space",
      `echo 'OPTIONS="-o PasswordAuthentication=yes"' >> /etc/sysconfig/sshd`,
      ["password-authentication"],
    ],
    ["OPTIONS with -o glued", "echo 'OPTIONS=-oPermitRootLogin=yes' >> /etc/sysconfig/sshd", ["root-login"]],
    [
      "SSHD_OPTS with -o glued",
      `echo 'SSHD_OPTS="-oPasswordAuthentication=yes"' >> /etc/default/ssh`,
      ["password-authentication"],
    ],
    [
      "a unit's Environment=, -o glued",
      `mkdir -p ${UNIT.slice(0, UNIT.lastIndexOf("/"))}\nprintf '[Service]\\nEnvironment=OPTIONS=-oPasswordAuthentication=yes\\n' > ${UNIT}`,
      ["password-authentication"],
    ],
    [
      "a unit's quoted Environment= from a here-document",
      `cat > ${UNIT} <<'EOF'\n[Service]\nEnvironment="SSHD_OPTS=-o PermitRootLogin=yes"\nEOF`,
      ["root-login"],
    ],
    [
      "a unit's Environment= among others, from write_files",
      writeFiles({
        path: UNIT,
        content:
          '[Service]\nEnvironment=LANG=C "OPTIONS=-oKbdInteractiveAuthentication=yes -oPermitEmptyPasswords=yes"\n',
      }),
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["OPTIONS hardening", `echo 'OPTIONS="-oPasswordAuthentication=no -oPermitRootLogin=no"' >> /etc/sysconfig/sshd`],
    [
      "a unit's Environment= hardening",
      `printf '[Service]\\nEnvironment=OPTIONS=-oPasswordAuthentication=no\\n' > ${UNIT}`,
    ],
    [
      "an application unit's Environment= with shell-looking text",
      writeFiles({
        path: "/etc/systemd/system/app.service",
        content: '[Service]\nEnvironment="JAVA_OPTS=-Xmx512m -Dx=$(id)" PORT=8080\nExecStart=/opt/app/run\n',
      }),
    ],
    ["ssh's own glued -o", "ssh -oPasswordAuthentication=yes -oBatchMode=yes ops@10.0.0.5 uptime"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("quotes the Environment= line with the unit it was written to", () => {
    const text = `printf '[Service]\\nEnvironment=OPTIONS=-oPasswordAuthentication=yes\\n' > ${UNIT}`;
    expect(vias(text)).toEqual([["password-authentication", UNIT]]);
    expect(findLoginWeaknesses(text)[0].line).toBe("Environment=OPTIONS=-oPasswordAuthentication=yes");
  });
});

describe("write_files by path", () => {
  const mfa = "AuthenticationMethods publickey,keyboard-interactive\n";
  const keyboard = `echo 'KbdInteractiveAuthentication yes' >> ${SSHD}`;
  const withRuncmd = (config: string, command: string) => `${config}runcmd:\n  - ${JSON.stringify(command)}\n`;

  it.each<[string, string, LoginWeaknessKind[]]>([
    // Replacing sshd_config also leaves PermitRootLogin to its default and drops the Include of the kit's drop-in.
    [
      "sshd_config",
      writeFiles({ path: SSHD, content: "PasswordAuthentication yes\n" }),
      ["root-login", "password-authentication"],
    ],
    [
      "a drop-in",
      writeFiles({ path: "/etc/ssh/sshd_config.d/10-root.conf", content: "PermitRootLogin yes\n" }),
      ["root-login"],
    ],
    [
      "a drop-in without .conf (may still be included)",
      writeFiles({ path: "/etc/ssh/sshd_config.d/10-root", content: "PermitRootLogin yes\n" }),
      ["root-login"],
    ],
    ["no path", writeFiles({ content: "PasswordAuthentication yes\n" }), ["password-authentication"]],
    [
      "a templated path",
      writeFiles({ path: "/etc/ssh/{{ v1.file }}", content: "PermitRootLogin yes\n" }),
      ["root-login"],
    ],
    ["a relative path", writeFiles({ path: "sshd.conf", content: "PermitRootLogin yes\n" }), ["root-login"]],
    [
      "a script elsewhere still counts for its commands (runcmd may run it)",
      writeFiles({ path: "/usr/local/sbin/setup.sh", content: `#!/bin/sh\n${rootLogin}\n` }),
      ["root-login"],
    ],
    [
      "a file elsewhere that an Include makes sshd read",
      withRuncmd(
        writeFiles({ path: "/opt/app/sshd.conf", content: "PermitRootLogin yes\n" }),
        `echo 'Include /opt/app/*.conf' >> ${SSHD}`,
      ),
      ["root-login"],
    ],
    [
      "a file elsewhere copied into sshd's drop-ins",
      withRuncmd(
        writeFiles({ path: "/opt/app/extra.conf", content: "PasswordAuthentication yes\n" }),
        "install -m 600 /opt/app/extra.conf /etc/ssh/sshd_config.d/",
      ),
      ["password-authentication"],
    ],
    [
      "a file elsewhere given to sshd -f",
      withRuncmd(
        writeFiles({ path: "/opt/sshd.alt", content: "PermitRootLogin yes\n" }),
        "/usr/sbin/sshd -f /opt/sshd.alt",
      ),
      ["root-login"],
    ],
  ])("a setting written to %s counts", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    // Documentation about the directive is neither read by sshd nor run: its setting lines enable nothing.
    ["a README under /opt/docs", writeFiles({ path: "/opt/docs/README.md", content: "PasswordAuthentication yes\n" })],
    [
      "the SSH client's configuration",
      writeFiles({ path: "/etc/ssh/ssh_config", content: "PasswordAuthentication yes\n" }),
    ],
    [
      "a template kept for later",
      writeFiles({ path: "/opt/templates/sshd.conf", content: "PermitRootLogin yes\nPasswordAuthentication yes\n" }),
    ],
    [
      "an unparsed cloud-config key in a text file",
      writeFiles({ path: "/opt/notes.txt", content: "ssh_pwauth: true\n" }),
    ],
  ])("a setting written to %s does not count", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("notes why a file elsewhere counts", () => {
    const text = withRuncmd(
      writeFiles({ path: "/opt/app/sshd.conf", content: "PermitRootLogin yes\n" }),
      `echo 'Include /opt/app/sshd.conf' >> ${SSHD}`,
    );
    expect(findLoginWeaknesses(text)).toEqual([
      {
        kind: "root-login",
        line: "PermitRootLogin yes",
        note: "written to /opt/app/sshd.conf, which sshd is made to read",
      },
    ]);
  });

  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "sshd's drop-in excuses keyboard-interactive",
      writeFiles({ path: "/etc/ssh/sshd_config.d/50-mfa.conf", content: mfa }),
      [],
    ],
    [
      "sshd_config itself excuses it",
      writeFiles({ path: SSHD, content: `${mfa}PasswordAuthentication no\nPermitRootLogin no\n` }),
      [],
    ],
    ["a file elsewhere does not", writeFiles({ path: "/opt/notes.txt", content: mfa }), ["password-authentication"]],
    ["a file without a path does not", writeFiles({ content: mfa }), ["password-authentication"]],
    [
      "a drop-in sshd does not read (no .conf) does not",
      writeFiles({ path: "/etc/ssh/sshd_config.d/50-mfa", content: mfa }),
      ["password-authentication"],
    ],
  ])("AuthenticationMethods: %s", (_name, config, expected) => {
    expect(kinds(withRuncmd(config, keyboard))).toEqual(expected);
  });

  it("AuthenticationMethods in a here-document into a file elsewhere does not excuse keyboard-interactive", () => {
    const notes = `cat > /tmp/notes <<EOF\n${mfa}EOF`;
    expect(kinds(`${keyboard}\n${notes}`)).toEqual(["password-authentication"]);
    expect(kinds(`${keyboard}\n${notes.replace("/tmp/notes", "/etc/ssh/sshd_config.d/50-mfa.conf")}`)).toEqual([]);
  });
});
