// cloud-config's user forms as cloud-init reads them (ug_util): keys with hyphens for underscores, `users:` as a
// mapping keyed by name, entries that configure the default user when `user:` or system_info make it root; and a
// disable_root_opts that leaves root's keys without the command that refuses the login.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const K = "ssh-rsa AAAAB3Nza attacker";
const STOCK_OPTS =
  `disable_root_opts: "no-port-forwarding,no-agent-forwarding,no-X11-forwarding,command=\\"echo 'Please login as ` +
  `the user \\\\\\"$USER\\\\\\" rather than the user \\\\\\"$DISABLE_USER\\\\\\".';echo;sleep 10;exit 142\\""`;

/** The violations of a cloud-config (`#cloud-config` added), as kind and quoted line. */
const violations = (body: string) =>
  findLoginWeaknesses(`#cloud-config\n${body}\n`)
    .filter((w) => !w.unverifiable)
    .map((w) => [w.kind, w.line]);

describe("cloud-config user entries, keys spelled with hyphens", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "root's ssh-authorized-keys",
      `users: [{name: root, ssh-authorized-keys: [${K}]}]`,
      [["root-authorized-keys", "users: root ssh-authorized-keys"]],
    ],
    [
      "root's ssh-authorized-keys, block style",
      `users:\n  - name: root\n    lock-passwd: true\n    ssh-authorized-keys:\n      - ${K}`,
      [["root-authorized-keys", "users: root ssh-authorized-keys"]],
    ],
    [
      "plain-text-passwd",
      "users: [{name: admin, lock_passwd: false, plain-text-passwd: Passw0rd}]",
      [["password-set", "users: admin plain-text-passwd"]],
    ],
    [
      "hashed-passwd",
      "users: [{name: admin, lock_passwd: false, hashed-passwd: $6$salt$hash}]",
      [["password-set", "users: admin hashed-passwd"]],
    ],
    [
      "lock-passwd false with passwd",
      "users: [{name: admin, lock-passwd: false, passwd: $6$salt$hash}]",
      [["password-set", "users: admin passwd"]],
    ],
    [
      "the default user's plain-text-passwd in system_info",
      "system_info: {default_user: {name: ops, plain-text-passwd: x}}",
      [["password-set", "system_info.default_user: ops plain-text-passwd"]],
    ],
    [
      "root's ssh-import-id, run as another entry spells ssh_import_id",
      "users: [{name: root, ssh-import-id: [gh:x]}, {name: bob, ssh_import_id: [gh:y]}]",
      [["root-authorized-keys", "users: root ssh-import-id"]],
    ],
    // cc_ssh_import_id runs only when a key is spelled ssh_import_id: it searches the config before normalising.
    ["root's ssh-import-id alone", "users: [{name: root, ssh-import-id: [gh:x]}]", []],
    [
      "another user's hyphen keys, locked, no password",
      `users: [{name: bob, lock-passwd: true, ssh-authorized-keys: [${K}]}]`,
      [],
    ],
  ])("%s", (_name, body, expected) => expect(violations(body)).toEqual(expected));
});

describe("cloud-config users as a mapping or names", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "root's keys",
      `users: {root: {ssh_authorized_keys: [${K}]}}`,
      [["root-authorized-keys", "users: root ssh_authorized_keys"]],
    ],
    [
      "a password",
      "users: {admin: {plain_text_passwd: x, lock_passwd: false}}",
      [["password-set", "users: admin plain_text_passwd"]],
    ],
    [
      "root's keys with hyphens, block style",
      `users:\n  root:\n    ssh-authorized-keys:\n      - ${K}`,
      [["root-authorized-keys", "users: root ssh-authorized-keys"]],
    ],
    // The key names the user whatever the mapping's own name says.
    ["a mapping naming another user", `users: {bob: {name: root, ssh_authorized_keys: [${K}]}}`, []],
    ["names only, in a list", "users: [default, root]", []],
    ["names only, in a string", "users: default, root", []],
    ["names only, in a mapping", "users: {default: true, root: true}", []],
    ["the default user and another's keys", `users: [default, {name: bob, ssh_authorized_keys: [${K}]}]`, []],
  ])("%s", (_name, body, expected) => expect(violations(body)).toEqual(expected));
});

