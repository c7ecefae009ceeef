#!/usr/bin/env bash
# Tools only the tests need: Debian's python3-onnx and python3-numpy, with which
# scripts/build-tiny-models.py writes the tiny random vision-language and CLIP models the
# transformers.js tests load (no model can be downloaded on CI machines).
set -euo pipefail
if /usr/bin/python3 -c 'import onnx, numpy' >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "reelm tests: installing python3-onnx python3-numpy with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends python3-onnx python3-numpy >/dev/null
  exit 0
fi
echo "reelm tests: the transformers.js tests need Debian's python3-onnx and python3-numpy (apt-get install python3-onnx python3-numpy)." >&2
exit 1
