#!/usr/bin/env bash
# Install a git pre-commit hook that runs scan_secrets.py on staged changes.
#
# Usage: install_hook.sh [path/to/repo]
# Respects core.hooksPath. Refuses to overwrite an existing hook it did not write.
set -euo pipefail

REPO="${1:-.}"
SCANNER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scan_secrets.py"
MARKER="# managed-by: secret-scanning-precommit"

[[ -f "$SCANNER" ]] || { echo "scanner not found at $SCANNER" >&2; exit 1; }
cd "$REPO"
git rev-parse --git-dir >/dev/null 2>&1 || { echo "$REPO is not a git repository" >&2; exit 1; }

HOOKS_DIR="$(git config --get core.hooksPath || true)"
if [[ -z "$HOOKS_DIR" ]]; then
  HOOKS_DIR="$(git rev-parse --git-path hooks)"
fi
mkdir -p "$HOOKS_DIR"
HOOK="$HOOKS_DIR/pre-commit"

if [[ -e "$HOOK" ]] && ! grep -qF "$MARKER" "$HOOK"; then
  echo "A different pre-commit hook already exists at $HOOK." >&2
  echo "Add this line to it instead:  python3 \"$SCANNER\" --staged" >&2
  exit 1
fi

cat > "$HOOK" <<EOF
#!/usr/bin/env bash
$MARKER
# Blocks commits that add likely secrets. Bypass once (after review!) with:
#   SKIP_SECRET_SCAN=1 git commit ...
if [[ "\${SKIP_SECRET_SCAN:-0}" == "1" ]]; then
  echo "secret scan skipped by SKIP_SECRET_SCAN=1" >&2
  exit 0
fi
exec python3 "$SCANNER" --staged
EOF
chmod +x "$HOOK"
echo "Installed pre-commit hook at $HOOK"
