using CommandLine;
using HOptimus.Consolidate;
using HOptimus.Core;

// hopt-consolidate: parse -> options -> export (or import) -> exit code (0 done, 2 usage, 3 bad checkpoint/file).
return EntryPoint.Parser.ParseArguments<ExportCommandLine, ImportCommandLine>(args).MapResult(
    (ExportCommandLine o) => EntryPoint.Guard("hopt-consolidate", () => Consolidator.Run(o, ConsolidateOptions.Load(o.ConfigFiles, o.Overrides))),
    (ImportCommandLine o) => EntryPoint.Guard("hopt-consolidate import", () => Importer.Run(o, ConsolidateOptions.Load(o.ConfigFiles, o.Overrides))),
    EntryPoint.ParseFailed);
