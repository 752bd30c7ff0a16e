#!/usr/bin/env node
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appCommand, loadManifestFile, loadManifests, outputDir } from './app-runner';
import { buildPlans, formatPlans } from './plan';
import { synthEveryStage } from './stage-runs';
import { AtomicOutputDirectory } from '../synth/atomic-output';
import { CrdSchemaValidator, formatViolation } from '../validation/crd-schema';

const USAGE = `usage: cdk8s-gloo-canary <command> [options]

commands:
  plan           print every stage of every canary release as a table: where requests
                 with and without the canary header go, computed with the routing simulator
  synth-stages   synthesize every stage of every release to <output>/stages/<release>/<stage>/
  validate <dir> check every Gloo object in the YAML files under <dir> against the Gloo 1.22
                 CRD schemas: fields the API server would prune, wrong types, out-of-range values

options:
  --app <cmd>        the app command (default: app: of cdk8s.yaml)
  --output <dir>     the output folder of synth-stages (default: output: of cdk8s.yaml, or dist)
  --format <f>       plan format: text (default) or markdown
`;

/** Runs the command line; returns the exit code. */
export function main(argv: string[], cwd: string = process.cwd(), out: (s: string) => void = s => process.stdout.write(s)): number {
  const [command, ...args] = argv;
  const positional = command === 'validate' && args[0] !== undefined && !args[0].startsWith('--') ? args[0] : undefined;
  const rest = positional !== undefined ? args.slice(1) : args;
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
    if (command === 'validate') {
      if (positional === undefined) throw new Error('validate needs a folder: cdk8s-gloo-canary validate <dir>');
      return validateFolder(path.resolve(cwd, positional), out);
    }
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
      const staged = new AtomicOutputDirectory(path.join(outputDir(cwd, options.output), 'stages'), { ignoreOutdirEnv: true });
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

/** Validates every Gloo object of the YAML files under `dir`; 0 when all pass, 1 otherwise. */
function validateFolder(dir: string, out: (s: string) => void): number {
  if (!fs.existsSync(dir)) throw new Error(`no folder ${dir}`);
  const validator = CrdSchemaValidator.gloo();
  let checked = 0;
  const problems: string[] = [];
  const visit = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        visit(p);
      } else if (/\.ya?ml$/.test(entry.name)) {
        const manifests = loadManifestFile(p);
        checked += manifests.filter(m => validator.covers(m)).length;
        problems.push(...validator.validate(manifests).map(v => `${path.relative(dir, p)}: ${formatViolation(v)}`));
      }
    }
  };
  visit(dir);
  if (problems.length > 0) {
    process.stderr.write(`${problems.length} field(s) do not match the Gloo CRD schemas:\n  ${problems.join('\n  ')}\n`);
    return 1;
  }
  out(`${checked} Gloo objects under ${dir} match the Gloo CRD schemas\n`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
