package io.salesforcealerts.simulator;

import com.fasterxml.jackson.core.JsonGenerator;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Streams one query page with Jackson's JsonGenerator: only the selected fields, in SOQL order,
 * with relationship paths nested under their parent like Salesforce does.
 */
final class PageWriter {

    static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxx", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Selected fields grouped by relationship, keeping first-mention order. */
    private static final class Node {
        final String type;
        final SObjectRelationship relationship;
        final SObjectField field;
        final Map<String, Node> children = new LinkedHashMap<>();

        Node(String type, SObjectRelationship relationship, SObjectField field) {
            this.type = type;
            this.relationship = relationship;
            this.field = field;
        }
    }

    private final SimulatedOrg org;
    private final String apiVersion;
    private final Node root;

    PageWriter(SimulatedOrg org, String apiVersion, SoqlQuery query) {
        this.org = org;
        this.apiVersion = apiVersion;
        this.root = new Node(query.sobject().name(), null, null);
        for (FieldPath path : query.fields()) {
            Node node = root;
            for (SObjectRelationship r : path.relationships()) {
                node = node.children.computeIfAbsent(r.name(), k -> new Node(r.targetType(), r, null));
            }
            node.children.put(path.field().name(), new Node(null, null, path.field()));
        }
    }

    /** Writes rows [offset, offset+count) of the cursor; nextRecordsUrl is omitted on the last page. */
    void write(JsonGenerator gen, RowSet rows, int offset, int count, String cursorId) throws IOException {
        boolean done = offset + count >= rows.size();
        gen.writeStartObject();
        gen.writeNumberField("totalSize", rows.size());
        gen.writeBooleanField("done", done);
        if (!done) {
            gen.writeStringField("nextRecordsUrl",
                    "/services/data/v" + apiVersion + "/query/" + cursorId + "-" + (offset + count));
        }
        gen.writeArrayFieldStart("records");
        for (int i = offset; i < offset + count; i++) {
            writeRecord(gen, root, rows.get(i));
        }
        gen.writeEndArray();
        gen.writeEndObject();
    }

    private void writeRecord(JsonGenerator gen, Node node, SObjectRecord record) throws IOException {
        gen.writeStartObject();
        gen.writeObjectFieldStart("attributes");
        gen.writeStringField("type", node.type);
        gen.writeStringField("url", "/services/data/v" + apiVersion + "/sobjects/" + node.type + "/" + record.id());
        gen.writeEndObject();
        Map<String, String> corrupt = org.corruptions(node.type, record.id());
        for (Map.Entry<String, Node> e : node.children.entrySet()) {
            Node child = e.getValue();
            gen.writeFieldName(e.getKey());
            if (child.field != null && corrupt.containsKey(child.field.name())) {
                gen.writeRawValue(corrupt.get(child.field.name()));
            } else if (child.field != null) {
                writeValue(gen, record.get(child.field.name()));
            } else {
                SObjectRecord parent = org.lookup(child.type, (String) record.get(child.relationship.foreignKey()));
                if (parent == null) {
                    gen.writeNull();
                } else {
                    writeRecord(gen, child, parent);
                }
            }
        }
        for (Map.Entry<String, String> c : corrupt.entrySet()) {
            if (!node.children.containsKey(c.getKey())) { // an unexpected field
                gen.writeFieldName(c.getKey());
                gen.writeRawValue(c.getValue());
            }
        }
        gen.writeEndObject();
    }

    static void writeValue(JsonGenerator gen, Object v) throws IOException {
        if (v == null) {
            gen.writeNull();
        } else if (v instanceof String s) {
            gen.writeString(s);
        } else if (v instanceof Boolean b) {
            gen.writeBoolean(b);
        } else if (v instanceof Integer n) {
            gen.writeNumber(n);
        } else if (v instanceof Long n) {
            gen.writeNumber(n);
        } else if (v instanceof Instant t) {
            gen.writeString(DATETIME.format(t));
        } else if (v instanceof LocalDate d) {
            gen.writeString(d.toString());
        } else {
            throw new IllegalStateException("unsupported value type " + v.getClass());
        }
    }
}
