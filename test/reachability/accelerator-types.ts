// Resource types of the global accelerators of both clouds, shared by the accelerator tests.
export const AGA = {
  accelerator: "aws:globalaccelerator/accelerator:Accelerator",
  listener: "aws:globalaccelerator/listener:Listener",
  group: "aws:globalaccelerator/endpointGroup:EndpointGroup",
};

export const GA = {
  accelerator: "alicloud:ga/accelerator:Accelerator",
  listener: "alicloud:ga/listener:Listener",
  group: "alicloud:ga/endpointGroup:EndpointGroup",
};
