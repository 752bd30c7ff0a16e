import { execSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { DESCRIBE_ENV, ReleaseDescription, STAGES_ENV } from '../canary/release-registry';

/** How to run the user's cdk8s app: its command, as in `cdk8s.yaml`. */
export interface AppCommand {
  readonly command: string;
  readonly cwd: string;
}

/** The app command from `--app`, or from the `app:` of `cdk8s.yaml` in `cwd`. */
export function appCommand(cwd: string, app?: string): AppCommand {
  if (app) return { command: app, cwd };
  const file = path.join(cwd, 'cdk8s.yaml');
  if (!fs.existsSync(file)) throw new Error(`no --app given and no cdk8s.yaml in ${cwd}`);
  const config = parseAllDocuments(fs.readFileSync(file, 'utf8'))[0]?.toJSON() ?? {};
  if (typeof config.app !== 'string') throw new Error(`${file} has no app: command`);
  return { command: config.app, cwd };
}

/** The default output folder: `--output`, or the `output:` of `cdk8s.yaml`, or `dist`. */
export function outputDir(cwd: string, output?: string): string {
  if (output) return path.resolve(cwd, output);
  const file = path.join(cwd, 'cdk8s.yaml');
  const config = fs.existsSync(file) ? parseAllDocuments(fs.readFileSync(file, 'utf8'))[0]?.toJSON() ?? {} : {};
  return path.resolve(cwd, typeof config.output === 'string' ? config.output : 'dist');
}

/**
 * Runs the app once with `stages` overriding the active stage of some releases, writing its
 * output to `outdir`. Returns the releases the app described.
 */
export function runApp(app: AppCommand, outdir: string, stages: { [release: string]: string } = {}): ReleaseDescription[] {
  const describeFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-')), 'releases.jsonl');
  try {
    execSync(app.command, {
      cwd: app.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CDK8S_OUTDIR: outdir,
        CDK8S_CHECK_UPGRADE: 'false',
        [STAGES_ENV]: JSON.stringify(stages),
        [DESCRIBE_ENV]: describeFile,
      },
    });
    if (!fs.existsSync(describeFile)) return [];
    return fs.readFileSync(describeFile, 'utf8').split('\n').filter(Boolean).map(l => JSON.parse(l));
  } catch (e: any) {
    const output = [e.stdout, e.stderr].filter(Boolean).map(String).join('').trim();
    throw new Error(`the app failed (${app.command}):\n${output || e.message}`);
  } finally {
    fs.rmSync(path.dirname(describeFile), { recursive: true, force: true });
  }
}

/** Every manifest of every YAML file in `dir` (not in its subfolders), files in name order. */
export function loadManifests(dir: string): any[] {
  return fs.readdirSync(dir).filter(f => f.endsWith('.yaml') || f.endsWith('.yml')).sort()
    .flatMap(file => loadManifestFile(path.join(dir, file)));
}

/** Every manifest of one YAML file. */
export function loadManifestFile(file: string): any[] {
  const manifests: any[] = [];
  for (const doc of parseAllDocuments(fs.readFileSync(file, 'utf8'))) {
    if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0].message}`);
    const m = doc.toJSON();
    if (m) manifests.push(m);
  }
  return manifests;
}

/** Checks that release names are unique, since they name folders. */
export function checkReleaseNames(releases: ReleaseDescription[]): void {
  const seen = new Map<string, string>();
  for (const r of releases) {
    const other = seen.get(r.releaseName);
    if (other) throw new Error(`[${r.path}] releaseName: got ${JSON.stringify(r.releaseName)}, expected a name no other release uses, but ${other} uses it too`);
    seen.set(r.releaseName, r.path);
  }
}
