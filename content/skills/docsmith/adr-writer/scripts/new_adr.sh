#!/usr/bin/env bash
# Create the next numbered Architecture Decision Record from the bundled template.
#
# Usage: new_adr.sh [--supersedes N] "Title of the decision"
# Env:   ADR_DIR   target directory (default: docs/adr)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
template="${script_dir}/../assets/templates/ADR.md"
adr_dir="${ADR_DIR:-docs/adr}"
supersedes=""

usage() {
  echo "usage: $(basename "$0") [--supersedes N] \"Decision title\"" >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --supersedes)
      [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || usage
      supersedes="$2"; shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *) break ;;
  esac
done

[[ $# -ge 1 && -n "$1" ]] || usage
title="$*"
[[ -f "$template" ]] || { echo "template not found: $template" >&2; exit 1; }

mkdir -p "$adr_dir"

# Highest existing number among files named NNNN-*.md
last=0
for f in "$adr_dir"/[0-9][0-9][0-9][0-9]-*.md; do
  [[ -e "$f" ]] || continue
  n=$((10#$(basename "$f" | cut -c1-4)))
  (( n > last )) && last=$n
done
next=$((last + 1))
num=$(printf '%04d' "$next")

slug=$(printf '%s' "$title" | tr '[:upper:]' '[:lower:]' \
  | sed -E 's/[^a-z0-9]+/-/g; s/^-+//; s/-+$//' | cut -c1-60 | sed -E 's/-+$//')
target="${adr_dir}/${num}-${slug}.md"

if [[ -e "$target" ]]; then
  echo "refusing to overwrite $target" >&2
  exit 1
fi

supersedes_line=""
if [[ -n "$supersedes" ]]; then
  old_num=$(printf '%04d' "$((10#$supersedes))")
  old_file=$(ls "$adr_dir"/"${old_num}"-*.md 2>/dev/null | head -n1 || true)
  if [[ -z "$old_file" ]]; then
    echo "no ADR numbered $old_num in $adr_dir" >&2
    exit 1
  fi
  supersedes_line="Supersedes: [ADR-${old_num}]($(basename "$old_file"))"$'\n'
  # Update only the status line of the old record.
  tmp=$(mktemp)
  sed -E "s|^Status: .*|Status: Superseded by [ADR-${num}](${num}-${slug}.md)|" "$old_file" > "$tmp"
  mv "$tmp" "$old_file"
  echo "updated status of $old_file" >&2
fi

# Escape characters that are special in sed replacement text.
esc() { printf '%s' "$1" | sed -e 's/[\\&|]/\\&/g'; }

sed -e "s|{{NUMBER}}|${next}|" \
    -e "s|{{TITLE}}|$(esc "$title")|" \
    -e "s|{{DATE}}|$(date +%Y-%m-%d)|" \
    "$template" > "$target"

if [[ -n "$supersedes_line" ]]; then
  tmp=$(mktemp)
  awk -v line="${supersedes_line%$'\n'}" '{ if ($0 == "{{SUPERSEDES}}") print line; else print }' "$target" > "$tmp"
  mv "$tmp" "$target"
else
  tmp=$(mktemp)
  grep -v '^{{SUPERSEDES}}$' "$target" > "$tmp"
  mv "$tmp" "$target"
fi

echo "$target"
