#!/usr/bin/env bash
# Make a release tag: `scripts/release.sh` on a clean main whose Cargo.toml has the version
# to release. It runs CI, then makes the annotated tag `v<version>` that the pre-commit
# snippet's `rev:` and the GitHub Action's `uses: claimlint/claimlint@v<version>` name, and
# says how to publish it. It pushes nothing itself.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
tag="v$version"
if [ -n "$(git status --porcelain)" ]; then
    echo "error: the working tree has changes; commit or stash them first" >&2
    exit 2
fi
if [ "$(git rev-parse --abbrev-ref HEAD)" != "main" ]; then
    echo "error: releases are tagged on main" >&2
    exit 2
fi
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
    echo "error: $tag exists; bump \`version\` in Cargo.toml (and the README's \`rev:\`) first" >&2
    exit 2
fi
if ! grep -q "rev: $tag" README.md; then
    echo "error: the README's pre-commit snippet does not say \`rev: $tag\`" >&2
    exit 2
fi
bash .ci/run
git tag -a "$tag" -m "claimlint $version"
echo "tagged $tag; publish it with: git push origin $tag"
