package io.salesforcealerts.alerts;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code "<operator> <threshold>"}, e.g. {@code ">= 90"}: when a metric value breaches a rule. */
public record Condition(String operator, double threshold) {

    private static final Pattern FORM = Pattern.compile("\\s*(>=|<=|==|>|<)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

    /** Null when the text is not a condition. */
    public static Condition parse(String text) {
        Matcher m = FORM.matcher(text == null ? "" : text);
        return m.matches() ? new Condition(m.group(1), Double.parseDouble(m.group(2))) : null;
    }

    public boolean test(double value) {
        return switch (operator) {
            case ">" -> value > threshold;
            case ">=" -> value >= threshold;
            case "<" -> value < threshold;
            case "<=" -> value <= threshold;
            default -> value == threshold;
        };
    }

    @Override
    public String toString() {
        return operator + " " + AlertEvent.format(threshold);
    }
}
