import * as path from 'path';

/** A diagnostic, as much of it as is read here. */
interface Diagnostic {
  readonly file?: { readonly fileName: string; getLineAndCharacterOfPosition(pos: number): { line: number; character: number } };
  readonly start?: number;
  readonly code: number;
  readonly messageText: unknown;
}

/** A program, as much of it as is used here. */
interface Program {
  getSourceFile(fileName: string): unknown;
  getSyntacticDiagnostics(file: unknown): readonly Diagnostic[];
  getSemanticDiagnostics(file: unknown): readonly Diagnostic[];
}

/** A compiler host, as much of it as is used here. */
interface CompilerHost {
  getSourceFile(fileName: string, languageVersion: unknown, ...rest: unknown[]): unknown;
  fileExists(fileName: string): boolean;
  readFile(fileName: string): string | undefined;
}

/** The part of the `typescript` package the check uses. */
export interface TypeScriptChecker {
  readonly version: string;
  readonly ModuleKind: { readonly CommonJS: number };
  readonly ScriptTarget: { readonly ES2017: number };
  createCompilerHost(options: object): CompilerHost;
  createSourceFile(fileName: string, text: string, languageVersion: unknown, setParentNodes?: boolean): unknown;
  createProgram(options: { rootNames: string[]; options: object; host: CompilerHost; oldProgram?: Program }): Program;
  flattenDiagnosticMessageText(messageText: unknown, newLine: string): string;
}

/**
 * The settings of the tsconfig.json that `cdk8s init typescript-app` writes and projen's defaults
 * share: strict, no unused locals or parameters, no implicit returns, no switch fallthrough.
 */
function compilerOptions(ts: TypeScriptChecker, library: string): object {
  return {
    strict: true,
    alwaysStrict: true,
    noImplicitAny: true,
    noImplicitThis: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    noUnusedLocals: true,
    noUnusedParameters: true,
    strictNullChecks: true,
    strictPropertyInitialization: true,
    experimentalDecorators: true,
    resolveJsonModule: true,
    lib: ['lib.es2016.d.ts'],
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2017,
    noEmit: true,
    // the libraries' own declaration files are theirs to check, as in the app
    skipLibCheck: true,
    // `cdk8s-gloo-canary` is this library, wherever the app found it
    paths: { 'cdk8s-gloo-canary': [library] },
  };
}

/** Programs by TypeScript package: the next check reuses what the last one parsed. */
const lastProgram = new WeakMap<TypeScriptChecker, Program>();
/** Parsed files other than the generated one (libraries, declarations), by TypeScript package. */
const parsed = new WeakMap<TypeScriptChecker, Map<string, unknown>>();

/**
 * Type-checks generated app code as the app will, and returns one line per error
 * (`adopted.ts:LINE:COLUMN TSxxxx message`); none when it compiles. The file is checked in memory,
 * as if it were in the current directory, so `cdk8s`, `constructs` and `@types/node` resolve as
 * the app's do.
 */
export function typeCheckGenerated(source: string, ts: TypeScriptChecker): string[] {
  const fileName = path.join(process.cwd(), 'adopted-by-cdk8s-gloo-canary.ts');
  const options = compilerOptions(ts, path.join(__dirname, '..', 'index'));
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  const cache = parsed.get(ts) ?? new Map<string, unknown>();
  parsed.set(ts, cache);
  host.getSourceFile = (name, languageVersion, ...rest) => {
    if (name === fileName) return ts.createSourceFile(name, source, languageVersion, true);
    const key = `${JSON.stringify(languageVersion)} ${name}`;
    if (!cache.has(key)) cache.set(key, getSourceFile(name, languageVersion, ...rest));
    return cache.get(key);
  };
  host.fileExists = name => name === fileName || fileExists(name);
  host.readFile = name => (name === fileName ? source : readFile(name));
  const program = ts.createProgram({ rootNames: [fileName], options, host, oldProgram: lastProgram.get(ts) });
  lastProgram.set(ts, program);
  const file = program.getSourceFile(fileName);
  return [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)].map(d => {
    const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const where = at ? `:${at.line + 1}:${at.character + 1}` : '';
    return `adopted.ts${where} TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  });
}
