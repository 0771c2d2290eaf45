package io.salesforcealerts.simulator;

/**
 * A SOQL error (400) whose message points at the offending token the way Salesforce does:
 * the query line, a caret, "ERROR at Row:r:Column:c" and the reason.
 */
public final class SoqlException extends RestApiException {

    private static final long serialVersionUID = 1L;

    SoqlException(String errorCode, String message) {
        super(400, errorCode, message);
    }

    static SoqlException at(String soql, int offset, String errorCode, String reason) {
        int lineStart = offset == 0 ? 0 : soql.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = soql.indexOf('\n', offset);
        String line = soql.substring(lineStart, lineEnd < 0 ? soql.length() : lineEnd);
        int row = 1 + (int) soql.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int column = offset - lineStart + 1;
        String message = "\n" + line + "\n" + " ".repeat(column - 1) + "^\nERROR at Row:" + row + ":Column:" + column
                + "\n" + reason;
        return new SoqlException(errorCode, message);
    }

    static SoqlException unexpectedToken(String soql, SoqlLexer.Token token) {
        String shown = token.kind() == SoqlLexer.Kind.EOF ? "<EOF>" : "'" + token.text() + "'";
        return at(soql, token.offset(), "MALFORMED_QUERY", "unexpected token: " + shown);
    }
}
