#!/usr/bin/env node
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { adoptCommand } from './adopt-command';
import { AppCommand, appCommand, outputDir } from './app-command';
import { loadManifestFile, synthStages } from './app-runner';
import { diffCommand } from './diff-command';
import { outputFolders, stageManifests } from './output-folders';
import { buildPlans, formatPlans } from './plan';
import { StageFilter, StageRun } from './stage-runs';
import { gatewayRuleProblems } from '../gateway-api/gateway-rules';
import { objectName } from '../gateway-api/http-route-model';
import { formatHttpRouteProblem } from '../gateway-api/http-route-problems';
import { HttpRouteRules } from '../gateway-api/http-route-rules';
import { kgatewayRuleProblems } from '../gateway-api/kgateway-rules';
import { formatProblem } from '../private/errors';
import { asString, jsonAt } from '../private/json';
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
                 CRD schemas, and every Gateway API object against the Gateway API v1.6.1
                 CRD schemas plus, for HTTPRoutes, the CRD's validation rules: fields the API
                 server would prune or refuse, wrong types, out-of-range values
  diff <base> <head>, diff --base <git-ref>
                 which requests route differently between two synthesized outputs (folders
                 or files; Gloo, Gateway API, or one of each), or between the app at a git
                 ref and the working tree: Services and shares before and after per request
                 class, by object and release, then the objects added, removed or changed.
                 --format text|markdown|json, --expect <release>[=<stage>] (repeatable),
                 --show-header-values; exit 0 when nothing routes differently, 1 when
                 something does (with --expect: anything but those releases), 2 on error
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
  if (command === 'diff') return diffCommand(args, cwd, out, s => process.stderr.write(s));
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

/**
 * Validates the YAML files under `dir`: every Gloo object against the Gloo CRD schemas, every
 * Gateway API object against the Gateway API CRD schemas and the CRD's rules (`HttpRouteRules`,
 * `gatewayRuleProblems`), every kgateway object against the kgateway CRD schemas and rules
 * (`kgatewayRuleProblems`). 0 when all pass, 1 otherwise. A folder without Gateway API objects
 * reads as it always did.
 */
function validateFolder(dir: string, out: (s: string) => void): number {
  if (!fs.existsSync(dir)) throw new Error(`no folder ${dir}`);
  const gloo = CrdSchemaValidator.gloo();
  const gatewayApi = CrdSchemaValidator.gatewayApi();
  const kgateway = CrdSchemaValidator.kgateway();
  let glooChecked = 0;
  let gatewayChecked = 0;
  const unchecked = new Set<string>();
  const glooProblems: string[] = [];
  const gatewayProblems: string[] = [];
  const visit = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) {
        visit(p);
      } else if (/\.ya?ml$/.test(entry.name)) {
        const manifests = loadManifestFile(p);
        const file = path.relative(dir, p);
        manifests.forEach((m, index) => {
          const at = `${file} document ${index}`;
          if (gloo.covers(m)) {
            glooChecked++;
            glooProblems.push(...gloo.validate([m]).map(v => `${at}: ${CrdSchemaValidator.formatViolation(v)}`));
            if (jsonString(jsonAt(m, 'metadata'), 'namespace') === '') {
              // Gloo finds what a reference names by namespace; kubectl apply puts this one wherever the context points
              glooProblems.push(`${at}: ${jsonString(m, 'apiVersion')}/${jsonString(m, 'kind')} ${jsonString(jsonAt(m, 'metadata'), 'name') || '(no name)'} `
                + 'metadata.namespace: missing; kubectl apply would put it in the namespace of the current context, where references '
                + 'that name a namespace may not find it: set one');
            }
          }
          if (isKgatewayObject(m)) {
            if (!kgateway.covers(m)) unchecked.add(`${jsonString(m, 'apiVersion')}/${jsonString(m, 'kind')}`);
            else gatewayChecked++;
            gatewayProblems.push(...kgateway.validate([m]).map(v => `${at}: ${CrdSchemaValidator.formatViolation(v)}`));
            gatewayProblems.push(...kgatewayRuleProblems(m).map(k => `${at}: ${formatProblem({ path: objectName(m), field: k.field, given: k.given, expected: k.expected })}`));
            return;
          }
          if (!isGatewayApiObject(m)) return;
          if (!gatewayApi.covers(m)) unchecked.add(`${jsonString(m, 'apiVersion')}/${jsonString(m, 'kind')}`);
          else gatewayChecked++;
          gatewayProblems.push(...gatewayApi.validate([m]).map(v => `${at}: ${CrdSchemaValidator.formatViolation(v)}`));
          gatewayProblems.push(...gatewayRuleProblems(m).map(g => `${at}: ${formatProblem({ path: objectName(m), field: g.field, given: g.given, expected: g.expected })}`));
        });
        // the HTTPRoute rules look at the file's routes together
        gatewayProblems.push(...HttpRouteRules.check(manifests.filter(isGatewayApiObject)).map(problem => `${file}: ${formatHttpRouteProblem(problem)}`));
      }
    }
  };
  visit(dir);
  if (glooProblems.length > 0) {
    process.stderr.write(`${glooProblems.length} field(s) do not match the Gloo CRD schemas:\n  ${glooProblems.join('\n  ')}\n`);
  }
  if (gatewayProblems.length > 0) {
    process.stderr.write(`${gatewayProblems.length} field(s) do not match the Gateway API v1.6.1 or kgateway v2.2.0 CRD schemas and rules:\n  ${gatewayProblems.join('\n  ')}\n`);
  }
  if (glooProblems.length > 0 || gatewayProblems.length > 0) return 1;
  if (glooChecked > 0 || gatewayChecked === 0) out(`${glooChecked} Gloo objects under ${dir} match the Gloo CRD schemas\n`);
  if (gatewayChecked > 0) out(`${gatewayChecked} Gateway API and kgateway objects under ${dir} match the Gateway API v1.6.1 and kgateway v2.2.0 CRD schemas and rules\n`);
  if (unchecked.size > 0) {
    out(`not checked, no vendored CRD schema: ${[...unchecked].sort().join(', ')} (the vendored ones: ${[...gatewayApi.resources, ...kgateway.resources].join(', ')})\n`);
  }
  return 0;
}

/** Whether a manifest is of kgateway's group (`gateway.kgateway.dev/...`). */
function isKgatewayObject(m: unknown): boolean {
  return jsonString(m, 'apiVersion').startsWith('gateway.kgateway.dev/');
}

/** Whether a manifest is of the Gateway API group (`gateway.networking.k8s.io/...`). */
function isGatewayApiObject(m: unknown): boolean {
  return jsonString(m, 'apiVersion').startsWith('gateway.networking.k8s.io/');
}

/** A string field of a manifest, or `''`. */
function jsonString(m: unknown, key: string): string {
  return asString(jsonAt(m, key)) ?? '';
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
