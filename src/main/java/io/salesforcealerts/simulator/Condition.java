package io.salesforcealerts.simulator;

import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/** A WHERE clause node; {@code values} yields a field path's value for the record under test. */
public sealed interface Condition {

    boolean test(Function<FieldPath, Object> values);

    /** {@code field op literal}; null literals only make sense with = and !=. */
    record Comparison(FieldPath field, String op, Object literal) implements Condition {
        @Override
        public boolean test(Function<FieldPath, Object> values) {
            Object v = values.apply(field);
            boolean equalityOp = op.equals("=") || op.equals("!=") || op.equals("<>");
            if (v == null || literal == null) {
                return equalityOp && (op.equals("=") == (v == literal));
            }
            int c = SoqlValues.compare(field.field().type(), v, literal);
            return switch (op) {
                case "=" -> c == 0;
                case "!=", "<>" -> c != 0;
                case "<" -> c < 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                default -> c >= 0;
            };
        }
    }

    record In(FieldPath field, boolean negated, List<Object> literals) implements Condition {
        @Override
        public boolean test(Function<FieldPath, Object> values) {
            Object v = values.apply(field);
            boolean found = v != null && literals.stream()
                    .anyMatch(l -> l != null && SoqlValues.compare(field.field().type(), v, l) == 0);
            return found != negated;
        }
    }

    /** LIKE with % and _ wildcards, case-insensitive like Salesforce. */
    record Like(FieldPath field, Pattern regex) implements Condition {
        static Like of(FieldPath field, String pattern) {
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return new Like(field, Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL));
        }

        @Override
        public boolean test(Function<FieldPath, Object> values) {
            Object v = values.apply(field);
            return v != null && regex.matcher(v.toString()).matches();
        }
    }

    record And(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Function<FieldPath, Object> values) {
            return parts.stream().allMatch(p -> p.test(values));
        }
    }

    record Or(List<Condition> parts) implements Condition {
        @Override
        public boolean test(Function<FieldPath, Object> values) {
            return parts.stream().anyMatch(p -> p.test(values));
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public boolean test(Function<FieldPath, Object> values) {
            return !inner.test(values);
        }
    }
}
