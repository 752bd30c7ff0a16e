import { execSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AppCommand, HostedApp, hostedApp } from './app-command';
import type { HostRequest, HostResult } from './app-host';
import { StageFilter, StageRun, synthEveryStage } from './stage-runs';
import { DESCRIBE_ENV, readDescriptions, ReleaseDescription, STAGES_ENV } from '../canary/release-registry';
import { parseManifestText } from '../private/manifest-text';

/**
 * Synthesizes every stage of every release (or those `filter` names) into
 * `<root>/<release>/<stage>/`. An app that one Node.js process can load (ts-node, tsx or node) is
 * started once and run in it once per stage; any other app command runs once per stage, and
 * `note` says so.
 */
export function synthStages(app: AppCommand, root: string, filter: StageFilter = {}, note: (line: string) => void = () => {}): StageRun[] {
  const hosted = hostedApp(app);
  const host = hostScript();
  if (typeof hosted !== 'string' && host) return runHosted(app, hosted, host, root, filter);
  const why = typeof hosted === 'string' ? hosted : 'the CLI\'s app host is not compiled';
  note(`note: running ${JSON.stringify(app.command)} once per stage, since ${why}; an app: of the form "npx ts-node main.ts", "npx tsx main.ts" or "node main.js" runs in one process`);
  return synthEveryStage((outdir, stages) => runAppProcess(app, outdir, stages), root, filter);
}

/** Starts the host once with the app's loader; it runs the app once per stage. */
function runHosted(app: AppCommand, hosted: HostedApp, host: string, root: string, filter: StageFilter): StageRun[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-host-'));
  try {
    const request: HostRequest = { entry: hosted.entry, args: hosted.args, root, filter, resultFile: path.join(work, 'result.json') };
    fs.writeFileSync(path.join(work, 'request.json'), JSON.stringify(request));
    const child = spawnSync(process.execPath, [...hosted.nodeArgs, host, path.join(work, 'request.json')], {
      cwd: app.cwd,
      env: { ...process.env, ...hosted.env, CDK8S_CHECK_UPGRADE: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 2 ** 20,
      encoding: 'utf8',
    });
    const result: HostResult | undefined = fs.existsSync(request.resultFile) ? JSON.parse(fs.readFileSync(request.resultFile, 'utf8')) : undefined;
    if (result?.runs) return result.runs;
    if (result?.error && !result.appFailed) throw new Error(result.error);
    const detail = result?.error ?? errorLine(`${child.stderr ?? ''}`) ?? child.error?.message ?? `exit code ${child.status}`;
    throw appFailed(app, detail);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Runs the app command once, as a shell command, with `stages` chosen; returns the releases it described. */
export function runAppProcess(app: AppCommand, outdir: string, stages: { [release: string]: string } = {}): ReleaseDescription[] {
  const describeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-')), 'releases.jsonl');
  try {
    execSync(app.command, {
      cwd: app.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, CDK8S_OUTDIR: outdir, CDK8S_CHECK_UPGRADE: 'false', [STAGES_ENV]: JSON.stringify(stages), [DESCRIBE_ENV]: describeFile },
    });
    return readDescriptions(describeFile);
  } catch (e) {
    // execSync throws an Error with the child's output
    const failure = e as { stderr?: unknown; stdout?: unknown; message: string };
    throw appFailed(app, errorLine(`${failure.stderr ?? ''}\n${failure.stdout ?? ''}`) ?? failure.message);
  } finally {
    fs.rmSync(path.dirname(describeFile), { recursive: true, force: true });
  }
}

/** One line for a failed app: what it said, and what to do. */
export function appFailed(app: AppCommand, detail: string): Error {
  const said = detail.length > 400 ? `${detail.slice(0, 397)}...` : detail;
  return new Error(`the app failed: ${said} (run ${JSON.stringify(app.command)} in ${app.cwd} to see its whole output)`);
}

/**
 * The line of an app's output that says what went wrong: its first `...Error: ...` line (with the
 * next line when that continues the message, as cdk8s's validation errors do), or its last line.
 */
export function errorLine(output: string): string | undefined {
  const lines = output.split('\n').map(l => l.trimEnd()).filter(l => l.trim() !== '');
  const at = lines.findIndex(l => /^(\w*Error|Uncaught \w*)(\s\[\w+\])?: /.test(l.trim()));
  if (at < 0) return lines[lines.length - 1]?.trim();
  const next = lines[at + 1];
  const continues = next !== undefined && !/^\s+at /.test(next) && /:$/.test(lines[at]);
  return continues ? `${lines[at].trim()} ${next.trim()}` : lines[at].trim();
}

/** The compiled host: next to this file in the package, or in .build/ when running from source. */
function hostScript(): string | undefined {
  const candidates = [path.join(__dirname, 'app-host.js'), path.join(__dirname, '..', '..', '.build', 'src', 'cli', 'app-host.js')];
  return candidates.find(f => fs.existsSync(f));
}

/** Every manifest of every YAML file in `dir` (not in its subfolders), files in name order. */
export function loadManifests(dir: string): unknown[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml') || f.endsWith('.yml')).sort()
    .flatMap(file => loadManifestFile(path.join(dir, file)));
}

/** Every manifest of one YAML file. */
export function loadManifestFile(file: string): unknown[] {
  return parseManifestText(fs.readFileSync(file, 'utf8'), file);
}
