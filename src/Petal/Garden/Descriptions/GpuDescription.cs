namespace Petal.Garden.Descriptions;

public sealed record GpuDescription(int Count, string? Manufacturer, string? Model, long MemoryMiB);
