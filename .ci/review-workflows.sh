#!/usr/bin/env bash
# CI: the pull request review workflows of docs/ci/ run for real. Takes the fresh app that
# fresh-app.sh installed the packed package into, makes a git repository of it (main at weight-10,
# pushed to a local "origin"), then a branch with two commits: the release advanced to weight-50,
# then an unrelated route changed as well. For each commit it runs the script steps of
# docs/ci/github-actions.yml (its run: steps, with the expressions GitHub fills in) and the script
# of docs/ci/gitlab-ci.yml, npm ci included, with stand-ins for gh and curl that keep the comment,
# and checks the comment's text and each job's outcome. Any failed check fails the run.
#
#   bash .ci/review-workflows.sh <fresh app folder>
set -euo pipefail

fresh=$(realpath "$1")
repo_root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/gloo-canary-review-XXXXXX")
trap '[ -n "${KEEP_APP:-}" ] || rm -rf "$work"' EXIT
export CDK8S_CHECK_UPGRADE=false GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com

fail() { echo "review workflows: $*" >&2; exit 1; }
expect_in() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "$3: expected to find \"$2\""; }; }
expect_not_in() { if grep -qF -- "$2" "$1"; then cat "$1" >&2; fail "$3: \"$2\" must not appear"; fi; }

# the user's repository: the app as committed, and an origin to compare with
app="$work/app"
mkdir "$app"
cp "$fresh/package.json" "$fresh/package-lock.json" "$fresh/cdk8s.yaml" "$fresh/tsconfig.json" "$fresh/main.ts" "$app/"
printf 'node_modules/\ndist/\nrouting-diff.*\n' > "$app/.gitignore"
git -C "$app" init -q -b main
git -C "$app" add .
git -C "$app" commit -q -m "checkout at weight-10"
git clone -q --bare "$app" "$work/origin.git"
git -C "$app" remote add origin "$work/origin.git"
git -C "$app" fetch -q origin
git -C "$app" checkout -q -b advance
sed -i "s/stage: 'weight-10'/stage: 'weight-50'/" "$app/main.ts"
git -C "$app" commit -q -am "checkout: weight-10 to weight-50"
advance=$(git -C "$app" rev-parse HEAD)
sed -i "s#PathMatch.prefix('/payments')#PathMatch.prefix('/pay')#" "$app/main.ts"
git -C "$app" commit -q -am "payments on /pay"
unrelated=$(git -C "$app" rev-parse HEAD)

# stand-ins for the GitHub and GitLab APIs: they keep the one comment in $work/api
stubs="$work/bin"
mkdir -p "$stubs" "$work/api"
cat > "$stubs/gh" <<'SH'
#!/usr/bin/env bash
# gh api: list (answers the id of the kept comment, as the workflow's --jq would), PATCH or POST (-F body=@file)
set -euo pipefail
echo "gh $*" >> "$API_DIR/calls"
body=$(printf '%s\n' "$@" | sed -n 's/^body=@//p')
case " $* " in
  *" --method PATCH "*) id=$(printf '%s\n' "$@" | sed -n 's#.*/issues/comments/\([0-9]*\)$#\1#p'); cp "$body" "$API_DIR/comment-$id.md" ;;
  *" --method POST "*) id=$(( $(ls "$API_DIR" | grep -c '^comment-' || true) + 1 )); cp "$body" "$API_DIR/comment-$id.md" ;;
  *) for f in "$API_DIR"/comment-*.md; do [ -e "$f" ] || continue; head -1 "$f" | grep -qF '<!-- cdk8s-gloo-canary diff -->' && basename "$f" .md | sed 's/comment-//' && break; done ;;
esac
SH
cat > "$stubs/curl" <<'SH'
#!/usr/bin/env bash
# curl to the merge request API: GET of the merge request answers its description (MR_DESCRIPTION),
# GET of its notes lists them as JSON, POST and PUT keep a note's body (--data-binary @file of JSON)
set -euo pipefail
echo "curl $*" >> "$API_DIR/calls"
method=GET; data=; url=
while [ $# -gt 0 ]; do
  case "$1" in
    --request) method=$2; shift 2 ;;
    --data-binary) data=$(cat "${2#@}"); shift 2 ;;
    --header) shift 2 ;;
    --*) shift ;;
    *) url=$1; shift ;;
  esac
