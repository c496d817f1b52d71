// An SLS project and logstore that keep logs for a fixed retention; both survive `pulumi destroy` (evidence).
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { MAX_LOG_RETENTION_DAYS, checkDays } from "../plan/alicloud-retention";
import { validateArgs } from "../validation";

export interface LogSinkOptions {
  projectName: pulumi.Input<string>;
  logstoreName: pulumi.Input<string>;
  retentionDays: number;
  description: string;
  tags?: Record<string, string>;
  /** Reuse an existing project created by this component instead of creating one. */
  project?: alicloud.log.Project;
}

export interface LogSink {
  project: alicloud.log.Project;
  store: alicloud.log.Store;
}

/** Creates `${name}-logs` (project, unless given) and `${name}-logstore`, both with retainOnDelete. */
export function createLogSink(parent: pulumi.Resource, name: string, opts: LogSinkOptions): LogSink {
  // Components validate their own arguments; this guards direct callers, before the project exists.
  validateArgs(`log sink "${name}"`, (problems) =>
    checkDays(problems, "retentionDays", opts.retentionDays, 1, MAX_LOG_RETENTION_DAYS, "SLS keeps 1 to 3650 days"),
  );
  const project =
    opts.project ??
    new alicloud.log.Project(
      `${name}-logs`,
      { projectName: opts.projectName, description: opts.description, tags: opts.tags },
      { parent, retainOnDelete: true },
    );
  const store = new alicloud.log.Store(
    `${name}-logstore`,
    {
      projectName: project.projectName,
      logstoreName: opts.logstoreName,
      retentionPeriod: opts.retentionDays,
      shardCount: 2,
      autoSplit: true,
      maxSplitShardCount: 64,
      appendMeta: true,
    },
    { parent, retainOnDelete: true },
  );
  return { project, store };
}
