import type { ActionProblem } from './backend-render';
import { UpstreamSslConfig } from '../model/gloo-option-types.generated';
import { compact } from '../private/json';

/** kgateway's TLS protocol versions (BackendConfigPolicy `tls.parameters`), by Gloo's name. */
const VERSIONS: { [gloo: string]: string } = { TLS_AUTO: 'AUTO', TLSv1_0: '1.0', TLSv1_1: '1.1', TLSv1_2: '1.2', TLSv1_3: '1.3' };

/**
 * A BackendConfigPolicy's `tls` for TLS to an Upstream's endpoints, or what kgateway cannot say
 * the same (relative to the Upstream: `options.sslConfig.sds`). Gloo's and kgateway's fields match
 * one to one: the Secret (`secretRef`, whose `tls.crt`, `tls.key` and `ca.crt` both read; kgateway
 * reads it from the policy's namespace, the Service's, so a Secret elsewhere is refused), the
 * files (`sslFiles` as `files`), `sni`, `verifySubjectAltName` as `verifySubjectAltNames`,
 * `parameters` (versions as `1.2`, ...), `alpnProtocols`, `allowRenegotiation`, and `oneWayTls` as
 * `simpleTLS` (both: no client certificate even when the Secret holds one). Without a certificate
 * source Gloo originates TLS without checking the endpoint's certificate, which kgateway writes as
 * `insecureSkipVerify: true`. SDS and OCSP stapling are refused.
 */
export function backendTlsOf(ssl: UpstreamSslConfig, policyNamespace: string, at = 'options.sslConfig'): { [field: string]: unknown } | ActionProblem {
  if (ssl.sds !== undefined) return { field: `${at}.sds`, given: ssl.sds, expected: 'a Secret or certificate files (kgateway\'s backend TLS has no SDS)' };
  if (ssl.sslFiles?.ocspStaple !== undefined) return { field: `${at}.sslFiles.ocspStaple`, given: ssl.sslFiles.ocspStaple, expected: 'no OCSP staple (kgateway\'s backend TLS files have none)' };
  const secretNamespace = ssl.secretRef?.namespace ?? policyNamespace;
  if (ssl.secretRef !== undefined && secretNamespace !== policyNamespace) {
    return {
      field: `${at}.secretRef`,
      given: `${secretNamespace}/${ssl.secretRef.name}`,
      expected: `a Secret in ${policyNamespace}, the namespace of the BackendConfigPolicy (kgateway reads the Secret from there)`,
      hint: `copy the Secret to ${policyNamespace}, and name it there`,
    };
  }
  for (const field of ['minimumProtocolVersion', 'maximumProtocolVersion'] as const) {
    const v = ssl.parameters?.[field];
    if (v !== undefined && VERSIONS[v] === undefined) return { field: `${at}.parameters.${field}`, given: v, expected: `one of ${Object.keys(VERSIONS).join(', ')}` };
  }
  const f = ssl.sslFiles;
  const files = f ? compact({ tlsCertificate: f.tlsCert, tlsKey: f.tlsKey, rootCA: f.rootCa }) : undefined;
  const source = ssl.secretRef !== undefined ? { secretRef: { name: ssl.secretRef.name } }
    : files !== undefined && Object.keys(files).length > 0 ? { files }
      : { insecureSkipVerify: true };
  const parameters = ssl.parameters ? compact({
    minVersion: ssl.parameters.minimumProtocolVersion !== undefined ? VERSIONS[ssl.parameters.minimumProtocolVersion] : undefined,
    maxVersion: ssl.parameters.maximumProtocolVersion !== undefined ? VERSIONS[ssl.parameters.maximumProtocolVersion] : undefined,
    cipherSuites: ssl.parameters.cipherSuites,
    ecdhCurves: ssl.parameters.ecdhCurves,
  }) : undefined;
  return compact({
    ...source,
    sni: ssl.sni,
    verifySubjectAltNames: ssl.verifySubjectAltName,
    parameters: parameters && Object.keys(parameters).length > 0 ? parameters : undefined,
    alpnProtocols: ssl.alpnProtocols,
    allowRenegotiation: ssl.allowRenegotiation,
    simpleTLS: ssl.oneWayTls,
  });
}
