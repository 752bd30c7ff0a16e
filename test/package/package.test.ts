/**
 * The npm package as users install it: what `npm pack` puts in it, and which CLI its bin runs.
 * Some checks need the compiled lib/ (`npx projen compile`); CI's `npx projen build` runs them.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const libBuilt = fs.existsSync(path.join(root, 'lib', 'index.js'));

interface Packed { readonly files: Array<{ readonly path: string }>; readonly unpackedSize: number }

describe('npm pack', () => {
  let packed: Packed;
  let files: string[];
  beforeAll(() => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    packed = JSON.parse(out)[0];
    files = packed.files.map(f => f.path).sort();
  });

  test('ships no scripts/, bench/, examples/, test/, src/, docs/, .ci/ or cdk8s.yaml', () => {
    const unwanted = /^(scripts|bench|examples|test|src|docs|\.ci|\.build|dist|projenrc)\/|^cdk8s\.yaml$/;
    expect(files.filter(f => unwanted.test(f))).toEqual([]);
  });

  test('ships no JavaScript of the generated bindings, nor the CRDs\' YAML', () => {
    expect(files.filter(f => f.startsWith('lib/imports/') || /^imports\/.*\.ya?ml$/.test(f))).toEqual([]);
  });

  test('ships only the library, the bin, the compact CRD schemas, the docs and the bundled dependencies', () => {
    const allowed = [
      /^package\.json$/, /^README\.md$/, /^LICENSE$/, /^\.jsii$/, /^\.jsii\.gz$/,
      /^bin\/cdk8s-gloo-canary$/,
      /^imports\/[a-z0-9.-]+\.schemas\.json$/,
      /^lib\/.+\.(js|d\.ts)$/,
      /^node_modules\/(yaml|re2js)\//,
    ];
    expect(files.filter(f => !allowed.some(re => re.test(f)))).toEqual([]);
  });

  test('ships the bin, the compact Gloo schemas and the bundled yaml and re2js', () => {
    expect(files).toEqual(expect.arrayContaining([
      'bin/cdk8s-gloo-canary', 'imports/gloo.schemas.json',
      'node_modules/yaml/package.json', 'node_modules/re2js/package.json',
    ]));
  });

  (libBuilt ? test : test.skip)('ships the compiled library and CLI, unpacking to at most 4 MiB (needs lib/)', () => {
    expect(files).toEqual(expect.arrayContaining(['.jsii', '.jsii.gz', 'lib/index.js', 'lib/index.d.ts', 'lib/cli/main.js', 'lib/validation/crd-schema.js']));
    expect(packed.unpackedSize).toBeLessThanOrEqual(4 * 2 ** 20);
  });

  (libBuilt ? test : test.skip)('ships no .d.ts that refers to the generated bindings (needs lib/)', () => {
    const referring = files
      .filter(f => f.endsWith('.d.ts'))
      .filter(f => /imports\/(gateway|gloo)\.solo\.io/.test(fs.readFileSync(path.join(root, f), 'utf8')));
    expect(referring).toEqual([]);
  });
});

describe('require(\'cdk8s-gloo-canary\')', () => {
  // what it costs is measured by `npm run bench`; this checks the big modules stay out of it
  (libBuilt ? test : test.skip)('loads neither the generated bindings nor yaml nor re2js (needs lib/)', () => {
    const code = `require(${JSON.stringify(path.join(root, 'lib', 'index.js'))}); console.log(JSON.stringify(Object.keys(require.cache)));`;
    const loaded: string[] = JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: root, encoding: 'utf8' }));
    // our own yaml and re2js; cdk8s loads its bundled yaml (node_modules/cdk8s/node_modules/yaml) anyway
    const heavy = loaded.map(f => path.relative(root, f).split(path.sep).join('/'))
      .filter(f => /^lib\/imports\/|^node_modules\/(yaml|re2js)\//.test(f));
    expect(heavy).toEqual([]);
  });
});

describe('bin/cdk8s-gloo-canary', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-canary-bin-'));
    fs.mkdirSync(path.join(dir, 'bin'));
    fs.copyFileSync(path.join(root, 'bin', 'cdk8s-gloo-canary'), path.join(dir, 'bin', 'cdk8s-gloo-canary'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function write(file: string, text: string): void {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const fakeCli = (which: string) => `exports.main = args => { console.log('${which} ' + args.join(' ')); return 0; };\n`;
  const run = () => execFileSync(process.execPath, [path.join(dir, 'bin', 'cdk8s-gloo-canary'), '--help'], { cwd: dir, encoding: 'utf8' });

  test('runs lib/cli/main.js in the installed package, even if a scripts/ folder is there', () => {
    write('lib/cli/main.js', fakeCli('lib'));
    write('scripts/build-examples.js', 'throw new Error("the installed package must not build examples");\n');
    expect(run()).toBe('lib --help\n');
  });

  test('builds and runs .build/src/cli/main.js in a clone (src/cli/main.ts next to it)', () => {
    write('src/cli/main.ts', '');
    write('lib/cli/main.js', fakeCli('lib'));
    write('scripts/build-examples.js', [
      "const fs = require('fs'); const path = require('path');",
      "const out = path.join(__dirname, '..', '.build', 'src', 'cli');",
      'fs.mkdirSync(out, { recursive: true });',
      `fs.writeFileSync(path.join(out, 'main.js'), ${JSON.stringify(fakeCli('clone'))});`,
      '',
    ].join('\n'));
    expect(run()).toBe('clone --help\n');
  });
});
