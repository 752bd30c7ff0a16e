#!/usr/bin/env node
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adoptCommand } from './adopt-command';
import { AppCommand, appCommand, outputDir } from './app-command';
import { loadManifestFile, synthStages } from './app-runner';
import { outputFolders, stageManifests } from './output-folders';
import { buildPlans, formatPlans } from './plan';
import { StageFilter, StageRun } from './stage-runs';
import { AtomicOutputDirectory } from '../synth/atomic-output';
import { CrdSchemaValidator } from '../validation/crd-schema';

const USAGE = `usage: cdk8s-gloo-canary <command> [options]

commands:
  plan           print every stage of every canary release as a table: where requests
                 with and without the canary header go, computed with the Gloo routing
                 simulator, or for a release synthesized as an HTTPRoute (GatewayApiTarget)
                 with the Gateway API simulator; each table then names its target
  synth-stages   synthesize every stage of every release to <output>/stages/<release>/<stage>/
  validate <dir> check every Gloo object in the YAML files under <dir> against the Gloo 1.22
                 CRD schemas: fields the API server would prune, wrong types, out-of-range values
  adopt <file or dir>... [--out <file>]
                 turn existing Gloo YAML (1.x, or the 0.x shape) into a cdk8s app built with
                 this library (default --out src/adopted.ts); the code is synthesized and
                 compared with the input by routing and by object, and written only when it
                 routes alike

options:
  --app <cmd>            the app command (default: app: of cdk8s.yaml)
  --output <dir>         the output folder of synth-stages (default: output: of cdk8s.yaml, or dist)
  --format <f>           plan format: text (default) or markdown
  --release <name>       plan or synthesize only this release (its name or construct path)
  --stage <name>         with --release: only this stage of it
  --show-header-values   show the canary header's value in the plan (masked as *** by default)

An app: of the form "npx ts-node main.ts", "npx tsx main.ts" or "node main.js" starts once and
synthesizes every stage in that one process; any other command runs once per stage.
`;

const FLAGS = new Set(['show-header-values']);
const VALUED = new Set(['app', 'output', 'format', 'release', 'stage']);

/** Runs the command line; returns the exit code. */
export function main(argv: string[], cwd: string = process.cwd(), out: (s: string) => void = s => process.stdout.write(s)): number {
  const [command, ...args] = argv;
  if (command === 'adopt') return adoptCommand(args, cwd, out, s => process.stderr.write(s));
  const positional = command === 'validate' && args[0] !== undefined && !args[0].startsWith('--') ? args[0] : undefined;
  const rest = positional !== undefined ? args.slice(1) : args;
  const options: { [k: string]: string } = {};
  for (let i = 0; i < rest.length; i++) {
    const name = /^--([a-z-]+)$/.exec(rest[i])?.[1];
    if (name !== undefined && FLAGS.has(name)) {
      options[name] = 'true';
    } else if (name !== undefined && VALUED.has(name) && rest[i + 1] !== undefined) {
      options[name] = rest[++i];
    } else {
      process.stderr.write(`unknown or incomplete option ${JSON.stringify(rest[i])}\n\n${USAGE}`);
      return 2;
    }
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
    if (command !== 'plan' && command !== 'synth-stages') {
      process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
      return 2;
    }
    if (options.stage !== undefined && options.release === undefined) throw new Error('--stage needs --release <name>: the release whose stage it is');
    const app = appCommand(cwd, options.app);
    const filter: StageFilter = { release: options.release, stage: options.stage };
    if (command === 'plan') return plan(app, filter, options, out);
    return synthStagesTo(outputDir(cwd, options.output), app, filter, out);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    return 1;
  }
}

function note(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** Prints the plan of every release (or the one the filter names). */
function plan(app: AppCommand, filter: StageFilter, options: { [k: string]: string }, out: (s: string) => void): number {
  const format = options.format ?? 'text';
  if (format !== 'text' && format !== 'markdown') throw new Error(`--format: got ${JSON.stringify(format)}, expected text or markdown`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-plan-'));
  try {
    const runs = synthStages(app, work, filter, note).flatMap(run => stageManifests(run, outputFolders(run.dir)));
    const plans = buildPlans(runs, { showHeaderValues: options['show-header-values'] === 'true' });
    out(plans.length === 0 ? 'the app has no canary releases\n' : formatPlans(plans, format));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return 0;
}

/**
 * Synthesizes the stages to `<output>/stages/<release>/<stage>/`, swapping them in only when every
 * run succeeded: the whole `stages/` folder, or with a filter only the stage folders it names.
 */
function synthStagesTo(output: string, app: AppCommand, filter: StageFilter, out: (s: string) => void): number {
  const staged = new AtomicOutputDirectory(path.join(output, 'stages'), { ignoreOutdirEnv: true });
  let runs: StageRun[];
  try {
    runs = synthStages(app, staged.stagingDir, filter, note);
  } catch (e) {
    staged.abort();
    throw e;
  }
  if (filter.release === undefined) {
    staged.commit();
  } else {
    for (const run of runs) {
      const target = path.join(staged.outdir, path.relative(staged.stagingDir, run.dir));
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.rmSync(target, { recursive: true, force: true });
      fs.renameSync(run.dir, target);
    }
    staged.abort();
  }
  out(`synthesized ${runs.length} stages of ${new Set(runs.map(r => r.release.path)).size} releases to ${staged.outdir}\n`);
  return 0;
}

/** Validates every Gloo object of the YAML files under `dir`; 0 when all pass, 1 otherwise. */
function validateFolder(dir: string, out: (s: string) => void): number {
  if (!fs.existsSync(dir)) throw new Error(`no folder ${dir}`);
  const validator = CrdSchemaValidator.gloo();
  let checked = 0;
  const problems: string[] = [];
  const visit = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        visit(p);
      } else if (/\.ya?ml$/.test(entry.name)) {
        const manifests = loadManifestFile(p);
        checked += manifests.filter(m => validator.covers(m)).length;
        problems.push(...validator.validate(manifests).map(v => `${path.relative(dir, p)}: ${CrdSchemaValidator.formatViolation(v)}`));
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
