import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const SSHD = "/etc/ssh/sshd_config";
const DIR = "/etc/ssh/sshd_config.d";
const KIT = `${DIR}/00-hardening-kit.conf`;
const BOTH: LoginWeaknessKind[] = ["password-authentication", "root-login"];
const hardenedDropIn = `cat > ${DIR}/00-mine.conf <<'EOF'\nPasswordAuthentication no\nPermitRootLogin no\nEOF`;

describe("taking the kit's hardened drop-in away", () => {
  it.each<[string, string]>([
    ["rm", `rm -f ${KIT}`],
    ["rm through a glob", `rm -f ${DIR}/*.conf`],
    ["rm -rf of the directory", `rm -rf ${DIR}`],
    ["unlink", `unlink ${KIT}`],
    ["find -delete", `find ${DIR} -name '*.conf' -delete`],
    ["mv to a name sshd does not read", `mv ${KIT} ${KIT}.bak`],
    ["mv out of the directory", `mv ${KIT} /root/`],
    ["truncate", `truncate -s 0 ${KIT}`],
    ["an empty redirection", `: > ${KIT}`],
    ["cp /dev/null", `cp /dev/null ${KIT}`],
    ["hardening written to a drop-in before, then taken away", `${hardenedDropIn}\nrm -f ${DIR}/*.conf`],
    [
      "written by write_files, removed by runcmd",
      `#cloud-config\nwrite_files:\n  - path: ${KIT}\n    content: "PasswordAuthentication no\\nPermitRootLogin no\\n"\nruncmd:\n  - [rm, -f, ${KIT}]\n`,
    ],
  ])("%s weakens", (_name, text) => {
    expect(kinds(text)).toEqual(BOTH);
  });

  it.each<[string, string]>([
    ["chmod", `chmod 600 ${KIT}`],
    ["mv to another name sshd reads", `mv ${KIT} ${DIR}/01-hardening-kit.conf`],
    ["cloud-init's drop-in removed", `rm -f ${DIR}/50-cloud-init.conf`],
    ["host keys removed", "rm -f /etc/ssh/ssh_host_*"],
    ["a listing", `ls -l ${DIR}/`],
    ["all drop-ins removed, then hardening written to a new one", `rm -f ${DIR}/*.conf\n${hardenedDropIn}`],
    [
      "removed, with hardening in sshd_config itself",
      `rm -f ${KIT}\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' >> ${SSHD}`,
    ],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("says what taking it away does", () => {
    expect(findLoginWeaknesses(`rm -f ${KIT}`)[0].note).toMatch(/00-hardening-kit\.conf away: sshd falls back/);
  });
});

describe("taking Ubuntu's hardened drop-in away", () => {
  const UBUNTU = `${DIR}/60-cloudimg-settings.conf`;
  const PASSWORDS: LoginWeaknessKind[] = ["password-authentication"];

  it.each<[string, string]>([
    ["rm", `rm -f ${UBUNTU}\nsystemctl restart ssh`],
    ["rm with cloud-init's", `rm -f ${DIR}/50-cloud-init.conf ${UBUNTU}`],
    ["mv to a name sshd does not read", `mv ${UBUNTU} ${UBUNTU}.bak`],
    ["an empty redirection", `: > ${UBUNTU}`],
    ["unlink", `unlink ${UBUNTU}`],
    ["a glob of its name", `rm -f ${DIR}/60-cloudimg*`],
    ["a brace expansion", `rm -f ${DIR}/{50-cloud-init,60-cloudimg-settings}.conf`],
  ])("%s turns password authentication on", (_name, text) => {
    expect(kinds(text)).toEqual(PASSWORDS);
  });

  it.each<[string, string]>([
    ["removed, then hardening written to a new drop-in", `rm -f ${UBUNTU}\n${hardenedDropIn}`],
    ["removed, with hardening in sshd_config itself", `rm -f ${UBUNTU}\necho 'PasswordAuthentication no' >> ${SSHD}`],
    ["mv to another drop-in name", `mv ${UBUNTU} ${DIR}/10-cloudimg-settings.conf`],
    ["cloud-init's alone (it may hold yes)", `rm -f ${DIR}/50-cloud-init.conf`],
    ["a brace expansion of other drop-ins", `rm -f ${DIR}/{50-cloud-init,99-legacy}.conf`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("says what taking it away does, once, naming the kit's drop-in when a glob takes both", () => {
    expect(findLoginWeaknesses(`rm -f ${UBUNTU}`)[0].note).toMatch(
      /60-cloudimg-settings\.conf \("PasswordAuthentication no"\) away: sshd falls back to password authentication/,
    );
    const both = findLoginWeaknesses(`rm -f ${DIR}/*.conf`);
    expect(both.map((w) => w.kind).sort()).toEqual(BOTH);
    expect(both.every((w) => w.note?.includes("00-hardening-kit.conf"))).toBe(true);
  });
});

describe("hardened lines deleted or commented out", () => {
  const PASSWORDS: LoginWeaknessKind[] = ["password-authentication"];

  it.each<[string, string, LoginWeaknessKind[]]>([
    ["deleted from sshd_config (Amazon Linux 2's)", `sed -i '/^PasswordAuthentication no/d' ${SSHD}`, PASSWORDS],
    ["every PasswordAuthentication line deleted", `sed -i '/^PasswordAuthentication/d' ${SSHD}`, PASSWORDS],
    ["commented out", `sed -i 's/^PasswordAuthentication no/#PasswordAuthentication no/' ${SSHD}`, PASSWORDS],
    ["commented out with &", `sed -i 's/^PasswordAuthentication/#&/' ${SSHD}`, PASSWORDS],
    ["commented out by perl", `perl -pi -e 's/^(PasswordAuthentication)/#$1/' ${SSHD}`, PASSWORDS],
    ["deleted from Ubuntu's drop-in", `sed -i '/PasswordAuthentication/d' ${DIR}/60-cloudimg-settings.conf`, PASSWORDS],
    ["deleted from every drop-in", `sed -i '/PasswordAuthentication/d' ${DIR}/*.conf`, PASSWORDS],
    ["root's line deleted from the kit's drop-in", `sed -i '/PermitRootLogin/d' ${KIT}`, ["root-login"]],
    ["a variable naming sshd_config", `main=${SSHD}\nsed -i "/^PasswordAuthentication no/d" "$main"`, PASSWORDS],
    [
      "hardened in sshd_config, then deleted there",
      `echo 'PasswordAuthentication no' >> ${SSHD}\nsed -i '/^PasswordAuthentication/d' ${SSHD}`,
      PASSWORDS,
    ],
    [
      "the kit's drop-in written, then its line deleted",
      `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${KIT}\nsed -i '/PasswordAuthentication/d' ${KIT}`,
      PASSWORDS,
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    [
      "deleted, then appended again",
      `sed -i '/^PasswordAuthentication/d' ${SSHD}\necho 'PasswordAuthentication no' >> ${SSHD}`,
    ],
    [
      "deleted and appended by one sed",
      `sed -i -e '/^PasswordAuthentication/d' -e '$a PasswordAuthentication no' ${SSHD}`,
    ],
    ["replaced", `sed -i 's/^PasswordAuthentication.*/PasswordAuthentication no/' ${SSHD}`],
    ["commented out, then set in a drop-in", `sed -i 's/^PasswordAuthentication/#&/' ${SSHD}\n${hardenedDropIn}`],
    [
      "a drop-in written by write_files, then sshd_config's line commented out",
      `#cloud-config\nwrite_files:\n  - path: ${DIR}/00-mine.conf\n    content: "PasswordAuthentication no\\n"\nruncmd:\n  - sed -i 's/^PasswordAuthentication/#&/' ${SSHD}\n`,
    ],
    [
      "every directive commented out, then a drop-in",
      `sed -i -E 's/^(PasswordAuthentication|PermitRootLogin)/#\\1/' ${SSHD}\n${hardenedDropIn}`,
    ],
    // sshd_config ships no PermitRootLogin no; cloud-init's drop-in may hold yes.
    ["PermitRootLogin deleted from sshd_config", `sed -i '/^PermitRootLogin/d' ${SSHD}`],
    ["deleted from cloud-init's drop-in", `sed -i '/PasswordAuthentication/d' ${DIR}/50-cloud-init.conf`],
    ["deleted from another file", "sed -i '/PasswordAuthentication/d' /etc/ssh/ssh_config"],
    ["a commented line deleted", `sed -i '/^#PasswordAuthentication/d' ${SSHD}`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("names the hardened line taken away and sshd's default", () => {
    const [found] = findLoginWeaknesses(`sed -i '/^PasswordAuthentication/d' ${SSHD}`);
    expect(found.note).toMatch(
      /deletes or comments out the hardened "PasswordAuthentication no" \(.*Amazon Linux 2\): sshd falls back to its default, password authentication$/,
    );
  });
});

describe("sshd_config's Include of the drop-ins", () => {
  it.each<[string, string]>([
    ["commented out", `sed -i 's/^Include/#Include/' ${SSHD}`],
    ["deleted", `sed -i '/^Include/d' ${SSHD}`],
    ["changed by c", `sed -i '/^Include/c # no drop-ins' ${SSHD}`],
    ["pointed elsewhere", `sed -i 's|^Include .*|Include /opt/ssh/*.conf|' ${SSHD}`],
    ["commented out by perl", `perl -pi -e 's/^(Include)/#$1/' ${SSHD}`],
    [
      "added, then commented out",
      `sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' ${SSHD}\nsed -i 's/^Include/#Include/' ${SSHD}`,
    ],
    [
      "commented out, hardening written to a drop-in sshd no longer reads",
      `sed -i 's/^Include/#Include/' ${SSHD}\necho 'PasswordAuthentication no' > ${DIR}/01.conf\necho 'PermitRootLogin no' > ${DIR}/02.conf`,
    ],
  ])("%s weakens", (_name, text) => {
    expect(kinds(text)).toEqual(BOTH);
  });

  it.each<[string, string]>([
    ["added", `sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' ${SSHD}`],
    [
      "commented out, then added again",
      `sed -i 's/^Include/#Include/' ${SSHD}\nsed -i '1i Include /etc/ssh/sshd_config.d/*.conf' ${SSHD}`,
    ],
    [
      "commented out, then echoed again",
      `sed -i 's/^Include/#Include/' ${SSHD}\necho 'Include /etc/ssh/sshd_config.d/*.conf' >> ${SSHD}`,
    ],
    [
      "commented out, with hardening in sshd_config itself",
      `sed -i 's/^Include/#Include/' ${SSHD}\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' ${SSHD}\nsed -i 's/^#\\?PermitRootLogin.*/PermitRootLogin no/' ${SSHD}`,
    ],
    ["comments and blank lines deleted", `sed -i '/^#/d;/^$/d' ${SSHD}`],
    ["another file's Include", `sed -i 's/^Include/#Include/' /etc/nginx/nginx.conf`],
    ["a grep for it", `grep -q '^Include /etc/ssh/sshd_config.d' ${SSHD} || exit 1`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("says what taking it away does", () => {
    expect(findLoginWeaknesses(`sed -i '/^Include/d' ${SSHD}`)[0].note).toMatch(/takes away "Include .*": sshd no/);
  });
});

describe("hardened lines an edit turns weak without writing the directive", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["s/no/yes/g over sshd_config", `sed -i 's/no/yes/g' ${SSHD}`, BOTH],
    ["s/ no$/ yes/ over the kit's drop-in", `sed -i 's/ no$/ yes/' ${KIT}`, BOTH],
    ["s/no/yes/ over cloud-init's drop-in", `sed -i 's/no/yes/' ${DIR}/50-cloud-init.conf`, BOTH],
    [
      "perl's else on the lines that are not comments",
      `perl -pi -e 'if (/^#/) { 1 } else { s/no/yes/ }' ${SSHD}`,
      BOTH,
    ],
    [
      "a value hardened, then flipped",
      `sed -i 's/^#PasswordAuthentication yes/PasswordAuthentication no/' ${SSHD}\nsed -i 's/no/yes/' ${SSHD}`,
      BOTH,
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["s/yes/no/g over a drop-in", `sed -i 's/yes/no/g' ${DIR}/50-cloud-init.conf`],
    ["s/no/yes/ over another file", "sed -i 's/no/yes/' /etc/default/grub"],
    ["another directive turned on", `sed -i 's/^X11Forwarding no/X11Forwarding yes/' ${SSHD}`],
    ["UsePAM turned on", `sed -i 's/^#UsePAM no/UsePAM yes/' ${SSHD}`],
    [
      "a range that may not reach the hardened lines",
      `sed -i '/^Match/,$ s/X11Forwarding no/X11Forwarding yes/' ${SSHD}`,
    ],
    ["a file the reader cannot name", `for f in $(ls ${DIR}); do sed -i 's/no/yes/' "$f"; done`],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it("reports a line that writes the value itself once, without the hardened lines' note", () => {
    const found = findLoginWeaknesses(`sed -i '/PermitRootLogin/,+1 s/no/yes/' ${SSHD}`);
    expect(found).toEqual([{ kind: "root-login", line: `sed -i '/PermitRootLogin/,+1 s/no/yes/' ${SSHD}` }]);
  });

  it("names the hardened line and what it became", () => {
    const [found] = findLoginWeaknesses(`sed -i 's/ no$/ yes/' ${KIT}`);
    expect(found.note).toMatch(
      /"PasswordAuthentication no" \(the kit's drop-in.*\) becomes "PasswordAuthentication yes"/,
    );
  });

  describe("on hostile input", () => {
    it.each<[string, string]>([
      ["a glob of 120 stars", `rm -f ${DIR}/${"*a".repeat(120)}b`],
      ["a brace group of 60,000 alternatives", `rm -f ${DIR}/{${"a,".repeat(60_000)}}`],
      ["a brace group left open over 60,000 commas", `rm -f ${DIR}/{${"a,".repeat(60_000)}`],
      ["20,000 removals of other drop-ins", `rm -f ${DIR}/x.conf\n`.repeat(20_000)],
    ])("%s", (_name, text) => {
      expect(kinds(text)).toEqual([]);
    });
    it("an Include growing under s/.*/&&&&/g past the match budget is left unread", () => {
      expect(kinds(`sed -i '${"s/.*/&&&&/g;".repeat(3_000)}' ${SSHD}`)).toEqual(["unread-content"]);
    });
  });
});
