#!/usr/bin/env bash
# The programs the test suite runs beside Node, brought in before `npm test` (its pretest step) and by
# .ci/run, so the README's two commands are all the set-up a fresh machine needs:
#   tmux         the pseudo-terminal tests (prompts, tables at 80x24 and 160x40, the help pager)
#   zsh, fish    the completion tests run the generated scripts in the real shells
#   less         the help pager test (less is cogctl's default pager)
#   chromium     Debian's Chromium at /usr/bin/chromium, which playwright-core drives headless in the
#                managed-login and `auth login --web` tests (playwright's own browser downloads are
#                never used)
#   /usr/bin/aws Debian's awscli (v2), the peer of the AWS CLI compatibility test
#   moto_server  the third-party endpoint of the end-to-end tests
#   python3 with boto3, which drives the embedded endpoint in the boto3 tests
# Debian's packages are installed with apt-get when this runs as root and they are missing; otherwise it
# stops at once and names what to install. moto has no Debian package (it comes from PyPI), so a missing
# moto_server is reported, never worked around: tests that need a tool never run without it.
set -euo pipefail

declare -a apt_missing=()
need_apt() { # need_apt PROBE PACKAGE: PROBE is a command name or an absolute path
  local probe=$1 package=$2
  if [[ $probe == /* ]]; then [[ -x $probe ]] && return 0; else command -v "$probe" >/dev/null 2>&1 && return 0; fi
  apt_missing+=("$package")
}

need_apt tmux tmux
need_apt zsh zsh
need_apt fish fish
need_apt less less
need_apt /usr/bin/aws awscli
need_apt /usr/bin/chromium chromium

if ((${#apt_missing[@]} > 0)); then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "test-tools: installing ${apt_missing[*]} (Debian packages the tests run)" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
  else
    echo "test-tools: the tests need these Debian packages: ${apt_missing[*]}" >&2
    echo "test-tools: install them with: sudo apt-get install ${apt_missing[*]}" >&2
    exit 1
  fi
fi

missing_other=0
if ! command -v moto_server >/dev/null 2>&1; then
  echo "test-tools: moto_server is missing; install it with: pip install 'moto[server]'" >&2
  missing_other=1
fi
if ! python3 -c 'import boto3' >/dev/null 2>&1; then
  echo "test-tools: python3 with boto3 is missing; install it with: pip install boto3 (or apt-get install python3-boto3)" >&2
  missing_other=1
fi
exit "$missing_other"
