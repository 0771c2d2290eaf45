package io.salesforcealerts.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Describes one sObject; lookups are case-insensitive because SOQL is. */
public final class SObjectSchema {

    private final String name;
    private final String keyPrefix;
    private final List<SObjectField> fields;
    private final Map<String, SObjectField> fieldsByLowerName = new HashMap<>();
    private final Map<String, SObjectRelationship> relationshipsByLowerName = new HashMap<>();

    private SObjectSchema(String name, String keyPrefix, List<SObjectField> fields, List<SObjectRelationship> relationships) {
        this.name = name;
        this.keyPrefix = keyPrefix;
        this.fields = List.copyOf(fields);
        fields.forEach(f -> fieldsByLowerName.put(lower(f.name()), f));
        relationships.forEach(r -> relationshipsByLowerName.put(lower(r.name()), r));
    }

    public static Builder builder(String name, String keyPrefix) {
        return new Builder(name, keyPrefix);
    }

    public String name() {
        return name;
    }

    public String keyPrefix() {
        return keyPrefix;
    }

    public List<SObjectField> fields() {
        return fields;
    }

    public SObjectField field(String anyCase) {
        return fieldsByLowerName.get(lower(anyCase));
    }

    public SObjectRelationship relationship(String anyCase) {
        return relationshipsByLowerName.get(lower(anyCase));
    }

    public Map<String, SObjectRelationship> relationships() {
        return Collections.unmodifiableMap(relationshipsByLowerName);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    public static final class Builder {
        private final String name;
        private final String keyPrefix;
        private final List<SObjectField> fields = new ArrayList<>();
        private final List<SObjectRelationship> relationships = new ArrayList<>();

        private Builder(String name, String keyPrefix) {
            this.name = name;
            this.keyPrefix = keyPrefix;
            field("Id", FieldType.ID);
        }

        public Builder field(String fieldName, FieldType type) {
            fields.add(new SObjectField(fieldName, type));
            return this;
        }

        /** Adds the reference field {@code <relationship>Id} and the relationship itself. */
        public Builder parent(String relationshipName, String targetType) {
            String foreignKey = relationshipName + "Id";
            field(foreignKey, FieldType.ID);
            relationships.add(new SObjectRelationship(relationshipName, foreignKey, targetType));
            return this;
        }

        /** CreatedDate, LastModifiedDate and SystemModstamp, which every object here has. */
        public Builder auditFields() {
            return field("CreatedDate", FieldType.DATETIME)
                    .field("LastModifiedDate", FieldType.DATETIME)
                    .field("SystemModstamp", FieldType.DATETIME);
        }

        public SObjectSchema build() {
            return new SObjectSchema(name, keyPrefix, fields, relationships);
        }
    }
}
