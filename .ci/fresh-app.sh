#!/usr/bin/env bash
# CI: the package as users install it. Packs the library, creates a fresh cdk8s TypeScript app in a
# temporary folder (the shape of `cdk8s init typescript-app`: ts-node, cdk8s-cli, a main.ts), installs
# the tarball there with the given cdk8s-plus major, and runs what a user runs: cdk8s synth, the CLI's
# help, plan (text and markdown), synth-stages and validate. Then the same app with the one line that
# chooses the Gateway API target (in gateway-api/, beside it): cdk8s synth, plan, synth-stages and
# validate on its HTTPRoutes. Any failed check fails the run.
#
# With a third argument `review`, it then runs the pull request review workflows of docs/ci/ on a
# git repository of that app (.ci/review-workflows.sh).
#
#   bash .ci/fresh-app.sh <tarball> <cdk8s-plus major, e.g. 28 or 33> [review]
set -euo pipefail

tarball=$(realpath "$1")
plus="cdk8s-plus-$2"
repo=$(cd "$(dirname "$0")/.." && pwd)
app=$(mktemp -d "${TMPDIR:-/tmp}/gloo-canary-fresh-app-XXXXXX")
trap '[ -n "${KEEP_APP:-}" ] || rm -rf "$app"' EXIT
export CDK8S_CHECK_UPGRADE=false

fail() { echo "fresh app ($plus): $*" >&2; exit 1; }
expect_in() { # expect_in <file> <fixed string> <what>
  grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$3: expected to find \"$2\""; }
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then cat "$1" >&2; fail "$3: \"$2\" must not appear"; fi
}

version_of() { node -p "require('$repo/node_modules/$1/package.json').version"; }
cdk8s_version=$(version_of cdk8s)
constructs_version=$(version_of constructs)
cli_version=$(version_of cdk8s-cli)
typescript_version=$(version_of typescript)

cd "$app"
cat > package.json <<JSON
{
  "name": "checkout-app",
  "version": "1.0.0",
  "private": true,
  "license": "Apache-2.0",
  "scripts": { "synth": "cdk8s synth" },
  "dependencies": {
    "cdk8s": "^$cdk8s_version",
    "constructs": "^$constructs_version",
    "$plus": "^2",
    "cdk8s-gloo-canary": "file:$tarball"
  },
  "devDependencies": {
    "cdk8s-cli": "^$cli_version",
    "@types/node": "^20",
    "typescript": "~$typescript_version",
    "ts-node": "^10"
  }
}
JSON
cat > cdk8s.yaml <<'YAML'
language: typescript
app: npx ts-node main.ts
YAML
cp "$repo/.ci/fresh-app/tsconfig.json" tsconfig.json
sed "s/cdk8s-plus-XX/$plus/" "$repo/.ci/fresh-app/main.ts" > main.ts

echo "--- fresh app ($plus): npm install"
npm install --no-audit --no-fund --prefer-offline > install.log 2>&1 || { cat install.log >&2; fail "npm install failed"; }

echo "--- fresh app ($plus): tsc --noEmit (strict, as the init template)"
npx --no-install tsc --noEmit -p . || fail "main.ts does not compile against the installed package"

echo "--- fresh app ($plus): cdk8s synth"
npx --no-install cdk8s synth > synth.log 2>&1 || { cat synth.log >&2; fail "cdk8s synth failed"; }
expect_in dist/shop.k8s.yaml "kind: VirtualService" "cdk8s synth output"
expect_in dist/shop.k8s.yaml "weight: 10" "the active stage (weight-10)"
expect_in dist/shop.k8s.yaml "name: shop-checkout-v2-8080" "the canary Upstream"
expect_in dist/shop.k8s.yaml "kind: Deployment" "the workloads"

echo "--- fresh app ($plus): the CLI"
npx --no-install cdk8s-gloo-canary --help > help.log 2>&1 || { cat help.log >&2; fail "--help failed"; }
expect_in help.log "usage: cdk8s-gloo-canary" "--help"

npx --no-install cdk8s-gloo-canary plan > plan.txt 2> plan.err || { cat plan.err >&2; fail "plan failed"; }
expect_in plan.txt "weight-10 (active)" "plan"
expect_in plan.txt "canary 10% · stable 90%" "plan"
expect_in plan.txt "x-canary: ***" "plan masks the header value"
expect_not_in plan.txt "checkout-s3cr3t" "plan"

npx --no-install cdk8s-gloo-canary plan --format markdown > plan.md 2> plan.err || { cat plan.err >&2; fail "plan --format markdown failed"; }
expect_in plan.md "| weight-10 (active) |" "plan --format markdown"
expect_not_in plan.md "checkout-s3cr3t" "plan --format markdown"

npx --no-install cdk8s-gloo-canary synth-stages > stages.log 2>&1 || { cat stages.log >&2; fail "synth-stages failed"; }
for stage in stable header weight-10 weight-50 promote rollback; do
  test -s "dist/stages/checkout/$stage/shop.k8s.yaml" || fail "synth-stages wrote no dist/stages/checkout/$stage/shop.k8s.yaml"
done
expect_in dist/shop.k8s.yaml "weight: 10" "dist/ after synth-stages still holds the active stage"

npx --no-install cdk8s-gloo-canary validate dist > validate.log 2>&1 || { cat validate.log >&2; fail "validate failed"; }
expect_in validate.log "match the Gloo CRD schemas" "validate"

echo "--- fresh app ($plus): the same app on the Gateway API target (one line, in gateway-api/)"
# the app's own folder, using the installed node_modules above it: main.ts plus the import and the
# one line GatewayApiTarget.apply right after new App()
mkdir gateway-api
cp tsconfig.json cdk8s.yaml gateway-api/
sed -e 's/^import { CanaryRelease, /import { CanaryRelease, GatewayApiTarget, /' \
    -e "s/^const app = new App();$/&\nGatewayApiTarget.apply(app, { gatewayName: 'http', gatewayNamespace: 'kgateway-system', httpRouteNamespace: 'shop' });/" \
    main.ts > gateway-api/main.ts
