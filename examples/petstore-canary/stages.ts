/**
 * Synthesizes every step of the petstore walkthrough to `<outdir>/stages/<step>/`, so a reviewer
 * can read the steps side by side.
 *
 *   node .build/examples/petstore-canary/stages.js [--outdir <dir>]
 *
 * The stages folder is replaced only when every step synthesizes.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { buildPetstoreCanary } from './app';
import { STEPS } from './steps';
import { AtomicOutputDirectory } from '../../src';

const i = process.argv.indexOf('--outdir');
const outdir = i >= 0 ? process.argv[i + 1] : 'dist';
const out = new AtomicOutputDirectory(path.join(outdir, 'stages'));
try {
  for (const step of STEPS) {
    const app = new App({ outdir: path.join(out.stagingDir, step) });
    buildPetstoreCanary(app, step);
    app.synth();
  }
  out.commit();
  console.log(`synthesized ${STEPS.length} steps to ${out.outdir}`);
} catch (e) {
  out.abort();
  console.error(`synth failed, ${out.outdir} was left as it was:\n${(e as Error).message}`);
  process.exit(1);
}
