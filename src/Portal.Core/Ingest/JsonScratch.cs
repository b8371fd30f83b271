using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Portal.Core.Ingest;

/// <summary>
/// One reusable buffer and writer per decode call, so writing a record's attributes as JSON allocates only the final
/// string. Non-ASCII text (Chinese service names, messages) is kept as is rather than \u-escaped: smaller rows.
/// </summary>
internal sealed class JsonScratch
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    public JsonScratch() => Writer = new Utf8JsonWriter(_buffer, WriterOptions);

    public Utf8JsonWriter Writer { get; }

    public Utf8JsonWriter Start()
    {
        _buffer.ResetWrittenCount();
        Writer.Reset(_buffer);
        return Writer;
    }

    public string Finish()
    {
        Writer.Flush();
        return Encoding.UTF8.GetString(_buffer.WrittenSpan);
    }
}
