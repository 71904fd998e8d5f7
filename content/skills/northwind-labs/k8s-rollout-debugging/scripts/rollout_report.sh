#!/usr/bin/env bash
# Collect a read-only Markdown snapshot of a Deployment rollout.
#
# Usage: rollout_report.sh [-n namespace] [-c context] <deployment>
# Prints Markdown to stdout. Makes no changes to the cluster.
set -euo pipefail

NAMESPACE="default"
CONTEXT=""
usage() { echo "usage: $0 [-n namespace] [-c context] <deployment>" >&2; exit 2; }

while getopts ":n:c:h" opt; do
  case "$opt" in
    n) NAMESPACE="$OPTARG" ;;
    c) CONTEXT="$OPTARG" ;;
    h|*) usage ;;
  esac
done
shift $((OPTIND - 1))
[[ $# -eq 1 ]] || usage
DEPLOY="$1"

command -v kubectl >/dev/null || { echo "kubectl not found in PATH" >&2; exit 1; }

k() {
  if [[ -n "$CONTEXT" ]]; then kubectl --context "$CONTEXT" -n "$NAMESPACE" "$@"
  else kubectl -n "$NAMESPACE" "$@"; fi
}

section() { printf '\n## %s\n\n```text\n' "$1"; }
endsection() { printf '```\n'; }

# Run a command inside a section; never abort the whole report on one failure.
run() { "$@" 2>&1 || echo "(command failed with status $?)"; }

if ! k get deploy "$DEPLOY" >/dev/null 2>&1; then
  echo "Deployment '$DEPLOY' not found in namespace '$NAMESPACE'" >&2
  exit 1
fi

# Build a label selector from the Deployment's matchLabels (no jq needed).
SELECTOR=$(k get deploy "$DEPLOY" \
  -o go-template='{{range $k, $v := .spec.selector.matchLabels}}{{$k}}={{$v}},{{end}}')
SELECTOR="${SELECTOR%,}"

printf '# Rollout report: %s\n\n' "$DEPLOY"
printf -- '- Context: `%s`\n' "${CONTEXT:-$(kubectl config current-context 2>/dev/null || echo unknown)}"
printf -- '- Namespace: `%s`\n' "$NAMESPACE"
printf -- '- Selector: `%s`\n' "$SELECTOR"
printf -- '- Generated: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"

section "Rollout status"
run k rollout status deploy/"$DEPLOY" --timeout=5s
endsection

section "Deployment conditions"
run k get deploy "$DEPLOY" -o \
  jsonpath='{range .status.conditions[*]}{.type}{"\t"}{.status}{"\t"}{.reason}{"\t"}{.message}{"\n"}{end}'
endsection

section "ReplicaSets"
run k get rs -l "$SELECTOR" -o wide --sort-by=.metadata.creationTimestamp
endsection

section "Pods"
run k get pods -l "$SELECTOR" -o wide --sort-by=.metadata.creationTimestamp
endsection

section "Recent events (namespace, newest last)"
run k get events --sort-by=.lastTimestamp | tail -40
endsection

# Logs from pods that are not Ready, previous container instance first.
mapfile -t PODS < <(k get pods -l "$SELECTOR" \
  -o go-template='{{range .items}}{{.metadata.name}}{{"\t"}}{{range .status.containerStatuses}}{{.ready}}{{" "}}{{end}}{{"\n"}}{{end}}' \
  | awk -F'\t' '$2 == "" || $2 ~ /false/ {print $1}' | head -3)

for pod in "${PODS[@]}"; do
  section "Logs: $pod (previous instance)"
  run k logs "$pod" --all-containers --previous --tail=80
  endsection
  section "Logs: $pod (current instance)"
  run k logs "$pod" --all-containers --tail=40
  endsection
done

if [[ ${#PODS[@]} -eq 0 ]]; then
  printf '\nAll selected pods report Ready containers.\n'
fi
