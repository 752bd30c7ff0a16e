import { IConstruct } from 'constructs';
import { ProblemCollector } from './errors';
import { whyNotNamespace, whyNotObjectName } from './names';

/** Checks the name and namespace given to a `fromXxxName()` reference, throwing every problem found. */
export function checkImportedName(scope: IConstruct, name: string, namespace: string): void {
  const problems = new ProblemCollector(scope);
  const nameProblem = whyNotObjectName(name);
  if (nameProblem) problems.add('name', name, nameProblem);
  const nsProblem = whyNotNamespace(namespace);
  if (nsProblem) problems.add('namespace', namespace, nsProblem);
  problems.throwIfAny();
}