describe("cloud-config default user made root", () => {
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    [
      "a users entry without a name, user: root",
      `user: root\nusers: [{ssh_authorized_keys: [${K}]}]`,
      [["root-authorized-keys", "users: (default user) ssh_authorized_keys"]],
    ],
    [
      "a users entry named default, user: {name: root}",
      `user: {name: root}\nusers: [default, {name: default, ssh-authorized-keys: [${K}]}]`,
      [["root-authorized-keys", "users: default ssh-authorized-keys"]],
    ],
    [
      "a users mapping's default, system_info naming root",
      `system_info: {default_user: {name: root}}\nusers: {default: {ssh_authorized_keys: [${K}]}}`,
      [["root-authorized-keys", "users: default ssh_authorized_keys"]],
    ],
    [
      "user: without a name, system_info naming root",
      `system_info: {default_user: {name: root}}\nuser: {ssh_authorized_keys: [${K}]}`,
      [["root-authorized-keys", "users: (default user) ssh_authorized_keys"]],
    ],
    [
      "system_info's keys when user: renames its user root",
      `user: root\nsystem_info: {default_user: {name: ubuntu, ssh_authorized_keys: [${K}]}}`,
      [["root-authorized-keys", "system_info.default_user: ubuntu ssh_authorized_keys"]],
    ],
    [
      "top-level ssh_import_id, user: root",
      "user: root\nssh_import_id: [gh:x]",
      [["root-authorized-keys", "ssh_import_id: (set)"]],
    ],
    // user: makes the default user whatever users: lists.
    [
      "top-level ssh_import_id, user: root, users without default",
      "user: root\nusers: [{name: bob}]\nssh_import_id: [gh:x]",
      [["root-authorized-keys", "ssh_import_id: (set)"]],
    ],
    [
      "top-level ssh_import_id, system_info naming root",
      "system_info: {default_user: {name: root}}\nssh_import_id: [gh:x]",
      [["root-authorized-keys", "ssh_import_id: (set)"]],
    ],
    // users: without the default user: cloud-init creates none, so the ids are imported for nobody.
    [
      "top-level ssh_import_id, system_info naming root, users without default",
      "system_info: {default_user: {name: root}}\nusers: [{name: bob}]\nssh_import_id: [gh:x]",
      [],
    ],
    // users: null is no list to cloud-init, which then creates no default user either.
    [
      "top-level ssh_import_id, system_info naming root, users: null",
      "system_info: {default_user: {name: root}}\nusers:\nssh_import_id: [gh:x]",
      [],
    ],
    // cc_ssh gives root the key pair and ssh_authorized_keys behind disable_root_opts, even when root is the
    // default user: its second pass rewrites them with the command that refuses the login.
    ["user: root and top-level keys", `user: root\nssh_authorized_keys: [${K}]`, []],
    ["user: root alone", "user: root", []],
    ["a users entry without a name, user: ubuntu", `user: ubuntu\nusers: [{ssh_authorized_keys: [${K}]}]`, []],
    ["a users entry without a name, no default user named", `users: [{ssh_authorized_keys: [${K}]}]`, []],
    ["top-level ssh_import_id, user: ubuntu", "user: ubuntu\nssh_import_id: [gh:x]", []],
  ])("%s", (_name, body, expected) => expect(violations(body)).toEqual(expected));

  it("says why an entry without root's name gives root its keys", () => {
    const [weakness] = findLoginWeaknesses(`#cloud-config\nuser: root\nusers: [{ssh_authorized_keys: [${K}]}]\n`);
    expect(weakness.note).toBe("cloud-init makes the default user root, as user: root says");
  });
});

describe("cloud-config disable_root_opts", () => {
  const note = "root's keys are written without the command= that refuses its login, as disable_root: false";
  it.each<[string, string, [LoginWeaknessKind, string][]]>([
    ["empty", 'disable_root_opts: ""', [["root-login", 'disable_root_opts: ""']]],
    [
      "empty, with keys",
      `disable_root_opts: ""\nssh_authorized_keys: [${K}]`,
      [["root-login", 'disable_root_opts: ""']],
    ],
    ["blank", "disable_root_opts: '  '", [["root-login", 'disable_root_opts: "  "']]],
    [
      "restrictions without a command",
      "disable_root_opts: no-port-forwarding,no-agent-forwarding",
      [["root-login", 'disable_root_opts: "no-port-forwarding,no-agent-forwarding"']],
    ],
    [
      "empty, disable_root true",
      'disable_root: true\ndisable_root_opts: ""',
      [["root-login", 'disable_root_opts: ""']],
    ],
    ["the stock value", STOCK_OPTS, []],
    ["null (cloud-init writes None, which sshd refuses)", "disable_root_opts:", []],
    // disable_root: false gives root the keys without any prefix: that finding says it.
    [
      "empty, disable_root false",
      'disable_root: false\ndisable_root_opts: ""',
      [["root-login", "disable_root: false"]],
    ],
    ["disable_root true alone", "disable_root: true", []],
  ])("%s", (_name, body, expected) => expect(violations(body)).toEqual(expected));

  it("notes why the opts let root in", () => {
    expect(findLoginWeaknesses('#cloud-config\ndisable_root_opts: ""\n')).toEqual([
      { kind: "root-login", line: 'disable_root_opts: ""', note },
    ]);
  });

  it("is read line by line when the document does not parse", () => {
    const text = "#cloud-config\ndisable_root_opts: ''\nruncmd: [echo a\n  - : b: c\n";
    expect(findLoginWeaknesses(text)).toEqual([{ kind: "root-login", line: "disable_root_opts: ''", note }]);
  });
});

describe("write_files filled from a source cloud-init downloads", () => {
  /** Every finding of a cloud-config, as kind, quoted line and whether it is a note. */
  const findings = (body: string) =>
    findLoginWeaknesses(`#cloud-config\n${body}\n`).map((w) => [w.kind, w.line, w.unverifiable === true]);
  const downloaded = (path: string) => `write_files:\n  - path: ${path}\n    source:\n      uri: https://203.0.113.5/f`;

  it("root's keys, whatever the download holds", () => {
    expect(findings(downloaded("/root/.ssh/authorized_keys"))).toEqual([
      ["root-authorized-keys", "write_files: /root/.ssh/authorized_keys", false],
    ]);
  });

  it.each(["/etc/ssh/sshd_config", "/etc/ssh/sshd_config.d/10-custom.conf"])(
    "%s: a note for each directive",
    (path) => {
      expect(findings(downloaded(path))).toEqual([
        ["password-authentication", `write_files: ${path}`, true],
        ["root-login", `write_files: ${path}`, true],
      ]);
    },
  );

  it("an account file: a note that it may set passwords", () => {
    expect(findings(downloaded("/etc/shadow"))).toEqual([["password-set", "write_files: /etc/shadow", true]]);
  });

  it("another file: nothing", () => {
    expect(findings(downloaded("/opt/app/config.yaml"))).toEqual([]);
  });
});
