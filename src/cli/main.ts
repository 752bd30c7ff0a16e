#!/usr/bin/env node
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appCommand, loadManifests, outputDir } from './app-runner';
import { buildPlans, formatPlans } from './plan';
import { synthEveryStage } from './stage-runs';
import { AtomicOutputDirectory } from '../synth/atomic-output';

const USAGE = `usage: cdk8s-gloo-canary <command> [options]

commands:
  plan           print every stage of every canary release as a table: where requests
                 with and without the canary header go, computed with the routing simulator
  synth-stages   synthesize every stage of every release to <output>/stages/<release>/<stage>/

options:
  --app <cmd>        the app command (default: app: of cdk8s.yaml)
  --output <dir>     the output folder of synth-stages (default: output: of cdk8s.yaml, or dist)
  --format <f>       plan format: text (default) or markdown
`;

/** Runs the command line; returns the exit code. */
export function main(argv: string[], cwd: string = process.cwd(), out: (s: string) => void = s => process.stdout.write(s)): number {
  const [command, ...rest] = argv;
  const options: { [k: string]: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const m = /^--([a-z]+)$/.exec(rest[i]);
    if (!m || rest[i + 1] === undefined) {
      process.stderr.write(`unknown or incomplete option ${JSON.stringify(rest[i])}\n\n${USAGE}`);
      return 2;
    }
    options[m[1]] = rest[++i];
  }
  if (command === undefined || command === '--help' || command === 'help') {
    out(USAGE);
    return command === undefined ? 2 : 0;
  }
  try {
    const app = appCommand(cwd, options.app);
    if (command === 'plan') {
      const format = options.format ?? 'text';
      if (format !== 'text' && format !== 'markdown') throw new Error(`--format: got ${JSON.stringify(format)}, expected text or markdown`);
      const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-plan-'));
      try {
        const plans = buildPlans(synthEveryStage(app, work).map(run => ({ ...run, manifests: loadManifests(run.dir) })));
        out(plans.length === 0 ? 'the app has no canary releases\n' : formatPlans(plans, format));
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
      return 0;
    }
    if (command === 'synth-stages') {
      const staged = new AtomicOutputDirectory(path.join(outputDir(cwd, options.output), 'stages'));
      try {
        const runs = synthEveryStage(app, staged.stagingDir);
        staged.commit();
        out(`synthesized ${runs.length} stages of ${new Set(runs.map(r => r.release.path)).size} releases to ${staged.outdir}\n`);
      } catch (e) {
        staged.abort();
        throw e;
      }
      return 0;
    }
    process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
    return 2;
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
