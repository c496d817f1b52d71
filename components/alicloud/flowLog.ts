// A flow log of all traffic (accepted and dropped, 1-minute aggregation) into its own retained SLS logstore.
import * as pulumi from "@pulumi/pulumi";
import * as alicloud from "@pulumi/alicloud";
import { evidenceWriter } from "../evidenceGuard";
import { createLogSink, LogSink } from "./logSink";

export interface AllTrafficFlowLogOptions {
  resourceType: pulumi.Input<string>;
  resourceId: pulumi.Input<string>;
  projectName: pulumi.Input<string>;
  logstoreName: pulumi.Input<string>;
  retentionDays: number;
  /** Describes the SLS project. */
  sinkDescription: string;
  /** Describes the flow log itself. */
  description: string;
  tags: Record<string, string>;
  /** "DualStack" when the network carries IPv6: a flow log collects IPv4 only unless told otherwise. */
  ipVersion?: "IPv4" | "DualStack";
}

export interface AllTrafficFlowLog extends LogSink {
  flowLog: alicloud.vpc.FlowLog;
}

/** Creates `${name}-flowlog` with its sink `${name}-flowlog-logs` / `${name}-flowlog-logstore`, all under `parent`. */
export function createAllTrafficFlowLog(
  parent: pulumi.Resource,
  name: string,
  opts: AllTrafficFlowLogOptions,
): AllTrafficFlowLog {
  const { project, store } = createLogSink(parent, `${name}-flowlog`, {
    projectName: opts.projectName,
    logstoreName: opts.logstoreName,
    retentionDays: opts.retentionDays,
    description: opts.sinkDescription,
    tags: opts.tags,
  });
  const flowLog = new alicloud.vpc.FlowLog(
    `${name}-flowlog`,
    {
      flowLogName: `${name}-all`,
      description: opts.description,
      resourceType: opts.resourceType,
      resourceId: opts.resourceId,
      trafficType: "All",
      projectName: project.projectName,
      logStoreName: store.logstoreName,
      aggregationInterval: "1",
      ...(opts.ipVersion ? { ipVersion: opts.ipVersion } : {}),
      status: "Active",
      tags: opts.tags,
    },
    // Writes the evidence: transformations may only tag it, like the project and logstore (../evidenceGuard.ts).
    evidenceWriter({ parent }),
  );
  return { project, store, flowLog };
}