done
case "$method" in
  GET) if [[ "$url" == */merge_requests/7 ]]; then node -e 'console.log(JSON.stringify({ description: process.env.MR_DESCRIPTION }))'
       else node -e 'const fs=require("fs");const d=process.argv[1];const notes=fs.readdirSync(d).filter(f=>/^note-\d+\.md$/.test(f)).map(f=>({id:Number(f.slice(5,-3)),body:fs.readFileSync(d+"/"+f,"utf8")}));console.log(JSON.stringify(notes))' "$API_DIR"; fi ;;
  PUT) id=${url##*/}; node -e 'require("fs").writeFileSync(process.argv[1], JSON.parse(process.argv[2]).body)' "$API_DIR/note-$id.md" "$data" ;;
  POST) id=$(( $(ls "$API_DIR" | grep -c '^note-' || true) + 1 )); node -e 'require("fs").writeFileSync(process.argv[1], JSON.parse(process.argv[2]).body)' "$API_DIR/note-$id.md" "$data" ;;
esac
SH
chmod +x "$stubs/gh" "$stubs/curl"
export API_DIR="$work/api"

# runs the GitHub workflow's steps at the app's checked-out commit; prints the job's exit code
run_github() { # run_github <pull request description>
  (cd "$app" && PATH="$stubs:$PATH" PR_DESCRIPTION="$1" node "$repo_root/.ci/review-workflows/run-github.js" "$repo_root/docs/ci/github-actions.yml") && echo 0 || echo $?
}
run_gitlab() { # run_gitlab <merge request description>
  (cd "$app" && PATH="$stubs:$PATH" MR_DESCRIPTION="$1" node "$repo_root/.ci/review-workflows/run-gitlab.js" "$repo_root/docs/ci/gitlab-ci.yml") && echo 0 || echo $?
}

for ci in github gitlab; do
  echo "--- review workflows ($ci): advance a stage, the description expecting it"
  rm -f "$API_DIR"/*
  git -C "$app" checkout -q "$advance"
  code=$("run_$ci" $'Advance checkout.\r\ngloo-canary-expect: checkout=weight-50\r\n' | tail -1)
  [ "$code" = 0 ] || fail "$ci: the job failed ($code) on a pull request that advances the release it expects"
  kept=$(ls "$API_DIR" | grep -E '^(comment|note)-1\.md$') || fail "$ci: no comment posted"
  comment="$API_DIR/$kept"
  expect_in "$comment" "<!-- cdk8s-gloo-canary diff -->" "$ci comment"
  expect_in "$comment" "- release checkout: weight-10 → weight-50, 4 request classes changed" "$ci comment"
  expect_in "$comment" "| checkout: weight-10 → weight-50 | GET /checkout, /checkout/, /checkout/x, /checkoutx | checkout-v1 90% · checkout-v2 10% | checkout-v1 50% · checkout-v2 50% |" "$ci comment"
  expect_not_in "$comment" "checkout-s3cr3t" "$ci comment"
  expect_not_in "$comment" "Expectations not met" "$ci comment"

  echo "--- review workflows ($ci): an unrelated route changed too"
  git -C "$app" checkout -q "$unrelated"
  code=$("run_$ci" 'gloo-canary-expect: checkout=weight-50' | tail -1)
  [ "$code" != 0 ] || fail "$ci: the job passed though a route outside the expected release changed"
  [ "$(ls "$API_DIR" | grep -cE '^(comment|note)-')" = 1 ] || { ls "$API_DIR" >&2; fail "$ci: the comment was not updated in place"; }
  expect_in "$comment" "Expectations not met" "$ci comment, updated"
  expect_in "$comment" "diff --expect: VirtualService gloo-system/shop: GET /pay routes differently, outside the expected release" "$ci comment, updated"
  expect_in "$comment" "| not in a release | GET /pay, /pay/, /pay/x, /payment, /payx | no route (404) | payments 100% |" "$ci comment, updated"

  echo "--- review workflows ($ci): the same without expectations only reports"
  code=$("run_$ci" 'Moves payments.' | tail -1)
  [ "$code" = 0 ] || fail "$ci: the job failed ($code) without expectations"
  [ "$(ls "$API_DIR" | grep -cE '^(comment|note)-')" = 1 ] || { ls "$API_DIR" >&2; fail "$ci: the comment was not updated in place"; }
  expect_in "$comment" "| not in a release | GET /pay, /pay/, /pay/x, /payment, /payx | no route (404) | payments 100% |" "$ci comment, without expectations"
  expect_not_in "$comment" "Expectations not met" "$ci comment, without expectations"
done
echo "review workflows: every check passed"
