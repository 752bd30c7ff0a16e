import { IConstruct } from 'constructs';
import { ProblemCollector } from './errors';
import { whyNotNamespace, whyNotObjectName, whyNotPort, whyNotServiceName } from './names';
import { checkKnownKeys } from './unknown-keys';

/**
 * Adds a problem for a name or namespace Kubernetes would refuse for a Gloo object: names are
 * RFC 1123 subdomains (at most 253 characters), namespaces RFC 1123 labels (at most 63).
 * `namespace` may be `undefined` when the object takes its namespace from the cluster context.
 *
 * @param prefix put before the fields, e.g. `metadata.` for an object this app emits
 */
export function addNameProblems(problems: ProblemCollector, name: string, namespace: string | undefined, prefix: string): void {
  const nameProblem = whyNotObjectName(name);
  if (nameProblem) problems.add(`${prefix}name`, name, nameProblem);
  const nsProblem = namespace === undefined ? undefined : whyNotNamespace(namespace);
  if (nsProblem) problems.add(`${prefix}namespace`, namespace, nsProblem);
}

/**
 * Checks the name and options given to a `fromXxxName()` reference, throwing every problem found.
 * A namespace given as a string, the first API's fourth argument, would otherwise be ignored.
 */
export function checkImportedName(
  scope: IConstruct, name: string, namespace: string, options: unknown, iface: 'ImportedResourceOptions' | 'ImportedUpstreamOptions' = 'ImportedResourceOptions',
): void {
  const problems = new ProblemCollector(scope);
  if (typeof options === 'string') {
    problems.add('options', options, `an options object such as { namespace: '${options}' }`,
      'the namespace is no longer the fourth argument; given as a string it would be ignored');
  }
  checkKnownKeys(problems.add.bind(problems), options, iface);
  addNameProblems(problems, name, namespace ?? '', '');
  const service = (options as { service?: { serviceName?: unknown; serviceNamespace?: unknown; port?: unknown } } | undefined)?.service;
  if (service !== undefined) {
    if (typeof service !== 'object' || service === null) {
      problems.add('service', service, 'the Service, { serviceName, serviceNamespace, port }');
    } else {
      checkKnownKeys(problems.add.bind(problems), service, 'KubeServiceDestination', 'service.');
      const why = {
        serviceName: whyNotServiceName(service.serviceName as string),
        serviceNamespace: whyNotNamespace(service.serviceNamespace as string),
        port: whyNotPort(service.port as number),
      };
      for (const [field, problem] of Object.entries(why)) if (problem) problems.add(`service.${field}`, service[field as keyof typeof service], problem);
    }
  }
  problems.throwIfAny();
}
