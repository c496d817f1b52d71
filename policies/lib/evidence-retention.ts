/**
 * Days an evidence store must keep what it holds unless a rule is configured otherwise (its minRetentionDays): a
 * month, long enough to find a hidden intrusion before its traces expire.
 */
export const EVIDENCE_RETENTION_DAYS = 30;
