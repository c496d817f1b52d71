// sshd's configuration or the account files replaced or extended with text from outside the script (a copy of a file
// it did not write, a download, a program's output, an archive): what that text sets cannot be verified, so each
// such line is an unverifiable finding naming where the text comes from, never a pass and never a violation.
import { gzipSync } from "zlib";
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";
import { maskShellPasswords } from "../../lib/userdata-password-masks";

const SSHD = "/etc/ssh/sshd_config";
const DROP_IN = "/etc/ssh/sshd_config.d/50-app.conf";
const BOTH: LoginWeaknessKind[] = ["password-authentication", "root-login"];
const ACCOUNTS: LoginWeaknessKind[] = ["password-set"];

/** The findings by kind, `?` marking an unverifiable one, and the line each quotes. */
const found = (text: string) =>
  findLoginWeaknesses(text)
    .map((w) => `${w.kind}${w.unverifiable ? "?" : ""} ${w.line}`)
    .sort();
/**
 * What a script whose only finding-bearing line is `line` should give: `kinds`, each unverifiable, quoting it (with
 * what may be a password masked, as every finding's line is).
 */
const unverifiable = (kinds: LoginWeaknessKind[], line: string) =>
  kinds.map((k) => `${k}? ${maskShellPasswords(line)}`);

