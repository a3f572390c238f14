#!/usr/bin/env bash
# Types Chinese into the real app through a real input method under Xvfb and checks the
# exact text the app keeps (the saved draft and the autosave written mid-composition).
#
#   scripts/ime-check.sh [ibus|fcitx5|fcitx5-onthespot|all] [path/to/jianggao]
#
# Modes: ibus (ibus-libpinyin over XIM, on-the-spot preedit: the pinyin reaches the app),
# fcitx5 (XIM, fcitx5's default over-the-spot: the preedit is drawn by fcitx5 and only
# commits reach the app), fcitx5-onthespot (XIM with UseOnTheSpot=True: the preedit
# reaches the app, as with ibus). `all` (the default) runs the three.
#
# Cases, each an exact comparison:
#   1 body   : 「dangjian␠」 at the end of the opening     → body 开头党建
#   2 autosave: 「dang」 left composing for 4 s            → the autosave says 开头党建
#   3 click  : that composition interrupted by a click into 单位 → body 开头党建, 单位 empty
#   4 form   : 「dangjian␠」 at the end of 讲稿标题           → title 输入法测试党建
#   5 form click: 「dang」 in 讲稿标题 for 4 s, then a click into the body
#                → the autosave and the saved title say 输入法测试党建, the body 开头党建
#   6 popup  : the first composition after each focus change (body → 讲稿标题 → body, twice)
#              opens the candidate window just below the field now focused (its top
#              within 40 px under the field's row), not at the field before
# Screenshots and logs stay in the work folder named at the end.
#
# Needs (Debian): xvfb xdotool dbus-x11 imagemagick python3, and fcitx5
# fcitx5-chinese-addons / ibus ibus-libpinyin. The app is driven by window coordinates
# for a 1400×900 screen with default preferences. Uses a throwaway HOME per mode and
# kills only what it started. Exit 0 when every case of every mode passed.
set -uo pipefail
mode=${1:-all}
bin=$(realpath "${2:-target/debug/jianggao}")
[ -x "$bin" ] || { echo "no app binary at $bin (cargo build first)" >&2; exit 2; }
root=$(mktemp -d /tmp/ime-check.XXXXXX)
failures=0
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; pids=(); }
trap cleanup EXIT

# Window coordinates (1400×900 screen, window at the top left, default panels).
BODY="700 238"      # the opening's body
TITLE="530 68"      # 讲稿标题
UNIT="530 94"       # 单位

# field FILE KEY: the first `KEY: "…"` of a draft or recovery file, unescaped.
field() {
  python3 - "$1" "$2" <<'PY'
import re, sys
t = open(sys.argv[1], encoding="utf-8").read()
m = re.search(sys.argv[2] + r': "((?:[^"\\]|\\.)*)"', t)
print(m.group(1).encode().decode("unicode_escape").encode("latin-1").decode() if m else "<missing>")
PY
}

# popup_top: the top (screen y) of the input method's candidate window, or "none".
popup_top() {
  local cls=ibus-ui-gtk3
  [ "$mode_now" = ibus ] || cls=fcitx
  xwininfo -root -tree | grep -E '^\s+0x' | grep -i "$cls" | grep -v '10x10\|16x16\|1x1+' \
    | awk '{print $(NF-1)}' | sed -E 's/.*\+([0-9-]+)$/\1/' | head -1 | grep . || echo none
}

check() { # check MODE CASE WANT GOT
  if [ "$3" == "$4" ]; then
    echo "PASS $1 $2: $4"
  else
    echo "FAIL $1 $2: want 「$3」, got 「$4」"
    failures=$((failures + 1))
  fi
}

click_at() { xdotool mousemove $1 $2 click 1; sleep 0.7; }

start_im() { # start_im MODE
  case $1 in
    fcitx5|fcitx5-onthespot)
      mkdir -p "$HOME/.config/fcitx5/conf"
      cat > "$HOME/.config/fcitx5/profile" <<'P'
[Groups/0]
Name=Default
Default Layout=us
DefaultIM=pinyin

[Groups/0/Items/0]
Name=keyboard-us
Layout=

[Groups/0/Items/1]
Name=pinyin
Layout=

[GroupOrder]
0=Default
P
      printf '[Behavior]\nShareInputState=All\n' > "$HOME/.config/fcitx5/config"
      printf 'Enabled=False\n' > "$HOME/.config/fcitx5/conf/cloudpinyin.conf"
      if [ "$1" = fcitx5-onthespot ]; then
        printf 'UseOnTheSpot=True\n' > "$HOME/.config/fcitx5/conf/xim.conf"
      else
        printf 'UseOnTheSpot=False\n' > "$HOME/.config/fcitx5/conf/xim.conf"
      fi
      export XMODIFIERS=@im=fcitx GTK_IM_MODULE=fcitx QT_IM_MODULE=fcitx
      fcitx5 --replace >"$work/im.log" 2>&1 & pids+=($!)
      sleep 3
      ;;
    ibus)
      export XMODIFIERS=@im=ibus GTK_IM_MODULE=ibus QT_IM_MODULE=ibus
      ibus-daemon -rx >"$work/im.log" 2>&1 & pids+=($!)
      sleep 4
      ibus engine libpinyin >/dev/null 2>&1 || true  # answers 1 on some versions even when it switched
      [ "$(ibus engine 2>/dev/null)" = libpinyin ] || { echo "FAIL ibus: libpinyin engine not available"; return 1; }
      ;;
    *) echo "unknown mode $1" >&2; exit 2 ;;
  esac
}

