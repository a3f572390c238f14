#!/usr/bin/env bash
# Builds assets/fonts/NotoSansSC-GB2312.otf: Noto Sans CJK SC (face 2 of Debian's
# fonts-noto-cjk NotoSansCJK-Regular.ttc) subset to GB2312 plus punctuation, so every
# Chinese character the app shows has a glyph on machines without CJK fonts.
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
cps = set(range(0x20, 0x7f))                      # ASCII
cps |= set(range(0x3000, 0x3040))                 # CJK punctuation
cps |= set(range(0xff00, 0xfff0))                 # full-width forms
cps |= {0x2014, 0x2015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x00b7, 0x00d7, 0x2022, 0x25cf,
        0x2190, 0x2191, 0x2192, 0x2193, 0x2713, 0x2714, 0x2715, 0x00a9, 0x2116, 0x2460, 0x2461,
        0x2462, 0x2463, 0x2464, 0x2465, 0x2466, 0x2467, 0x2468, 0x2469, 0x25b2, 0x25bc, 0x25b6}
for hi in range(0xa1, 0xf8):                      # every GB2312 code point
    for lo in range(0xa1, 0xff):
        try:
            cps.add(ord(bytes([hi, lo]).decode('gb2312')))
        except UnicodeDecodeError:
            pass
with open(sys.argv[1], 'w') as f:
    f.write(','.join('U+%04X' % c for c in sorted(cps)))
PY
mkdir -p assets/fonts
pyftsubset "$src" --font-number=2 --unicodes-file="$chars" --layout-features='' --no-hinting \
  --desubroutinize --name-IDs='*' --output-file=assets/fonts/NotoSansSC-GB2312.otf
rm -f "$chars"
ls -l assets/fonts/NotoSansSC-GB2312.otf
