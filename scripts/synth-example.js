#!/usr/bin/env node
// The app: of this repository's cdk8s.yaml. Compiles the examples to .build/ when a source changed
// (a check of a few milliseconds otherwise), then synthesizes the petstore example in this process,
// so `cdk8s synth` works and `cdk8s-gloo-canary plan` can run it once per stage in one process.
'use strict';
require('./build-examples.js');
require('../.build/examples/petstore-canary/main.js');
