// Whose keys a command writes: user data runs as root, so `~/.ssh/authorized_keys` is root's, unless the command runs
// as another account (sudo -u, su, runuser); and which file a relative name is, after `cd` to root's home or .ssh,
// /etc/ssh or its drop-ins.
import { findLoginWeaknesses, LoginWeaknessKind } from "../../lib/userdata";

const kinds = (text: string) => [...new Set(findLoginWeaknesses(text).map((w) => w.kind))].sort();
const ROOT_KEYS: LoginWeaknessKind[] = ["root-authorized-keys"];

describe("keys added as another account", () => {
  it.each<[string, string]>([
    ["su - user -c", "su - ubuntu -c 'mkdir -p ~/.ssh && echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys'"],
    ["su user -c with $HOME", `su ops -c 'cat /tmp/ops.pub >> "$HOME/.ssh/authorized_keys"'`],
    ["su -c before the user", "su -c 'echo k >> ~/.ssh/authorized_keys' ops"],
    ["sudo -u user bash -c", "sudo -u ubuntu bash -c 'echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys'"],
    ["sudo -iu user with ${HOME}", "sudo -iu ubuntu bash -c 'cat /tmp/k >> ${HOME}/.ssh/authorized_keys'"],
    ["sudo --user=user sh -c", "sudo --user=ops sh -c 'echo k >> ~/.ssh/authorized_keys'"],
    ["runuser -l user -c", "runuser -l ec2-user -c 'cat /tmp/k >> ~/.ssh/authorized_keys'"],
    ["runuser -u user -- sh -c", "runuser -u ops -- sh -c 'echo k >> ~/.ssh/authorized_keys'"],
    [
      "a cloud-config runcmd argv list",
      '#cloud-config\nruncmd:\n  - [su, -, ubuntu, -c, "mkdir -p ~/.ssh && echo ssh-ed25519 AAAA >> ~/.ssh/authorized_keys"]\n',
    ],
    ["cd to the user's .ssh first", "su - ops -c 'cd ~/.ssh && cat /tmp/k >> authorized_keys'"],
    ["ssh-import-id as the user", "sudo -u ubuntu ssh-import-id gh:ops"],
    ["ssh-import-id in the user's shell", "su - ubuntu -c 'ssh-import-id gh:ops'"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each<[string, string]>([
    ["su to root", "su - root -c 'echo k >> ~/.ssh/authorized_keys'"],
    ["su with no user", "su -c 'echo k >> ~/.ssh/authorized_keys'"],
    ["sudo with no user", "sudo bash -c 'echo k >> ~/.ssh/authorized_keys'"],
    ["sudo -u root", "sudo -u root bash -c 'echo k >> ~/.ssh/authorized_keys'"],
    ["another account naming /root itself", "su - ops -c 'sudo tee -a /root/.ssh/authorized_keys < /tmp/k'"],
  ])("%s writes root's keys", (_name, text) => {
    expect(kinds(text)).toEqual(ROOT_KEYS);
  });

  it("still reads what the other account's script writes to sshd", () => {
    expect(kinds("su - ubuntu -c 'echo PermitRootLogin yes | sudo tee -a /etc/ssh/sshd_config'")).toEqual([
      "root-login",
    ]);
  });
});

describe("ssh-import-id", () => {
  it.each<[string, string]>([
    ["run as root", "ssh-import-id gh:someone"],
    ["the GitHub form", "ssh-import-id-gh someone"],
    ["with root's keys as its output", "ssh-import-id -o /root/.ssh/authorized_keys lp:someone"],
    ["after another sudo", "sudo ssh-import-id gh:someone"],
  ])("%s plants keys for root", (_name, text) => {
    expect(kinds(text)).toEqual(ROOT_KEYS);
  });

  it.each<[string, string]>([
    ["writing a user's keys", "ssh-import-id -o /home/ubuntu/.ssh/authorized_keys gh:ops"],
    ["removing keys", "ssh-import-id -r gh:former-operator"],
    ["as another user", "sudo -u ubuntu ssh-import-id gh:ops"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("relative names after cd", () => {
  it.each<[string, string]>([
    ["cd /root/.ssh, then a relative name", "cd /root/.ssh\necho 'ssh-rsa AAAA' >> authorized_keys"],
    ["cd ~ on the same line", "cd ~ && mkdir -p .ssh && cat /tmp/k >> .ssh/authorized_keys"],
    ["cd with no directory (root's home)", "cd\necho k >> .ssh/authorized_keys"],
    ["cd into .ssh from root's home", "cd /root && cd .ssh && tee -a authorized_keys < /tmp/k"],
    ["pushd, with ./", "pushd /root/.ssh >/dev/null\ncat /tmp/k >> ./authorized_keys\npopd"],
    ["cd $HOME/.ssh, then cp", "cd $HOME/.ssh\ncp /tmp/k authorized_keys"],
  ])("%s writes root's keys", (_name, text) => {
    expect(kinds(text)).toEqual(ROOT_KEYS);
  });

  it.each<[string, string]>([
    ["cd to a user's .ssh", "cd /home/ops/.ssh\ncat /tmp/k >> authorized_keys"],
    ["cd to root's home, then elsewhere", "cd /root\ncd /opt/app\necho k >> .ssh/authorized_keys"],
    ["cd to a directory the text does not show", 'cd "$WORK"\necho k >> .ssh/authorized_keys'],
    ["popd back to where it was", "cd /opt\npushd /root/.ssh\npopd\necho k >> authorized_keys"],
    ["reading root's keys after cd", "cd /root/.ssh && wc -l authorized_keys"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });

  it.each<[string, string, LoginWeaknessKind[]]>([
    [
      "the kit's drop-in removed from its directory",
      "cd /etc/ssh/sshd_config.d; rm -f 00-hardening-kit.conf",
      ["password-authentication", "root-login"],
    ],
    [
      "Ubuntu's drop-in removed from its directory",
      "cd /etc/ssh/sshd_config.d && rm -f 60-cloudimg-settings.conf",
      ["password-authentication"],
    ],
    ["every drop-in removed with *", "cd /etc/ssh/sshd_config.d\nrm -f *", ["password-authentication", "root-login"]],
    [
      "sshd_config's hardened line deleted from /etc/ssh",
      "cd /etc/ssh && sed -i '/^PasswordAuthentication no/d' sshd_config",
      ["password-authentication"],
    ],
    [
      "sshd_config replaced from /etc/ssh",
      "cd /etc/ssh && echo 'Port 22' > sshd_config",
      ["password-authentication", "root-login"],
    ],
    [
      "into the drop-ins from /etc/ssh, then a drop-in written",
      "cd /etc/ssh\ncd sshd_config.d\necho 'PasswordAuthentication yes' > 01-pw.conf",
      ["password-authentication"],
    ],
  ])("%s weakens", (_name, text, expected) => {
    expect(kinds(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ["another drop-in removed", "cd /etc/ssh/sshd_config.d && rm -f 99-legacy.conf"],
    [
      "a hardened drop-in written there",
      "cd /etc/ssh/sshd_config.d && printf 'PasswordAuthentication no\\n' > 00-mine.conf",
    ],
    ["the client's configuration edited from /etc/ssh", "cd /etc/ssh && sed -i '/PasswordAuthentication/d' ssh_config"],
    ["a file of the same name elsewhere", "cd /opt/app && rm -f 00-hardening-kit.conf"],
    ["sed's script is not a file", "cd /etc/ssh && sed -i 's/^#Port 22/Port 2222/' sshd_config"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});

describe("keys downloaded from object storage", () => {
  it.each<[string, string]>([
    ["aws s3 cp", "aws s3 cp s3://bucket/keys /root/.ssh/authorized_keys"],
    ["aws s3 cp with options first", "aws s3 cp --region cn-north-1 s3://bucket/keys /root/.ssh/authorized_keys"],
    ["aws s3 sync into root's .ssh", "aws s3 sync s3://bucket/ssh/ /root/.ssh/"],
    ["ossutil", "ossutil64 cp oss://bucket/keys /root/.ssh/authorized_keys -f"],
    ["aliyun oss cp", "aliyun oss cp oss://bucket/keys ~/.ssh/authorized_keys"],
    ["gsutil", "gsutil cp gs://bucket/keys /root/.ssh/authorized_keys"],
  ])("%s writes root's keys", (_name, text) => {
    expect(kinds(text)).toEqual(ROOT_KEYS);
  });

  it.each<[string, string]>([
    ["root's keys uploaded", "aws s3 cp /root/.ssh/authorized_keys s3://backup/keys"],
    ["a user's keys downloaded", "aws s3 cp s3://bucket/ops.pub /home/ops/.ssh/authorized_keys"],
    ["an application's file", "aws s3 cp s3://bucket/app.tar.gz /opt/app/"],
  ])("%s is safe", (_name, text) => {
    expect(kinds(text)).toEqual([]);
  });
});
