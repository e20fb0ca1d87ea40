namespace HOptimus.Slurm.Profiles;

/// <summary>Which of a profile's node kinds a stage runs on.</summary>
public enum PartitionKind { Cpu, Gpu }