describe("text from outside the script written to sshd's configuration or the account files", () => {
  it.each<[string, string, LoginWeaknessKind[]]>([
    ["cp of a file the script did not write", `cp /opt/app/sshd_config ${SSHD}`, BOTH],
    ["mv", `mv /tmp/new ${SSHD}`, BOTH],
    ["install with a mode", `install -m 600 /opt/sshd_config ${SSHD}`, BOTH],
    ["rsync from a host", `rsync -a deploy@10.0.0.5:/srv/sshd_config ${SSHD}`, BOTH],
    ["scp", `scp ops@bastion:sshd_config ${SSHD}`, BOTH],
    ["a symbolic link", `ln -sf /opt/app/sshd_config ${SSHD}`, BOTH],
    ["cp into the folder, named by the source", "cp /opt/app/sshd_config /etc/ssh/", BOTH],
    ["cp -t into the folder", "cp -t /etc/ssh /opt/app/sshd_config", BOTH],
    ["curl -o", `curl -fsSL -o ${SSHD} https://example.com/sshd_config`, BOTH],
    ["curl --output=", `curl --output=${SSHD} https://example.com/sshd_config`, BOTH],
    ["curl -O into the drop-in folder", "curl -O --output-dir /etc/ssh/sshd_config.d https://x/50-app.conf", BOTH],
    ["curl's output redirected", `curl -s https://x/sshd_config > ${SSHD}`, BOTH],
    ["curl piped to tee", `curl -s https://x/sshd_config | tee ${SSHD} > /dev/null`, BOTH],
    ["curl piped through sed to a file", `curl -s https://x/c | sed 's/#.*//' > ${SSHD}`, BOTH],
    ["wget -O", `wget -q -O ${SSHD} https://example.com/c`, BOTH],
    ["wget -qO", `wget -qO${SSHD} https://example.com/c`, BOTH],
    ["wget -P into the drop-in folder", "wget -P /etc/ssh/sshd_config.d https://x/50-app.conf", BOTH],
    ["aws s3 cp", `aws s3 cp s3://bucket/sshd_config ${SSHD}`, BOTH],
    ["aws s3 cp with options first", `aws --region us-east-1 s3 cp --quiet s3://bucket/sshd_config ${SSHD}`, BOTH],
    ["aws s3 sync of the drop-ins", "aws s3 sync s3://bucket/sshd.d/ /etc/ssh/sshd_config.d/", BOTH],
    ["ossutil64 cp", `ossutil64 cp oss://bucket/sshd_config ${SSHD} -f`, BOTH],
    ["ossutil cp", `ossutil cp oss://bucket/sshd_config ${SSHD}`, BOTH],
    ["aliyun oss cp", `aliyun oss cp oss://bucket/sshd_config ${SSHD}`, BOTH],
    ["gsutil -m cp", `gsutil -m cp gs://bucket/sshd_config ${SSHD}`, BOTH],
    ["cat of a file redirected", `cat /opt/x > ${SSHD}`, BOTH],
    ["cat of a file appended", `cat /opt/x >> ${SSHD}`, BOTH],
    ["tee -a from a file", `cat /opt/x | tee -a ${SSHD}`, BOTH],
    ["a template filled in", `envsubst < /opt/sshd_config.tmpl > ${SSHD}`, BOTH],
    ["a program's output", `python3 /opt/render.py > ${SSHD}`, BOTH],
    ["a drop-in copied into its folder", "cp /opt/50-x.conf /etc/ssh/sshd_config.d/", BOTH],
    ["a drop-in named outright", `cp /opt/app.conf ${DROP_IN}`, BOTH],
    ["drop-ins by a pattern", "cp /opt/conf/*.conf /etc/ssh/sshd_config.d/", BOTH],
    ["a folder copied into /etc", "cp -r /opt/ssh /etc/", BOTH],
    ["a folder's contents copied over /etc/ssh", "rsync -a /opt/ssh/ /etc/ssh/", BOTH],
    ["a pattern that may name sshd_config", "cp /opt/ssh/* /etc/ssh/", BOTH],
    ["tar -x -C /etc/ssh", "tar -xzf /tmp/ssh.tgz -C /etc/ssh", BOTH],
    ["old-style tar into /etc/ssh", "tar xzf /tmp/ssh.tgz -C /etc/ssh/", BOTH],
    ["a download extracted into the drop-ins", "curl -s https://x/d.tgz | tar -xz -C /etc/ssh/sshd_config.d", BOTH],
    ["unzip -d /etc/ssh", "unzip -o /tmp/ssh.zip -d /etc/ssh", BOTH],
    ["the shadow file copied", "cp /opt/shadow /etc/shadow", ACCOUNTS],
    ["passwd downloaded", "curl -o /etc/passwd https://x/passwd", ACCOUNTS],
    ["accounts appended", "cat /opt/users >> /etc/passwd", ACCOUNTS],
  ])("%s cannot be verified", (_name, line, kinds) => {
    expect(found(line)).toEqual(unverifiable(kinds, line));
  });

  it.each<[string, string, string, LoginWeaknessKind[]]>([
    ["a download put in place", `curl -o /tmp/sshd_config https://x/c`, `mv /tmp/sshd_config ${SSHD}`, BOTH],
    ["cd into the drop-ins, then extracted there", "cd /etc/ssh/sshd_config.d", "tar xf /tmp/d.tar", BOTH],
    ["a pattern naming no file the script wrote", `grep -v '^#' ${SSHD} > /tmp/kept`, `mv /tmp/sshd.* ${SSHD}`, BOTH],
    [
      "a stage the reader cannot tell, its output added after sshd_config",
      "SSHD=/etc/ssh/sshd_config",
      `sed '/^#/d' $SSHD | python3 /opt/filter.py | sponge -a $SSHD`,
      BOTH,
    ],
    ["a variable naming the destination", "DEST=/etc/shadow", 'cp /opt/s "$DEST"', ACCOUNTS],
  ])("%s cannot be verified", (_name, before, line, kinds) => {
    expect(found(`${before}\n${line}`)).toEqual(unverifiable(kinds, line));
  });

  it.each<[string, string]>([
    [
      "a file the script wrote with known text",
      `cat > /tmp/s <<'EOF'\nPasswordAuthentication no\nEOF\ncp /tmp/s ${DROP_IN}`,
    ],
    ["sshd_config copied away as a backup", `cp ${SSHD} /tmp/bak`],
    ["a backup restored", `cp ${SSHD} /tmp/bak\nsed -i 's/^#Port 22/Port 2222/' ${SSHD}\ncp /tmp/bak ${SSHD}`],
    ["a backup in /etc/ssh restored", `cp -a ${SSHD} ${SSHD}.orig\ncp ${SSHD}.orig ${SSHD}`],
    ["the distribution's stock file", `cp /usr/share/openssh/sshd_config ${SSHD}`],
    ["a copy elsewhere", "cp /opt/app/app.conf /etc/app/app.conf"],
    ["a host key restored", "aws s3 cp s3://bucket/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key"],
    ["host keys by a pattern", "cp /opt/keys/ssh_host_* /etc/ssh/"],
    ["a download elsewhere", "curl -o /opt/app/sshd_exporter https://x/exporter"],
    ["an upload of sshd_config", `aws s3 cp ${SSHD} s3://bucket/backup/`],
    ["tar -C /", "tar -xzf /tmp/rootfs.tgz -C /"],
    ["tar -C /opt", "tar -xzf /tmp/ssh.tgz -C /opt/ssh"],
    ["tar creating an archive of /etc/ssh", "tar -czf /tmp/ssh.tgz -C /etc/ssh ."],
    ["unzip listing", "unzip -l /tmp/ssh.zip -d /etc/ssh"],
    ["cp /dev/null", `cp /dev/null ${DROP_IN}`],
    ["a drop-in's backup", "cp /opt/x /etc/ssh/sshd_config.d/50-app.conf.bak"],
    ["standard input copied", `install -m 600 /dev/stdin ${DROP_IN} <<'EOF'\nPasswordAuthentication no\nEOF`],
    ["a here-document", `cat >> ${SSHD} <<'EOF'\nPasswordAuthentication no\nEOF`],
    ["a filter of sshd's own file", `grep -v '^#' ${SSHD} > /tmp/s\nmv /tmp/s ${SSHD}`],
    ["the account files filtered and put back", "grep -v '^games:' /etc/passwd > /tmp/p\nmv /tmp/p /etc/passwd"],
    ["the shadow file's backup put back", "cp /etc/shadow /root/shadow.bak\ncp /root/shadow.bak /etc/shadow"],
    ["sshd_config printed to the log", `cat ${SSHD}`],
    [
      "a folder the script filled, copied into the drop-ins",
      "mkdir -p /tmp/conf\necho 'PasswordAuthentication no' > /tmp/conf/50.conf\ncp -r /tmp/conf/. /etc/ssh/sshd_config.d/",
    ],
    [
      "a chain of copies of sshd_config put back",
      `cp ${SSHD} /tmp/a\ncp /tmp/a /tmp/b\ncp /tmp/b /tmp/c\ncp /tmp/c ${SSHD}`,
    ],
    ["a pattern naming the script's own file", `grep -v '^#' ${SSHD} > /tmp/sshd.$$\nmv /tmp/sshd.* ${SSHD}`],
    ["a function's output", `gen() {\n  echo 'PasswordAuthentication no'\n}\ngen > ${DROP_IN}`],
    ["a group's output", `{ echo 'PasswordAuthentication no'; echo 'PermitRootLogin no'; } > ${DROP_IN}`],
    ["a decoded here-string", `base64 -d <<< UGFzc3dvcmRBdXRoZW50aWNhdGlvbiBubwo= > ${DROP_IN}`],
    ["sshd's effective configuration saved", "sshd -T > /root/sshd-effective.txt"],
    [
      "a later known rewrite setting both to no",
      `cp /opt/app/sshd_config ${SSHD}\ncat > ${SSHD} <<'EOF'\nPasswordAuthentication no\nPermitRootLogin no\nEOF`,
    ],
    [
      "a later known drop-in setting both to no",
      `curl -o ${DROP_IN} https://x/c\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${DROP_IN}`,
    ],
  ])("%s is not reported", (_name, text) => {
    expect(found(text)).toEqual([]);
  });

  // Known text copied over sshd_config replaces it as a rewrite does (see userdata-known-copies.test.ts).
  it("a file the script wrote with known text, copied over sshd_config, is a rewrite, not text from outside", () => {
    const line = `cp /tmp/s ${SSHD}`;
    expect(found(`cat > /tmp/s <<'EOF'\nPasswordAuthentication no\nEOF\n${line}`)).toEqual([`root-login ${line}`]);
  });

  it("an append of the hardened values after text from outside does not clear it (sshd keeps the first value)", () => {
    const line = `cp /opt/app/sshd_config ${SSHD}`;
    const text = `${line}\nprintf 'PasswordAuthentication no\\nPermitRootLogin no\\n' >> ${SSHD}`;
    expect(found(text)).toEqual(unverifiable(BOTH, line));
  });

  it("a later known rewrite that leaves a directive out is reported as a rewrite, not as text from outside", () => {
    const rewrite = `echo 'PasswordAuthentication no' > ${SSHD}`;
    expect(found(`curl -o ${SSHD} https://x/c\n${rewrite}`)).toEqual([`root-login ${rewrite}`]);
  });

  it("a rewrite before the text from outside does not clear it", () => {
    const line = `cat /opt/extra >> ${SSHD}`;
    const text = `printf 'PasswordAuthentication no\\nPermitRootLogin no\\n' > ${SSHD}\n${line}`;
    expect(found(text)).toEqual(unverifiable(BOTH, line));
  });

  it("a line another check reports is not reported again", () => {
    const line = `cat /opt/x > ${SSHD}; echo 'PermitRootLogin yes' >> ${SSHD}`;
    expect(found(line)).toEqual([`root-login ${line}`]);
  });

  describe("unknown at preview", () => {
    it.each<[string, string, LoginWeaknessKind[]]>([
      ["a source from a variable", `cp "$SRC" ${SSHD}`, BOTH],
      ["a URL from a variable", `curl -o ${SSHD} "$CONFIG_URL"`, BOTH],
      ["a bucket from a variable", `aws s3 cp "s3://$BUCKET/shadow" /etc/shadow`, ACCOUNTS],
      ["a source set from a command's output", `SRC=$(mktemp)\ncp "$SRC" ${DROP_IN}`, BOTH],
    ])("%s cannot be verified", (_name, text, kinds) => {
      const line = text.split("\n").pop() ?? "";
      expect(found(text)).toEqual(unverifiable(kinds, line));
    });

    it("a source set in the script to a known file is read as that file", () => {
      expect(found(`SRC=/usr/share/openssh/sshd_config\ncp "$SRC" ${SSHD}`)).toEqual([]);
    });

    // A download whose file name the script does not give may land as sshd_config or a drop-in; in /etc itself, as
    // one of the account files.
    it.each<[string, string, LoginWeaknessKind[]]>([
      ["wget -P /etc/ssh of a URL from a variable", 'wget -P /etc/ssh "$SRC"', BOTH],
      ["wget -P of a URL after --", 'wget -q -P /etc/ssh/sshd_config.d -- "$SRC"', BOTH],
      ["wget -P into SUSE's vendor folder", 'wget -P /usr/etc/ssh "${SRC}"', BOTH],
      ["wget -O onto a name from a variable", 'wget -O "/etc/ssh/$N" https://x/y', BOTH],
      ["curl -o onto a drop-in named by a variable", 'curl -o "/etc/ssh/sshd_config.d/$F" https://x/y', BOTH],
      ["curl -o onto a .conf named by a variable", 'curl -o "/etc/ssh/sshd_config.d/${F}.conf" https://x/y', BOTH],
      ["curl -O of a URL from a variable", 'curl -fsSLO --output-dir /etc/ssh "$URL"', BOTH],
      ["a URL whose last part is a variable", 'wget -P /etc/ssh "https://x/$NAME"', BOTH],
      ["aws s3 cp of an object from a variable", 'aws s3 cp "$OBJ" /etc/ssh/sshd_config.d/', BOTH],
      ["gsutil cp of a key from a variable", 'gsutil cp "gs://$B/$K" /etc/ssh/', BOTH],
      ["a template's reference", "wget -P '/etc/ssh' -- '{{ src }}'", BOTH],
      ["wget -P /etc of a URL from a variable", 'wget -P /etc "$SRC"', ACCOUNTS],
      ["aws s3 cp of an object from a variable into /etc", 'aws s3 cp "$OBJ" /etc/', ACCOUNTS],
      ["curl -o into /etc under a name from a variable", 'curl -o "/etc/$F" https://x/y', ACCOUNTS],
    ])("%s cannot be verified", (_name, line, kinds) => {
      expect(found(line)).toEqual(unverifiable(kinds, line));
    });

    it("a download named by a variable, where the script stands in /etc/ssh, cannot be verified", () => {
      expect(found('cd /etc/ssh\nwget "$SRC"')).toEqual(unverifiable(BOTH, 'wget "$SRC"'));
    });

    it.each<[string, string]>([
      ["into /opt", 'wget -P /opt "$SRC"'],
      ["into a folder beside sshd's", 'wget -P /etc/ssh/ssh_config.d "$SRC"'],
      ["into /etc/ssh under a name the URL gives", 'wget -P /etc/ssh "$BASE/moduli"'],
      ["into /etc under a known name", "wget -P /etc https://x/motd"],
      ["onto /etc/motd", "wget -O /etc/motd https://x/y"],
      ["onto a .conf in /etc named by a variable", 'curl -o "/etc/$APP.conf" https://x/y'],
      ["into the drop-ins under a name that is no .conf", 'curl -o "/etc/ssh/sshd_config.d/$F.bak" https://x/y'],
      ["an upload of sshd_config to a place from a variable", `aws s3 cp ${SSHD} "$DEST"`],
      ["a download to a file from a variable", 'curl -o "$OUT" https://x/y'],
    ])("a download %s is not reported", (_name, line) => {
      expect(found(line)).toEqual([]);
    });
  });

  // A link shows its target's text: a target the script did not write is text from outside; a symbolic link's
  // relative target is named from the link's folder (see userdata-known-copies.test.ts for targets it wrote).
  describe("links", () => {
    it.each<[string, string, LoginWeaknessKind[]]>([
      ["onto the shadow file", "ln -s /tmp/shadow /etc/shadow", ACCOUNTS],
      ["forced, no target folder", "ln -sfT /tmp/shadow /etc/shadow", ACCOUNTS],
      ["a relative target", "ln -s shadow.new /etc/shadow", ACCOUNTS],
      ["onto a drop-in", `ln -s /opt/c ${DROP_IN}`, BOTH],
    ])("%s cannot be verified", (_name, line, kinds) => {
      expect(found(line)).toEqual(unverifiable(kinds, line));
    });

    it("a relative target found from the link's folder, which the script did not write", () => {
      const line = "ln -s sh2 /etc/shadow";
      expect(found(`cd /opt\necho 'root:!:19000:0:99999:7:::' > /opt/sh2\n${line}`)).toEqual(
        unverifiable(ACCOUNTS, line),
      );
    });
  });

  // cloud-init runs bootcmd, then write_files, then runcmd: a file write_files gave text the user data spells (inline,
  // decoded) is the script's own for runcmd; one it fetches (`source`), or that runcmd wrote over, is not.
  describe("files write_files wrote, copied by runcmd", () => {
    const HARDENED = "PasswordAuthentication no\nPermitRootLogin no\n";
    const entry = (path: string, content: string, extra = "") =>
      `  - path: ${path}\n${extra}    content: ${JSON.stringify(content)}\n`;
    const config = (files: string, ...runcmd: string[]) =>
      `#cloud-config\nwrite_files:\n${files}runcmd:\n${runcmd.map((c) => `  - ${JSON.stringify(c)}\n`).join("")}`;
    const b64 = (text: string) => Buffer.from(text).toString("base64");
    const gzipB64 = (text: string) => gzipSync(text).toString("base64");
    const SOURCE = "    source:\n      uri: https://config.example/50-app.conf\n";
    const COPY = `cp /opt/app/50-app.conf ${DROP_IN}`;

    it.each<[string, string]>([
      ["a drop-in copied into sshd_config.d", config(entry("/opt/app/50-app.conf", HARDENED), COPY)],
      [
        "a drop-in copied into the folder under its own name",
        config(entry("/opt/app/50-app.conf", HARDENED), "install -m 600 /opt/app/50-app.conf /etc/ssh/sshd_config.d/"),
      ],
      ["base64 content", config(entry("/opt/app/50-app.conf", b64(HARDENED), "    encoding: b64\n"), COPY)],
      ["gzip+base64 content", config(entry("/opt/app/50-app.conf", gzipB64(HARDENED), "    encoding: gz+b64\n"), COPY)],
      [
        "appended to a file written before",
        config(
          entry("/opt/app/50-app.conf", "PasswordAuthentication no\n") +
            entry("/opt/app/50-app.conf", "PermitRootLogin no\n", "    append: true\n"),
          COPY,
        ),
      ],
      [
        "a folder it filled",
        config(entry("/opt/ssh.d/50-app.conf", HARDENED), "cp -r /opt/ssh.d/. /etc/ssh/sshd_config.d/"),
      ],
      [
        "a pattern naming it",
        config(entry("/opt/ssh.d/50-app.conf", HARDENED), "cp /opt/ssh.d/*.conf /etc/ssh/sshd_config.d/"),
      ],
      [
        "an argv list",
        `#cloud-config\nwrite_files:\n${entry("/opt/app/50-app.conf", HARDENED)}runcmd:\n  - [cp, /opt/app/50-app.conf, ${DROP_IN}]\n`,
      ],
      [
        "a hardened sshd_config copied over the main file",
        config(entry("/opt/app/sshd_config", HARDENED), `cp /opt/app/sshd_config ${SSHD}`),
      ],
      [
        "an earlier runcmd entry editing it as the script spells",
        config(entry("/opt/app/50-app.conf", HARDENED), "sed -i 's/^#.*//' /opt/app/50-app.conf", COPY),
      ],
    ])("%s is not reported", (_name, text) => {
      expect(found(text)).toEqual([]);
    });

    // Its text is read as sshd_config's, which the copy replaces: what it leaves out is sshd's default.
    it.each<[string]>([["/opt/app/sshd_config"], ["/opt/app/main.conf"]])(
      "a weak setting in %s copied over sshd_config is reported as written there, not as text from outside",
      (path) => {
        const text = config(entry(path, "PasswordAuthentication yes\n"), `cp ${path} ${SSHD}`);
        const weaknesses = findLoginWeaknesses(text);
        expect(weaknesses).toHaveLength(2);
        expect(weaknesses).toContainEqual({ kind: "password-authentication", line: "PasswordAuthentication yes" });
        expect(weaknesses).toContainEqual({
          kind: "root-login",
          line: `cp ${path} ${SSHD}`,
          note: expect.stringContaining('replaces sshd_config: without "PermitRootLogin no"'),
        });
      },
    );

    it.each<[string, string, string, LoginWeaknessKind[]]>([
      [
        "fetched from source.uri",
        entry("/opt/app/50-app.conf", HARDENED).replace("    content", `${SOURCE}    content`),
        COPY,
        BOTH,
      ],
      ["fetched from source.uri, no content", `  - path: /opt/app/50-app.conf\n${SOURCE}`, COPY, BOTH],
      [
        "fetched over a file written before",
        entry("/opt/app/50-app.conf", HARDENED) + `  - path: /opt/app/50-app.conf\n${SOURCE}`,
        COPY,
        BOTH,
      ],
      [
        "appended to a file the user data did not write",
        entry("/opt/app/50-app.conf", HARDENED, "    append: true\n"),
        COPY,
        BOTH,
      ],
      [
        "gzip bytes base64-encoded without gz (cloud-init writes them compressed)",
        entry("/opt/app/50-app.conf", gzipB64(HARDENED), "    encoding: b64\n"),
        COPY,
        BOTH,
      ],
      ["a file elsewhere", entry("/opt/app/other.conf", HARDENED), COPY, BOTH],
    ])("%s, copied, cannot be verified", (_name, files, line, kinds) => {
      expect(found(config(files, line))).toEqual(unverifiable(kinds, line));
    });

    it("account lines with a password, copied over the shadow file, set a password as written there", () => {
      const text = config(entry("/opt/shadow", "root:$6$salt$hash:19000:0:99999:7:::\n"), "cp /opt/shadow /etc/shadow");
      expect(found(text)).toEqual([`password-set ${maskShellPasswords("root:$6$salt$hash:19000:0:99999:7:::")}`]);
    });

    it.each<[string, string, string]>([
      ["in an earlier runcmd entry", "curl -o /opt/app/50-app.conf https://x/c", COPY],
      ["on the line that copies it", "true", `curl -o /opt/app/50-app.conf https://x/c; ${COPY}`],
    ])("downloaded over %s, copied, cannot be verified", (_name, before, line) => {
      expect(found(config(entry("/opt/app/50-app.conf", HARDENED), before, line))).toEqual(unverifiable(BOTH, line));
    });

    it("bootcmd, which runs before write_files, copying it cannot be verified", () => {
      const text = `#cloud-config\nbootcmd:\n  - ${JSON.stringify(COPY)}\nwrite_files:\n${entry("/opt/app/50-app.conf", HARDENED)}`;
      expect(found(text)).toEqual(unverifiable(BOTH, COPY));
    });
  });

  describe("notes", () => {
    const notes = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.note))];

    it.each<[string, string]>([
      [
        `cp /opt/app/sshd_config ${SSHD}`,
        `replaces ${SSHD} with /opt/app/sshd_config, whose text comes from outside the script`,
      ],
      [`cp "$SRC" ${SSHD}`, `replaces ${SSHD} with $SRC, whose text comes from outside the script`],
      [
        `curl -o ${SSHD} https://example.com/sshd_config`,
        `replaces ${SSHD} with a download of https://example.com/sshd_config, whose text comes from outside the script`,
      ],
      [
        `cat /opt/x >> ${SSHD}`,
        `appends the output of cat /opt/x to ${SSHD}, whose text comes from outside the script`,
      ],
      [
        "tar -xzf /tmp/ssh.tgz -C /etc/ssh",
        "writes the archive /tmp/ssh.tgz into /etc/ssh, whose text comes from outside the script",
      ],
      ["cp /opt/shadow /etc/shadow", "replaces /etc/shadow with /opt/shadow, whose text comes from outside the script"],
      [
        'wget -P /etc/ssh "$SRC"',
        "writes a download into /etc/ssh under a name the script does not give, whose text comes from outside the script",
      ],
      [
        "ln -s shadow.new /etc/shadow",
        "replaces /etc/shadow with /etc/shadow.new, whose text comes from outside the script",
      ],
    ])("%s: %s", (text, note) => {
      expect(notes(text)).toEqual([note]);
    });
  });
});
