#!/usr/bin/env bash
# A real one-node Slurm on this machine, for trying `ablate --executor slurm` and for the Slurm tests.
#   scripts/slurm-local.sh up      installs slurm-wlm and munge with apt-get when missing (needs root), writes a
#                                  one-node slurm.conf for this machine, starts munged, slurmctld and slurmd,
#                                  and waits until the node is idle
#   scripts/slurm-local.sh down    stops exactly the daemons `up` started and removes the slurm.conf it wrote
#   scripts/slurm-local.sh status  prints whether it is up
# State (pid files, logs, spool) lives in $CROSSPT_SLURM_STATE (default /tmp/crosspt-slurm). A slurm.conf that
# this script did not write is never overwritten: `up` then fails and says so.
set -euo pipefail

state="${CROSSPT_SLURM_STATE:-/tmp/crosspt-slurm}"
conf=/etc/slurm/slurm.conf
mark="# written by crosspt scripts/slurm-local.sh"
started="$state/started"   # one "name pid" line per daemon this script started

die() { echo "slurm-local: $*" >&2; exit 1; }

install_packages() {
  if command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
      && command -v munged >/dev/null; then
    return
  fi
  [ "$(id -u)" = 0 ] || die "slurm-wlm and munge are not installed, and installing them needs root (apt-get)"
  echo "slurm-local: installing slurm-wlm and munge with apt-get ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends slurm-wlm munge >"$state/apt.log" 2>&1; then
    apt-get update -q >>"$state/apt.log" 2>&1 || { cat "$state/apt.log" >&2; die "apt-get update failed"; }
    apt-get install -y -q --no-install-recommends slurm-wlm munge >>"$state/apt.log" 2>&1 \
      || { tail -30 "$state/apt.log" >&2; die "apt-get install slurm-wlm munge failed (log: $state/apt.log)"; }
  fi
}

write_conf() {
  if [ -f "$conf" ] && ! grep -qxF "$mark" "$conf"; then
    die "$conf exists and was not written by this script; refusing to replace it"
  fi
  local host cpus mem
  host="$(hostname -s)"
  cpus="$(nproc)"
  # a little under the total, so slurmd never finds less memory than configured and drains the node
  mem="$(free -m | awk '/^Mem:/ { printf "%d", $2 * 0.95 }')"
  mkdir -p /etc/slurm "$state/ctld" "$state/d"
  cat >"$conf.tmp" <<EOF
$mark
ClusterName=crosspt-local
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/pgid
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/d
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=local Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
  mv "$conf.tmp" "$conf"
}

# Starts a daemon unless one is running; records its pid so that `down` stops only what `up` started.
start() {
  local name="$1" pidfile="$2"; shift 2
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    return
  fi
  # the daemons' stdio goes to a file, so a caller reading this script's output is not held open by them
  "$@" </dev/null >>"$state/$name.out" 2>&1 || die "$name did not start (command: $*; $(tail -5 "$state/$name.out"))"
  for _ in $(seq 50); do
    [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && break
    sleep 0.2
  done
  [ -s "$pidfile" ] || die "$name did not write $pidfile (logs in $state)"
  echo "$name $(cat "$pidfile")" >>"$started"
}

up() {
  mkdir -p "$state"
  install_packages
  write_conf
  mkdir -p /run/munge /var/log/munge /var/lib/munge
  [ -f /etc/munge/munge.key ] || { dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null; }
  chown -R munge:munge /etc/munge /run/munge /var/log/munge /var/lib/munge 2>/dev/null || true
  chmod 0400 /etc/munge/munge.key
  start munged /run/munge/munged.pid runuser -u munge -- munged --pid-file=/run/munge/munged.pid
  start slurmctld "$state/slurmctld.pid" slurmctld
  start slurmd "$state/slurmd.pid" slurmd
  local host; host="$(hostname -s)"
  for _ in $(seq 60); do
    local s; s="$(sinfo -h -n "$host" -o %T 2>/dev/null || true)"
    case "$s" in
      idle*|mixed*|allocated*) echo "slurm-local: up (node $host $s; state in $state)"; return ;;
      drain*|down*) scontrol update nodename="$host" state=resume >/dev/null 2>&1 || true ;;
    esac
    sleep 1
  done
  die "node $host did not become idle within 60 s (sinfo: $(sinfo -h -o '%T %E' 2>&1 | head -1); logs in $state)"
}

down() {
  if [ -f "$started" ]; then
    # stop in reverse order of start
    tac "$started" | while read -r name pid; do
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
    done
    rm -f "$started"
  fi
  if [ -f "$conf" ] && grep -qxF "$mark" "$conf"; then rm -f "$conf"; fi
  echo "slurm-local: down"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  status) sinfo 2>&1 ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
