package io.salesforcealerts.simulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the SOQL subset the simulator serves:
 * {@code SELECT path[, path] FROM Obj [WHERE cond] [ORDER BY path [ASC|DESC] [NULLS FIRST|LAST], ...] [LIMIT n]}
 * where conditions combine {@code path op literal}, {@code IN (...)}, {@code LIKE} with AND, OR, NOT and
 * parentheses. Syntax errors are reported before schema errors, as Salesforce does.
 */
public final class SoqlParser {

    private static final DateTimeFormatter SOQL_DATETIME = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS][.SS][.S]")
            .appendPattern("[XXX][XX]")
            .toFormatter(Locale.ROOT);

    private final String soql;
    private final List<SoqlLexer.Token> tokens;
    private final Function<String, SObjectSchema> schemas;
    private int pos;

    private SoqlParser(String soql, Function<String, SObjectSchema> schemas) {
        this.soql = soql;
        this.tokens = SoqlLexer.tokenize(soql);
        this.schemas = schemas;
    }

    /**
     * @param schemas resolves a case-insensitive object name to its schema, null when the org has no such object
     * @throws SoqlException MALFORMED_QUERY, INVALID_TYPE or INVALID_FIELD
     */
    public static SoqlQuery parse(String soql, Function<String, SObjectSchema> schemas) {
        return new SoqlParser(soql, schemas).query();
    }

    /** Syntax tree before names are checked against the schema. */
    private record RawCondition(String kind, SoqlLexer.Token field, String op, List<SoqlLexer.Token> literals,
                                List<RawCondition> children) {
    }

    private record RawOrder(SoqlLexer.Token field, boolean descending, boolean nullsFirst) {
    }

    private SoqlQuery query() {
        expectKeyword("SELECT");
        List<SoqlLexer.Token> fieldTokens = new ArrayList<>();
        do {
            fieldTokens.add(expect(SoqlLexer.Kind.IDENT));
        } while (accept(SoqlLexer.Kind.COMMA));
        expectKeyword("FROM");
        SoqlLexer.Token objectToken = expect(SoqlLexer.Kind.IDENT);
        RawCondition where = acceptKeyword("WHERE") ? orExpression() : null;
        List<RawOrder> order = new ArrayList<>();
        if (acceptKeyword("ORDER")) {
            expectKeyword("BY");
            do {
                order.add(orderItem());
            } while (accept(SoqlLexer.Kind.COMMA));
        }
        Integer limit = null;
        if (acceptKeyword("LIMIT")) {
            SoqlLexer.Token n = expect(SoqlLexer.Kind.NUMBER);
            if (n.text().contains(".") || n.text().startsWith("-")) {
                throw SoqlException.unexpectedToken(soql, n);
            }
            limit = Integer.valueOf(n.text());
        }
        if (peek().kind() != SoqlLexer.Kind.EOF) {
            throw SoqlException.unexpectedToken(soql, peek());
        }
        return resolve(fieldTokens, objectToken, where, order, limit);
    }

    private RawOrder orderItem() {
        SoqlLexer.Token field = expect(SoqlLexer.Kind.IDENT);
        boolean descending = acceptKeyword("DESC");
        if (!descending) {
            acceptKeyword("ASC");
        }
        boolean nullsFirst = !descending;
        if (acceptKeyword("NULLS")) {
            if (acceptKeyword("FIRST")) {
                nullsFirst = true;
            } else {
                expectKeyword("LAST");
                nullsFirst = false;
            }
        }
        return new RawOrder(field, descending, nullsFirst);
    }

    private RawCondition orExpression() {
        List<RawCondition> parts = new ArrayList<>(List.of(andExpression()));
        while (acceptKeyword("OR")) {
            parts.add(andExpression());
        }
        return parts.size() == 1 ? parts.get(0) : new RawCondition("OR", null, null, null, parts);
    }

    private RawCondition andExpression() {
        List<RawCondition> parts = new ArrayList<>(List.of(unary()));
        while (acceptKeyword("AND")) {
            parts.add(unary());
        }
        return parts.size() == 1 ? parts.get(0) : new RawCondition("AND", null, null, null, parts);
    }

    private RawCondition unary() {
        if (acceptKeyword("NOT")) {
            return new RawCondition("NOT", null, null, null, List.of(unary()));
        }
        if (accept(SoqlLexer.Kind.LPAREN)) {
            RawCondition inner = orExpression();
            expect(SoqlLexer.Kind.RPAREN);
            return inner;
        }
        SoqlLexer.Token field = expect(SoqlLexer.Kind.IDENT);
        boolean negated = acceptKeyword("NOT");
        if (acceptKeyword("IN")) {
            expect(SoqlLexer.Kind.LPAREN);
            List<SoqlLexer.Token> literals = new ArrayList<>();
            do {
                literals.add(literal());
            } while (accept(SoqlLexer.Kind.COMMA));
            expect(SoqlLexer.Kind.RPAREN);
            return new RawCondition(negated ? "NOT IN" : "IN", field, null, literals, null);
        }
        if (negated) {
            throw SoqlException.unexpectedToken(soql, peek());
        }
        if (acceptKeyword("LIKE")) {
            return new RawCondition("LIKE", field, null, List.of(expect(SoqlLexer.Kind.STRING)), null);
        }
        SoqlLexer.Token op = expect(SoqlLexer.Kind.OP);
        return new RawCondition("CMP", field, op.text(), List.of(literal()), null);
    }

    private SoqlLexer.Token literal() {
        SoqlLexer.Token t = next();
        boolean isLiteral = switch (t.kind()) {
            case STRING, NUMBER, DATE, DATETIME -> true;
            case IDENT -> t.isKeyword("true") || t.isKeyword("false") || t.isKeyword("null");
            default -> false;
        };
        if (!isLiteral) {
            throw SoqlException.unexpectedToken(soql, t);
        }
        return t;
    }

    // ---- schema resolution ----

    private SoqlQuery resolve(List<SoqlLexer.Token> fieldTokens, SoqlLexer.Token objectToken, RawCondition where,
                              List<RawOrder> order, Integer limit) {
        SObjectSchema schema = objectToken.text().contains(".") ? null : schemas.apply(objectToken.text());
        if (schema == null) {
            throw SoqlException.at(soql, objectToken.offset(), "INVALID_TYPE", "sObject type '" + objectToken.text()
                    + "' is not supported. If you are attempting to use a custom object, be sure to append the '__c'"
                    + " after the entity name. Please reference your WSDL or the describe call for the appropriate names.");
        }
        List<FieldPath> fields = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SoqlLexer.Token t : fieldTokens) {
            FieldPath path = path(schema, t);
            if (!seen.add(path.canonical().toLowerCase(Locale.ROOT))) {
                throw SoqlException.at(soql, t.offset(), "MALFORMED_QUERY", "duplicate field selected: " + t.text());
            }
            fields.add(path);
        }
        Condition condition = where == null ? null : condition(schema, where);
        List<OrderItem> orderBy = new ArrayList<>();
        for (RawOrder o : order) {
            orderBy.add(new OrderItem(path(schema, o.field()), o.descending(), o.nullsFirst()));
        }
        return new SoqlQuery(soql, schema, List.copyOf(fields), condition, List.copyOf(orderBy), limit);
    }

    private Condition condition(SObjectSchema schema, RawCondition raw) {
        switch (raw.kind()) {
            case "AND":
                return new Condition.And(raw.children().stream().map(c -> condition(schema, c)).toList());
            case "OR":
                return new Condition.Or(raw.children().stream().map(c -> condition(schema, c)).toList());
            case "NOT":
                return new Condition.Not(condition(schema, raw.children().get(0)));
            default:
                FieldPath path = path(schema, raw.field());
                List<Object> values = new ArrayList<>();
                raw.literals().forEach(l -> values.add(typedLiteral(path, l)));
                return switch (raw.kind()) {
                    case "IN" -> new Condition.In(path, false, values);
                    case "NOT IN" -> new Condition.In(path, true, values);
                    case "LIKE" -> Condition.Like.of(path, (String) values.get(0));
                    default -> new Condition.Comparison(path, raw.op(), values.get(0));
                };
        }
    }

    private FieldPath path(SObjectSchema schema, SoqlLexer.Token token) {
        String[] parts = token.text().split("\\.");
        List<SObjectRelationship> hops = new ArrayList<>();
        SObjectSchema current = schema;
        for (int i = 0; i < parts.length - 1; i++) {
            SObjectRelationship r = current.relationship(parts[i]);
            SObjectSchema target = r == null ? null : schemas.apply(r.targetType());
            if (target == null) {
                throw SoqlException.at(soql, token.offset(), "INVALID_FIELD", "Didn't understand relationship '"
                        + parts[i] + "' in field path. If you are attempting to use a custom relationship, be sure to"
                        + " append the '__r' after the custom relationship name. Please reference your WSDL or the"
                        + " describe call for the appropriate names.");
            }
            hops.add(r);
            current = target;
        }
        String name = parts[parts.length - 1];
        SObjectField field = current.field(name);
        if (field == null) {
            throw SoqlException.at(soql, token.offset(), "INVALID_FIELD", "No such column '" + name + "' on entity '"
                    + current.name() + "'. If you are attempting to use a custom field, be sure to append the '__c'"
                    + " after the custom field name. Please reference your WSDL or the describe call for the"
                    + " appropriate names.");
        }
        return new FieldPath(List.copyOf(hops), field);
    }

    /** Converts a literal to the field's value type, rejecting mismatches with Salesforce's wording. */
    private Object typedLiteral(FieldPath path, SoqlLexer.Token t) {
        if (t.isKeyword("null")) {
            return null;
        }
        FieldType type = path.field().type();
        Object value = switch (t.kind()) {
            case STRING -> type == FieldType.STRING || type == FieldType.ID ? t.text() : null;
            case NUMBER -> type == FieldType.INT ? new BigDecimal(t.text()) : null;
            case DATE -> type == FieldType.DATE ? LocalDate.parse(t.text()) : null;
            case DATETIME -> type == FieldType.DATETIME
                    ? OffsetDateTime.parse(t.text(), SOQL_DATETIME).toInstant() : null;
            case IDENT -> type == FieldType.BOOLEAN ? Boolean.valueOf(t.text().toLowerCase(Locale.ROOT)) : null;
            default -> null;
        };
        if (value == null) {
            boolean quoted = type == FieldType.STRING || type == FieldType.ID;
            throw SoqlException.at(soql, t.offset(), "INVALID_FIELD", "value of filter criterion for field '"
                    + path.field().name() + "' must be of type " + type.soapName() + " and should "
                    + (quoted ? "" : "not ") + "be enclosed in quotes");
        }
        return value;
    }

    // ---- token helpers ----

    private SoqlLexer.Token peek() {
        return tokens.get(pos);
    }

    private SoqlLexer.Token next() {
        SoqlLexer.Token t = tokens.get(pos);
        if (t.kind() != SoqlLexer.Kind.EOF) {
            pos++;
        }
        return t;
    }

    private boolean accept(SoqlLexer.Kind kind) {
        if (peek().kind() == kind) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String keyword) {
        if (peek().isKeyword(keyword)) {
            pos++;
            return true;
        }
        return false;
    }

    private SoqlLexer.Token expect(SoqlLexer.Kind kind) {
        SoqlLexer.Token t = next();
        if (t.kind() != kind) {
            throw SoqlException.unexpectedToken(soql, t);
        }
        return t;
    }

    private void expectKeyword(String keyword) {
        SoqlLexer.Token t = next();
        if (!t.isKeyword(keyword)) {
            throw SoqlException.unexpectedToken(soql, t);
        }
    }
}