changed=$(diff main.ts gateway-api/main.ts | grep -c '^>' || true)
[ "$changed" = 2 ] || { diff main.ts gateway-api/main.ts >&2; fail "the Gateway API variant should differ from main.ts by the import and one line, not $changed lines"; }
cd gateway-api
npx --no-install tsc --noEmit -p . || fail "the Gateway API variant does not compile against the installed package"

npx --no-install cdk8s synth > synth.log 2>&1 || { cat synth.log >&2; fail "cdk8s synth (gateway api) failed"; }
expect_in dist/shop.k8s.yaml "apiVersion: gateway.networking.k8s.io/v1" "cdk8s synth (gateway api)"
expect_in dist/shop.k8s.yaml "kind: HTTPRoute" "cdk8s synth (gateway api)"
expect_in dist/shop.k8s.yaml "weight: 10" "the active stage (weight-10) as backendRef weights"
expect_in dist/shop.k8s.yaml "name: checkout-v2" "the canary Service as a backendRef"
expect_in dist/shop.k8s.yaml "kind: Deployment" "the workloads (gateway api)"
expect_not_in dist/shop.k8s.yaml "kind: Upstream" "cdk8s synth (gateway api) writes no Upstream"
expect_not_in dist/shop.k8s.yaml "kind: VirtualService" "cdk8s synth (gateway api) writes no VirtualService"

npx --no-install cdk8s-gloo-canary plan > plan.txt 2> plan.err || { cat plan.err >&2; fail "plan (gateway api) failed"; }
expect_in plan.txt "target: gateway api (HTTPRoute shop/shop): stable Service shop/checkout-v1:8080, canary Service shop/checkout-v2:8080" "plan names the Gateway API target"
expect_in plan.txt "canary 10% · stable 90%" "plan (gateway api)"
expect_not_in plan.txt "checkout-s3cr3t" "plan (gateway api)"
# the Gateway API simulator gives every stage the shares the Gloo simulator gave the Gloo app
grep -v '^target: ' plan.txt > plan-shares.txt
diff ../plan.txt plan-shares.txt >&2 || fail "plan (gateway api): the shares differ from the Gloo app's plan"
npx --no-install cdk8s-gloo-canary plan --format markdown > plan.md 2> plan.err || { cat plan.err >&2; fail "plan --format markdown (gateway api) failed"; }
expect_in plan.md "target: gateway api (HTTPRoute shop/shop)" "plan --format markdown (gateway api)"
expect_in plan.md "| weight-10 (active) |" "plan --format markdown (gateway api)"

npx --no-install cdk8s-gloo-canary synth-stages > stages.log 2>&1 || { cat stages.log >&2; fail "synth-stages (gateway api) failed"; }
for stage in stable header weight-10 weight-50 promote rollback; do
  file="dist/stages/checkout/$stage/shop.k8s.yaml"
  test -s "$file" || fail "synth-stages (gateway api) wrote no $file"
  expect_in "$file" "kind: HTTPRoute" "synth-stages (gateway api), $stage"
  expect_not_in "$file" "kind: Upstream" "synth-stages (gateway api), $stage"
done
expect_in dist/stages/checkout/header/shop.k8s.yaml "value: checkout-s3cr3t" "the header stage's Exact header match"

npx --no-install cdk8s-gloo-canary validate dist > validate.log 2>&1 || { cat validate.log >&2; fail "validate (gateway api) failed"; }
expect_in validate.log "Gateway API and kgateway objects under" "validate (gateway api)"
expect_in validate.log "match the Gateway API v1.6.1 and kgateway v2.2.0 CRD schemas and rules" "validate (gateway api)"
# and it fails on an HTTPRoute the API server would not keep as written
mkdir broken
sed 's/^  parentRefs:$/  parentRef:/' dist/shop.k8s.yaml > broken/shop.k8s.yaml
if npx --no-install cdk8s-gloo-canary validate broken > broken.log 2>&1; then cat broken.log >&2; fail "validate passed an HTTPRoute without parentRefs"; fi
expect_in broken.log "spec.parentRef: unknown field, pruned by the API server" "validate (gateway api) on a broken HTTPRoute"
cd ..

echo "--- fresh app ($plus): adopt existing Gloo YAML (the blog's part-2 manifest)"
cp "$repo/test/fixtures/gloo-canary-example/coalmine-virtual-service-part-2-header.yaml" \
   "$repo/test/fixtures/gloo-canary-example/default-petstore-v1-8080-upstream.yaml" .
npx --no-install cdk8s-gloo-canary adopt coalmine-virtual-service-part-2-header.yaml default-petstore-v1-8080-upstream.yaml --out adopted.ts > adopt.log 2>&1 \
  || { cat adopt.log >&2; fail "adopt failed"; }
expect_in adopt.log "0 routed differently" "adopt's report"
npx --no-install tsc --noEmit -p . || fail "the adopted code does not compile against the installed package"
CDK8S_OUTDIR=adopted-out npx --no-install ts-node adopted.ts > adopted-run.log 2>&1 || { cat adopted-run.log >&2; fail "the adopted app does not run on its own"; }
expect_in adopted-out/adopted.k8s.yaml "kind: VirtualService" "the adopted app's output"

if [ "${3:-}" = review ]; then
  echo "--- fresh app ($plus): the pull request review workflows of docs/ci/"
  bash "$repo/.ci/review-workflows.sh" "$app"
fi

echo "fresh app ($plus): every check passed"
