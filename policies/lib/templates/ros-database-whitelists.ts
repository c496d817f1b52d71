// ROS whitelist resources that add a named group of entries to a database declared on its own:
// ALIYUN::REDIS::Whitelist, ALIYUN::RDS::DBInstanceSecurityIps, ALIYUN::POLARDB::DBClusterAccessWhiteList and
// ALIYUN::GPDB::DBInstanceIPArray. Once the whole template is read, the groups naming a database of the template join
// its whitelist as the provider's resource holds it, for the rule and the network model alike; a group naming a
// database elsewhere (an existing one, or one the program passes in, unknown at preview) is judged on its own as that
// engine's global or separate whitelist, where open is open. None of the four takes a modify mode in ROS: each writes
// its group, so every entry the template writes is kept and an open one is never hidden behind a group written later.
import { list } from "../../../lib/values";
import { defined, EmbeddedResource, Translation } from "./embedded-resource";
import { templateReference } from "./template-references";

/** A group as read, before it is settled on its database: the database it names, its entries, its name. */
interface Group {
  database?: unknown;
  securityIps?: unknown;
  name?: unknown;
}

interface WhitelistKind {
  rosType: string;
  /** The ROS properties naming the database, holding the entries (comma-separated) and naming the group. */
  fields: { database: string; entries: string; name: string };
  /** The ROS types of the databases it adds to, and the provider type they are read as. */
  databases: ReadonlySet<string>;
  provider: string;
  /** The database's inputs with the groups naming it. */
  join: (props: Record<string, unknown>, groups: readonly Group[]) => Record<string, unknown>;
  /** The provider's global whitelist a group naming a database elsewhere is judged as, and what that database is. */
  outside: { type: string; field: string; database: string };
}

/** The groups' entries, one string each as ROS writes them (a list written instead is read entry by entry). */
const entriesOf = (groups: readonly Group[]): unknown[] => groups.flatMap((g) => list(g.securityIps));

/** The entries a field already holds (one string, a list, or nothing) and the groups' after them. */
const withGroups = (own: unknown, groups: readonly Group[]): unknown[] => [...list(own), ...entriesOf(groups)];

const KINDS: readonly WhitelistKind[] = [
  {
    // A Redis instance takes no whitelist in ROS: its groups are all it admits beside the loopback default.
    rosType: "ALIYUN::REDIS::Whitelist",
    fields: { database: "InstanceId", entries: "SecurityIps", name: "SecurityIpGroupName" },
    databases: new Set(["ALIYUN::REDIS::Instance", "ALIYUN::REDIS::PrepayInstance"]),
    provider: "alicloud:kvstore/instance:Instance",
    join: (props, groups) => ({ ...props, securityIps: entriesOf(groups) }),
    outside: {
      type: "alicloud:redis/globalSecurityIpGroup:GlobalSecurityIpGroup",
      field: "globalIpList",
      database: "a Redis instance",
    },
  },
  {
    // DBInstanceIPArrayAttribute holds the entries ("security ips to add or remove" in the ROS specification).
    rosType: "ALIYUN::RDS::DBInstanceSecurityIps",
    fields: { database: "DBInstanceId", entries: "DBInstanceIPArrayAttribute", name: "DBInstanceIPArrayName" },
    databases: new Set(["ALIYUN::RDS::DBInstance", "ALIYUN::RDS::PrepayDBInstance"]),
    provider: "alicloud:rds/instance:Instance",
    join: (props, groups) => ({ ...props, securityIps: withGroups(props.securityIps, groups) }),
    outside: {
      type: "alicloud:rds/whitelistTemplate:WhitelistTemplate",
      field: "ipWhiteList",
      database: "an RDS instance",
    },
  },
  {
    rosType: "ALIYUN::POLARDB::DBClusterAccessWhiteList",
    fields: { database: "DBClusterId", entries: "SecurityIps", name: "DBClusterIPArrayName" },
    databases: new Set(["ALIYUN::POLARDB::DBCluster"]),
    provider: "alicloud:polardb/cluster:Cluster",
    // The provider's cluster holds named groups as dbClusterIpArrays.
    join: (props, groups) => ({
      ...props,
      dbClusterIpArrays: [
        ...list(props.dbClusterIpArrays),
        ...groups.map((g) => defined({ dbClusterIpArrayName: g.name, securityIps: g.securityIps })),
      ],
    }),
    outside: {
      type: "alicloud:polardb/globalSecurityIpGroup:GlobalSecurityIpGroup",
      field: "globalIpList",
      database: "a PolarDB cluster",
    },
  },
  {
    // SecurityIpList is a list in the ROS specification; a comma-separated string is read entry by entry too.
    rosType: "ALIYUN::GPDB::DBInstanceIPArray",
    fields: { database: "DBInstanceId", entries: "SecurityIpList", name: "DBInstanceIPArrayName" },
    databases: new Set(["ALIYUN::GPDB::DBInstance", "ALIYUN::GPDB::ElasticDBInstance"]),
    provider: "alicloud:gpdb/instance:Instance",
    // The provider's instance holds named groups as ipWhitelists, each with its securityIpList.
    join: (props, groups) => ({
      ...props,
      ipWhitelists: [
        ...list(props.ipWhitelists),
        ...groups.map((g) => defined({ ipGroupName: g.name, securityIpList: g.securityIps })),
      ],
    }),
    outside: {
      type: "alicloud:gpdb/dbInstanceIpArray:DbInstanceIpArray",
      field: "securityIpLists",
      database: "an AnalyticDB for PostgreSQL instance",
    },
  },
];

/** The type a group is read as until it is settled; never handed to a rule. */
const groupType = (kind: WhitelistKind): string => `template:${kind.rosType}`;

const groupTranslation =
  (kind: WhitelistKind): Translation =>
  (read) => [
    {
      type: groupType(kind),
      props: defined({
        database: read(kind.fields.database),
        securityIps: read(kind.fields.entries),
        name: read(kind.fields.name),
      }),
    },
  ];

export const ROS_DATABASE_WHITELIST_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map(
  KINDS.map((kind) => [kind.rosType, groupTranslation(kind)]),
);

/** A group naming a database outside the template, judged as the engine's global whitelist bound to it there. */
function outsideDatabase(kind: WhitelistKind, group: EmbeddedResource): EmbeddedResource {
  const { type, field, database } = kind.outside;
  return {
    ...group,
    type,
    props: { [field]: group.props.securityIps },
    hint: `${field} is the group's ${kind.fields.entries}, added to ${database} outside the template`,
  };
}

function settleKind(resources: EmbeddedResource[], kind: WhitelistKind): EmbeddedResource[] {
  const type = groupType(kind);
  const groups = resources.filter((r) => r.type === type);
  if (groups.length === 0) return resources;
  const isDatabase = (r: EmbeddedResource) => kind.databases.has(r.templateType) && r.type === kind.provider;
  const databases = new Set(resources.filter(isDatabase).map((r) => templateReference(r.logicalId)));
  return resources.flatMap((r) => {
    if (r.type === type) return databases.has(r.props.database as string) ? [] : [outsideDatabase(kind, r)];
    if (!isDatabase(r)) return [r];
    const own = templateReference(r.logicalId);
    const naming = groups.filter((g) => g.props.database === own).map((g) => g.props as Group);
    return [naming.length > 0 ? { ...r, props: kind.join(r.props, naming) } : r];
  });
}

/** The template's databases with the whitelist groups naming them; a group naming none of them is judged alone. */
export function settleDatabaseWhitelists(resources: EmbeddedResource[]): EmbeddedResource[] {
  return KINDS.reduce(settleKind, resources);
}
