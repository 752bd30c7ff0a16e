import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { appCommand } from './app-command';
import { runAppProcess } from './app-runner';
import { yamlFolders } from './output-folders';
import type { ReleaseDescription } from '../canary/release-registry';
import { isManifestOf } from '../private/json';
import { DiffFormat, formatDiffs } from '../review/diff-format';
import { OutputFile, readOutputPair } from '../review/output-pair';
import { brokenExpectations, diffRouting, Expectation } from '../review/routing-diff';

export const DIFF_USAGE = 'cdk8s-gloo-canary diff <base> <head> | diff --base <git-ref> [--app <cmd>]'
  + ' [--format text|markdown|json] [--expect <release>[=<stage>]]... [--show-header-values]';

/** The exit codes of `diff`. */
export const DIFF_EXIT = { same: 0, changed: 1, error: 2 } as const;

/** One side of a diff: its output folders' YAML files, and the releases its app described (git form). */
interface Side {
  readonly label: string;
  readonly outputs: Map<string, OutputFile[]>;
  readonly releases?: ReleaseDescription[];
}

/**
 * `diff <base> <head>` (two synthesized output folders or files) or `diff --base <git-ref>` (the
 * app synthesized at that ref in a temporary git worktree, and in the working tree as head, both
 * with the app command of `cdk8s.yaml`): which request classes route differently, grouped by
 * object and release, and the objects added, removed or changed. Folders are compared output by
 * output (the folder itself, and each subfolder with YAML, such as `gateway-api/`; `stages/` of
 * `synth-stages` is left out). Exit 0 when nothing routes differently, 1 when something does (with
 * `--expect`: when anything but the named releases changed, or one is not at its stage), 2 on error,
 * with one line naming what and where; the worktree is removed on every path.
 */
export function diffCommand(args: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): number {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(args);
  } catch (e) {
    err(`diff: ${(e as Error).message}\nusage: ${DIFF_USAGE}\n`);
    return DIFF_EXIT.error;
  }
  try {
    const [base, head] = parsed.baseRef !== undefined
      ? synthesizeBoth(cwd, parsed.baseRef, parsed.app)
      : [readSide(path.resolve(cwd, parsed.paths[0]), parsed.paths[0]), readSide(path.resolve(cwd, parsed.paths[1]), parsed.paths[1])];
    const pairs = pairOutputs(base, head).map(([folder, b, h]) => ({ folder, ...readOutputPair(b, h) }));
    // a folder or file given without routing is a mistake; an app's base without routing is its first routes
    const routed = (side: 'base' | 'head') => pairs.some(p => p[side].routing.some(isRoutingObject));
    const unrouted = parsed.baseRef === undefined ? (!routed('base') ? base : !routed('head') ? head : undefined)
      : !routed('base') && !routed('head') ? head : undefined;
    if (unrouted) throw new Error(`${unrouted.label}: no Gloo VirtualService or Gateway API HTTPRoute in it, so there is no routing to compare`);
    const diffs = pairs.map(p => ({
      folder: p.folder,
      diff: diffRouting({
        base: p.base.routing,
        head: p.head.routing,
        objects: { base: p.base.changed, head: p.head.changed },
        baseReleases: base.releases,
        headReleases: head.releases,
        showHeaderValues: parsed.showHeaderValues,
      }),
    }));
    if (parsed.expectations.length > 0 && base.releases === undefined) {
      throw new Error('--expect needs the releases, which only the app says: run diff --base <git-ref> in the app\'s folder');
    }
    // checked before anything is printed: a release named wrong is an error, not a diff
    const broken = diffs.flatMap(d => brokenExpectations(d.diff, parsed.expectations).map(line => (diffs.length > 1 ? `${d.folder || '.'}: ${line}` : line)));
    out(formatDiffs(diffs, parsed.format));
    if (parsed.expectations.length > 0) {
      for (const line of broken) err(`diff --expect: ${line}\n`);
      return broken.length > 0 ? DIFF_EXIT.changed : DIFF_EXIT.same;
    }
    return diffs.some(d => d.diff.routingChanged) ? DIFF_EXIT.changed : DIFF_EXIT.same;
  } catch (e) {
    err(`diff: ${(e as Error).message.split('\n')[0]}\n`);
    return DIFF_EXIT.error;
  }
}

interface ParsedArgs {
  readonly paths: string[];
  readonly baseRef?: string;
  readonly app?: string;
  readonly format: DiffFormat;
  readonly expectations: Expectation[];
  readonly showHeaderValues: boolean;
}

function parseArgs(args: string[]): ParsedArgs {
  const paths: string[] = [];
  const expectations: Expectation[] = [];
  let baseRef: string | undefined;
  let app: string | undefined;
  let format: DiffFormat = 'text';
  let showHeaderValues = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[i + 1];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      i++;
      return v;
    };
    if (a === '--base') {baseRef = value();} else if (a === '--app') {app = value();} else if (a === '--show-header-values') {showHeaderValues = true;} else if (a === '--format') {
      const f = value();
      if (f !== 'text' && f !== 'markdown' && f !== 'json') throw new Error(`--format: got ${JSON.stringify(f)}, expected text, markdown or json`);
      format = f;
    } else if (a === '--expect') {
      const [release, stage, ...rest] = value().split('=');
      if (release === '' || rest.length > 0 || stage === '') throw new Error(`--expect: got ${JSON.stringify(args[i])}, expected <release> or <release>=<stage>`);
      expectations.push({ release, ...(stage !== undefined ? { stage } : {}) });
    } else if (a.startsWith('--')) {throw new Error(`unknown option ${JSON.stringify(a)}`);} else {paths.push(a);}
  }
  if (baseRef !== undefined && paths.length > 0) throw new Error(`with --base, the working tree is the head: got ${paths.map(p => JSON.stringify(p)).join(' ')} too`);
  if (baseRef === undefined && paths.length !== 2) throw new Error(`expected two synthesized outputs (folders or files), base then head, or --base <git-ref>; got ${paths.length}`);
  if (baseRef === undefined && app !== undefined) throw new Error('--app goes with --base <git-ref>: two folders are compared as they are');
  return { paths, baseRef, app, format, expectations, showHeaderValues };
}

