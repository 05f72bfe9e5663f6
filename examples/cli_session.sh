#!/usr/bin/env bash
# A session with the command-line tool against its bundled mock, each step's --json output
# read with jq: upload, a video task waited for and downloaded, the list, a download by URL,
# a script task, the avatar catalogue and an avatar video.
#
#   cli_session.sh [TIKTOK_AIGC_BINARY]   (default: tiktok-aigc on the PATH)
set -euo pipefail

cli=${1:-tiktok-aigc}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The mock's state in a directory of this session's own; the notices acknowledged for the
# script (at a terminal, leave --accept-notices out to be asked).
aigc() { "$cli" --mock --mock-state "$work/state" --accept-notices --json "$@"; }

video_id=$(aigc videos upload | jq -r .video_id)
echo "uploaded the mock's sample video: $video_id"

made=$(aigc video-tasks create --type VOICEOVER --video-id "$video_id" --source-language en \
  --product-name "Trail Runner 2" --title "Trail Runner 2 running shoes" \
  --description "Light trail shoes with a grippy sole." --selling-point "Grippy on wet rock" \
  --selling-point "240 g a shoe" --download "$work/videos")
echo "$made" | jq -e '.tasks[0].status == "SUCCESS"' >/dev/null
echo "video task $(echo "$made" | jq -r '.task_ids[0]'): saved $(echo "$made" | jq -r '.downloads[0].path')"

preview_url=$(aigc videos list --type VOICEOVER | jq -r '.list[0].preview_url')
bytes=$(aigc download "$preview_url" "$work/again.mp4" | jq .bytes)
echo "downloaded the listed video again: $bytes bytes"

scripts=$(aigc scripts create --prompt "A 15-second ad for trail running shoes" --count 2 --wait)
echo "$scripts" | jq -e '.task.status == "SUCCESS" and (.task.list | length) == 2' >/dev/null
echo "script: $(echo "$scripts" | jq -r '.task.list[0].title')"

avatar_id=$(aigc avatars list --page-size 3 | jq -r '.list[0].avatar_id')
avatar_video=$(aigc avatar-videos create --avatar-id "$avatar_id" \
  --script "Meet the Trail Runner 2: grippy on wet rock, 240 g a shoe." --name launch --wait)
echo "$avatar_video" | jq -e '.tasks[0].status == "SUCCESS"' >/dev/null
echo "avatar video $(echo "$avatar_video" | jq -r '.tasks[0].avatar_video_id') of avatar $avatar_id"
