package io.salesforcealerts.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits SOQL into tokens, remembering offsets for Salesforce-style error positions. */
final class SoqlLexer {

    enum Kind { IDENT, STRING, NUMBER, DATE, DATETIME, COMMA, LPAREN, RPAREN, OP, EOF }

    record Token(Kind kind, String text, int offset) {
        boolean isKeyword(String keyword) {
            return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
        }
    }

    private static final Pattern DATETIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,3})?(Z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?![\\w:])");
    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(?![\\w.])");
    /** Dotted paths (Profile.UserLicense.Name) are one token; the parser splits them. */
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern OP = Pattern.compile("<=|>=|!=|<>|=|<|>");

    private SoqlLexer() {
    }

    static List<Token> tokenize(String soql) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = DATETIME.matcher(soql);
        int i = 0;
        while (true) {
            while (i < soql.length() && Character.isWhitespace(soql.charAt(i))) {
                i++;
            }
            if (i >= soql.length()) {
                tokens.add(new Token(Kind.EOF, "", soql.length()));
                return tokens;
            }
            char c = soql.charAt(i);
            Kind single = c == ',' ? Kind.COMMA : c == '(' ? Kind.LPAREN : c == ')' ? Kind.RPAREN : null;
            if (single != null) {
                tokens.add(new Token(single, String.valueOf(c), i++));
            } else if (c == '\'') {
                i = string(soql, i, tokens);
            } else {
                Kind kind = null;
                for (Object[] candidate : new Object[][] {{DATETIME, Kind.DATETIME}, {DATE, Kind.DATE},
                        {NUMBER, Kind.NUMBER}, {IDENT, Kind.IDENT}, {OP, Kind.OP}}) {
                    m.usePattern((Pattern) candidate[0]).region(i, soql.length());
                    if (m.lookingAt()) {
                        kind = (Kind) candidate[1];
                        break;
                    }
                }
                if (kind == null) {
                    throw SoqlException.unexpectedToken(soql, new Token(Kind.OP, String.valueOf(c), i));
                }
                tokens.add(new Token(kind, m.group(), i));
                i = m.end();
            }
        }
    }

    /** Reads a quoted string with SOQL backslash escapes; returns the offset after it. */
    private static int string(String soql, int start, List<Token> tokens) {
        StringBuilder sb = new StringBuilder();
        int i = start + 1;
        while (i < soql.length()) {
            char c = soql.charAt(i);
            if (c == '\'') {
                tokens.add(new Token(Kind.STRING, sb.toString(), start));
                return i + 1;
            }
            if (c == '\\' && i + 1 < soql.length()) {
                char e = soql.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else {
                sb.append(c);
            }
            i++;
        }
        throw SoqlException.at(soql, start, "MALFORMED_QUERY", "unexpected token: <EOF>");
    }
}
