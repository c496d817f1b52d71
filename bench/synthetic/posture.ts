// How secure one synthetic resource is meant to be: most are what the kit's components produce, some carry the
// case's weaknesses, and some hold values unknown until deployment, as in a real preview.
import { Prng } from "./prng";

export type Posture = "secure" | "insecure" | "unknown";

export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function postureOf(rng: Prng): Posture {
  return rng.weighted<Posture>([
    ["secure", 80],
    ["insecure", 14],
    ["unknown", 6],
  ]);
}

/** An id of another resource of the same stack: unknown during preview, like every new resource's id. */
export function newId(rng: Prng, prefix: string): string {
  return rng.chance(0.7) ? UNKNOWN : `${prefix}-${rng.int(0x10000000, 0xffffffff).toString(16)}`;
}

/** Picks by posture; the unknown case stands for a value computed from another resource's output. */
export function byPosture<T>(posture: Posture, secure: T, insecure: T): T | string {
  return posture === "secure" ? secure : posture === "insecure" ? insecure : UNKNOWN;
}

export const INTERNAL_CIDRS = ["10.0.0.0/16", "10.20.0.0/16", "172.16.8.0/24", "192.168.0.0/24"] as const;

/** The services a synthetic estate runs; each role's instances share one boot script, as a component makes them. */
const ROLES = [
  "nginx",
  "httpd",
  "haproxy",
  "redis",
  "memcached",
  "postgresql",
  "mariadb",
  "rabbitmq",
  "kafka",
  "zookeeper",
  "elasticsearch",
  "grafana",
  "prometheus",
  "node_exporter",
  "fluent-bit",
  "vector",
  "consul",
  "vault",
  "nomad",
  "docker",
  "containerd",
  "java-17-openjdk",
  "python3",
  "nodejs",
] as const;

/** Share of instances whose script carries their own name (a hostname set at boot): each such text is distinct. */
const OWN_NAME_SHARE = 0.05;

const secureScript = (role: string, ownName: string) =>
  `#!/bin/bash\n${ownName}yum -y install ${role}\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config\nsystemctl restart sshd\nsystemctl enable --now ${role}\n`;

const insecureScript = (role: string, ownName: string) =>
  `#!/bin/bash\n${ownName}echo 'root:Passw0rd!' | chpasswd\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\nsystemctl restart sshd\nyum -y install ${role}\n`;

/**
 * An instance's boot script: its role's (one of 24, secure or carrying the case's weaknesses by posture), a few with
 * the instance's own hostname line, so that a stack holds about as many distinct scripts as a real estate does.
 */
export function bootScript(rng: Prng, posture: Posture): string {
  const role = rng.pick(ROLES);
  const ownName = rng.chance(OWN_NAME_SHARE) ? `hostnamectl set-hostname ${role}-${rng.int(1, 1_000_000)}\n` : "";
  return posture === "insecure" ? insecureScript(role, ownName) : secureScript(role, ownName);
}

export const b64 = (s: string): string => Buffer.from(s).toString("base64");
