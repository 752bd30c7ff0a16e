import { ApiObject, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { kgatewayRuleProblems } from './kgateway-rules';
import { formatProblemBody } from '../private/errors';
import { CrdSchemaValidator } from '../validation/crd-schema';

/** The apiVersion of the kgateway objects the target writes. */
export const KGATEWAY_API_VERSION = 'gateway.kgateway.dev/v1alpha1';

/** What a kgateway object the target writes is. */
export interface KgatewayObjectProps {
  /** `kind`, e.g. `TrafficPolicy`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`: the HTTPRoute's, since kgateway's references to and from it are local. */
  readonly namespace: string;
  /** The spec, worked out when the app synthesizes (it reads the HTTPRoute's rendering). */
  readonly spec: () => unknown;
}

/**
 * A kgateway object (`gateway.kgateway.dev/v1alpha1`) the Gateway API target writes beside an
 * HTTPRoute, such as the TrafficPolicy of a rule. Its spec is produced at synth, from the same
 * rendering as the HTTPRoute, and checked like the HTTPRoute: against the vendored kgateway v2.2.0
 * CRD schema (`CrdSchemaValidator.kgateway()`) and the CRD's rules that matter for what the target
 * writes (`kgatewayRuleProblems`). When the HTTPRoute cannot be rendered, the HTTPRoute reports why
 * and this object adds nothing.
 */
export class KgatewayObject extends ApiObject {
  constructor(scope: IConstruct, id: string, props: KgatewayObjectProps) {
    super(scope, id, {
      apiVersion: KGATEWAY_API_VERSION,
      kind: props.kind,
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any({ produce: props.spec }),
    });
    this.node.addValidation({ validate: () => this.problems() });
  }

  private problems(): string[] {
    let json: unknown;
    try {
      json = this.toJson();
    } catch {
      return []; // the HTTPRoute it belongs to fails with its own problems
    }
    const schema = CrdSchemaValidator.kgateway().validate([json]).map(v => ({
      path: this.node.path, field: v.field, given: undefined as unknown, expected: `what the ${v.resource} crd schema accepts: ${v.message}`,
    }));
    const rules = kgatewayRuleProblems(json).map(p => ({ path: this.node.path, ...p }));
    return [...schema, ...rules].map(p => formatProblemBody({
      ...p,
      hint: 'the gateway api target wrote an object kgateway would refuse; please report it with the app that made it',
    }));
  }
}
