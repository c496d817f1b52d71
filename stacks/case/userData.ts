// The boot script the case's servers ran: the convenience settings the attacker needed, in the forms seen in practice.

/** Step 1 (password brute force) and step 2 (persistence under /root/.ssh) both start from this script. */
export const caseUserData = [
  "#!/bin/bash",
  // Step 1: password logins are what xhydra brute-forced in 137 seconds.
  "sed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication yes/' /etc/ssh/sshd_config",
  // Steps 1 and 6: root may log in remotely.
  "echo 'PermitRootLogin yes' >> /etc/ssh/sshd_config",
  // Step 2: a key under /root/.ssh is the persistence the attacker later reused.
  "mkdir -p /root/.ssh && echo 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOpsVendorKeyForRemoteSupport ops@vendor' >> /root/.ssh/authorized_keys",
  "systemctl restart sshd",
].join("\n");
