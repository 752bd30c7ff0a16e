export * from './gloo/upstream';
export * from './gloo/upstream-group';
export * from './gloo/route';
export * from './gloo/virtual-service';
export * from './gloo/route-table';
export * from './validation/crd-schema';
export * from './synth/atomic-output';
