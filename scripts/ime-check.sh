#!/usr/bin/env bash
# Types Chinese into the real app through a real input method under Xvfb and checks the
# autosaved draft: 党建 committed, no pinyin left from a composition interrupted by a click.
#
#   scripts/ime-check.sh fcitx5|ibus [path/to/jianggao]
#
# Installs nothing. Needs (Debian): xvfb xdotool dbus-x11, and fcitx5 fcitx5-chinese-addons
# or ibus ibus-libpinyin. Uses a throwaway HOME, display :97, and kills what it started.
set -euo pipefail
im=${1:?usage: $0 fcitx5|ibus [jianggao binary]}
bin=$(realpath "${2:-target/release/jianggao}")
work=$(mktemp -d)
export HOME=$work/home
mkdir -p "$HOME"
export DISPLAY=:97 LANG=C.UTF-8
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 & pids+=($!)
sleep 1
eval "$(dbus-launch --sh-syntax)"
pids+=("$DBUS_SESSION_BUS_PID")

case $im in
  fcitx5)
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
    export XMODIFIERS=@im=fcitx GTK_IM_MODULE=fcitx QT_IM_MODULE=fcitx
    fcitx5 -d --replace >/dev/null 2>&1
    sleep 3
    ;;
  ibus)
    export XMODIFIERS=@im=ibus GTK_IM_MODULE=ibus QT_IM_MODULE=ibus
    ibus-daemon -drx >/dev/null 2>&1
    sleep 3
    sleep 1
    ibus engine libpinyin || true   # answers 1 on some versions even when it switched
    [ "$(ibus engine)" = libpinyin ] || { echo "ibus: libpinyin engine not available" >&2; exit 1; }
    ;;
  *) echo "unknown input method $im" >&2; exit 2 ;;
esac

cat > "$work/draft.ron" <<'D'
(version: 1, meta: (title: "输入法测试", meeting: "", unit: "", speaker: "", date: "", salutation: "同志们："), numbering: official, blocks: [(id: 1, kind: opening, heading: "", body: "开头", source: None, collapsed: false)], next_id: 2)
D
"$bin" "$work/draft.ron" >"$work/app.log" 2>&1 &
app=$!
pids+=("$app")
sleep 4
wid=$(xdotool search --pid "$app" | tail -1)
xdotool windowfocus --sync "$wid"
# The opening's body field, then the end of its text.
xdotool mousemove 700 215 click 1
sleep 0.5
xdotool key End
[ "$im" = fcitx5 ] && { xdotool key ctrl+space; sleep 0.5; }
xdotool type --delay 80 dangjian
sleep 0.5
xdotool key space
sleep 1
# A second composition, interrupted by a click into 单位.
xdotool type --delay 80 dang
sleep 0.5
xdotool mousemove 520 92 click 1
sleep 5
import -window root "$work/shot.png" 2>/dev/null || true
saved="$HOME/.local/share/jianggao/autosave.ron"
body=$(grep -o 'body: "[^"]*"' "$saved" | head -1 || true)
echo "$im: $body"
if [[ "$body" == *党建* && "$body" != *dang* ]]; then
  echo "$im: OK — 党建 committed, no pinyin left"
else
  echo "$im: FAILED (screenshot: $work/shot.png, log: $work/app.log)"
  exit 1
fi
