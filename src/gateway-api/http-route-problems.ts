import { formatProblem } from '../private/errors';

/** One HTTPRoute field the API server (or kgateway) would refuse. */
export interface HttpRouteProblem {
  /** `namespace/name` of the HTTPRoute. */
  readonly object: string;
  /** The field, e.g. `spec.rules[0].matches[1].path.value`. */
  readonly field: string;
  /** The value that was given (a count, for a list that is too long). */
  readonly given: unknown;
  /** What was expected instead (lowercase, no period). */
  readonly expected: string;
}

/** One line, `[namespace/name] field: got ..., expected ...`, in the library's error style. */
export function formatHttpRouteProblem(p: HttpRouteProblem): string {
  return formatProblem({ path: p.object, field: p.field, given: p.given, expected: p.expected });
}

/** Collects the problems of one HTTPRoute, with helpers for the CRD's recurring constraint kinds. */
export class RouteReport {
  constructor(public readonly object: string, private readonly problems: HttpRouteProblem[]) {}

  public add(field: string, given: unknown, expected: string): void {
    this.problems.push({ object: this.object, field, given, expected });
  }

  /** `maxItems`: reports the length of a list that is too long. */
  public maxItems(field: string, value: unknown, max: number, what: string): void {
    if (Array.isArray(value) && value.length > max) this.add(field, value.length, `at most ${max} ${what}`);
  }

  /** `minLength`, `maxLength` and `pattern` of a string; values of other types are the schema check's to report. */
  public text(field: string, value: unknown, rule: { min?: number; max: number; pattern?: RegExp; what?: string }): void {
    if (typeof value !== 'string') return;
    if (rule.min !== undefined && value.length < rule.min) this.add(field, value, `at least ${rule.min} character${rule.min === 1 ? '' : 's'}`);
    else if (value.length > rule.max) this.add(field, value, `at most ${rule.max} characters`);
    else if (rule.pattern && !rule.pattern.test(value)) this.add(field, value, `${rule.what ?? 'a value'} matching ${rule.pattern.source}`);
  }

  /** `minimum` and `maximum` of an integer field. */
  public integer(field: string, value: unknown, min: number, max: number): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.add(field, value, `an integer from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`);
    }
  }

  /** `enum`: the value, when given, is one of `allowed`. */
  public oneOf(field: string, value: unknown, allowed: readonly string[]): void {
    if (value !== undefined && !allowed.includes(value as string)) this.add(field, value, `one of ${allowed.join(', ')}`);
  }

  /** A required string field. */
  public required(field: string, value: unknown, what: string): boolean {
    if (value === undefined || value === '') {
      this.add(field, value, what);
      return false;
    }
    return true;
  }
}
