/**
 * The child process in which `plan` and `synth-stages` run a Node.js app once per stage.
 *
 *   node [--require <loader>] app-host.js <request.json>
 *
 * The CLI starts it with the app's loader (ts-node, tsx or none), so the app and the library start
 * once. For each run the host points `CDK8S_OUTDIR` at that run's folder, passes the choice of
 * stages (read by `CanaryRelease`'s stage resolution, as `CanaryRelease.selectStages` is), forgets
 * the app's own modules (not those in node_modules) and requires the entry again. It writes the
 * runs, or what went wrong, to the request's result file.
 */
import * as fs from 'fs';
import { Module } from 'module';
import * as os from 'os';
import * as path from 'path';
import { AppRun, StageFilter, StageRun, synthEveryStage } from './stage-runs';
import { DESCRIBE_ENV, readDescriptions, STAGES_ENV } from '../canary/release-registry';

/** What the CLI asks the host to do. */
export interface HostRequest {
  readonly entry: string;
  readonly args: string[];
  readonly root: string;
  readonly filter: StageFilter;
  readonly resultFile: string;
}

/** What the host answers: the runs, or an error (`appFailed` when the app itself failed). */
export interface HostResult {
  readonly runs?: StageRun[];
  readonly error?: string;
  readonly appFailed?: boolean;
}

/** Thrown in place of `process.exit()` while the app runs, so the host outlives the app. */
class AppExit extends Error {
  constructor(public readonly code: number) {
    super(`the app called process.exit(${code})`);
  }
}

/** A failure of the app itself, as opposed to one the CLI found. */
class AppFailure extends Error {}

/** Runs the app's entry in this process, once per call. */
export function inProcessRun(entry: string, args: string[]): AppRun {
  const own = new Set(Object.keys(require.cache));
  return (outdir, stages) => {
    for (const key of Object.keys(require.cache)) {
      if (!own.has(key) && !/[\\/]node_modules[\\/]/.test(key)) delete require.cache[key];
    }
    const describeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-')), 'releases.jsonl');
    const exit = process.exit;
    Object.assign(process.env, { CDK8S_OUTDIR: outdir, [STAGES_ENV]: JSON.stringify(stages), [DESCRIBE_ENV]: describeFile });
    process.argv = [process.argv[0], entry, ...args];
    process.exit = ((code?: number) => { throw new AppExit(code ?? Number(process.exitCode ?? 0)); }) as typeof process.exit;
    try {
      loadAsMain(entry);
      const code = Number(process.exitCode ?? 0);
      if (code !== 0) throw new AppExit(code);
      return readDescriptions(describeFile);
    } catch (e) {
      if (e instanceof AppExit && e.code === 0) return readDescriptions(describeFile);
      if (e instanceof AppExit) throw e;
      throw new AppFailure(messageOf(e));
    } finally {
      process.exit = exit;
      process.exitCode = 0;
      fs.rmSync(path.dirname(describeFile), { recursive: true, force: true });
    }
  };
}

/** A module as the host loads it: Node.js's `Module`, with its (undeclared) `load`. */
type MainModule = Module & { load(file: string): void };

/** The undeclared static of Node.js's `Module` that gives a module's `node_modules` lookup paths. */
interface ModuleInternals {
  _nodeModulePaths(dir: string): string[];
}

/** Loads the entry as Node.js loads a main module, so `require.main === module` holds in it. */
function loadAsMain(entry: string): void {
  const file = require.resolve(entry);
  const main = new Module(file) as MainModule;
  main.id = '.';
  main.filename = file;
  main.paths = (Module as unknown as ModuleInternals)._nodeModulePaths(path.dirname(file));
  process.mainModule = main;
  require.cache[file] = main;
  try {
    main.load(file);
  } catch (e) {
    delete require.cache[file];
    throw e;
  }
}

/** An error's message in one line: its first line, with the next when that continues it. */
function messageOf(e: unknown): string {
  const lines = (e instanceof Error ? `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}` : String(e)).split('\n').filter(l => l.trim());
  return lines[0]?.endsWith(':') && lines[1] ? `${lines[0]} ${lines[1].trim()}` : (lines[0] ?? 'unknown error');
}

function serve(requestFile: string): void {
  const request: HostRequest = JSON.parse(fs.readFileSync(requestFile, 'utf8'));
  let result: HostResult;
  try {
    result = { runs: synthEveryStage(inProcessRun(request.entry, request.args), request.root, request.filter) };
  } catch (e) {
    // an app that exits non-zero has said why on stderr; the CLI reads it there
    result = e instanceof AppExit ? { appFailed: true } : { error: messageOf(e), appFailed: e instanceof AppFailure };
  }
  fs.writeFileSync(request.resultFile, JSON.stringify(result));
}

if (require.main === module) serve(process.argv[2]);
