using System.Text;
using System.Text.Json;

namespace Petal.Seeds.Schema;

/// <summary>Renders <see cref="SeedSchema"/> as JSON Schema draft 2020-12 (what <c>petal schema</c> prints).</summary>
public static class JsonSchemaWriter
{
    public const string Id = "https://github.com/scttfrdmn/petal/docs/seed.schema.json";

    public static string Write()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            json.WriteString("$id", Id);
            json.WriteString("title", "petal seed");
            WriteBody(json, SeedSchema.Root);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()).ReplaceLineEndings("\n") + "\n";
    }

    private static void WriteNode(Utf8JsonWriter json, SchemaNode node)
    {
        json.WriteStartObject();
        WriteBody(json, node);
        json.WriteEndObject();
    }

    private static void WriteBody(Utf8JsonWriter json, SchemaNode node)
    {
        json.WriteString("description", node.Description);
        switch (node)
        {
            case ObjectSchema o:
                json.WriteString("type", "object");
                json.WriteStartObject("properties");
                foreach (var field in o.Fields)
                {
                    json.WritePropertyName(field.Name);
                    WriteNode(json, field.Schema);
                }
                json.WriteEndObject();
                if (o.Fields.Any(f => f.Required))
                {
                    json.WriteStartArray("required");
                    foreach (var field in o.Fields.Where(f => f.Required)) json.WriteStringValue(field.Name);
                    json.WriteEndArray();
                }
                json.WriteBoolean("additionalProperties", false);
                break;
            case ListSchema l:
                json.WriteString("type", "array");
                if (l.MinItems > 0) json.WriteNumber("minItems", l.MinItems);
                if (l.MaxItems is { } maxItems) json.WriteNumber("maxItems", maxItems);
                json.WritePropertyName("items");
                WriteNode(json, l.Items);
                break;
            case MapSchema m:
                json.WriteString("type", "object");
                if (m.MaxItems is { } maxProperties) json.WriteNumber("maxProperties", maxProperties);
                json.WriteStartObject("propertyNames");
                json.WriteString("pattern", m.KeyPattern.JsonSchema);
                json.WriteEndObject();
                json.WritePropertyName("additionalProperties");
                WriteNode(json, m.Values);
                break;
            case ScalarSchema s:
                json.WriteString("type", s.Kind switch { ScalarKind.Integer => "integer", ScalarKind.Boolean => "boolean", ScalarKind.Number => "number", _ => "string" });
                if (s.Enum is { } values)
                {
                    json.WriteStartArray("enum");
                    foreach (var v in values) json.WriteStringValue(v);
                    json.WriteEndArray();
                }
                if (s.Pattern is { } pattern)
                {
                    json.WriteString("pattern", pattern.JsonSchema);
                    if (pattern.MaxLength is { } maxLength) json.WriteNumber("maxLength", maxLength);
                }
                if (s.Minimum is { } min) json.WriteNumber("minimum", min);
                if (s.Maximum is { } max) json.WriteNumber("maximum", max);
                switch (s.Default)
                {
                    case string d: json.WriteString("default", d); break;
                    case int d: json.WriteNumber("default", d); break;
                    case bool d: json.WriteBoolean("default", d); break;
                }
                break;
        }
    }
}