/**
 * A folder's outputs (`''` for the folder itself, then each subfolder with YAML files, such as
 * `gateway-api`; `stages/` left out), or a file as one output: the YAML files as text.
 */
function readSide(target: string, given: string): Side {
  if (!fs.existsSync(target)) throw new Error(`${given}: no such folder or file`);
  const outputs = new Map<string, OutputFile[]>();
  const read = (file: string) => ({ file, text: fs.readFileSync(file, 'utf8') });
  if (fs.statSync(target).isDirectory()) {
    for (const { folder, files } of yamlFolders(target)) {
      if (folder === 'stages' || folder.startsWith('stages/')) continue;
      outputs.set(folder, files.map(name => read(path.join(target, folder, name))));
    }
    if (outputs.size === 0) throw new Error(`${given}: no YAML files in it or its folders (expected a folder cdk8s synth wrote)`);
  } else {
    if (!/\.ya?ml$/.test(target)) throw new Error(`${given}: not a YAML file (expected .yaml or .yml)`);
    outputs.set('', [read(target)]);
  }
  return { label: given, outputs };
}

function isRoutingObject(m: unknown): boolean {
  return isManifestOf(m, 'gateway.solo.io', 'VirtualService') || isManifestOf(m, 'gateway.networking.k8s.io', 'HTTPRoute');
}

/** The outputs of both sides by folder; one output each is compared whatever its folder (two files, a file and a folder). */
function pairOutputs(base: Side, head: Side): Array<[string, OutputFile[], OutputFile[]]> {
  if (base.outputs.size === 1 && head.outputs.size === 1) return [['', [...base.outputs.values()][0], [...head.outputs.values()][0]]];
  const folders = [...new Set([...base.outputs.keys(), ...head.outputs.keys()])].sort();
  return folders.map(f => [f, base.outputs.get(f) ?? [], head.outputs.get(f) ?? []]);
}

/**
 * The app synthesized at `ref` (base) and in the working tree (head), each into a temporary
 * folder with the releases it describes. The base runs in a temporary git worktree of the
 * repository that holds `cwd`, in the same folder of it, with the working tree's installed
 * `node_modules` when it has none of its own; the worktree and folders are removed on every path.
 */
function synthesizeBoth(cwd: string, ref: string, app: string | undefined): [Side, Side] {
  const root = git(cwd, ['rev-parse', '--show-toplevel'], `${cwd} is not in a git repository: diff --base needs one`).trim();
  const commit = git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `--base ${ref}: no such commit in ${root}`).trim();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-diff-'));
  const tree = path.join(work, 'base');
  let added = false;
  // with a listener, a signal waits for the synchronous work below (the app runs get it too, and
  // stop), so the cleanup runs first; then the listener ends the process as the signal would have
  const onSignal = (signal: NodeJS.Signals) => process.exit(128 + os.constants.signals[signal]);
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    git(root, ['worktree', 'add', '--detach', '--quiet', tree, commit], `--base ${ref}: could not check it out in a temporary worktree`);
    added = true;
    const relative = path.relative(root, cwd);
    const baseApp = path.join(tree, relative);
    if (!fs.existsSync(baseApp)) throw new Error(`--base ${ref}: it has no folder ${relative || '.'}, where the app is`);
    const modules = path.join(cwd, 'node_modules');
    if (fs.existsSync(modules) && !fs.existsSync(path.join(baseApp, 'node_modules'))) fs.symlinkSync(modules, path.join(baseApp, 'node_modules'), 'dir');
    const base = synthesizeApp(appCommand(baseApp, app), path.join(work, 'base-out'), `the app at ${ref}`);
    const head = synthesizeApp(appCommand(cwd, app), path.join(work, 'head-out'), 'the app in the working tree');
    return [base, head];
  } finally {
    if (added) {
      try {
        execFileSync('git', ['worktree', 'remove', '--force', tree], { cwd: root, stdio: 'ignore' });
      } catch {
        // removed with the folder below; prune forgets it
      }
    }
    fs.rmSync(work, { recursive: true, force: true });
    try {
      execFileSync('git', ['worktree', 'prune'], { cwd: root, stdio: 'ignore' });
    } catch {
      // nothing to prune
    }
    // a signal that came meanwhile is delivered before setImmediate's turn of the event loop
    setImmediate(() => SIGNALS.forEach(signal => process.off(signal, onSignal)));
  }
}

/** The signals that end `diff --base` after its cleanup, rather than before it. */
const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function synthesizeApp(app: ReturnType<typeof appCommand>, outdir: string, what: string): Side {
  let releases: ReleaseDescription[];
  try {
    releases = runAppProcess(app, outdir, {});
  } catch (e) {
    throw new Error(`${what} did not synthesize: ${(e as Error).message}`);
  }
  const side = readSide(outdir, what);
  return { ...side, releases };
}

function git(cwd: string, args: string[], failure: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    throw new Error(failure);
  }
}
