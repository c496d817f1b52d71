// Alibaba Cloud whitelist modifyMode (Cover, Append, Delete) as disallow-public-managed-databases reads it. Tair is
// created with the default whitelist and then given its entries with the mode, so Delete removes them and opens
// nothing. RDS instances (read-only and disaster-recovery ones too) and PolarDB applications are created with the
// listed entries as their whitelist whatever the mode says, so Delete still opens them on a first deployment or a
// replacement. Redis (KVStore) and MongoDB instances have no modifyMode at all.
import { disallowPublicManagedDatabases } from "../../policies/rules/disallow-public-managed-databases";
import { Case, table, UNKNOWN } from "./harness";

const TAIR = "alicloud:redis/tairInstance:TairInstance";
const RDS = "alicloud:rds/instance:Instance";
const RDS_READ_ONLY = "alicloud:rds/readOnlyInstance:ReadOnlyInstance";
const RDS_DDR = "alicloud:rds/ddrInstance:DdrInstance";
const POLARDB_APPLICATION = "alicloud:polardb/application:Application";
const POLARDB = "alicloud:polardb/cluster:Cluster";
const KVSTORE = "alicloud:kvstore/instance:Instance";
const MONGO = "alicloud:mongodb/instance:Instance";

/** Whitelist props with `modifyMode` set, or left out when `mode` is undefined. */
const withMode = (field: string, entries: unknown, mode?: unknown) => ({
  [field]: entries,
  ...(mode === undefined ? {} : { modifyMode: mode }),
});

/** A resource whose creation whitelist is the listed entries: every mode opens them. */
const createdOpen = (label: string, type: string, field: string): Case[] => [
  { name: `${label}: Cover admits 0.0.0.0/0`, type, props: withMode(field, ["0.0.0.0/0"], "Cover"), violations: 1 },
  { name: `${label}: Append admits 0.0.0.0/0`, type, props: withMode(field, ["0.0.0.0/0"], "Append"), violations: 1 },
  { name: `${label}: no mode admits 0.0.0.0/0`, type, props: withMode(field, ["0.0.0.0/0"]), violations: 1 },
  {
    name: `${label}: Delete still creates it with 0.0.0.0/0`,
    type,
    props: withMode(field, ["0.0.0.0/0"], "Delete"),
    violations: 1,
    mentions: "0.0.0.0/0",
  },
  {
    name: `${label}: an unknown mode does not hide 0.0.0.0/0`,
    type,
    props: withMode(field, ["0.0.0.0/0"], UNKNOWN),
    violations: 1,
  },
  { name: `${label}: Delete of a VPC range`, type, props: withMode(field, ["10.0.0.0/8"], "Delete"), violations: 0 },
];

describe("disallow-public-managed-databases: whitelist modifyMode", () => {
  describe("Tair: the mode applies from creation", () => {
    table(disallowPublicManagedDatabases, [
      {
        name: "Cover admits 0.0.0.0/0",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0", "Cover"),
        violations: 1,
      },
      {
        name: "Append admits a wildcard in a comma list",
        type: TAIR,
        props: withMode("securityIps", "10.0.0.1,%", "Append"),
        violations: 1,
      },
      {
        name: "no mode (Cover) admits 0.0.0.0/0",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0"),
        violations: 1,
      },
      {
        name: "Delete removes 0.0.0.0/0",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0", "Delete"),
        violations: 0,
      },
      {
        name: "Delete removes a comma list holding 0.0.0.0/0 and ::/0",
        type: TAIR,
        props: withMode("securityIps", "10.0.0.1,0.0.0.0/0;::/0", "Delete"),
        violations: 0,
      },
      {
        name: "Delete of entries unknown at preview opens nothing",
        type: TAIR,
        props: withMode("securityIps", UNKNOWN, "Delete"),
        violations: 0,
      },
      {
        name: "an unknown mode with 0.0.0.0/0 is a note",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0", UNKNOWN),
        violations: 0,
        notes: 1,
      },
      {
        name: "an unknown mode with a VPC range passes",
        type: TAIR,
        props: withMode("securityIps", "10.0.0.0/8", UNKNOWN),
        violations: 0,
      },
      // Only the documented spelling removes: another one may be read as the default, Cover.
      {
        name: "lower-case delete is not taken as Delete",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0", "delete"),
        violations: 1,
      },
      {
        name: "a mode that is no string",
        type: TAIR,
        props: withMode("securityIps", "0.0.0.0/0", true),
        violations: 1,
      },
    ]);
  });

  describe("resources created with the listed entries whatever the mode", () => {
    table(disallowPublicManagedDatabases, [
      ...createdOpen("RDS instance", RDS, "securityIps"),
      ...createdOpen("RDS read-only instance", RDS_READ_ONLY, "securityIps"),
      ...createdOpen("RDS disaster-recovery instance", RDS_DDR, "securityIps"),
      ...createdOpen("PolarDB application", POLARDB_APPLICATION, "securityIpLists"),
    ]);
  });

  describe("PolarDB whitelist groups share the same reading of the mode", () => {
    const group = (mode: unknown, entries = ["0.0.0.0/0"]) => ({
      dbClusterIpArrays: [{ dbClusterIpArrayName: "app", securityIps: entries, modifyMode: mode }],
    });
    table(disallowPublicManagedDatabases, [
      { name: "group Delete removes 0.0.0.0/0", type: POLARDB, props: group("Delete"), violations: 0 },
      { name: "group Cover admits 0.0.0.0/0", type: POLARDB, props: group("Cover"), violations: 1 },
      { name: "group lower-case delete admits 0.0.0.0/0", type: POLARDB, props: group("delete"), violations: 1 },
      { name: "group unknown mode is a note", type: POLARDB, props: group(UNKNOWN), violations: 0, notes: 1 },
      {
        name: "a deleting group does not hide the cluster's own open securityIps",
        type: POLARDB,
        props: { securityIps: ["0.0.0.0/0"], ...group("Delete") },
        violations: 1,
      },
    ]);
  });

  describe("types without modifyMode ignore one written anyway", () => {
    table(disallowPublicManagedDatabases, [
      {
        name: "Redis (KVStore) with modifyMode Delete",
        type: KVSTORE,
        props: withMode("securityIps", ["0.0.0.0/0"], "Delete"),
        violations: 1,
      },
      {
        name: "MongoDB with modifyMode Delete",
        type: MONGO,
        props: withMode("securityIpLists", ["0.0.0.0/0"], "Delete"),
        violations: 1,
      },
    ]);
  });
});
