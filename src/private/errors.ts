import { IConstruct } from 'constructs';
import { jsonAt } from './json';

/**
 * One problem found in the input: where it is, which field, what was given and what was expected.
 *
 * Every error of the library is built from these, so messages read alike:
 * `[petstore/coalmine] routes[1].matchers[0]: got {"headers":[...]}, expected a path specifier (prefix, exact or regex)`.
 */
export interface Problem {
  /** The construct path, e.g. `petstore/coalmine`. */
  readonly path: string;
  /** The field, in Gloo's words, e.g. `routes[1].routeAction.multi.destinations[0].weight`. */
  readonly field: string;
  /** The value that was given. */
  readonly given: unknown;
  /** What was expected instead (lowercase, no period). */
  readonly expected: string;
  /** How to fix it, when there is something useful to say. */
  readonly hint?: string;
}

/** Renders a value for an error message: strings quoted, objects as compact JSON, functions and constructs by name. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (isConstruct(value)) return `construct ${value.node.path}`;
  try {
    const json = JSON.stringify(value, (_k, v) => (isConstruct(v) ? `<${v.node.path}>` : v));
    return json.length > 200 ? `${json.slice(0, 197)}...` : json;
  } catch {
    return String(value);
  }
}

/** Formats a problem as one line without the construct path (cdk8s adds `[path]` to validation messages). */
export function formatProblemBody(p: Problem): string {
  const hint = p.hint ? ` (hint: ${p.hint})` : '';
  return `${p.field}: got ${describeValue(p.given)}, expected ${p.expected}${hint}`;
}

/** Formats a problem as one line, construct path first. */
export function formatProblem(p: Problem): string {
  return `[${p.path}] ${formatProblemBody(p)}`;
}

/** Adds a problem: the field, the value given, what was expected and, optionally, how to fix it. */
export type AddProblem = (field: string, given: unknown, expected: string, hint?: string) => void;

/** The error thrown for bad input; `problems` holds every problem found, in order. */
export class GlooInputError extends Error {
  public readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.length === 1
      ? formatProblem(problems[0])
      : `${problems.length} problems:\n  ${problems.map(formatProblem).join('\n  ')}`);
    this.name = 'GlooInputError';
    this.problems = problems;
  }
}

/** Builds problems for one construct; `throwIfAny()` raises them together. */
export class ProblemCollector {
  public readonly problems: Problem[] = [];
  constructor(private readonly scope: IConstruct) {}

  public add(field: string, given: unknown, expected: string, hint?: string): void {
    this.problems.push({ path: this.scope.node.path, field, given, expected, hint });
  }

  public throwIfAny(): void {
    if (this.problems.length > 0) throw new GlooInputError(this.problems);
  }
}

function isConstruct(x: unknown): x is IConstruct {
  return typeof x === 'object' && x !== null && 'node' in x && typeof jsonAt(x.node, 'path') === 'string';
}

/**
 * The problems of an error the library threw for bad input. Such errors are `Error`s named
 * `GlooInputError` (jsii languages cannot subclass `Error`), whose message lists every problem;
 * this gives them as structs, to check in tests or report in tools.
 */
export class InputProblems {
  /** The problems of `error` when the library threw it for bad input; empty for any other error. */
  public static of(error: unknown): Problem[] {
    if (error instanceof GlooInputError) return [...error.problems];
    // a GlooInputError of another copy of the library
    if (jsonAt(error, 'name') !== 'GlooInputError') return [];
    const problems = jsonAt(error, 'problems');
    return Array.isArray(problems) ? [...problems] : [];
  }

  private constructor() {}
}
