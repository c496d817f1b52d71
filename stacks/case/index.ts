// The ransomware case (GUIDE §1) reproduced insecurely with raw provider resources, in one region (cn-hangzhou).
// This stack exists to be blocked: its preview must fail with a mandatory violation for each weakness below.
// What the case lacked is commented here because it has no resource to carry a comment:
//   - step 5: no ActionTrail (the responders leaned on RAM audit logs that nothing guaranteed);
//   - step 5: no flow logs or traffic mirroring on the VPC (see network.ts);
//   - step 6: no WAF in front of the web entry (see web.ts), and no second region to fail over to.
import { caseBackupBucket } from "./backups";
import { caseDatabase } from "./database";
import { caseServers, caseSecurityGroup } from "./hosts";
import { caseIdentity } from "./identity";
import { caseNetwork } from "./network";
import { caseWebEntry } from "./web";

const network = caseNetwork("cn-hangzhou-i");
const group = caseSecurityGroup(network);
const servers = caseServers(network, group);
const database = caseDatabase(network);
const balancer = caseWebEntry(network, servers);
const backups = caseBackupBucket();
caseIdentity();

export const vpcId = network.vpc.id;
export const serverIds = servers.map((server) => server.id);
export const databaseId = database.id;
export const loadBalancerAddress = balancer.address;
export const backupBucket = backups.bucket;
