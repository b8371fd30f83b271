using System.Text.Json;

namespace Portal.Core.Ingest.Native;

/// <summary>
/// One entry of a native record's <c>attributes</c> object as it arrived: the JSON token kind and its text (the string,
/// or a number's exact digits). Objects, arrays and nulls are kept as a kind only, so the mapper can reject that one
/// record with a precise message instead of failing the batch.
/// </summary>
internal readonly record struct NativeAttribute(string Key, JsonTokenType Kind, string? Text);
