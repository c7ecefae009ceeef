#!/usr/bin/env bash
# Tools only the tests need, from Debian: python3-onnx and python3-numpy, with which
# scripts/build-tiny-models.py writes the tiny random vision-language and CLIP models the
# transformers.js tests load (no model can be downloaded on CI machines), and chromium, in which the
# HTML answer page's test clicks times (through playwright-core, executablePath /usr/bin/chromium).
set -euo pipefail
missing=()
/usr/bin/python3 -c 'import onnx, numpy' >/dev/null 2>&1 || missing+=(python3-onnx python3-numpy)
[ -x "${REELM_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "reelm tests: installing ${missing[*]} with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi
echo "reelm tests: the tests need Debian's ${missing[*]} (apt-get install ${missing[*]})." >&2
exit 1
