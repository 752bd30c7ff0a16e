import * as cdk8s from 'cdk8s';

/**
 * Runs generated app code in this process and returns what its chart synthesizes: the code is
 * compiled with the `typescript` package's `transpileModule`, `cdk8s-gloo-canary` resolves to this
 * library, and the chart class is instantiated in a fresh app (nothing is written to disk).
 */
export function synthesizeGenerated(source: string, className: string): any[] {
  const ts = loadTypeScript();
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020, esModuleInterop: true },
    fileName: 'adopted.ts',
  });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const library = require('../index');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const resolve = (id: string) => (id === 'cdk8s-gloo-canary' ? library : require(id));
  const module = { exports: {} as any };
  // the generated code is ours, compiled just above: run it as a CommonJS module
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('exports', 'require', 'module', outputText)(module.exports, resolve, module);
  const Chart = module.exports[className];
  if (typeof Chart !== 'function') throw new Error(`the generated code does not export the chart class ${className}`);
  const app = new cdk8s.App({ outdir: 'adopted-proof-not-written' });
  const chart = new Chart(app, 'adopted');
  return chart.toJson();
}

function loadTypeScript(): any {
  try {
    // an optional dependency: the apps that adopt have it, the library does not need it otherwise
    // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
    return require('typescript');
  } catch {
    throw new Error('checking the generated code needs the typescript package: npm install --save-dev typescript');
  }
}
