package io.salesforcealerts.sync;

/** A record whose field cannot be used; the record is counted as rejected and logged with its Id, the sync goes on. */
public class InvalidRecordException extends RuntimeException {

    private final String field;

    public InvalidRecordException(String field, String problem) {
        super("field " + field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
