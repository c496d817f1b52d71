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

export const boot = {
  secure:
    "#!/bin/bash\nyum -y install nginx\nsed -i 's/^#\\?PasswordAuthentication.*/PasswordAuthentication no/' /etc/ssh/sshd_config\nsystemctl restart sshd\n",
  insecure:
    "#!/bin/bash\necho 'root:Passw0rd!' | chpasswd\nsed -i 's/^PasswordAuthentication no/PasswordAuthentication yes/' /etc/ssh/sshd_config\necho 'PermitRootLogin yes' >> /etc/ssh/sshd_config\nsystemctl restart sshd\n",
};

export const b64 = (s: string): string => Buffer.from(s).toString("base64");
