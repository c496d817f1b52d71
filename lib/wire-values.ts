// Sentinels of Pulumi's property protocol, apart from the gRPC stubs so that reading them loads no gRPC code.

/** The sentinel the engine uses for values not known until the resource exists. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
