/**
 * Synthesizes the petstore walkthrough at its active step (see active-step.ts).
 *
 *   node .build/examples/petstore-canary/main.js [--step <step>] [--outdir <dir>]
 *
 * The output replaces the previous one only when synthesis succeeds.
 */
import { App } from 'cdk8s';
import { ACTIVE_STEP } from './active-step';
import { buildPetstoreCanary } from './app';
import { isStep, STEPS } from './steps';
import { AtomicOutputDirectory } from '../../src';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const step = option('step') ?? ACTIVE_STEP;
if (!isStep(step)) {
  console.error(`unknown step ${JSON.stringify(step)}, expected one of: ${STEPS.join(', ')}`);
  process.exit(2);
}
// dist/, or where `cdk8s synth` and the cdk8s-gloo-canary commands ask (CDK8S_OUTDIR); --outdir wins
const outdirOption = option('outdir');
const out = new AtomicOutputDirectory(outdirOption ?? 'dist', { keepSubdirectories: true, ignoreOutdirEnv: outdirOption !== undefined });
try {
  const app = new App({ outdir: out.stagingDir });
  buildPetstoreCanary(app, step);
  app.synth();
  out.commit();
  console.log(`synthesized step ${step} to ${out.outdir}`);
} catch (e) {
  out.abort();
  console.error(`synth failed, ${out.outdir} was left as it was:\n${(e as Error).message}`);
  process.exit(1);
}
