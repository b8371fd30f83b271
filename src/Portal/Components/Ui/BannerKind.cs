namespace Portal.Components.Ui;

/// <summary>How serious an <see cref="ErrorBanner"/> is.</summary>
public enum BannerKind
{
    Error,
    Warning,
    Info,
}
