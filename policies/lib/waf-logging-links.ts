// Which WAFv2 logging configurations log a web ACL. A configuration names its web ACL by resourceArn: a known value or
// a reference the stack resolves (a template's `Fn::GetAtt [WebAcl, Arn]`, a parameter whose whole value the program
// feeds from a web ACL's arn) links it for certain. A raw template's ResourceArn left unknown at preview (`Fn::Sub`,
// `Fn::ImportValue`, an undecided `Fn::If`, a parameter built into a longer ARN) may name the web ACLs it is built
// from: those are unverifiable, neither passed nor reported unlogged. A parameter is set before the template's
// resources exist, so it names only what the program feeds it (the container's `parameters` dependencies); an import
// names only another stack's export; a literal ARN names a web ACL that exists already, which may be one of the stack
// deployed before when name and scope agree.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { refersTo } from "./stack-rule";
import { ArnSources, propertySources } from "./templates/aws-template-waf-arn-sources";
import { TEMPLATE_CONTAINERS } from "./templates/template-containers";
import { parameterDependencies } from "./templates/template-parameter-links";
import { deployedBy, isTemplateResourceId, templateResourceId } from "./templates/template-references";

export interface PossibleLink {
  log: GenericResource;
  /** Why the configuration may name the web ACL, for the note. */
  why: string;
}

export interface AclLogging {
  /** Configurations that name the web ACL. */
  certain: GenericResource[];
  /** Configurations whose resourceArn is unknown at preview and may name it. */
  possible: PossibleLink[];
}

/** What an unresolved ResourceArn names: the web ACL it certainly is, and why it may be each of the others. */
interface Reading {
  exactly?: string;
  mayName: (acl: GenericResource) => string | undefined;
}

/** The container that deploys template resource `r` (the longest urn its id starts with) and r's logical id. */
function origin(r: GenericResource, containers: readonly GenericResource[]) {
  const id = r.inputs.id;
  if (!isTemplateResourceId(id)) return undefined;
  const container = containers.filter((c) => deployedBy(id, c.urn)).sort((a, b) => b.urn.length - a.urn.length)[0];
  return container && { container, logicalId: id.slice(templateResourceId(container.urn, "").length) };
}

/** The container that deploys the web ACL, when a template does. */
const aclContainer = (acl: GenericResource, containers: readonly GenericResource[]) =>
  containers.find((c) => deployedBy(acl.inputs.arn, c.urn) || deployedBy(acl.inputs.id, c.urn));

function reading(sources: ArnSources, container: GenericResource, containers: readonly GenericResource[]): Reading {
  const ownArns = new Map(sources.resources.map((id) => [templateResourceId(container.urn, id), id]));
  // Whom the program feeds the parameters from: a program web ACL, or a container whose outputs may carry one.
  const fed =
    sources.parameters.length > 0 ? (parameterDependencies(["resourceArn"], container).resourceArn ?? []) : [];
  const reads = `it reads parameter ${sources.parameters.join(", ")}`;
  return {
    exactly: sources.exactly && templateResourceId(container.urn, sources.exactly),
    mayName: (acl) => {
      const own = ownArns.get(String(acl.inputs.arn));
      if (own !== undefined) return `it is built from ${container.name}/${own}`;
      const deployer = aclContainer(acl, containers);
      if (fed.includes(acl.urn)) return `${reads}, which the program feeds from ${acl.name}`;
      if (deployer && fed.includes(deployer.urn)) return `${reads}, which the program feeds from ${deployer.name}`;
      if (sources.imports && deployer && deployer.urn !== container.urn)
        return "it imports a value another stack exports";
      return undefined;
    },
  };
}

/** A web ACL ARN: its scope (regional, or global for CloudFront) and name; the id WAF assigns follows. */
const WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[^:]*:[^:]*:(regional|global)\/webacl\/([^/]+)\//;

/**
 * A known ARN names a web ACL that already exists, with an id no plan knows: it may be this one, deployed before,
 * when name and scope agree.
 */
function existingNamed(arn: unknown, acl: GenericResource): string | undefined {
  const match = typeof arn === "string" && !isUnknown(arn) ? WEB_ACL_ARN.exec(arn) : null;
  const { name, scope } = acl.inputs;
  if (!match || typeof name !== "string" || isUnknown(name) || name !== match[2]) return undefined;
  const sameScope =
    typeof scope !== "string" ||
    isUnknown(scope) ||
    scope.toUpperCase() === (match[1] === "global" ? "CLOUDFRONT" : "REGIONAL");
  return sameScope ? `it is the ARN of an existing web ACL named ${name}` : undefined;
}

/** Unreadable as written: it may name any web ACL. */
const unreadable: Reading = { mayName: () => "the template's ResourceArn cannot be read" };

/** For each web ACL of `resources`, the logging configurations `logs` that name it or may. */
export function loggingLinks(
  logs: readonly GenericResource[],
  resources: readonly GenericResource[],
): (acl: GenericResource) => AclLogging {
  const containers = resources.filter((r) => TEMPLATE_CONTAINERS.has(r.type));
  const readings = new Map<GenericResource, Reading | undefined>();
  const readingOf = (log: GenericResource): Reading | undefined => {
    if (!readings.has(log)) {
      const from = isUnknown(log.inputs.resourceArn) ? origin(log, containers) : undefined;
      const sources = from && propertySources(from.container.inputs.templateBody, from.logicalId, "ResourceArn");
      readings.set(log, from && (sources ? reading(sources, from.container, containers) : unreadable));
    }
    return readings.get(log);
  };
  return (acl) => {
    const certain: GenericResource[] = [];
    const possible: PossibleLink[] = [];
    for (const log of logs) {
      if (refersTo(log, "resourceArn", acl, ["arn", "id"])) {
        certain.push(log);
        continue;
      }
      const r = readingOf(log);
      if (r?.exactly !== undefined && (r.exactly === acl.inputs.arn || r.exactly === acl.inputs.id)) {
        certain.push(log);
        continue;
      }
      const why = r?.mayName(acl) ?? existingNamed(log.inputs.resourceArn, acl);
      if (why) possible.push({ log, why });
    }
    return { certain, possible };
  };
}