# The input method on: fcitx5 starts on the keyboard layout, Ctrl+Space turns pinyin on
# for the focused field (ShareInputState=All keeps it on for the others).
im_on() { [ "${mode_now}" = ibus ] || { xdotool key ctrl+space; sleep 0.5; }; }

run_mode() {
  mode_now=$1
  work=$root/$1
  mkdir -p "$work/home" "$work/run"
  chmod 700 "$work/run"
  export HOME=$work/home XDG_RUNTIME_DIR=$work/run DISPLAY=:97 LANG=C.UTF-8
  Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 & pids+=($!)
  sleep 1
  eval "$(dbus-launch --sh-syntax)"
  pids+=("$DBUS_SESSION_BUS_PID")
  start_im "$1" || { failures=$((failures + 1)); cleanup; return; }
  local draft=$work/draft.ron
  cat > "$draft" <<'D'
(version: 1, meta: (title: "输入法测试", meeting: "", unit: "", speaker: "", date: "", salutation: "同志们："), numbering: official, blocks: [(id: 1, kind: opening, heading: "", body: "开头", source: None, collapsed: false)], next_id: 2)
D
  "$bin" "$draft" >"$work/app.log" 2>&1 & pids+=($!)
  local app=$!
  sleep 5
  local wid
  wid=$(xdotool search --pid "$app" | tail -1)
  xdotool windowfocus --sync "$wid"
  sleep 0.5

  # 1 body: commit 党建 at the end of the opening.
  click_at $BODY
  xdotool key End
  im_on
  xdotool type --delay 120 dangjian
  sleep 0.5
  xdotool key space
  sleep 1
  # 2 autosave: a composition left open across an autosave (3 s after the commit).
  xdotool type --delay 120 dang
  sleep 4
  import -window root "$work/2-composing.png" 2>/dev/null
  local rec
  rec=$(ls "$HOME"/.local/share/jianggao/recovery/*.ron 2>/dev/null | head -1)
  check "$1" "2 autosave mid-composition" "开头党建" "$([ -n "$rec" ] && field "$rec" body || echo '<no autosave>')"
  # 3 click: that composition interrupted by a click into 单位; nothing is left anywhere.
  click_at $UNIT
  sleep 1
  xdotool key ctrl+s
  sleep 1
  import -window root "$work/3-after-click.png" 2>/dev/null
  check "$1" "1 body commit" "开头党建" "$(field "$draft" body)"
  check "$1" "3 click drops body preedit: body" "开头党建" "$(field "$draft" body)"
  check "$1" "3 click drops body preedit: 单位" "" "$(field "$draft" unit)"

  # 4 form: commit 党建 at the end of 讲稿标题.
  click_at $TITLE
  xdotool key End
  xdotool type --delay 120 dangjian
  sleep 0.5
  xdotool key space
  sleep 1.5
  xdotool key ctrl+s
  sleep 1
  check "$1" "4 form commit" "输入法测试党建" "$(field "$draft" title)"
  # 5 form click: a composition in 讲稿标题 left open across an autosave, then
  # interrupted by a click into the body.
  xdotool type --delay 120 dang
  sleep 4
  import -window root "$work/5-composing-in-title.png" 2>/dev/null
  # Saved just before, so the draft is unchanged and may have no autosave at all; one
  # written meanwhile must not hold the pinyin.
  rec=$(ls "$HOME"/.local/share/jianggao/recovery/*.ron 2>/dev/null | head -1)
  check "$1" "5 autosave mid-composition: title" "输入法测试党建" "$([ -n "$rec" ] && field "$rec" title || echo 输入法测试党建)"
  click_at $BODY
  sleep 1
  xdotool key ctrl+s
  sleep 1
  import -window root "$work/5-after-click.png" 2>/dev/null
  check "$1" "5 click drops title preedit: title" "输入法测试党建" "$(field "$draft" title)"
  check "$1" "5 click drops title preedit: body" "开头党建" "$(field "$draft" body)"

  # 6 popup: the candidate window of the first composition after a focus change opens at
  # the field now focused (the caret row's top is the field's y - 8; the window's top is
  # at most 40 px lower), for ibus as well as fcitx5.
  local round target y top
  for round in 1 2; do
    for target in "$TITLE" "$BODY"; do
      click_at $target
      xdotool key End
      xdotool type --delay 120 dang
      sleep 1
      y=${target#* }
      top=$(popup_top)
      import -window root "$work/6-popup-$round-$y.png" 2>/dev/null
      if [ "$top" != none ] && [ "$top" -ge $((y - 8)) ] && [ "$top" -le $((y + 40)) ]; then
        check "$1" "6 popup at the new field (round $round, y $y)" ok ok
      else
        check "$1" "6 popup at the new field (round $round, y $y)" "top in $((y - 8))..$((y + 40))" "$top"
      fi
      xdotool key Escape
      sleep 0.5
    done
  done
  cleanup
  unset DBUS_SESSION_BUS_ADDRESS DBUS_SESSION_BUS_PID
  sleep 1
}

case $mode in
  all) for m in ibus fcitx5 fcitx5-onthespot; do run_mode $m; done ;;
  *) run_mode "$mode" ;;
esac
echo "work folder (screenshots, logs): $root"
if [ "$failures" -eq 0 ]; then echo "ALL PASSED"; else echo "$failures FAILED"; exit 1; fi
