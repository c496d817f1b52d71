// Well-formed and malformed values of the kinds policies parse: ports, protocols, CIDRs, Alibaba port ranges,
// user data and IAM documents. Malformed ones are what a typo, a bad interpolation or an attacker would write.
import fc from "fast-check";
import { gzipSync } from "zlib";
import { stringify as yamlStringify } from "yaml";
import { longList } from "./long-lists";
import { RUN_LATER_LINES } from "./run-later-lines";
import { windowsUserData } from "./windows-user-data";

export const port = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(0, 22, 80, 443, 3306, 3389, 5432, 6379, 65535, -1),
    fc.constantFrom<unknown>(
      65536,
      -2,
      1.5,
      NaN,
      Infinity,
      "22",
      " 22 ",
      "22/abc",
      "65536",
      "-1/-1",
      "0x16",
      "",
      "ssh",
    ),
    fc.integer({ min: -70_000, max: 70_000 }),
  );

export const protocol = (): fc.Arbitrary<unknown> =>
  fc.constantFrom<unknown>(
    "tcp",
    "TCP",
    "udp",
    "icmp",
    "icmpv6",
    "-1",
    "all",
    "6",
    "17",
    "58",
    "47",
    "gre",
    "255",
    "256",
    "",
    " tcp ",
    6,
    -1,
    "sctp",
  );

const goodCidr = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom(
      "0.0.0.0/0",
      "::/0",
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.1.0/24",
      "203.0.113.7/32",
      "2001:db8::/32",
    ),
    fc
      .tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(32))
      .map((t) => `${t.slice(0, 4).join(".")}/${t[4]}`),
    // Pieces of the internet that together cover it, the way an evasive rule set would split 0.0.0.0/0.
    fc.nat(7).map((i) => `${i * 32}.0.0.0/3`),
  );

export const malformedCidr = (): fc.Arbitrary<string> =>
  fc.constantFrom(
    "0.0.0.0/33",
    "0.0.0.0",
    "::/129",
    "300.1.1.1/8",
    "10.0.0.0/-1",
    "abc",
    "",
    " 0.0.0.0/0 ",
    "0.0.0.0/0,10.0.0.0/8",
    "0:0:0:0:0:0:0:0/0",
    "::ffff:0.0.0.0/96",
    "1.2.3.4/24/5",
    "1.2.3/24",
    "1.2.3.4/",
    "/0",
    "*",
    "0/0",
    "::/",
    "0.0.0.0/0\n",
    "10.0.0.0/8 ",
    "fe80::1%eth0/64",
    "1.2.3.4/24.5",
  );

export const cidr = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 2, arbitrary: goodCidr() }, { weight: 1, arbitrary: malformedCidr() });

/** The wildcard forms whitelists take ("anyone", patterns of octets), valid and malformed. */
const whitelistWildcard = (): fc.Arbitrary<string> =>
  fc.constantFrom("%", "*", "0.0.0.0", "*.*.*.*", "10.%.%.%", "1.2.*.4", "300.*.*.*", "%.%", "1.2.3.4.*", ".*", "*.");

/** Alibaba Cloud lists addresses as one comma-separated string (RDS `securityIps` elements, whitelists). */
export const cidrCommaList = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.array(fc.oneof({ weight: 4, arbitrary: cidr() }, { weight: 1, arbitrary: whitelistWildcard() }), {
        maxLength: 6,
      }),
      fc.constantFrom(",", ";", " ", "\t", "\n", ", ", ",,", ";\n", ",;  "),
    )
    .map(([a, sep]) => a.join(sep));

export const alicloudPortRange = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.constantFrom<unknown>(
      "22/22",
      "-1/-1",
      "1/65535",
      "3389/3389",
      "1/200",
      "22/abc",
      "65536/65536",
      "-1/22",
      "22",
      "22/21",
    ),
    fc.constantFrom<unknown>("", "/", "22//22", " 22 / 22 ", "0/0", "22/22/22", 22, -1),
    fc.tuple(fc.integer({ min: -2, max: 70_000 }), fc.integer({ min: -2, max: 70_000 })).map(([a, b]) => `${a}/${b}`),
  );

