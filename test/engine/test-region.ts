// The engine's tests preview small AWS programs whose stacks name no region. The AWS provider needs one (stack config,
// AWS_REGION, AWS_DEFAULT_REGION or the shared config file) and the engine fails the preview without it, as the CLI
// does; the tests run as on a workstation that exports AWS_REGION. Tests of a missing region clear it in their `env`.
process.env.AWS_REGION ||= "us-east-1";

export {};
