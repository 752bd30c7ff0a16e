import { Step } from './steps';

/**
 * The step that `npm run synth` builds. Advancing the release is a change of this one line.
 */
// [tutorial:active-step]
export const ACTIVE_STEP: Step = 'part-3-weighted-50';
// [/tutorial]
