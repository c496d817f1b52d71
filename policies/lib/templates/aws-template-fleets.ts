// CloudFormation fleets and clusters the network model counts as hosts, and the endpoints it counts as bastion paths,
// in the Pulumi AWS provider's shapes: spot fleets (`aws.ec2.SpotFleetRequest`: launch specifications, template
// configs, the balancers they register with), EC2 Fleets (`aws.ec2.Fleet`), EMR clusters (`aws.emr.Cluster`'s
// `ec2Attributes`) and EC2 Instance Connect Endpoints. A list or element unknown at preview stays unknown, as the
// model reads the same value in a program.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { launchTemplateRef, launchTemplateSpecification } from "./aws-template-scaling";
import { defined, Translation } from "./embedded-resource";

type Fields = Record<string, unknown>;

/**
 * Each entry of a template list through `map`; the list or an entry unknown at preview stays unknown, and a whole
 * list a parameter gives stays that value (template-parameter-links.ts finds the parameter where it went as is).
 */
function each(value: unknown, map: (entry: Fields, index: number) => unknown): unknown {
  if (value === undefined || isUnknown(value) || typeof value === "string") return value;
  return list(value).map((entry, i) => (isUnknown(entry) ? UNKNOWN : map(obj(entry) ?? {}, i)));
}

/** A list whose entries are ids: a list unknown at preview joins as one unknown entry, keeping the known ones. */
const idEntries = (value: unknown): unknown[] =>
  value === undefined || value === null ? [] : isUnknown(value) ? [UNKNOWN] : list(value);

/** The interface at device index 0 (else the first): its subnet, groups and public address are the instance's. */
function primaryInterface(interfaces: unknown): Fields | undefined | "unknown" {
  if (interfaces === undefined || interfaces === null) return undefined;
  if (isUnknown(interfaces)) return "unknown";
  const all = list(interfaces);
  const primary = all.find((ni) => String(obj(ni)?.DeviceIndex) === "0") ?? all[0];
  if (primary === undefined) return undefined;
  return isUnknown(primary) ? "unknown" : (obj(primary) ?? {});
}

/**
 * One `LaunchSpecifications` entry: `SecurityGroups: [{ GroupId }]` and the primary interface's `Groups` as
 * `vpcSecurityGroupIds`, its subnet (the spec's own `SubnetId`, which may list several separated by commas), and its
 * public address choice. An interface list unknown at preview may place it anywhere and ask for an address.
 */
function spotLaunchSpecification(spec: Fields, userData: unknown): unknown {
  const primary = primaryInterface(spec.NetworkInterfaces);
  const own = idEntries(spec.SecurityGroups).map((g) => (isUnknown(g) ? UNKNOWN : obj(g)?.GroupId));
  if (primary === "unknown")
    return defined({
      subnetId: UNKNOWN,
      vpcSecurityGroupIds: [...own, UNKNOWN],
      associatePublicIpAddress: UNKNOWN,
      instanceType: spec.InstanceType,
      userData,
    });
  const groups = [...own, ...idEntries(primary?.Groups)].filter((g) => g !== undefined && g !== null);
  return defined({
    subnetId: primary?.SubnetId ?? spec.SubnetId,
    vpcSecurityGroupIds: groups.length > 0 ? groups : undefined,
    associatePublicIpAddress: primary?.AssociatePublicIpAddress,
    instanceType: spec.InstanceType,
    userData,
  });
}

/**
 * The `UserData` of launch specification `index`, read as script text (the list read again in script mode, which
 * keeps the same entries): base64 as CloudFormation takes it, which the login rule decodes as it decodes the
 * provider's plain text. Metadata options have no place in the provider's launch specification: require-imdsv2 asks
 * spot fleets for launch templates instead.
 */
function userDataAt(scripts: unknown, index: number): unknown {
  if (isUnknown(scripts)) return UNKNOWN;
  const entry = Array.isArray(scripts) ? scripts[index] : undefined;
  return isUnknown(entry) ? UNKNOWN : obj(entry)?.UserData;
}

/** `Overrides[]`: the subnet each override launches into. */
const overrides = (value: unknown): unknown =>
  each(value, (o) => defined({ subnetId: o.SubnetId, instanceType: o.InstanceType }));

