return HOptimus.Core.ExitCodes.Failed; // placeholder until this stage is written
