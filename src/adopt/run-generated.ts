import * as cdk8s from 'cdk8s';
import { TypeScriptChecker } from './type-check';
import { ManifestShape } from '../simulate/gloo-manifest';

/** The part of the `typescript` package used here. */
interface TypeScriptApi {
  readonly ModuleKind: { readonly CommonJS: number };
  readonly ScriptTarget: { readonly ES2020: number };
  transpileModule(input: string, options: {
    compilerOptions: { module: number; target: number; esModuleInterop: boolean };
    fileName: string;
  }): { outputText: string };
}

/** The chart class the generated code exports. */
type ChartClass = new (scope: cdk8s.App, id: string) => cdk8s.Chart;

/**
 * Runs generated app code in this process and returns what its chart synthesizes: the code is
 * compiled with the `typescript` package's `transpileModule`, `cdk8s-gloo-canary` resolves to this
 * library, and the chart class is instantiated in a fresh app (nothing is written to disk).
 * `prepare` sets the app up before the chart is made (a `GatewayApiTarget`, to measure how adopted
 * configurations move); then the app's checks run as at synth, and throw what they find.
 */
export function synthesizeGenerated(source: string, className: string, prepare?: (app: cdk8s.App) => void): ManifestShape[] {
  const ts = loadTypeScript();
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: 'adopted.ts',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library: unknown = require('../index');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resolve = (id: string): unknown => (id === 'cdk8s-gloo-canary' ? library : require(id));
  const module = { exports: {} as { [name: string]: unknown } };
  // the generated code is ours, compiled just above: run it as a CommonJS module
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', 'module', outputText)(module.exports, resolve, module);
  // the generated code exports the chart class under `className`; tested just below
  const Chart = module.exports[className] as ChartClass | undefined;
  if (typeof Chart !== 'function') throw new Error(`the generated code does not export the chart class ${className}`);
  const app = new cdk8s.App({ outdir: 'adopted-proof-not-written' });
  prepare?.(app);
  const chart = new Chart(app, 'adopted');
  // with `prepare` (a target chosen for the app), the app's checks run as at synth
  return prepare ? cdk8s.Testing.synth(chart) : chart.toJson();
}

/**
 * The `typescript` package of the app: the one `require('typescript')` finds, or the one the
 * environment variable `CDK8S_GLOO_CANARY_TYPESCRIPT` names (a package name or path, for example a
 * pinned `typescript-5.9`, as this project's tests use).
 */
export function loadTypeScript(): TypeScriptApi & TypeScriptChecker {
  const name = process.env.CDK8S_GLOO_CANARY_TYPESCRIPT || 'typescript';
  try {
    // an optional dependency: the apps that adopt have it, the library does not need it otherwise
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return require(name) as TypeScriptApi & TypeScriptChecker;
  } catch {
    throw new Error(`checking the generated code needs the typescript package (${name} was not found): npm install --save-dev typescript`);
  }
}
