package io.salesforcealerts.simulator;

import java.util.List;

/** A parsed and schema-checked query; {@code where} and {@code limit} may be null. */
public record SoqlQuery(String soql, SObjectSchema sobject, List<FieldPath> fields, Condition where,
                        List<OrderItem> orderBy, Integer limit) {
}
