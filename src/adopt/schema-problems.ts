import { sourceLine } from './reader';
import { TranslatedObject } from './translate';
import { ManifestShape } from '../simulate/gloo-manifest';
import { CrdSchemaValidator, SchemaViolation } from '../validation/crd-schema';

/**
 * Fields of the input (read in the 1.x shape, nulls dropped) that the API server holding the Gloo
 * CRDs would not keep as written, a typo such as `virtualHoost` included, and VirtualServices with
 * no virtual host at all (a YAML indentation slip leaves `virtualHost: null`): one line each, with
 * the document, the object, the field and the value. Adopting them would write what the cluster
 * never held.
 */
export function inputSchemaProblems(objects: TranslatedObject[]): string[] {
  const problems: string[] = [];
  const validator = CrdSchemaValidator.gloo();
  for (const o of objects) {
    const m = o.manifest;
    for (const v of validator.validate([m])) {
      problems.push(sourceLine(o.source, m, v.field, valueAt(m, v.field), `what the ${m.kind} CRD keeps (${v.message})`));
    }
    if (m.kind === 'VirtualService' && (typeof m.spec?.virtualHost !== 'object' || m.spec.virtualHost === null)) {
      problems.push(sourceLine(o.source, m, 'spec.virtualHost', m.spec?.virtualHost,
        'a virtual host (domains and routes); without one the VirtualService routes nothing (check the indentation under virtualHost:)'));
    }
  }
  return problems;
}

/**
 * What the generated code synthesized, checked as the input was, plain `ApiObject` literals
 * included (the library's own check covers only its constructs): one line per field.
 */
export function outputSchemaProblems(output: ManifestShape[]): string[] {
  return CrdSchemaValidator.gloo().validate(output).map((v: SchemaViolation) => `${CrdSchemaValidator.formatViolation(v)} (in the generated code's output)`);
}

/** The value at a field path such as `spec.virtualHost.routes[0].matcher`, when it can be followed. */
function valueAt(m: ManifestShape, field: string): unknown {
  let value: unknown = m;
  for (const part of field.split(/\.|(?=\[)/)) {
    if (typeof value !== 'object' || value === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    value = index ? (value as unknown[])[Number(index[1])] : (value as { [k: string]: unknown })[part];
  }
  return value;
}
