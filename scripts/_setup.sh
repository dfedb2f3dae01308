# Shared set-up for scripts/samples and scripts/test (sourced, not run).
# Creates .venv with Python >= 3.11 and installs kbo-docs into it; installs missing Debian
# packages with apt-get when it can (as root, or with sudo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

need_apt=()
_pick_python() {
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  return 1
}
PY=$(_pick_python || true)
if [ -z "$PY" ]; then need_apt+=(python3 python3-venv python3-pip); fi
if [ -n "$PY" ] && ! "$PY" -c 'import ensurepip, venv' >/dev/null 2>&1; then need_apt+=(python3-venv); fi
# System packages listed by the caller (e.g. poppler-utils for reading PDFs back).
for pkg in ${KBO_APT_PACKAGES:-}; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done

if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "kbo-docs: installing system packages: ${need_apt[*]}" >&2
  $SUDO apt-get update -qq
  known=()
  for pkg in "${need_apt[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then known+=("$pkg"); else echo "kbo-docs: no package $pkg here; skipped" >&2; fi
  done
  [ ${#known[@]} -eq 0 ] || DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${known[@]}" >/dev/null
  PY=$(_pick_python)
fi

VENV=.venv
EXTRAS=${KBO_EXTRAS:-render,test}
STAMP="$VENV/.kbo-installed-$EXTRAS"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "kbo-docs: installing Python packages into $VENV" >&2
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null 2>&1 || true
  "$VENV/bin/python" -m pip install -q -e ".[$EXTRAS]"
  touch "$STAMP"
fi
export PATH="$PWD/$VENV/bin:$PATH"
export PYTHAINLP_READ_ONLY=1
