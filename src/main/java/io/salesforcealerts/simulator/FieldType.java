package io.salesforcealerts.simulator;

/** SOAP/REST field types the simulator needs; decides literal checks and JSON rendering. */
public enum FieldType {
    ID("id"), STRING("string"), BOOLEAN("boolean"), INT("int"), DATETIME("dateTime"), DATE("date");

    private final String soapName;

    FieldType(String soapName) {
        this.soapName = soapName;
    }

    /** Name Salesforce uses in "must be of type ..." filter errors. */
    public String soapName() {
        return soapName;
    }
}
