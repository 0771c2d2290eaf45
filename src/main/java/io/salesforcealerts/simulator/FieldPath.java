package io.salesforcealerts.simulator;

import java.util.List;

/** A resolved field reference such as Profile.UserLicense.Name: parent hops, then a field. */
public record FieldPath(List<SObjectRelationship> relationships, SObjectField field) {

    /** Canonical dotted spelling. */
    public String canonical() {
        StringBuilder sb = new StringBuilder();
        relationships.forEach(r -> sb.append(r.name()).append('.'));
        return sb.append(field.name()).toString();
    }

    /** Value of this path on a record, following parents through the org; null if a parent is null. */
    Object valueOf(SObjectRecord record, SimulatedOrg org) {
        SObjectRecord current = record;
        for (SObjectRelationship r : relationships) {
            current = org.lookup(r.targetType(), (String) current.get(r.foreignKey()));
            if (current == null) {
                return null;
            }
        }
        return current.get(field.name());
    }
}