/** `LaunchTemplateConfigs[]` with the specification in the shape `spec` gives. */
const templateConfigs = (value: unknown, spec: (v: unknown) => unknown): unknown =>
  each(value, (c) =>
    defined({ launchTemplateSpecification: spec(c.LaunchTemplateSpecification), overrides: overrides(c.Overrides) }),
  );

/** `{ <listKey>: [{ <idKey> }] }` (a spot fleet's balancer configs) as the provider's flat list. */
function registrations(config: unknown, listKey: string, idKey: string): unknown {
  if (config === undefined || isUnknown(config)) return config;
  const entries = obj(config)?.[listKey];
  if (entries === undefined || isUnknown(entries)) return entries;
  return list(entries).map((e) => (isUnknown(e) ? UNKNOWN : obj(e)?.[idKey]));
}

/** `SpotFleetRequestConfigData` a parameter gives as a whole (unknown at preview): its launches are that value. */
const spotFleet: Translation = (read) => {
  const data = ["SpotFleetRequestConfigData"];
  const whole = read(data);
  if (isUnknown(whole) || typeof whole === "string")
    return [{ type: "aws:ec2/spotFleetRequest:SpotFleetRequest", props: { launchSpecifications: whole } }];
  const specs = [...data, "LaunchSpecifications"];
  const scripts = read(specs, "script");
  return [
    {
      type: "aws:ec2/spotFleetRequest:SpotFleetRequest",
      props: defined({
        launchSpecifications: each(read(specs), (spec, i) => spotLaunchSpecification(spec, userDataAt(scripts, i))),
        launchTemplateConfigs: templateConfigs(read([...data, "LaunchTemplateConfigs"]), launchTemplateRef),
        targetGroupArns: registrations(read([...data, "TargetGroupsConfig"]), "TargetGroups", "Arn"),
        loadBalancers: registrations(read([...data, "ClassicLoadBalancersConfig"]), "ClassicLoadBalancers", "Name"),
        iamFleetRole: read([...data, "IamFleetRole"]),
      }),
    },
  ];
};

const ec2Fleet: Translation = (read) => [
  {
    type: "aws:ec2/fleet:Fleet",
    props: defined({
      launchTemplateConfigs: templateConfigs(read("LaunchTemplateConfigs"), launchTemplateSpecification),
      type: read("Type"),
    }),
  },
];

/**
 * A list of group ids as the provider's comma-separated string. One id unknown at preview makes the whole string
 * unknown (a parameter given as the whole list keeps its marker, which names its source).
 */
function commaJoined(value: unknown): unknown {
  if (value === undefined || isUnknown(value)) return value;
  const ids = list(value);
  if (ids.some(isUnknown)) return UNKNOWN;
  return ids.length === 1 ? ids[0] : ids.join(",");
}

/** `Instances` (JobFlowInstancesConfig): where the nodes launch and the groups they carry; a parameter's as is. */
const emrCluster: Translation = (read) => {
  const instances = read("Instances");
  const whole = isUnknown(instances) || typeof instances === "string";
  const i = obj(instances) ?? {};
  return [
    {
      type: "aws:emr/cluster:Cluster",
      props: defined({
        name: read("Name"),
        ec2Attributes: whole
          ? instances
          : defined({
              subnetId: i.Ec2SubnetId,
              subnetIds: i.Ec2SubnetIds,
              emrManagedMasterSecurityGroup: i.EmrManagedMasterSecurityGroup,
              emrManagedSlaveSecurityGroup: i.EmrManagedSlaveSecurityGroup,
              additionalMasterSecurityGroups: commaJoined(i.AdditionalMasterSecurityGroups),
              additionalSlaveSecurityGroups: commaJoined(i.AdditionalSlaveSecurityGroups),
              serviceAccessSecurityGroup: i.ServiceAccessSecurityGroup,
            }),
      }),
    },
  ];
};

const instanceConnectEndpoint: Translation = (read) => [
  {
    type: "aws:ec2transitgateway/instanceConnectEndpoint:InstanceConnectEndpoint",
    props: defined({
      subnetId: read("SubnetId"),
      securityGroupIds: read("SecurityGroupIds"),
      preserveClientIp: read("PreserveClientIp"),
    }),
  },
];

export const AWS_FLEET_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::SpotFleet", spotFleet],
  ["AWS::EC2::EC2Fleet", ec2Fleet],
  ["AWS::EMR::Cluster", emrCluster],
  ["AWS::EC2::InstanceConnectEndpoint", instanceConnectEndpoint],
]);
