import { HIGH_RISK_PORTS } from "../../lib/ports";
import { CIDRS_SCHEMA, PORTS_SCHEMA, PREFIX_SCHEMA } from "../lib/config";
import { PortExposureConfig, portExposureChecks } from "../lib/ingress-checks";
import { ackInternetApiServer, eksPublicEndpoint } from "../lib/kubernetes-api-endpoints";
import { allChecks, defineResourceRule } from "../lib/rule";

const PORT_CHECKS = portExposureChecks<PortExposureConfig>();

export const PUBLIC_HIGH_RISK_PORTS = "disallow-public-high-risk-ports";
/** Case step 3: the databases took connections from a dozen internet addresses. */
export const disallowPublicHighRiskPorts = defineResourceRule<PortExposureConfig>({
  metadata: {
    name: PUBLIC_HIGH_RISK_PORTS,
    description:
      "Database, cache, control-plane and other high-risk ports must not be open to the internet or to a broad public range, and managed Kubernetes API servers must not be public.",
    details:
      "Database, cache, file-sharing and other high-risk ports (FSBP EC2.19 list plus 1521, 6379, 27017, 11211, 9200, Redshift 5439, CouchDB 5984, Cassandra 9042, NetBIOS 139; the control planes Docker API 2375/2376, etcd 2379/2380, kubelet 10250, Kubernetes API 6443, ZooKeeper 2181, Consul 8500, HDFS NameNode 9870/50070, ActiveMQ 61616 and RabbitMQ 5672/15672; the data services rpcbind 111, NFS 2049, rsync 873 and Kafka 9092; VNC displays :1-:3, 5901-5903, where Linux VNC servers listen; and more database and data-store ports: ClickHouse 8123/9000/9009, InfluxDB 8086, Neo4j 7474/7687, MySQL X 33060, Oracle 2484/1830, Db2 50000, second MySQL/PostgreSQL/Redis instances 3307/5433/6380, PgBouncer 6432, Redis Sentinel 26379, Cassandra 7000/7199/9160, Couchbase 8091-8096, ArangoDB 8529, RethinkDB 28015, Solr 8983 and Kafka TLS 9093) must not be open to the internet or to public ranges broader than /24 (IPv6 /48); nor may a managed Kubernetes API server (EKS public endpoint with publicAccessCidrs, which default to 0.0.0.0/0; ACK internet SLB or EIP). An AWS security-group rule admitting a listed port from a prefix list whose id is unknown at preview is a note, like an unknown CIDR (the list may hold 0.0.0.0/0); known prefix lists are left to the stack rules, which resolve the lists of the stack.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps: [
      "Allow the application tier's security group (or its private subnet CIDR) instead of a public range.",
      "Reach databases from outside only through a VPN, bastion or private link.",
      "If a partner must connect, list its exact public addresses (/24 or narrower) or add them to allowCidrs.",
      "Kubernetes: set EKS vpcConfig.endpointPublicAccess to false with endpointPrivateAccess true (or list narrow publicAccessCidrs), and ACK slbInternetEnabled (endpointPublicAccessEnabled on serverless clusters) to false; reach the API server through the VPC, a bastion or a VPN.",
    ],
    controls: [
      { framework: "AWS FSBP", id: "EC2.19" },
      { framework: "AWS FSBP", id: "EC2.18" },
      { framework: "CIS Alibaba Cloud v2.0", id: "6.2" },
      { framework: "MLPS 2.0 L3", id: "8.1.4.4" },
    ],
    caseStep: 3,
  },
  configSchema: {
    ports: {
      ...PORTS_SCHEMA,
      description:
        "High-risk ports (defaults to FSBP EC2.19 plus database, cache, control-plane and data-service ports).",
    },
    allowCidrs: { ...CIDRS_SCHEMA, description: "Trusted public ranges that may reach the ports." },
    minPublicPrefixV4: {
      ...PREFIX_SCHEMA(32),
      description: "Public IPv4 sources shorter than this are too broad (24).",
    },
    minPublicPrefixV6: {
      ...PREFIX_SCHEMA(128),
      description: "Public IPv6 sources shorter than this are too broad (48).",
    },
    allowNaclEphemeralReturn: {
      type: "boolean",
      description: "ACL allows of 1024, 1025, 32768 or 49152 up to 65535 are reply traffic (true).",
    },
  },
  parseConfig: (r) => ({
    ports: r.ports("ports", HIGH_RISK_PORTS),
    allowCidrs: r.cidrs("allowCidrs"),
    minPublicPrefixV4: r.integer("minPublicPrefixV4", 24, 0, 32),
    minPublicPrefixV6: r.integer("minPublicPrefixV6", 48, 0, 128),
    allowNaclEphemeralReturn: r.boolean("allowNaclEphemeralReturn", true),
  }),
  checks: {
    ...PORT_CHECKS,
    // Control planes with no security group in the program: the Kubernetes API (6443 in the list) faces the internet.
    "aws:eks/cluster:Cluster": eksPublicEndpoint,
    "alicloud:cs/managedKubernetes:ManagedKubernetes": ackInternetApiServer(
      "slbInternetEnabled",
      "an internet SLB",
      true,
    ),
    "alicloud:cs/kubernetes:Kubernetes": allChecks(
      PORT_CHECKS["alicloud:cs/kubernetes:Kubernetes"],
      ackInternetApiServer("slbInternetEnabled", "an internet SLB", true),
    ),
    "alicloud:cs/edgeKubernetes:EdgeKubernetes": ackInternetApiServer("slbInternetEnabled", "an internet SLB", true),
    "alicloud:cs/serverlessKubernetes:ServerlessKubernetes": ackInternetApiServer(
      "endpointPublicAccessEnabled",
      "an internet EIP",
      false,
    ),
  },
});
