import { ApiObject, ApiObjectProps, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { addCachedValidation, AppState } from './app-state';
import { formatProblemBody } from './errors';
import { CrdSchemaValidator } from '../validation/crd-schema';
import { isSchemaCheckEnabled } from '../validation/schema-check';

/**
 * The ApiObject of a Gloo L2 construct (`scope`): it checks its own JSON against the vendored Gloo
 * CRD schema at synth (unless `CrdSchemaCheck.disable()` says otherwise), reporting every violation
 * on `scope`, and it records JSON patches as changes of the app, so the cached check runs again.
 */
export class GlooApiObject extends ApiObject {
  constructor(scope: Construct, id: string, props: ApiObjectProps) {
    super(scope, id, props);
    addCachedValidation(scope, () => (isSchemaCheckEnabled(this) ? this.schemaProblems() : []));
  }

  public addJsonPatch(...ops: JsonPatch[]): void {
    super.addJsonPatch(...ops);
    AppState.of(this).changed();
  }

  private schemaProblems(): string[] {
    let json: any;
    try {
      json = this.toJson();
    } catch {
      return []; // rendering fails again, with its own error, when the chart is synthesized
    }
    return CrdSchemaValidator.gloo().validate([json]).map(v => formatProblemBody({
      path: this.node.path,
      field: v.field,
      given: valueAt(json, v.field),
      expected: `what the ${v.resource} crd schema accepts: ${v.message}`,
      hint: 'the api server would reject or silently drop it; check the spelling of escape-hatch fields (options.extra, addJsonPatch), or opt out with CrdSchemaCheck.disable(scope)',
    }));
  }
}

/** The value at a field path such as `spec.virtualHost.routes[0].options.timout`. */
function valueAt(json: any, field: string): unknown {
  let value = json;
  for (const part of field.split(/\.|(?=\[)/)) {
    if (value === undefined || value === null) return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    value = index ? value[Number(index[1])] : value[part];
  }
  return value;
}
