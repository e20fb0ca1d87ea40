# The project's account and Jean Zay's H100 QoS, created idempotently by scripts/slurm-local up.
# QoS (PLATFORM.md): dev 2 h / 32 GPUs / 10 jobs, t3 20 h / 512 GPUs (default), t4 100 h / 64 GPUs.
# DenyOnLimit makes a request over a limit fail at sbatch time with Slurm's reason, as users expect.
sacctmgr -i add cluster localcluster >/dev/null 2>&1 || true
sacctmgr -i add qos qos_gpu_h100-dev  >/dev/null 2>&1 || true
sacctmgr -i add qos qos_gpu_h100-t3   >/dev/null 2>&1 || true
sacctmgr -i add qos qos_gpu_h100-t4   >/dev/null 2>&1 || true
sacctmgr -i modify qos qos_gpu_h100-dev set MaxWall=02:00:00  MaxTRESPerUser=gres/gpu=32  MaxSubmitJobsPerUser=10 Flags=DenyOnLimit >/dev/null
sacctmgr -i modify qos qos_gpu_h100-t3  set MaxWall=20:00:00  MaxTRESPerUser=gres/gpu=512 Flags=DenyOnLimit >/dev/null
sacctmgr -i modify qos qos_gpu_h100-t4  set MaxWall=100:00:00 MaxTRESPerUser=gres/gpu=64  Flags=DenyOnLimit >/dev/null
sacctmgr -i add account "$HOPT_ACCOUNT" Cluster=localcluster Description=hoptimus Organization=hoptimus >/dev/null 2>&1 || true
sacctmgr -i add user root Account="$HOPT_ACCOUNT" Cluster=localcluster >/dev/null 2>&1 || true
sacctmgr -i modify user root where account="$HOPT_ACCOUNT" set QOS=normal,qos_gpu_h100-dev,qos_gpu_h100-t3,qos_gpu_h100-t4 DefaultQOS=qos_gpu_h100-t3 >/dev/null
sacctmgr -i modify user root set DefaultAccount="$HOPT_ACCOUNT" >/dev/null
