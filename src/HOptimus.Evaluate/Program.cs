using CommandLine;
using HOptimus.Core;
using HOptimus.Evaluate;

// hopt-eval: parse -> options -> extract features, probe, write results -> exit code (0 done, 2 usage, 3 bad input).
return EntryPoint.Parser.ParseArguments<EvalCommandLine>(args).MapResult(
    line => EntryPoint.Guard("hopt-eval", () => EvalCommand.Run(line)),
    EntryPoint.ParseFailed);
