/**
 * Synthesizes the petstore walkthrough at its active step (see active-step.ts), for Gloo Edge to
 * the output folder and for Gateway API to its `gateway-api/` subfolder (see targets.ts).
 *
 *   node .build/examples/petstore-canary/main.js [--step <step>] [--outdir <dir>] [--target gloo|gateway-api]
 *
 * `--target` synthesizes that target alone, to the output folder itself. The output replaces the
 * previous one only when synthesis of every target succeeds.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { ACTIVE_STEP } from './active-step';
import { buildPetstoreCanary } from './app';
import { isStep, STEPS } from './steps';
import { applyTarget, Target, TARGET_SUBDIR, TARGETS } from './targets';
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
const only = option('target');
if (only !== undefined && !TARGETS.includes(only as Target)) {
  console.error(`unknown target ${JSON.stringify(only)}, expected one of: ${TARGETS.join(', ')}`);
  process.exit(2);
}
// dist/, or where `cdk8s synth` and the cdk8s-gloo-canary commands ask (CDK8S_OUTDIR); --outdir wins
const outdirOption = option('outdir');
const out = new AtomicOutputDirectory(outdirOption ?? 'dist', { keepSubdirectories: true, ignoreOutdirEnv: outdirOption !== undefined });
try {
  for (const target of only ? [only as Target] : TARGETS) {
    const app = new App({ outdir: only ? out.stagingDir : path.join(out.stagingDir, TARGET_SUBDIR[target]) });
    applyTarget(app, target);
    buildPetstoreCanary(app, step);
    app.synth();
  }
  out.commit();
  console.log(`synthesized step ${step} to ${out.outdir}${only ? ` (${only})` : ` (gloo; gateway api in ${TARGET_SUBDIR['gateway-api']}/)`}`);
} catch (e) {
  out.abort();
  console.error(`synth failed, ${out.outdir} was left as it was:\n${(e as Error).message}`);
  process.exit(1);
}
