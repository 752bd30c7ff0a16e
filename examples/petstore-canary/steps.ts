/**
 * The steps of the blog walkthrough, in order, named after its VirtualService manifests.
 */
export const STEPS = [
  'part-1-function-routing',
  'part-2-header-canary',
  'part-2-findpets-v2',
  'part-3-weighted-10',
  'part-3-weighted-50',
] as const;

/** One step of the walkthrough. */
export type Step = typeof STEPS[number];

/** Whether `name` is a step of the walkthrough. */
export function isStep(name: string): name is Step {
  return (STEPS as readonly string[]).includes(name);
}
