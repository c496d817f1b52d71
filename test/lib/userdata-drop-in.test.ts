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
      ["20,000 removals of other drop-ins", `rm -f ${DIR}/x.conf\n`.repeat(20_000)],
      ["an Include growing under s/.*/&&&&/g", `sed -i '${"s/.*/&&&&/g;".repeat(3_000)}' ${SSHD}`],
    ])("%s", (_name, text) => {
      expect(kinds(text)).toEqual([]);
    });
  });
});
