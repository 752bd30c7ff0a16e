import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hostedApp } from '../../src/cli/app-command';
import { errorLine } from '../../src/cli/app-runner';

describe('hostedApp: which app commands one process can run again and again', () => {
  // ts-node resolves from the app's folder, as Node.js resolves the app's own imports
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'gloo-app-command-'));
  fs.mkdirSync(path.join(app, 'node_modules'));
  fs.symlinkSync(path.dirname(require.resolve('ts-node/package.json')), path.join(app, 'node_modules', 'ts-node'));
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));
  const hosted = (command: string) => hostedApp({ command, cwd: app });

  test.each(['npx ts-node main.ts', 'ts-node main.ts', 'npx  ts-node  "main.ts"'])('%s: ts-node registered from the app\'s folder', command => {
    expect(hosted(command)).toEqual({
      entry: path.join(app, 'main.ts'),
      args: [],
      env: {},
      nodeArgs: ['--require', require.resolve('ts-node/register')],
    });
  });

  test('ts-node options become their environment variables', () => {
    expect(hosted('npx ts-node -T --project tsconfig.app.json src/main.ts --verbose')).toMatchObject({
      entry: path.join(app, 'src', 'main.ts'),
      args: ['--verbose'],
      env: { TS_NODE_TRANSPILE_ONLY: 'true', TS_NODE_PROJECT: path.join(app, 'tsconfig.app.json') },
    });
  });

  test.each([
    ['node main.js', { entry: 'main.js', nodeArgs: [] }],
    ['node lib/main.js', { entry: 'lib/main.js', nodeArgs: [] }],
    ['node --enable-source-maps lib/main.js prod', { entry: 'lib/main.js', nodeArgs: ['--enable-source-maps'], args: ['prod'] }],
  ])('%s: plain node', (command, expected) => {
    expect(hosted(command)).toMatchObject({ ...expected, entry: path.join(app, expected.entry) });
  });

  test.each([
    ['npm run synth', 'it is not a ts-node, tsx or node command'],
    ['node build.js && node main.js', 'it uses shell syntax'],
    ['python3 main.py', 'it is not a ts-node, tsx or node command'],
    ['node -e "require(1)"', 'node option -e has no in-process equivalent'],
    ['npx ts-node --esm main.ts', 'ts-node option --esm has no in-process equivalent'],
    ['npx tsx main.ts', `tsx is not installed in ${app}`],
    ['node', 'it names no entry file'],
    ['MODE=x node main.js', 'it is not a ts-node, tsx or node command'],
  ])('%s: run once per stage, because %s', (command, why) => {
    expect(hosted(command)).toBe(why);
  });
});

describe('errorLine: the line of an app\'s output that says what went wrong', () => {
  test('the first error line of a stack trace', () => {
    expect(errorLine('/app/main.js:3\n  throw new Error("boom");\n  ^\n\nError: boom\n    at Object.<anonymous> (/app/main.js:3:9)\n')).toBe('Error: boom');
  });

  test('with the line that continues a message ending in a colon, as cdk8s validation errors do', () => {
    expect(errorLine('Error: Validation failed with the following errors:\n  [shop/vs] domains[0]: got "", expected a domain\n    at validate')).toBe(
      'Error: Validation failed with the following errors: [shop/vs] domains[0]: got "", expected a domain');
  });

  test('the last line when nothing looks like an error', () => {
    expect(errorLine('starting\ncould not reach the registry\n\n')).toBe('could not reach the registry');
    expect(errorLine('')).toBeUndefined();
  });
});
