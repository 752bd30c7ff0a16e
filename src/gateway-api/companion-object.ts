import { ApiObject, Lazy } from 'cdk8s';
import { IConstruct } from 'constructs';
import { gatewayRuleProblems } from './gateway-rules';
import { kgatewayRuleProblems } from './kgateway-rules';
import { addCachedValidation } from '../private/app-state';
import { formatProblemBody, Problem } from '../private/errors';
import { CrdSchemaValidator } from '../validation/crd-schema';

/** The apiVersion of the kgateway objects the target writes. */
export const KGATEWAY_API_VERSION = 'gateway.kgateway.dev/v1alpha1';

/** What an object the target writes beside the HTTPRoutes is. */
export interface CompanionObjectProps {
  /**
   * `apiVersion`: kgateway's, or the Gateway API's for a Gateway.
   * @default KGATEWAY_API_VERSION
   */
  readonly apiVersion?: string;
  /** `kind`, e.g. `TrafficPolicy`. */
  readonly kind: string;
  /** `metadata.name`. */
  readonly name: string;
  /** `metadata.namespace`: for a policy, the HTTPRoute's, since kgateway's references to and from it are local. */
  readonly namespace: string;
  /** The spec, worked out when the app synthesizes (it reads the HTTPRoute's rendering). */
  readonly spec: () => unknown;
  /**
   * What the app does wrong that the object shows, at synth (with their own hints).
   * @default - nothing
   */
  readonly problems?: () => Problem[];
}

/**
 * An object the Gateway API target writes beside the HTTPRoutes: a kgateway object
 * (`gateway.kgateway.dev/v1alpha1`) such as the TrafficPolicy of a rule, or the Gateway. Its spec
 * is produced at synth, from the same rendering as the HTTPRoutes, and checked like an HTTPRoute:
 * against the vendored CRD schema (`CrdSchemaValidator.kgateway()` or `.gatewayApi()`) and the
 * CRD's rules that matter for what the target writes (`kgatewayRuleProblems`, `gatewayRuleProblems`),
 * once per change of the app like the library's resources. When the HTTPRoute cannot be rendered,
 * the HTTPRoute reports why and this object adds nothing.
 */
export class CompanionObject extends ApiObject {
  constructor(scope: IConstruct, id: string, props: CompanionObjectProps) {
    super(scope, id, {
      apiVersion: props.apiVersion ?? KGATEWAY_API_VERSION,
      kind: props.kind,
      metadata: { name: props.name, namespace: props.namespace },
      spec: Lazy.any({ produce: props.spec }),
    });
    addCachedValidation(this, () => [...(props.problems?.() ?? []).map(formatProblemBody), ...this.crdProblems()]);
  }

  /** What the object's CRD refuses: a defect of the target, reported as such. */
  private crdProblems(): string[] {
    let json: unknown;
    try {
      json = this.toJson();
    } catch {
      return []; // the HTTPRoute it belongs to fails with its own problems
    }
    const validator = this.apiVersion === KGATEWAY_API_VERSION ? CrdSchemaValidator.kgateway() : CrdSchemaValidator.gatewayApi();
    const schema = validator.validate([json]).map(v => ({
      path: this.node.path, field: v.field, given: undefined as unknown, expected: `what the ${v.resource} crd schema accepts: ${v.message}`,
    }));
    const rules = [...kgatewayRuleProblems(json), ...gatewayRuleProblems(json)].map(p => ({ path: this.node.path, ...p }));
    return [...schema, ...rules].map(p => formatProblemBody({
      ...p,
      hint: 'the gateway api target wrote an object kgateway would refuse; please report it with the app that made it',
    }));
  }
}