const SCRIPT_LINES = [
  "#!/bin/bash",
  "#cloud-config",
  "PasswordAuthentication yes",
  "PasswordAuthentication no",
  "PermitRootLogin yes",
  "PermitRootLogin prohibit-password",
  "ssh_pwauth: true",
  "disable_root: false",
  "chpasswd: { expire: false }",
  "echo 'root:hunter2' | chpasswd",
  "echo ssh-rsa AAAA >> /root/.ssh/authorized_keys",
  "sed -i 's/^#PasswordAuthentication.*$/PasswordAuthentication yes/' /etc/ssh/sshd_config",
  "sed -i '/^PasswordAuthentication/c PasswordAuthentication yes' /etc/ssh/sshd_config",
  "sed -i '/^exit 0/i sed -i \"s/no/yes/\" /etc/ssh/sshd_config' /etc/rc.local",
  "perl -pi -e 's/^#?PermitRootLogin.*/PermitRootLogin yes/' /etc/ssh/sshd_config",
  "perl -i -pe 's{^#(PasswordAuthentication)}{$1} if /no/; s(x)[y]g' /etc/ssh/sshd_config",
  "echo ok # PermitRootLogin yes",
  "users:\n  - name: admin\n    plain_text_passwd: x",
  "yum -y install nginx",
  // sshd_config replaced, its hardening deleted, drop-ins removed.
  "printf 'Port 2222\\n' > /etc/ssh/sshd_config",
  "cat /tmp/sshd > /etc/ssh/sshd_config",
  "sed -i '/^PasswordAuthentication no/d' /etc/ssh/sshd_config",
  "rm -f /etc/ssh/sshd_config.d/60-cloudimg-settings.conf",
  "rm -rf /etc/ssh/sshd_config.d/{50-cloud-init,60-cloudimg-settings}.conf",
  "rm -f /etc/ssh/sshd_config.d/*",
  "rm -f /etc/ssh/sshd_config.d/{a,{b,c}",
  "echo 'OPTIONS=\"-oPasswordAuthentication=yes\"' >> /etc/sysconfig/sshd",
  "Environment=OPTIONS=-oPermitRootLogin=yes",
  // Whose keys, from which directory.
  "su - ubuntu -c 'echo k >> ~/.ssh/authorized_keys'",
  "su -c 'cd ~/.ssh && cat /tmp/k >> authorized_keys' ops",
  "sudo -iu ubuntu bash -c 'cat /tmp/k >> ${HOME}/.ssh/authorized_keys'",
  "runuser -u ops -- sh -c 'echo k >> ~/.ssh/authorized_keys'",
  "cd /root/.ssh && echo k >> authorized_keys",
  "cd ~ && cd .ssh && cd .. && cd - && echo k >> .ssh/authorized_keys",
  "cd",
  'cd "$(mktemp -d)"',
  "ssh-import-id gh:ops",
  "aws s3 cp s3://b/k /root/.ssh/authorized_keys",
  "ossutil cp oss://b/k ~/.ssh/authorized_keys",
  "echo c3NoLXJzYSBBQUFB | openssl base64 -d >> /root/.ssh/authorized_keys",
  "openssl enc -base64 -d -in /tmp/k -out /root/.ssh/authorized_keys",
  "system_info:\n  default_user:\n    name: admin\n    lock_passwd: false\n    plain_text_passwd: x",
  "write_files:\n  - path: /etc/ssh/sshd_config\n    append: true\n    content: PermitRootLogin yes",
];

const script = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(fc.constantFrom(...SCRIPT_LINES), fc.constantFrom(...RUN_LATER_LINES), fc.string({ maxLength: 40 })),
      { maxLength: 12 },
    )
    .map((l) => l.join("\n"));

/** Long runs of the characters the user-data expressions repeat over, to surface super-linear matching. */
const pathological = (): fc.Arbitrary<string> =>
  fc
    .tuple(
      fc.constantFrom(
        "PasswordAuthentication",
        "sed -i 's",
        "perl -pi -e 's",
        "perl -pi -e 's{",
        "sed -i '$a ",
        "PermitRootLogin",
        "ssh_pwauth:",
        "passwd ",
        "users:\n",
        "rm -f /etc/ssh/sshd_config.d/{",
        "su - ",
        "su -c '",
        "cd ",
        "sudo -u ",
        "openssl base64 -d ",
        'OPTIONS="-o',
        "> /etc/ssh/sshd_config",
        "",
      ),
      fc.constantFrom(
        " ",
        "/",
        "\\",
        "=",
        "'",
        "s/",
        "\t",
        "a",
        "{",
        "(",
        "#",
        "$1",
        "a,",
        "{a,",
        "-c ",
        "cd ",
        "-o",
        "&& ",
      ),
      fc.integer({ min: 1_000, max: 30_000 }),
      fc.constantFrom("", "yes", "x", "/"),
    )
    .map(([head, unit, n, tail]) => head + unit.repeat(n) + tail);

export const userData = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 3, arbitrary: script() },
    { weight: 2, arbitrary: script().map((s) => Buffer.from(s).toString("base64")) },
    { weight: 1, arbitrary: script().map((s) => gzipSync(Buffer.from(s)).toString("base64")) },
    // Valid base64 of random bytes, truncated gzip, and base64-looking text that is not.
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString("base64")) },
    {
      weight: 1,
      arbitrary: fc
        .uint8Array({ maxLength: 64 })
        .map((b) => Buffer.concat([Buffer.from([0x1f, 0x8b]), b]).toString("base64")),
    },
    { weight: 1, arbitrary: fc.constantFrom("====", "QUJD", "H4sI", "H4sIAAAAAAAA", "AAAA\n\n====", "true") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 200 }) },
    { weight: 2, arbitrary: windowsUserData() },
    { weight: 1, arbitrary: windowsUserData().map((s) => Buffer.from(s).toString("base64")) },
    // Lists past the argument-count limit, one value in 56: each is 0.2–4 MB and takes the readers 10–1,300 ms.
    { weight: 1, arbitrary: fc.oneof({ weight: 3, arbitrary: pathological() }, { weight: 1, arbitrary: longList() }) },
  );

