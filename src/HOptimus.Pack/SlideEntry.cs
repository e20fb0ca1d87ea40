namespace HOptimus.Pack;

/// <summary>One slide of the list.</summary>
/// <param name="SlideId">Unique identifier.</param>
/// <param name="Path">Absolute path of the slide file.</param>
/// <param name="Organ">Organ ("" when unknown).</param>
/// <param name="Patient">Patient id ("" when unknown).</param>
/// <param name="Mpp">µm/px from the list's mpp column, or null.</param>
public sealed record SlideEntry(string SlideId, string Path, string Organ, string Patient, double? Mpp);
