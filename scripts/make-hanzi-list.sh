#!/usr/bin/env bash
# Writes assets/fonts/tongyong-guifan-hanzi.txt: the 8,105 characters of 通用规范汉字表 (2013),
# in table order, taken from the kTGH field of the Unihan database (Unicode licence, shippable;
# see assets/fonts/UNICODE-LICENSE.txt). Unihan comes with Debian's unicode-data package.
# Needs: apt-get install unicode-data (or pass the folder holding Unihan_OtherMappings.txt.bz2).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/usr/share/unicode}
out=assets/fonts/tongyong-guifan-hanzi.txt
{
  echo "# 通用规范汉字表（2013）8105 字，按表中序号排列。"
  echo "# Source: Unihan database, field kTGH (Unicode $(bzcat "$dir/Unihan_OtherMappings.txt.bz2" | sed -n 's/^# Unicode version: //p')),"
  echo "# from Debian's unicode-data package; Unicode licence, see UNICODE-LICENSE.txt."
  bzcat "$dir/Unihan_OtherMappings.txt.bz2" |
    awk -F'\t' '$1 ~ /^U\+/ && $2 == "kTGH" { split($3, a, ":"); print a[2] "\t" substr($1, 3) }' |
    sort -n | python3 -c '
import sys
for line in sys.stdin:
    n, cp = line.split()
    print(chr(int(cp, 16)))
'
} > "$out"
echo "$(grep -vc '^#' "$out") characters in $out"