const statement = (): fc.Arbitrary<unknown> =>
  fc.record(
    {
      Effect: fc.constantFrom<unknown>("Allow", "Deny", "allow", 1, null),
      Action: fc.oneof(
        fc.constantFrom<unknown>("*", "s3:*", "iam:*", "ecs:*", ["*"], [], "", null),
        fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
      ),
      Resource: fc.constantFrom<unknown>("*", ["*"], "acs:oss:*:*:*", [], null),
      Principal: fc.constantFrom<unknown>("*", { AWS: "*" }, { Service: "ec2.amazonaws.com" }, null),
      Condition: fc.constantFrom<unknown>({}, { Bool: { "aws:MultiFactorAuthPresent": "true" } }, "x"),
    },
    { requiredKeys: [] },
  );

/** IAM / RAM policy documents arrive as JSON text; some are not JSON, some are JSON of the wrong shape. */
export const policyDocument = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc
      .record(
        {
          Version: fc.constantFrom<unknown>("2012-10-17", "1"),
          Statement: fc.oneof(fc.array(statement(), { maxLength: 4 }), statement()),
        },
        { requiredKeys: [] },
      )
      .map((d) => JSON.stringify(d)),
    fc.constantFrom<unknown>(
      "",
      "{",
      "null",
      "[]",
      '"*"',
      '{"Statement":null}',
      '{"Statement":[null]}',
      '{"Statement":"*"}',
    ),
    fc.jsonValue().map((v) => JSON.stringify(v)),
  );

const hostileLine = (): fc.Arbitrary<unknown> => fc.constantFrom<unknown>(null, 1, [], {}, "{{", "}}", "{{ x }}");

const runCommand = (): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.array(fc.oneof(script(), hostileLine()), { maxLength: 4 }),
    script(),
    fc.constantFrom<unknown>(null, 7, {}, [null], "{{ commands }}"),
  );

const ssmStep = (): fc.Arbitrary<unknown> =>
  fc.record(
    {
      action: fc.constantFrom<unknown>("aws:runShellScript", "aws:runPowerShellScript", "aws:runDocument", 1, null),
      name: fc.string({ maxLength: 8 }),
      inputs: fc.oneof(
        fc.record(
          {
            runCommand: runCommand(),
            workingDirectory: fc.string({ maxLength: 8 }),
            documentType: fc.constantFrom<unknown>("SSMDocument", "LocalPath", "", null),
            documentPath: fc.constantFrom<unknown>("AWS-RunShellScript", "aws-runshellscript", "Other", "", 1, null),
            documentParameters: fc.oneof(
              fc.record({ commands: runCommand() }, { requiredKeys: [] }),
              runCommand().map((c) => JSON.stringify({ commands: c })),
              runCommand().map((c) => yamlStringify({ commands: c })),
              fc.constantFrom<unknown>("{", "*a", "[]", null, 3),
            ),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom<unknown>(null, "x", []),
      ),
    },
    { requiredKeys: [] },
  );

/** SSM Command documents as text: schema 2.2 and 1.2 in JSON or YAML, parameter defaults, and text that is neither. */
export const ssmDocument = (): fc.Arbitrary<unknown> => {
  const doc = fc.record(
    {
      schemaVersion: fc.constantFrom<unknown>("2.2", "1.2", "0.3", 2.2, null),
      parameters: fc.oneof(
        fc.dictionary(
          fc.constantFrom("commands", "x", "{{"),
          fc.record({ type: fc.constant("String"), default: runCommand() }, { requiredKeys: [] }),
        ),
        fc.constantFrom<unknown>(null, []),
      ),
      mainSteps: fc.oneof(fc.array(ssmStep(), { maxLength: 4 }), ssmStep()),
      runtimeConfig: fc.oneof(
        fc.record({
          "aws:runShellScript": fc.record({
            properties: fc.array(fc.record({ runCommand: runCommand() }), { maxLength: 3 }),
          }),
        }),
        fc.constantFrom<unknown>(null, "x"),
      ),
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 3, arbitrary: doc.map((d) => JSON.stringify(d)) },
    { weight: 2, arbitrary: doc.map((d) => yamlStringify(d)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>("", "{", "---\n- [", "*a", "&a [*a]", "null", "[]", "mainSteps: x"),
    },
    { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  );
};
