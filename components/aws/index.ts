// The kit's AWS components.
export * from "./hardenedVpc";
export * from "./bastion";
export * from "./webFirewall";
export * from "./trafficForensics";
export * from "./dnsFailover";
export * from "./auditTrail";
export * from "./immutableBackup";
export * from "./identityBaseline";
export * from "./threatDetection";
