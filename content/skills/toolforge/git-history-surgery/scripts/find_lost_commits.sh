#!/usr/bin/env bash
# List commits that may have been "lost" (after a bad rebase, reset, or a
# deleted branch), newest first, so one can be picked and restored.
#
# Usage: find_lost_commits.sh [-g PATTERN] [-d DAYS]
#   -g PATTERN  only show commits whose subject or diff stat matches PATTERN
#   -d DAYS     only show commits from the last DAYS days (default 30)
#
# Sources: every reflog (HEAD and all branches) plus unreachable commits
# reported by git fsck. Nothing is modified.
set -euo pipefail

pattern=""
days=30
while getopts ":g:d:" opt; do
  case "$opt" in
    g) pattern="$OPTARG" ;;
    d) days="$OPTARG" ;;
    *) echo "usage: $0 [-g PATTERN] [-d DAYS]" >&2; exit 2 ;;
  esac
done

git rev-parse --git-dir >/dev/null 2>&1 || { echo "not inside a git repository" >&2; exit 2; }

since=$(( $(date +%s) - days * 86400 ))
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

# 1. Commits recorded in any reflog
git reflog --all --format='%H' 2>/dev/null >>"$tmp" || true
# 2. Commits no longer reachable from any ref (includes dropped stashes)
git fsck --no-reflogs --unreachable --lost-found 2>/dev/null \
  | awk '$2 == "commit" { print $3 }' >>"$tmp" || true

# Commits reachable from a branch or tag are not lost; filter them out.
reachable=$(mktemp)
trap 'rm -f "$tmp" "$reachable"' EXIT
git rev-list --branches --tags --remotes 2>/dev/null | sort -u >"$reachable"

sort -u "$tmp" | comm -23 - "$reachable" | while read -r sha; do
  [[ -n "$sha" ]] || continue
  ts=$(git show -s --format='%ct' "$sha" 2>/dev/null) || continue
  (( ts >= since )) || continue
  line=$(git show -s --format='%ct%x09%h%x09%ci%x09%an%x09%s' "$sha")
  if [[ -n "$pattern" ]]; then
    if ! { printf '%s\n' "$line"; git show --stat --format= "$sha"; } | grep -qiE -- "$pattern"; then
      continue
    fi
  fi
  printf '%s\n' "$line"
done | sort -rn | cut -f2- | awk -F'\t' '
  BEGIN { n = 0 }
  { n++; printf "%s  %s  %-16s %s\n", $1, substr($2, 1, 16), substr($3, 1, 16), $4 }
  END {
    if (n == 0) { print "no unreachable commits found in the window" > "/dev/stderr"; exit 1 }
    print "\nInspect:  git show <sha>\nRestore:  git branch rescue/<name> <sha>" > "/dev/stderr"
  }'
