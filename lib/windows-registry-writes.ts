// The registry values a PowerShell or batch statement writes: Set-ItemProperty, New-ItemProperty (and `sp`) with
// `-Path P -Name N -Value V` (`-Name:N` too) or positionally PATH NAME VALUE, and `reg add KEY /v NAME /d DATA`.
// Keys, names and values are as written: a reader resolves variables in them.
import { boundArguments, windowsCommands } from "./windows-commands";
import { unquoted } from "./windows-words";

const PROPERTY_CMDLETS = new Set(["set-itemproperty", "new-itemproperty", "sp"]);
/** Parameters of the property cmdlets that take a value; the others (-Force, -PassThru) are switches. */
const VALUED = new Set(["-path", "-literalpath", "-name", "-value", "-propertytype", "-type"]);
/** The cmdlets' positions: PATH NAME VALUE. */
const POSITIONS = ["-path", "-name", "-value"];

/** One registry value a statement writes: its key's text, name and value as written. */
export interface RegistryWrite {
  key: string;
  name: string;
  value: string;
}

/** The registry values the commands of a statement write. */
export function registryWrites(words: string[]): RegistryWrite[] {
  const writes: RegistryWrite[] = [];
  for (const { name, args } of windowsCommands(words)) {
    const write = PROPERTY_CMDLETS.has(name)
      ? cmdletWrite(args)
      : (name === "reg" || name === "reg.exe") && unquoted(args[0] ?? "").toLowerCase() === "add"
        ? regAddWrite(args.slice(1))
        : undefined;
    if (write) writes.push(write);
  }
  return writes;
}

function cmdletWrite(args: string[]): RegistryWrite | undefined {
  const named = boundArguments(args, VALUED, POSITIONS);
  const name = named.get("-name");
  if (name === undefined) return undefined;
  return { key: named.get("-path") ?? named.get("-literalpath") ?? "", name, value: named.get("-value") ?? "" };
}

/** `reg add KEY /v NAME /t TYPE /d DATA /f`. */
function regAddWrite(args: string[]): RegistryWrite | undefined {
  let name: string | undefined;
  let value = "";
  for (let i = 1; i < args.length; i++) {
    const option = args[i].toLowerCase();
    if (option === "/v") name = args[++i];
    else if (option === "/d") value = args[++i] ?? "";
  }
  return name === undefined ? undefined : { key: args[0] ?? "", name, value };
}
