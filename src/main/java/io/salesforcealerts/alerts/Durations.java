package io.salesforcealerts.alerts;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations in properties: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 4h}, {@code 1d}, or ISO-8601 ({@code PT4H}). */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /** Null when the text is not a positive duration. */
    public static Duration parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher m = SHORT.matcher(t);
        Duration d = null;
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                d = Duration.parse(t);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return d.isNegative() || d.isZero() ? null : d;
    }
}
