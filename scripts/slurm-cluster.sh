#!/usr/bin/env bash
# A throw-away single-node Slurm cluster on this machine, for the sweep engine's tests and for trying `adder sweep
# --engine slurm` without a real cluster. Runs as root, without systemd: a private munge daemon (own key and socket)
# plus slurmctld and slurmd, all state under one directory.
#
# Usage: scripts/slurm-cluster.sh install|start|stop|status|env
#   install  installs the Debian packages slurmctld slurmd slurm-client munge (no recommends) when sbatch is missing
#   start    installs if needed, writes the configuration and starts the daemons (does nothing when already up);
#            prints the line to export SLURM_CONF
#   stop     stops the daemons and removes the state directory
#   status   exits 0 when the cluster answers and its node is idle or allocated
#   env      prints `export SLURM_CONF=...`
# Environment: ADDER_SLURM_DIR (state directory, default /tmp/adder4j-slurm), ADDER_SLURM_CPUS (cores of the node,
# default: all of this machine's).
set -euo pipefail

dir="${ADDER_SLURM_DIR:-/tmp/adder4j-slurm}"
conf="$dir/slurm.conf"
cpus="${ADDER_SLURM_CPUS:-$(nproc)}"
node="$(hostname -s)"

log() { echo "slurm-cluster: $*" >&2; }

install_packages() {
  if command -v sbatch >/dev/null && command -v slurmctld >/dev/null && command -v slurmd >/dev/null \
      && command -v munged >/dev/null; then
    return 0
  fi
  if [[ "$(id -u)" != 0 ]]; then
    log "error: installing Slurm needs root (apt-get install slurmctld slurmd slurm-client munge)"
    exit 1
  fi
  log "installing slurmctld slurmd slurm-client munge"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null
  fi
}

up() {
  [[ -f "$conf" ]] && SLURM_CONF="$conf" timeout 10 sinfo -h -N -o '%T' 2>/dev/null | grep -Eq '^(idle|allocated|mixed)'
}

write_config() {
  mkdir -p "$dir/ctld" "$dir/d" "$dir/munge"
  chmod 700 "$dir/munge"
  if [[ ! -f "$dir/munge/munge.key" ]]; then
    head -c 1024 /dev/urandom > "$dir/munge/munge.key"
    chmod 400 "$dir/munge/munge.key"
  fi
  cat > "$conf" <<CONF
ClusterName=adder4j
SlurmctldHost=$node(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket,cred_expire=10
StateSaveLocation=$dir/ctld
SlurmdSpoolDir=$dir/d
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SlurmdParameters=config_overrides
ReturnToService=2
MailProg=/bin/true
SchedulerType=sched/backfill
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 Sockets=1 CoresPerSocket=$cpus ThreadsPerCore=1 State=UNKNOWN
PartitionName=local Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
}

start() {
  install_packages
  if up; then
    log "already running ($conf)"
    echo "export SLURM_CONF=$conf"
    return 0
  fi
  stop_daemons
  write_config
  munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
      --pid-file="$dir/munge/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"
  SLURM_CONF="$conf" slurmctld -f "$conf"
  SLURM_CONF="$conf" slurmd -f "$conf"
  for _ in $(seq 1 100); do
    if up; then
      log "up: node $node, $cpus cores, partition local ($conf)"
      echo "export SLURM_CONF=$conf"
      return 0
    fi
    sleep 0.1
  done
  log "error: the cluster did not come up; logs in $dir"
  tail -n 20 "$dir"/*.log >&2 || true
  exit 1
}

stop_daemons() {
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
    if [[ -f "$pidfile" ]]; then
      kill "$(cat "$pidfile")" 2>/dev/null || true
    fi
  done
  for _ in $(seq 1 50); do
    local alive=0
    for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munge/munged.pid"; do
      if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        alive=1
      fi
    done
    [[ $alive == 0 ]] && return 0
    sleep 0.1
  done
}

case "${1:-}" in
  install) install_packages ;;
  start) start ;;
  stop) stop_daemons; rm -rf "$dir"; log "stopped" ;;
  status) up ;;
  env) echo "export SLURM_CONF=$conf" ;;
  *) echo "usage: $0 install|start|stop|status|env" >&2; exit 2 ;;
esac
