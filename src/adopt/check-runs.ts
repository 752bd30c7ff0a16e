import { AddProblem } from '../private/errors';

/**
 * The problems the library's own check `check` finds, one line each (`field: got X, expected Y`):
 * the generator runs the checks a construct will run before it writes a typed form, and keeps the
 * input's form (an escape hatch, or the object as it is) when they find any.
 */
export function problemsOf(check: (add: AddProblem) => void): string[] {
  const problems: string[] = [];
  check((field, given, expected) => problems.push(`${field}: got ${JSON.stringify(given)}, expected ${expected}`));
  return problems;
}
