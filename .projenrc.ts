import { cdk8s, javascript, YamlFile } from 'projen';

// The single source of package.json, tsconfig and tasks. Edit this file, then run `npx projen`.
const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-gloo-canary',
  description: 'cdk8s constructs for canary releases on Solo.io Gloo Edge: function routing, header canaries, weighted destinations and stages as code',
  author: 'cdk8s-gloo-canary contributors',
  authorAddress: 'cdk8s-gloo-canary@users.noreply.github.com',
  repositoryUrl: 'https://github.com/cdk8s-gloo-canary/cdk8s-gloo-canary.git',
  license: 'Apache-2.0',
  keywords: ['cdk8s', 'gloo', 'gloo-edge', 'canary', 'kubernetes', 'progressive-delivery'],
  defaultReleaseBranch: 'main',
  projenrcTs: true,
  github: false,
  release: false,
  sampleCode: false,
  packageManager: javascript.NodePackageManager.NPM,
  minNodeVersion: '20.0.0',

  // Toolchain: cdk8s v2 must be named explicitly (projen's cdk8s template defaults to v1), TypeScript stays on 6.0.
  cdk8sVersion: '2.70.0',
  constructsVersion: '10.8.0',
  jsiiVersion: '~6.0.0',
  // the assembly gzipped (.jsii.gz, with a small .jsii pointing at it): the typed CRD options would
  // otherwise take the package over the 4 MiB check
  compressAssembly: true,
  typescriptVersion: '~6.0.3',
  // No cdk8s-plus at runtime: workloads are plain ApiObjects, and `Upstream` takes a Service from
  // any cdk8s-plus major (or none). The tests use two majors to prove it.
  bundledDeps: ['yaml@^2.9.0', 're2js@^2.10.0'],
  devDeps: [
    'cdk8s-cli@^2.207.0',
    'cdk8s-plus-28@^2.5.6',
    'cdk8s-plus-33@^2.5.57',
    '@swc/core@^1.16.0',
    '@swc/jest@^0.2.39',
    'fast-check@^4.11.0',
    '@types/node@^20',
    // the TypeScript of `cdk8s init typescript-app`: the tests type-check adopt's generated code with it
    'typescript-5.9@npm:typescript@~5.9.3',
  ],

  docgen: true,
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'bench', 'scripts'],
    ignorePatterns: ['src/imports/**', '*.js', '*.d.ts', 'node_modules/', '*.generated.ts', 'coverage'],
  },
  typecheckTests: true,
  jestOptions: {
    jestVersion: '^30',
    // A changed snapshot must fail the tests; updating is the separate, deliberate `test:update`.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      testPathIgnorePatterns: ['/node_modules/', '/lib/', '/dist/', '/.build/'],
      // Every chart a test synthesizes goes through the CRD-schema check; adopt's code is type-checked with TypeScript 5.9.
      setupFilesAfterEnv: ['<rootDir>/test/setup/crd-check.ts', '<rootDir>/test/setup/typescript.ts'],
    },
  },
  // jsii packaging writes its artifacts here, so `dist/` belongs to the synthesized manifests alone.
  artifactsDirectory: 'dist-pkg',
});

// The package ships no source maps: the TypeScript sources are not in it, maps without them would
// add a third to every .js file (see the 4 MiB check in test/package/package.test.ts), and the
// library reports problems as messages naming construct, field and value, not as stack traces.
project.tsconfig?.file.addOverride('compilerOptions.inlineSources', false);
project.tsconfig?.file.addOverride('compilerOptions.inlineSourceMap', false);

// The shipped .d.ts files leave out @internal members (a leading underscore), as cdk8s-plus's do.
// jsii's strict tsconfig rules require stripInternal: false for its own compile, so the
// declarations are written again afterwards.
project.postCompileTask.prependExec('tsc -p tsconfig.json --emitDeclarationOnly --stripInternal');

// Folders depend only downward (ARCHITECTURE.md): each zone lists what a folder may import from
// src/, and import/no-cycle catches cycles inside a folder.
const layer = (folder: string, mayImport: string[], why: string) => ({
  target: `./src/${folder}`,
  from: './src',
  except: [`./${folder}`, ...mayImport.map(f => `./${f}`)],
  message: why,
});
project.eslint?.addRules({
  'import/no-cycle': ['error', { ignoreExternal: true }],
  'import/no-restricted-paths': ['error', {
    zones: [
      layer('private', [], 'src/private is the leaf layer: it imports nothing of the project'),
      layer('model', ['private'], 'the routing model knows nothing of gateways or constructs'),
      layer('validation', ['private'], 'the CRD-schema checks work on manifests of any CRD'),
      layer('synth', ['private'], 'output folders know nothing of the constructs'),
      layer('simulate', ['model', 'private'], 'the simulator reads manifests, not constructs'),
      layer('gateway-api', ['gloo', 'model', 'private', 'validation', 'simulate', 'imports'], 'the Gateway API renderer reads the Gloo model of routes, and sits below the route patterns'),
      layer('gloo', ['model', 'private', 'validation', 'imports'], 'Gloo resources sit below the route patterns and releases'),
      layer('service', ['gloo', 'model', 'private'], 'workloads sit beside the route patterns'),
      layer('canary', ['gloo', 'model', 'private'], 'route patterns and releases sit below the CLI'),
      layer('petstore', ['service', 'gloo', 'model', 'private'], 'the petstore is one service'),
      layer('adopt', ['canary', 'gloo', 'model', 'private', 'simulate', 'validation', 'index.ts'], 'adoption builds apps with the constructs, below the CLI'),
      layer('review', ['gateway-api', 'simulate', 'canary', 'private'], 'the review of two outputs reads manifests through the simulators, below the CLI'),
    ],
  }],
});

