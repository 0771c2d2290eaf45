package io.salesforcealerts.simulator;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** An immutable record of one of the small objects; updates replace the whole record (copy-on-write). */
public record MapRecord(Map<String, Object> values) implements SObjectRecord {

    public MapRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String id() {
        return (String) values.get("Id");
    }

    @Override
    public Object get(String canonicalField) {
        return values.get(canonicalField);
    }

    public MapRecord with(String canonicalField, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(canonicalField, value);
        return new MapRecord(copy);
    }
}
