// What a bucket ACL lets the public do: write (create, overwrite and, where versioning and a lock do not keep them,
// destroy objects; WRITE_ACP and FULL_CONTROL also rewrite the ACL) or read. S3 names the public by two groups,
// AllUsers and AuthenticatedUsers (anyone with an AWS account); OSS has only canned ACLs. Values unknown at preview
// that may make the ACL public are read as unknown: a note.
import { isUnknown, list, obj, strings } from "../../lib/values";

export type PublicAccess = "write" | "read";

export interface AclReading {
  /** Where and how the ACL is public, for messages: `acl "public-read-write"`, `grants[0] (AllUsers WRITE)`. */
  what: string;
  access?: PublicAccess;
  /** The field unknown at preview, when the ACL may be public but cannot be read. */
  unknown?: string;
}

/** Canned ACLs that open a bucket, per provider. */
export const S3_CANNED: Record<string, PublicAccess> = {
  "public-read-write": "write",
  "public-read": "read",
  "authenticated-read": "read",
};
export const OSS_CANNED: Record<string, PublicAccess> = { "public-read-write": "write", "public-read": "read" };

const PUBLIC_GROUP = /^https?:\/\/acs\.amazonaws\.com\/groups\/global\/(AllUsers|AuthenticatedUsers)$/i;
const PERMISSIONS: Record<string, PublicAccess> = {
  WRITE: "write",
  WRITE_ACP: "write",
  FULL_CONTROL: "write",
  READ: "read",
};

const unknownAt = (field: string): AclReading => ({ what: field, unknown: field });

const rank = (r: AclReading) => (r.access === "write" ? 3 : r.access === "read" ? 2 : r.unknown ? 1 : 0);

/** The reading that opens the bucket most, unknown last; undefined when none is public. */
export function widest(readings: readonly (AclReading | undefined)[]): AclReading | undefined {
  const found = readings.filter((r): r is AclReading => r !== undefined && rank(r) > 0);
  return found.sort((a, b) => rank(b) - rank(a))[0];
}

/** A canned ACL, when it opens the bucket. */
export function cannedAcl(value: unknown, field: string, canned: Record<string, PublicAccess>): AclReading | undefined {
  if (isUnknown(value)) return unknownAt(field);
  if (typeof value !== "string") return undefined;
  const access = canned[value.trim().toLowerCase()];
  return access ? { what: `${field} "${value}"`, access } : undefined;
}

/** One S3 grant as read from its fields, with their paths for messages. */
interface S3Grant {
  type: unknown;
  uri: unknown;
  permissions: unknown;
  /** Path of the grant, and of its grantee's fields and of its permission(s). */
  at: string;
  granteeAt: string;
  permissionAt: string;
}

/** Public when the grantee is the AllUsers or AuthenticatedUsers group with a permission that reads or writes. */
function s3Grant(g: S3Grant): AclReading | undefined {
  // Only a group grantee names the public; a canonical user or an e-mail names one account.
  if (isUnknown(g.type)) return unknownAt(`${g.granteeAt}.type`);
  if (typeof g.type === "string" && g.type !== "Group") return undefined;
  if (isUnknown(g.uri)) return unknownAt(`${g.granteeAt}.uri`);
  const group = typeof g.uri === "string" ? PUBLIC_GROUP.exec(g.uri)?.[1] : undefined;
  if (!group) return undefined;
  if (isUnknown(g.permissions)) return unknownAt(g.permissionAt);
  return widest(
    strings(g.permissions).map((p): AclReading | undefined => {
      if (isUnknown(p)) return unknownAt(g.permissionAt);
      const access = PERMISSIONS[p.trim().toUpperCase()];
      return access ? { what: `${g.at} (${group} ${p})`, access } : undefined;
    }),
  );
}

/** A list of grants, each read by `one`; an unknown list or entry is unknown. */
function grantList(
  grants: unknown,
  field: string,
  one: (g: Record<string, unknown>, at: string) => AclReading | undefined,
): AclReading | undefined {
  if (isUnknown(grants)) return unknownAt(field);
  return widest(
    list(grants).map((g, i) => {
      const at = `${field}[${i}]`;
      if (isUnknown(g)) return unknownAt(at);
      const grant = obj(g);
      return grant ? one(grant, at) : undefined;
    }),
  );
}

/** An S3 bucket's inline `grants` ({type, uri, permissions[]}). */
export function s3InlineGrants(grants: unknown, field = "grants"): AclReading | undefined {
  return grantList(grants, field, (g, at) =>
    s3Grant({
      type: g.type,
      uri: g.uri,
      permissions: g.permissions,
      at,
      granteeAt: at,
      permissionAt: `${at}.permissions`,
    }),
  );
}

/** A BucketAcl's `accessControlPolicy.grants` ({grantee: {type, uri}, permission}). */
export function s3PolicyGrants(policy: unknown, field = "accessControlPolicy"): AclReading | undefined {
  if (isUnknown(policy)) return unknownAt(field);
  return grantList(obj(policy)?.grants, `${field}.grants`, (g, at) => {
    if (isUnknown(g.grantee)) return unknownAt(`${at}.grantee`);
    const grantee = obj(g.grantee) ?? {};
    const granteeAt = `${at}.grantee`;
    return s3Grant({
      type: grantee.type,
      uri: grantee.uri,
      permissions: g.permission,
      at,
      granteeAt,
      permissionAt: `${at}.permission`,
    });
  });
}
