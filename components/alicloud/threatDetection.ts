// Security Center against the case's first two steps (GUIDE §1): SSH passwords brute-forced in 137 seconds, then
// persistence through /etc/ssh/sshd_config and /root/.ssh. An anti-brute-force rule blocks guessing sources on every
// server, a core file protection rule raises a high-risk alert when those files change, and CloudMonitor event rules
// route Security Center's red/yellow/blue alerts to the responders. Security Center is account-wide: build it once.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { isPlain } from "../validation";
import {
  ALERT_LEVELS,
  BRUTE_FORCE_DEFAULTS,
  checkHostPaths,
  checkOneOf,
  FAIL_COUNTS,
  FILE_OPS,
  FORBIDDEN_MINUTES,
  isAgentUuid,
  PROTECTED_PATHS,
  SPAN_MINUTES,
} from "../plan/alicloud-threat";
import { ArgProblems, argumentKeys, warnIfWeaker } from "./args";
import { checkResponders, RESPONSE_LEVELS, ResponderGroups } from "./threatResponders";

export interface BruteForceProtocols {
  /** SSH interception. Default true. */
  ssh?: boolean;
  /** RDP interception. Default true. */
  rdp?: boolean;
  /** SQL Server interception (the case's databases took connections from 12 internet addresses). Default true. */
  sqlServer?: boolean;
}

export interface ThreatDetectionArgs {
  /**
   * Security Center agent UUIDs (console, or `threatdetection.getAssets`) the rule names explicitly. Entries may be
   * Outputs. With `defaultRule` (the default) every server without a rule of its own is covered anyway.
   */
  serverUuids?: pulumi.Input<string>[];
  /** Make the rule Security Center's default, which applies to every server no other rule names. Default true. */
  defaultRule?: boolean;
  /** Failed logons that block the source: 2, 3, 4, 5, 10, 50, 80 or 100. Default 5; higher warns. */
  failCount?: number;
  /** Minutes in which failures are counted: 1, 2, 5, 10 or 15. Default 10; a looser rate than 5 in 10 warns. */
  spanMinutes?: number;
  /** Minutes the source stays blocked: 5 … 10080, or 52560000 (permanent). Default 360; shorter warns. */
  forbiddenTimeMinutes?: number;
  /** Protocols the rule intercepts; each defaults to on, and switching SSH or RDP off warns. */
  protocols?: BruteForceProtocols;
  /** Core file protection of sshd's configuration and root's keys. Default true; false warns. */
  fileProtection?: boolean;
  /** Further absolute paths (wildcards allowed) protected beside the defaults, which cannot be dropped. */
  extraProtectedPaths?: string[];
  /** Alert level of a protected file's change: 3 high-risk (red), 2 suspicious (yellow), 1 reminder. Default 3. */
  alertLevel?: number;
  /**
   * Absolute paths of processes allowed to change the protected files without an alert (the configuration
   * management agent that writes sshd_config). A separate `pass` rule; warns, since those processes go unwatched.
   */
  allowedWriters?: string[];
  /** CloudMonitor contact group names per response level; a level without groups gets no event rule. */
  responders?: ResponderGroups;
}

const THREAT_ARGS = argumentKeys<ThreatDetectionArgs>({
  serverUuids: true,
  defaultRule: true,
  failCount: true,
  spanMinutes: true,
  forbiddenTimeMinutes: true,
  protocols: true,
  fileProtection: true,
  extraProtectedPaths: true,
  alertLevel: true,
  allowedWriters: true,
  responders: true,
});
const PROTOCOL_KEYS = argumentKeys<BruteForceProtocols>({ ssh: true, rdp: true, sqlServer: true });
/** Read while planning: what is created and with which values. `serverUuids` entries may stay Outputs. */
const PLAIN_ARGS = THREAT_ARGS.filter((k) => k !== "serverUuids") as (keyof ThreatDetectionArgs)[];

const DEFAULT_ALERT_LEVEL = 3;

const onOff = (on: boolean) => (on ? "on" : "off");

export class ThreatDetection extends pulumi.ComponentResource {
  public readonly antiBruteForceRuleId: pulumi.Output<string>;
  /** The core file protection rule, absent with `fileProtection: false`. */
  public readonly fileProtectRuleId: pulumi.Output<string> | undefined;
  /** CloudMonitor event rule names by response level (only the levels given). */
  public readonly responderRuleNames: Partial<Record<keyof ResponderGroups, pulumi.Output<string>>>;

