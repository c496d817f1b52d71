// Resource types of the global accelerators of both clouds, shared by the accelerator tests.
export const AGA = {
  accelerator: "aws:globalaccelerator/accelerator:Accelerator",
  listener: "aws:globalaccelerator/listener:Listener",
  group: "aws:globalaccelerator/endpointGroup:EndpointGroup",
};

export const GA = {
  accelerator: "alicloud:ga/accelerator:Accelerator",
  ipSet: "alicloud:ga/ipSet:IpSet",
  listener: "alicloud:ga/listener:Listener",
  group: "alicloud:ga/endpointGroup:EndpointGroup",
  acl: "alicloud:ga/acl:Acl",
  aclAttachment: "alicloud:ga/aclAttachment:AclAttachment",
  aclEntry: "alicloud:ga/aclEntryAttachment:AclEntryAttachment",
  customGroup: "alicloud:ga/customRoutingEndpointGroup:CustomRoutingEndpointGroup",
  destination: "alicloud:ga/customRoutingEndpointGroupDestination:CustomRoutingEndpointGroupDestination",
  customEndpoint: "alicloud:ga/customRoutingEndpoint:CustomRoutingEndpoint",
  trafficPolicy: "alicloud:ga/customRoutingEndpointTrafficPolicy:CustomRoutingEndpointTrafficPolicy",
};
