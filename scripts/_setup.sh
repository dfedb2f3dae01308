# Shared set-up for scripts/samples and scripts/test (sourced, not run).
# Creates .venv with Python >= 3.11 and installs kbo-docs into it; installs missing Debian
# packages with apt-get when it can (as root, or with sudo), waiting for the dpkg lock when
# another apt-get (such as a fresh Ubuntu's automatic updates) holds it.
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

_apt() {
  # apt-get waits up to 10 minutes for the dpkg/apt locks instead of failing at once (exit 100).
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 -o Acquire::Retries=3 "$@"
}
_lock_holder() {
  local f
  for f in /var/lib/dpkg/lock-frontend /var/lib/dpkg/lock /var/lib/apt/lists/lock; do
    if command -v fuser >/dev/null 2>&1 && fuser "$f" >/dev/null 2>&1; then echo "$f"; return 0; fi
  done
  return 1
}

if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "kbo-docs: installing system packages: ${need_apt[*]}" >&2
  if lock=$(_lock_holder); then
    echo "kbo-docs: another package manager holds $lock (automatic updates?); waiting for it (up to 10 minutes)" >&2
  fi
  _apt update -qq >/dev/null
  known=()
  for pkg in "${need_apt[@]}"; do
    if apt-cache show "$pkg" >/dev/null 2>&1; then known+=("$pkg"); else echo "kbo-docs: no package $pkg here; skipped" >&2; fi
  done
  [ ${#known[@]} -eq 0 ] || _apt install -y -qq --no-install-recommends "${known[@]}" >/dev/null
  PY=$(_pick_python)
fi

VENV=.venv
EXTRAS=${KBO_EXTRAS:-}
STAMP="$VENV/.kbo-installed${EXTRAS:+-$EXTRAS}"
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV"
fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ] || [ setup.py -nt "$STAMP" ]; then
  echo "kbo-docs: installing Python packages into $VENV" >&2
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null 2>&1 || true
  if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".${EXTRAS:+[$EXTRAS]}" >"$VENV/pip.log" 2>&1; then
    tail -n 20 "$VENV/pip.log" >&2
    echo "kbo-docs: installing Python packages into $VENV failed; the whole log is $VENV/pip.log" >&2
    exit 1
  fi
  touch "$STAMP"
fi
export PATH="$PWD/$VENV/bin:$PATH"
export PYTHAINLP_READ_ONLY=1
