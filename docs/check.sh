#!/usr/bin/env bash
# The repository's documents hold together: every .md file a source, script or document cites
# is in the repository; LICENSE is there; CHANGELOG.md has an entry for this version.
#
#   docs/check.sh SOURCE_DIR VERSION
#
# A citation resolves against the repository root, the citing file's folder or docs/ (code
# comments may say just "quirks.md"). Web addresses are not citations of the repository.
set -euo pipefail

root=$1 version=$2
cd "$root"

failures=0
fail() {
  echo "docs/check.sh: $*" >&2
  failures=$((failures + 1))
}

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files --cached --others --exclude-standard)
else
  mapfile -t files < <(find . \( -name '.git' -o -name 'build*' \) -prune -o -type f -print | sed 's|^\./||')
fi

checked=0
present=()
for file in "${files[@]}"; do
  [[ -f $file && $file != include/* ]] && present+=("$file")  # include/ is made from client/
done
# One grep over every text file (-I skips binary ones): "file:cited" lines.
while IFS= read -r hit; do
  file=${hit%%:*} cited=${hit#*:}
  [[ $cited == *//* || $cited == /* ]] && continue  # part of a web address
  checked=$((checked + 1))
  [[ -f $cited || -f $(dirname "$file")/$cited || -f docs/$cited ]] ||
    fail "$file cites $cited, which is not in the repository"
done < <(grep -IoE '[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b' -- "${present[@]}" | sort -u)
((checked > 0)) || fail "found no citation at all: the scan is broken"

[[ -s LICENSE ]] || fail "LICENSE is missing"
grep -q "^## \[${version//./\\.}\]" CHANGELOG.md 2>/dev/null ||
  fail "CHANGELOG.md has no \"## [$version]\" entry"

((failures == 0)) || exit 1
echo "docs/check.sh: $checked citations, all in the repository; LICENSE and CHANGELOG.md current"