  constructor(name: string, given: ThreatDetectionArgs = {}, opts?: pulumi.ComponentResourceOptions) {
    const subject = `ThreatDetection "${name}"`;
    const problems = new ArgProblems(subject);
    problems.knownKeys(given ?? {}, THREAT_ARGS);
    const args = problems.plain(given ?? {}, PLAIN_ARGS);

    const defaultRule = problems.boolean("defaultRule", args.defaultRule) ? (args.defaultRule ?? true) : true;
    const fileProtection = problems.boolean("fileProtection", args.fileProtection)
      ? (args.fileProtection ?? true)
      : true;
    const failCount = args.failCount ?? BRUTE_FORCE_DEFAULTS.failCount;
    const spanMinutes = args.spanMinutes ?? BRUTE_FORCE_DEFAULTS.spanMinutes;
    const forbiddenTimeMinutes = args.forbiddenTimeMinutes ?? BRUTE_FORCE_DEFAULTS.forbiddenTimeMinutes;
    checkOneOf(problems, "failCount", failCount, FAIL_COUNTS, "use 5 (the default) or fewer");
    checkOneOf(problems, "spanMinutes", spanMinutes, SPAN_MINUTES, "use 10 (the default) or 15");
    checkOneOf(problems, "forbiddenTimeMinutes", forbiddenTimeMinutes, FORBIDDEN_MINUTES, "use 360 (the default)");

    const protocols = { ssh: true, rdp: true, sqlServer: true };
    const givenProtocols = args.protocols ?? {};
    if (
      problems.check(
        typeof givenProtocols === "object" && givenProtocols !== null && !Array.isArray(givenProtocols),
        "protocols",
        givenProtocols,
        "an object { ssh?, rdp?, sqlServer? } of booleans",
        "pass e.g. { sqlServer: false }, or omit protocols",
      )
    ) {
      problems.knownKeys(givenProtocols, PROTOCOL_KEYS, "protocols.");
      for (const key of PROTOCOL_KEYS as (keyof BruteForceProtocols)[]) {
        const value = givenProtocols[key];
        if (problems.boolean(`protocols.${key}`, value) && value !== undefined) protocols[key] = value;
      }
      problems.check(
        Object.values(protocols).some(Boolean),
        "protocols",
        givenProtocols,
        "at least one protocol on",
        "leave SSH on (omit protocols.ssh)",
      );
    }

    const uuids = given?.serverUuids ?? [];
    if (
      problems.check(
        Array.isArray(uuids),
        "serverUuids",
        uuids,
        "a list of Security Center agent UUIDs (entries may be Outputs)",
        'pass e.g. ["032b618f-b220-4a0d-bd37-fbdc6ef58b6a"], or omit serverUuids',
      )
    ) {
      problems.distinct("serverUuids", uuids);
      uuids.forEach((uuid, i) => {
        if (!isPlain(uuid)) return;
        problems.check(
          isAgentUuid(uuid),
          `serverUuids[${i}]`,
          uuid,
          "a Security Center agent UUID (8-4-4-4-12 hexadecimal digits)",
          "copy the UUID from Security Center > Assets, or from threatdetection.getAssets",
        );
      });
      // Not the default and no servers named: the rule would protect nothing while looking like protection.
      problems.check(
        defaultRule || uuids.length > 0,
        "defaultRule",
        defaultRule,
        "true, or false together with serverUuids",
        "omit defaultRule (every server is covered), or list the servers in serverUuids",
      );
    }

    const extraPaths = args.extraProtectedPaths ?? [];
    const writers = args.allowedWriters ?? [];
    const alertLevel = args.alertLevel ?? DEFAULT_ALERT_LEVEL;
    checkHostPaths(problems, "extraProtectedPaths", extraPaths, "file");
    if (Array.isArray(extraPaths)) {
      extraPaths.forEach((p, i) =>
        problems.check(
          !(PROTECTED_PATHS as readonly string[]).includes(p),
          `extraProtectedPaths[${i}]`,
          p,
          "a path the component does not protect already",
          "remove it: it is one of the defaults",
        ),
      );
    }
    checkHostPaths(problems, "allowedWriters", writers, "process");
    checkOneOf(problems, "alertLevel", alertLevel, ALERT_LEVELS, "use 3 (high-risk, the default)");
    if (!fileProtection) {
      // Settings of a rule that is not made are refused, not ignored: the caller would believe they applied.
      for (const arg of ["extraProtectedPaths", "allowedWriters", "alertLevel"] as const) {
        problems.check(
          args[arg] === undefined,
          arg,
          args[arg],
          "nothing while fileProtection is false",
          `remove ${arg}, or omit fileProtection`,
        );
      }
    }
    const responders = args.responders ?? {};
    checkResponders(problems, responders);
    problems.throwIfAny();

    // Registered only once every argument is known to be good: a refused call leaves nothing behind.
    super("hardening:alicloud:ThreatDetection", name, {}, opts);
    warnIfWeaker(
      this,
      subject,
      "failCount",
      failCount,
      BRUTE_FORCE_DEFAULTS.failCount,
      "higher",
      "more guesses before the block",
    );
    // A given window matters through the rate it lets pass: 2 failures in 5 minutes is stricter than 5 in 10
    // (a higher failCount alone is failCount's warning).
    const { failCount: defaultFails, spanMinutes: defaultSpan } = BRUTE_FORCE_DEFAULTS;
    if (args.spanMinutes !== undefined && failCount / spanMinutes > defaultFails / defaultSpan) {
      pulumi.log.warn(
        `${subject}: spanMinutes is ${spanMinutes} with failCount ${failCount}, looser than the default ` +
          `${defaultFails} failures in ${defaultSpan} minutes (a source guessing more slowly is never blocked)`,
        this,
      );
    }
    warnIfWeaker(
      this,
      subject,
      "forbiddenTimeMinutes",
      forbiddenTimeMinutes,
      BRUTE_FORCE_DEFAULTS.forbiddenTimeMinutes,
      "lower",
      "a blocked scanner resumes sooner",
    );
    for (const key of ["ssh", "rdp", "sqlServer"] as const) {
      if (!protocols[key]) {
        pulumi.log.warn(`${subject}: protocols.${key} is false; ${key} password guessing is not blocked`, this);
      }
    }
    if (!defaultRule) {
      pulumi.log.warn(
        `${subject}: defaultRule is false; only the ${uuids.length} server(s) in serverUuids are protected, and ` +
          "servers added later are not",
        this,
      );
    }

    const bruteForce = new alicloud.threatdetection.AntiBruteForceRule(
      `${name}-anti-brute-force`,
      {
        antiBruteForceRuleName: `${name}-anti-brute-force`,
        defaultRule,
        uuidLists: uuids,
        failCount,
        span: spanMinutes,
        forbiddenTime: forbiddenTimeMinutes,
        protocolType: { ssh: onOff(protocols.ssh), rdp: onOff(protocols.rdp), sqlServer: onOff(protocols.sqlServer) },
      },
      { parent: this },
    );
    this.antiBruteForceRuleId = bruteForce.id;

    if (fileProtection) {
      warnIfWeaker(
        this,
        subject,
        "alertLevel",
        alertLevel,
        DEFAULT_ALERT_LEVEL,
        "lower",
        "a change to sshd_config or root's keys is not a red alert",
      );
      const filePaths = [...PROTECTED_PATHS, ...extraPaths];
      // The provider accepts "alert" and "pass" only (no "block"): every process's change raises the alert.
      const watch = new alicloud.threatdetection.ClientFileProtect(
        `${name}-core-files`,
        {
          ruleName: `${name}-core-files`,
          filePaths,
          fileOps: [...FILE_OPS],
          procPaths: ["*"],
          ruleAction: "alert",
          alertLevel,
          status: 1,
        },
        { parent: this },
      );
      this.fileProtectRuleId = watch.id;
      if (writers.length > 0) {
        pulumi.log.warn(
          `${subject}: allowedWriters lets ${writers.join(", ")} change sshd_config and root's keys without an ` +
            "alert; an intruder who runs one of them is not seen",
          this,
        );
        new alicloud.threatdetection.ClientFileProtect(
          `${name}-core-files-writers`,
          {
            ruleName: `${name}-core-files-writers`,
            filePaths,
            fileOps: [...FILE_OPS],
            procPaths: writers,
            ruleAction: "pass",
            alertLevel: 0,
            status: 1,
          },
          { parent: this, dependsOn: [watch] },
        );
      }
    } else {
      pulumi.log.warn(
        `${subject}: fileProtection is false; a rewritten sshd_config or a planted root key raises no alert`,
        this,
      );
    }

    this.responderRuleNames = {};
    for (const level of RESPONSE_LEVELS) {
      const groups = responders[level.key] ?? [];
      if (groups.length === 0) continue;
      const rule = new alicloud.cms.EventRule(
        `${name}-${level.key}`,
        {
          ruleName: `${name}-${level.key}`,
          description: `Security Center ${level.meaning} alerts (${level.key}) to ${groups.join(", ")}`,
          status: "ENABLED",
          eventPattern: { product: level.product, levelLists: [level.cmsLevel], eventTypeLists: ["*"] },
          contactParameters: groups.map((contactGroupName, i) => ({
            contactGroupName,
            contactParametersId: String(i + 1),
          })),
        },
        { parent: this },
      );
      this.responderRuleNames[level.key] = rule.ruleName;
    }

    this.registerOutputs({
      antiBruteForceRuleId: this.antiBruteForceRuleId,
      fileProtectRuleId: this.fileProtectRuleId,
      responderRuleNames: this.responderRuleNames,
    });
  }
}
