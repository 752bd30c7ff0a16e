/**
 * Synthesizes every step of the petstore walkthrough to `<outdir>/steps/<step>/`, so a reviewer
 * can read the blog's steps side by side. (`npm run synth:stages` writes every stage of every
 * release instead.)
 *
 *   node .build/examples/petstore-canary/steps-synth.js [--outdir <dir>]
 *
 * The steps folder is replaced only when every step synthesizes.
 */
import * as path from 'path';
import { App } from 'cdk8s';
import { buildPetstoreCanary } from './app';
import { STEPS } from './steps';
import { AtomicOutputDirectory } from '../../src';

const i = process.argv.indexOf('--outdir');
const outdir = i >= 0 ? process.argv[i + 1] : (process.env.CDK8S_OUTDIR || 'dist');
const out = new AtomicOutputDirectory(path.join(outdir, 'steps'), { ignoreOutdirEnv: true });
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
