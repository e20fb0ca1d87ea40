using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("HOptimus.Slides.Tests")]
