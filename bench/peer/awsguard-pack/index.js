// The peer pack as its README sets it up: every AwsGuard policy enabled and mandatory.
"use strict";
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "mandatory" });
