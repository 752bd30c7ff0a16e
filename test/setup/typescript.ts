/**
 * adopt type-checks the code it generates with the app's `typescript` package. The tests use the
 * TypeScript of `cdk8s init typescript-app` (5.9, the devDependency `typescript-5.9`), not the
 * newer one this project builds with, so every adopt test checks the code as a new user's app will.
 */
process.env.CDK8S_GLOO_CANARY_TYPESCRIPT = 'typescript-5.9';
