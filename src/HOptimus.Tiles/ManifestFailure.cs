namespace HOptimus.Tiles;

/// <summary>A slide that failed alone, with the reason an operator can act on.</summary>
/// <param name="SlideId">Identifier from the slide list.</param>
/// <param name="Path">Source slide path.</param>
/// <param name="Reason">What went wrong, e.g. "no tissue found" or "file is empty (0 bytes)".</param>
/// <param name="Task">Array task that tried it.</param>
public sealed record ManifestFailure(string SlideId, string Path, string Reason, int Task);
