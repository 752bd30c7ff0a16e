/**
 * A problem a value object found in its input when it was made. Value objects have no construct
 * path, so they keep the problem and the construct that receives them reports it, with its path.
 */
export interface InputProblem {
  /** The field, relative to the value object, e.g. `prefix`. */
  readonly field: string;
  /** The value given. */
  readonly given: unknown;
  /** What was expected instead. */
  readonly expected: string;
  /** How to fix it. */
  readonly hint?: string;
}
