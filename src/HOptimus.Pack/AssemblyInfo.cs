using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("HOptimus.Integration.Tests")]
