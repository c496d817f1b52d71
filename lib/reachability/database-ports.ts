// Listening ports of managed databases when the stack does not set one: the port an attacker scans for.
const BY_ENGINE: [RegExp, number][] = [
  [/postgres/i, 5432],
  [/mysql|mariadb|^aurora$/i, 3306],
  [/oracle/i, 1521],
  [/sqlserver|mssql/i, 1433],
  [/redis|valkey|tair/i, 6379],
  [/memcache/i, 11211],
  [/mongo/i, 27017],
];

export function defaultDatabasePort(engine: string | undefined, fallback: number): number {
  if (!engine) return fallback;
  return BY_ENGINE.find(([re]) => re.test(engine))?.[1] ?? fallback;
}
