import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { jsonAt } from '../private/json';

/** How to run the user's cdk8s app: its command, as in `cdk8s.yaml`. */
export interface AppCommand {
  readonly command: string;
  readonly cwd: string;
}

/**
 * The app as one Node.js process can run it again and again: the entry file, and the loader that
 * makes Node.js understand it (ts-node, tsx, or none for JavaScript).
 */
export interface HostedApp {
  /** Absolute path of the entry file. */
  readonly entry: string;
  /** Arguments after the entry file. */
  readonly args: string[];
  /** Node.js options that register the loader, e.g. `['--require', '<app>/node_modules/ts-node/register/index.js']`. */
  readonly nodeArgs: string[];
  /** Environment variables the loader's options turn into. */
  readonly env: { [name: string]: string };
}

/** The app command from `--app`, or from the `app:` of `cdk8s.yaml` in `cwd`. */
export function appCommand(cwd: string, app?: string): AppCommand {
  if (app) return { command: app, cwd };
  const file = path.join(cwd, 'cdk8s.yaml');
  if (!fs.existsSync(file)) {
    throw new Error(`no cdk8s.yaml in ${cwd}: run the command in your cdk8s app's folder, or give the app command with --app "<cmd>"`);
  }
  const command = jsonAt(readConfig(file), 'app');
  if (typeof command !== 'string' || command.trim() === '') {
    throw new Error(`${file} has no app: command: add one (e.g. app: npx ts-node main.ts), or give it with --app "<cmd>"`);
  }
  return { command, cwd };
}

/** The default output folder: `--output`, or the `output:` of `cdk8s.yaml`, or `dist`. */
export function outputDir(cwd: string, output?: string): string {
  if (output) return path.resolve(cwd, output);
  const file = path.join(cwd, 'cdk8s.yaml');
  const configured = fs.existsSync(file) ? jsonAt(readConfig(file), 'output') : undefined;
  return path.resolve(cwd, typeof configured === 'string' ? configured : 'dist');
}

function readConfig(file: string): unknown {
  const doc = parseAllDocuments(fs.readFileSync(file, 'utf8'))[0];
  if (doc && doc.errors.length > 0) throw new Error(`${file} is not valid YAML: ${doc.errors[0].message.split('\n')[0]}`);
  return doc?.toJSON() ?? {};
}

/** ts-node options that have an environment variable of the same meaning, and whether they take a value. */
const TS_NODE_OPTIONS: { [option: string]: [string, boolean] } = {
  '-T': ['TS_NODE_TRANSPILE_ONLY', false],
  '--transpile-only': ['TS_NODE_TRANSPILE_ONLY', false],
  '--files': ['TS_NODE_FILES', false],
  '--swc': ['TS_NODE_SWC', false],
  '-P': ['TS_NODE_PROJECT', true],
  '--project': ['TS_NODE_PROJECT', true],
};

/**
 * The app command as a `HostedApp`, or why it cannot be one. Understood: `[npx] ts-node [options]
 * <file>`, `[npx] tsx <file>` and `node [--options] <file>`, each followed by arguments; anything
 * else (npm scripts, shell operators, other languages) runs as a shell command once per stage.
 */
export function hostedApp(app: AppCommand): HostedApp | string {
  const words = splitWords(app.command);
  if (typeof words === 'string') return words;
  let [tool, ...rest] = words;
  if (tool === 'npx') [tool, ...rest] = rest;
  const name = tool === undefined ? '' : path.basename(tool).replace(/\.(exe|cmd)$/, '');
  const env: { [name: string]: string } = {};
  const nodeArgs: string[] = [];
  if (name === 'ts-node') {
    while (rest[0]?.startsWith('-')) {
      const known = TS_NODE_OPTIONS[rest[0]];
      if (!known) return `ts-node option ${rest[0]} has no in-process equivalent`;
      const [variable, takesValue] = known;
      if (takesValue && rest[1] === undefined) return `ts-node option ${rest[0]} has no value`;
      env[variable] = takesValue ? path.resolve(app.cwd, rest[1]) : 'true';
      rest = rest.slice(takesValue ? 2 : 1);
    }
    const register = resolveFrom(app.cwd, 'ts-node/register');
    if (!register) return `ts-node is not installed in ${app.cwd}`;
    nodeArgs.push('--require', register);
  } else if (name === 'tsx') {
    if (rest[0]?.startsWith('-')) return `tsx option ${rest[0]} has no in-process equivalent`;
    const register = resolveFrom(app.cwd, 'tsx/cjs');
    if (!register) return `tsx is not installed in ${app.cwd}`;
    nodeArgs.push('--require', register);
  } else if (name === 'node' && words[0] !== 'npx') {
    while (rest[0]?.startsWith('-')) {
      if (!/^--[a-z][a-z0-9-]*(=.*)?$/.test(rest[0])) return `node option ${rest[0]} has no in-process equivalent`;
      nodeArgs.push(rest[0]);
      rest = rest.slice(1);
    }
  } else {
    return 'it is not a ts-node, tsx or node command';
  }
  const [entry, ...args] = rest;
  if (entry === undefined) return 'it names no entry file';
  return { entry: path.resolve(app.cwd, entry), args, nodeArgs, env };
}

/** The words of a simple command line (plain words, '...' and "..."), or why it is not simple. */
function splitWords(command: string): string[] | string {
  const words: string[] = [];
  const re = /\s*(?:"([^"\\$`]*)"|'([^']*)'|([^\s"'\\|&;<>()$`*?~#=]+(?:=[^\s"'\\|&;<>()$`*?~#]*)?))(?=\s|$)/y;
  let at = 0;
  while (at < command.length) {
    if (command.slice(at).trim() === '') break;
    re.lastIndex = at;
    const m = re.exec(command);
    if (!m) return 'it uses shell syntax';
    words.push(m[1] ?? m[2] ?? m[3]);
    at = re.lastIndex;
  }
  return words;
}

function resolveFrom(dir: string, request: string): string | undefined {
  try {
    return require.resolve(request, { paths: [dir] });
  } catch {
    return undefined;
  }
}
