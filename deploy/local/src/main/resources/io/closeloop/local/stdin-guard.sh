#!/usr/bin/env bash
# Usage: stdin-guard.sh COMMAND [ARG...]
# Runs COMMAND in a process group of its own and stops that whole group when this script's stdin
# closes (whoever holds the other end is gone, even after SIGKILL), on SIGTERM or SIGINT, or when
# COMMAND ends by itself. For programs that start further processes and do not watch stdin.
set -u

setsid "$@" </dev/null &
group=$!

stop_group() {
  kill -TERM -- "-$group" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 -- "-$group" 2>/dev/null || return 0
    sleep 0.2
  done
  kill -KILL -- "-$group" 2>/dev/null
}
trap 'stop_group; exit 143' TERM INT

# A background job reads /dev/null unless stdin is handed over explicitly.
{ cat >/dev/null <&3 3<&- & } 3<&0
watcher=$!

wait -n "$group" "$watcher"
status=$?
stop_group
kill "$watcher" 2>/dev/null
exit "$status"
