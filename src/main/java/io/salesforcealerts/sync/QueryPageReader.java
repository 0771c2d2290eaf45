package io.salesforcealerts.sync;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Streams the records of one query or queryMore page ({@code {"totalSize":..,"done":..,"nextRecordsUrl":..,"records":[..]}})
 * one at a time, so a page is never held as a whole tree, and returns the next page's URL.
 */
public final class QueryPageReader {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private QueryPageReader() {
    }

    /** @return the {@code nextRecordsUrl}, or null when this was the last page */
    public static String read(InputStream body, Consumer<JsonNode> records) {
        try (JsonParser parser = MAPPER.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedSalesforceResponseException("query response is not a JSON object");
            }
            boolean sawRecords = false;
            Boolean done = null;
            String next = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "records" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new MalformedSalesforceResponseException("query response field 'records' is not an array");
                        }
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            records.accept(parser.readValueAsTree());
                        }
                        sawRecords = true;
                    }
                    case "done" -> done = value == JsonToken.VALUE_TRUE;
                    case "nextRecordsUrl" -> next = value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                    default -> parser.skipChildren();
                }
            }
            if (!sawRecords) {
                throw new MalformedSalesforceResponseException("query response has no 'records' array");
            }
            if (Boolean.FALSE.equals(done) && (next == null || next.isBlank())) {
                throw new MalformedSalesforceResponseException("query response says done=false but has no 'nextRecordsUrl'");
            }
            return Boolean.FALSE.equals(done) ? next : null;
        } catch (IOException e) {
            throw new MalformedSalesforceResponseException("query response could not be read: " + e.getMessage(), e);
        }
    }
}
