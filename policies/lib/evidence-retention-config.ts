// The evidence rules' minRetentionDays: each CrossGuard policy reads only its own config, so every rule that holds an
// evidence store's retention declares this key itself, with one default, bounds and meaning, and a team that raises
// (or lowers) the minimum sets it alike on each of them.
import { ConfigReader } from "./config";
import { EVIDENCE_RETENTION_DAYS } from "./evidence-retention";

const MIN_RETENTION_DAYS_BOUNDS = { minimum: 1, maximum: 36500 };

export interface EvidenceRetentionConfig {
  minRetentionDays: number;
}

export const EVIDENCE_RETENTION_SCHEMA = {
  minRetentionDays: {
    type: "integer" as const,
    ...MIN_RETENTION_DAYS_BOUNDS,
    description: `Smallest acceptable retention in days of an evidence store's lock (S3 Object Lock default retention, OSS WORM retention period, Glacier vault lock); years count as 365 days (${EVIDENCE_RETENTION_DAYS}). Set it alike on require-evidence-bucket-immutability, require-evidence-s3-default-retention and require-evidence-oss-worm.`,
  },
};

export const readEvidenceRetention = (r: ConfigReader): EvidenceRetentionConfig => ({
  minRetentionDays: r.integer(
    "minRetentionDays",
    EVIDENCE_RETENTION_DAYS,
    MIN_RETENTION_DAYS_BOUNDS.minimum,
    MIN_RETENTION_DAYS_BOUNDS.maximum,
  ),
});
