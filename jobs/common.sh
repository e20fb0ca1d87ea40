# Sourced by every jobs/*.sbatch: where the executables are, which run, which cluster environment.
# Job scripts know Slurm; the executables know options (DESIGN.md). No config value passes through
# here: each stage reads "$HOPT_RUN/config/<stage>.json" itself.
set -euo pipefail
: "${HOPT_RUN:?set HOPT_RUN to the run directory (hopt submit does; by hand: sbatch --export=ALL,HOPT_RUN=/path ...)}"
# Slurm copies the batch script to its spool dir, so the repo is found from the submit directory.
HOPT_REPO=${HOPT_REPO:-${SLURM_SUBMIT_DIR:-$(pwd)}}
export HOPT_BIN=${HOPT_BIN:-$HOPT_REPO/artifacts/publish}
export HOPT_PROFILE=${HOPT_PROFILE:-local}
[ -f "$HOPT_REPO/env/$HOPT_PROFILE.sh" ] || { echo "jobs: no env/$HOPT_PROFILE.sh under $HOPT_REPO" >&2; exit 2; }
# shellcheck source=../env/local.sh
. "$HOPT_REPO/env/$HOPT_PROFILE.sh"
[ -d "$HOPT_BIN" ] || { echo "jobs: $HOPT_BIN does not exist (run scripts/publish, or set HOPT_BIN)" >&2; exit 2; }
mkdir -p "$HOPT_RUN/logs"
echo "jobs: $(date -Is) job=${SLURM_JOB_ID:-none} array=${SLURM_ARRAY_TASK_ID:-none} restart=${SLURM_RESTART_COUNT:-0} node=$(hostname) bin=$HOPT_BIN"
