import { HeaderMatch } from './header-match';
import { PathMatch } from './path-match';
import { QueryParameterMatch } from './query-parameter-match';

/**
 * One matcher of a route: a path match and further conditions, all of which must hold. A route
 * matches a request when any of its matchers does.
 */
export interface RouteMatcher {
  /** How the path is matched; Gloo requires one on every matcher. */
  readonly path: PathMatch;
  /**
   * Header conditions, all of which must hold.
   * @default - none
   */
  readonly headers?: HeaderMatch[];
  /**
   * Query-parameter conditions, all of which must hold.
   * @default - none
   */
  readonly queryParameters?: QueryParameterMatch[];
  /**
   * HTTP methods, one of which must be the request's (upper case, e.g. `GET`).
   * @default - any method
   */
  readonly methods?: string[];
}
