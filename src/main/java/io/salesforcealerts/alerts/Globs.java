package io.salesforcealerts.alerts;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** {@code *} globs of selectors and silence matchers, case-insensitive; null or "*" matches anything. */
final class Globs {

    private Globs() {
    }

    static boolean matches(String glob, String value) {
        if (glob == null || glob.equals("*")) {
            return true;
        }
        if (value == null) {
            return false;
        }
        List<String> parts = new ArrayList<>();
        for (String part : glob.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.CASE_INSENSITIVE).matcher(value).matches();
    }
}
