using CommandLine;
using HOptimus.Core;
using HOptimus.Train;
using HOptimus.Training;

// hopt-train: parse -> resolve the config -> train -> exit code (0 done, 75 stopped for requeue).
return EntryPoint.Parser.ParseArguments<TrainCommandLine>(args).MapResult(
    o => EntryPoint.Guard("hopt-train", () => TrainingLauncher.Run(
        o.Run, TrainConfig.Load(o.Recipe, o.ConfigFiles, o.Overrides, o.Device), o.DryRun, o.PrintConfig, o.Verbose)),
    EntryPoint.ParseFailed);
