/**
 * The HTTPRoute objects the renderer writes, typed with the generated bindings of the vendored CRD
 * (`src/imports/gateway.networking.k8s.io.ts`). Types only: nothing from `src/imports` is loaded at
 * runtime.
 */
import type {
  HttpRouteSpec,
  HttpRouteSpecRules,
  HttpRouteSpecRulesBackendRefs,
  HttpRouteSpecRulesFilters,
  HttpRouteSpecRulesFiltersRequestMirror,
  HttpRouteSpecRulesFiltersRequestMirrorBackendRef,
  HttpRouteSpecRulesFiltersUrlRewritePath,
  HttpRouteSpecRulesMatches,
  HttpRouteSpecRulesMatchesHeaders,
  HttpRouteSpecRulesMatchesPath,
  HttpRouteSpecRulesMatchesQueryParams,
} from '../imports/gateway.networking.k8s.io';

/**
 * A generated binding type as the plain JSON the renderer writes: its enum-typed fields (TS enums,
 * e.g. `HttpRouteSpecRulesMatchesPathType`) as the string literals the enums stand for, so that
 * object literals such as `{ type: 'PathPrefix', value: '/' }` fit without loading the enums.
 */
export type Plain<T> =
  T extends string ? `${T}`
    : T extends Array<infer E> ? Array<Plain<E>>
      : T extends object ? { readonly [K in keyof T]: Plain<T[K]> }
        : T;

/** `rules[].matches[].path`. */
export type HttpPathMatch = Plain<HttpRouteSpecRulesMatchesPath>;
/** `rules[].matches[].headers[]`. */
export type HttpHeaderMatch = Plain<HttpRouteSpecRulesMatchesHeaders>;
/** `rules[].matches[].queryParams[]`. */
export type HttpQueryParamMatch = Plain<HttpRouteSpecRulesMatchesQueryParams>;
/** `rules[].matches[]`. */
export type HttpRouteMatchJson = Plain<HttpRouteSpecRulesMatches>;
/** `rules[].backendRefs[]`. */
export type HttpBackendRef = Plain<HttpRouteSpecRulesBackendRefs>;
/** `rules[].filters[]`. */
export type HttpRouteFilter = Plain<HttpRouteSpecRulesFilters>;
/** `rules[].filters[].urlRewrite.path`. */
export type HttpUrlRewritePath = Plain<HttpRouteSpecRulesFiltersUrlRewritePath>;
/** `rules[].filters[].requestMirror`. */
export type HttpRequestMirror = Plain<HttpRouteSpecRulesFiltersRequestMirror>;
/** `rules[].filters[].requestMirror.backendRef`. */
export type HttpMirrorBackendRef = Plain<HttpRouteSpecRulesFiltersRequestMirrorBackendRef>;

/** A rule as the renderer writes it: it always lists its matches. */
export type HttpRouteRule = Plain<HttpRouteSpecRules> & { readonly matches: HttpRouteMatchJson[] };

/** A rendered HTTPRoute manifest (`gateway.networking.k8s.io/v1`). */
export interface HttpRouteManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace: string;
    /** Set only by the differential check, which replays the routes created in another order. */
    readonly creationTimestamp?: string;
  };
  /** The spec; the renderer always lists the rules. */
  readonly spec: Plain<HttpRouteSpec> & { readonly rules: HttpRouteRule[] };
}