// No `any` in the library's own code (the generated bindings are not linted): renderers use the
// bindings' types, readers of manifests `unknown` and narrowing.
project.eslint?.addOverride({ files: ['src/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'error' } });

// jsii prints an end-of-life banner on Node 20 in every task otherwise.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');

// Tests run through swc (fast, no type-check); `typecheckTests` runs `tsc --noEmit` over them first.
project.deps.removeDependency('ts-jest');
project.jest!.config.transform = {
  '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript', decorators: true }, target: 'es2022' } }],
};

// The example app and its compiled form; packaging artifacts.
project.gitignore.exclude('/dist/', '/dist.staging-*', '/.build/', '/dist-pkg/', '.jsii.gz');

// The main job: synthesize the example app to dist/. Plain npm scripts, not projen tasks, so the
// command starts fast (projen's own CLI costs about half a second). The examples are compiled to
// .build/ first, only when a source file changed.
project.package.setScript('synth', 'node scripts/build-examples.js && node .build/examples/petstore-canary/main.js');
project.package.setScript('synth:stages', 'node bin/cdk8s-gloo-canary synth-stages');
project.package.setScript('synth:steps', 'node scripts/build-examples.js && node .build/examples/petstore-canary/steps-synth.js');
// --max-semi-space-size: see docs/benchmarks.md (V8's default young generation makes even plain YAML
// serialization grow faster than linearly with the fleet).
project.package.setScript('bench', 'node scripts/build-examples.js && node --expose-gc --max-semi-space-size=64 .build/bench/bench.js');
project.package.setScript('plan', 'node bin/cdk8s-gloo-canary plan');
project.package.setScript('docs:readme', 'node scripts/build-examples.js && node .build/examples/petstore-canary/tutorial.js --write && node .build/examples/options/pages.js --write');
new YamlFile(project, 'cdk8s.yaml', {
  obj: {
    language: 'typescript',
    // one `node <file>`, so the cdk8s-gloo-canary CLI runs every stage in one process
    app: 'node scripts/synth-example.js',
    output: 'dist',
  },
});

// What the npm package holds, as an allowlist: the compiled library without the generated bindings'
// JavaScript (only their types are used, and no shipped .d.ts refers to them), the CLI's bin, the
// compact CRD schemas the schema check reads and the jsii assembly. API.md (the API reference,
// a third of a megabyte) stays in the repository: the 4 MiB check leaves no room for it. npm adds package.json,
// README, LICENSE and the bundled dependencies. Tests, examples, scripts, bench and CI stay out;
// test/package/package.test.ts checks the list.
project.package.addField('files', [
  'lib/**/*.js',
  'lib/**/*.d.ts',
  '!lib/imports/',
  'bin/',
  'imports/*.schemas.json',
  '.jsii',
  '.jsii.gz',
]);
// With `files` set, .npmignore decides nothing at the package root; it stays because jsii-pacmak
// would otherwise create one (adding its outdir to it) on every package run.
project.npmignore?.exclude('dist-pkg');
project.gitattributes.addAttributes('/imports/*.schemas.json', 'linguist-generated');

// `npx projen import` regenerates the L1 bindings from the vendored CRDs.
project.addTask('import', {
  description: 'Regenerate src/imports/ and imports/*.schemas.json from the vendored Gloo, Gateway API and kgateway CRDs in imports/',
  env: { CDK8S_CHECK_UPGRADE: 'false' },
  // Run from imports/: next to a cdk8s.yaml, `cdk8s import` would also add the CRDs to its imports list.
  steps: [
    { exec: 'cdk8s import --no-check-upgrade --language typescript --output ../src/imports gateway.solo.io.yaml', cwd: 'imports' },
    { exec: 'cdk8s import --no-check-upgrade --language typescript --output ../src/imports gloo.solo.io.yaml', cwd: 'imports' },
    { exec: 'cdk8s import --no-check-upgrade --language typescript --output ../src/imports gateway.networking.k8s.io.yaml', cwd: 'imports' },
    { exec: 'cdk8s import --no-check-upgrade --language typescript --output ../src/imports gateway.kgateway.dev.yaml', cwd: 'imports' },
    // The schema check reads the CRDs' schemas from this compact JSON, not from the YAML (see imports/README.md).
    { exec: 'node scripts/compact-crds.js imports/gloo.schemas.json imports/gateway.solo.io.yaml imports/gloo.solo.io.yaml' },
    { exec: 'node scripts/compact-crds.js imports/gateway-api.schemas.json imports/gateway.networking.k8s.io.yaml' },
    { exec: 'node scripts/compact-crds.js imports/kgateway.schemas.json imports/gateway.kgateway.dev.yaml' },
  ],
});

project.synth();
