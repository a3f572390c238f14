#!/usr/bin/env bash
# Builds assets/fonts/NotoSansSC-Speech.otf: Noto Sans CJK SC (face 2 of Debian's
# fonts-noto-cjk NotoSansCJK-Regular.ttc, OFL) subset to what speeches are written in:
# the 8,105 characters of 通用规范汉字表 (assets/fonts/tongyong-guifan-hanzi.txt, from
# scripts/make-hanzi-list.sh), all of GB2312 (a few of its variants are not in the table),
# and the punctuation, full-width forms, enclosed numbers (①–⑳ ⑴ ⒈ ㈠ ㊀), units and symbols
# listed in assets/fonts/extra-ranges.txt. The app then draws every such character on
# machines without CJK fonts.
# Needs: apt-get install fonts-noto-cjk; pip install fonttools.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}
out=assets/fonts/NotoSansSC-Speech.otf
chars=$(mktemp)
python3 - "$chars" <<'PY'
import sys
cps = set()
for line in open('assets/fonts/tongyong-guifan-hanzi.txt', encoding='utf-8'):
    if line.strip() and not line.startswith('#'):
        cps.add(ord(line.strip()))
for line in open('assets/fonts/extra-ranges.txt', encoding='utf-8'):
    line = line.split('#')[0].strip()
    if line:
        lo, _, hi = line.partition('..')
        cps |= set(range(int(lo, 16), int(hi or lo, 16) + 1))
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
  --desubroutinize --name-IDs='*' --output-file="$out"
rm -f "$chars"
ls -l "$out"
