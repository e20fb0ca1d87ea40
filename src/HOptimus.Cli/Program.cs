using CommandLine;
using HOptimus.Cli.Doctor;
using HOptimus.Cli.Verbs;
using HOptimus.Core;

// hopt: the operator's tool. Each verb's options and command live in Verbs/ (doctor in Doctor/).
return EntryPoint.Parser.ParseArguments<SubmitOptions, StatusOptions, ReportOptions, ResubmitOptions, PlanOptions, DoctorOptions>(args)
    .MapResult(
        (SubmitOptions o) => EntryPoint.Guard("hopt submit", () => SubmitCommand.Run(o)),
        (StatusOptions o) => EntryPoint.Guard("hopt status", () => StatusCommand.Run(o)),
        (ReportOptions o) => EntryPoint.Guard("hopt report", () => ReportCommand.Run(o)),
        (ResubmitOptions o) => EntryPoint.Guard("hopt resubmit", () => ResubmitCommand.Run(o)),
        (PlanOptions o) => EntryPoint.Guard("hopt plan", () => PlanCommand.Run(o)),
        (DoctorOptions o) => EntryPoint.Guard("hopt doctor", () => DoctorCommand.Run(o)),
        EntryPoint.ParseFailed);
