package io.salesforcealerts.simulator;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SoqlParserTest {

    private static final Function<String, SObjectSchema> SCHEMAS = SObjectSchemas::find;

    private static SoqlQuery parse(String soql) {
        return SoqlParser.parse(soql, SCHEMAS);
    }

    @Test
    void resolvesNamesCaseInsensitivelyToCanonicalSpelling() {
        SoqlQuery q = parse("select id, USERNAME, profile.userlicense.name from user where isactive = TRUE limit 5");

        assertThat(q.sobject().name()).isEqualTo("User");
        assertThat(q.fields()).extracting(FieldPath::canonical)
                .containsExactly("Id", "Username", "Profile.UserLicense.Name");
        assertThat(q.limit()).isEqualTo(5);
        assertThat(q.where()).isInstanceOf(Condition.Comparison.class);
    }

    @Test
    void acceptsBothDateTimeLiteralFormsAndDates() {
        SoqlQuery a = parse("SELECT Id FROM User WHERE SystemModstamp > 2026-01-01T00:00:00Z");
        SoqlQuery b = parse("SELECT Id FROM User WHERE SystemModstamp > 2026-01-01T00:00:00.000+0000");
        SoqlQuery c = parse("SELECT Id FROM PermissionSetLicense WHERE ExpirationDate <= 2026-12-31");

        Instant expected = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(((Condition.Comparison) a.where()).literal()).isEqualTo(expected);
        assertThat(((Condition.Comparison) b.where()).literal()).isEqualTo(expected);
        assertThat(((Condition.Comparison) c.where()).literal()).isEqualTo(LocalDate.parse("2026-12-31"));
    }

    @Test
    void evaluatesAndOrNotInAndNulls() {
        SoqlQuery q = parse("SELECT Id FROM User WHERE (IsActive = true AND LastLoginDate = null)"
                + " OR UserType IN ('PowerPartner', 'CsnOnly') OR NOT Name LIKE 'a%'");
        Map<String, Object> row = Map.of("IsActive", true, "UserType", "Standard", "Name", "Anna");
        Function<FieldPath, Object> values = p -> row.get(p.canonical());

        assertThat(q.where().test(values)).isTrue(); // LastLoginDate is null
        assertThat(q.where().test(p -> p.canonical().equals("LastLoginDate") ? Instant.EPOCH : values.apply(p)))
                .isFalse();
    }

    @Test
    void unknownFieldIsInvalidFieldWithACaretAtTheColumn() {
        assertThatThrownBy(() -> parse("SELECT Naem FROM User"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_FIELD");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).isEqualTo("\nSELECT Naem FROM User\n       ^\nERROR at Row:1:Column:8\n"
                            + "No such column 'Naem' on entity 'User'. If you are attempting to use a custom field,"
                            + " be sure to append the '__c' after the custom field name. Please reference your WSDL"
                            + " or the describe call for the appropriate names.");
                });
    }

    @Test
    void unknownObjectIsInvalidType() {
        assertThatThrownBy(() -> parse("SELECT Id FROM Foo"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("INVALID_TYPE");
                    assertThat(e.getMessage()).startsWith("\nSELECT Id FROM Foo\n               ^\nERROR at Row:1:Column:16\n")
                            .contains("sObject type 'Foo' is not supported. If you are attempting to use a custom"
                                    + " object, be sure to append the '__c' after the entity name.");
                });
    }

    @Test
    void unknownRelationshipIsInvalidField() {
        assertThatThrownBy(() -> parse("SELECT Profil.Name FROM User"))
                .isInstanceOfSatisfying(SoqlException.class, e ->
                        assertThat(e.getMessage()).contains("Didn't understand relationship 'Profil'"));
    }

    @Test
    void syntaxErrorsAreMalformedQueryNamingTheToken() {
        assertThatThrownBy(() -> parse("SELECT Id Name FROM User"))
                .isInstanceOfSatisfying(SoqlException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo("MALFORMED_QUERY");
                    assertThat(e.getMessage()).endsWith("ERROR at Row:1:Column:11\nunexpected token: 'Name'");
                });
        assertThatThrownBy(() -> parse("SELECT Id FROM")).hasMessageEndingWith("unexpected token: <EOF>");
        assertThatThrownBy(() -> parse("SELECT Id FROM User WHERE")).isInstanceOf(SoqlException.class);
        assertThatThrownBy(() -> parse("SELECT Id, Id FROM User")).hasMessageContaining("duplicate field selected");
    }

    @Test
    void literalOfTheWrongTypeIsRejectedLikeSalesforce() {
        assertThatThrownBy(() -> parse("SELECT Id FROM User WHERE SystemModstamp > '2026-01-01'"))
                .hasMessageEndingWith("value of filter criterion for field 'SystemModstamp' must be of type dateTime"
                        + " and should not be enclosed in quotes");
        assertThatThrownBy(() -> parse("SELECT Id FROM User WHERE Name = 5"))
                .hasMessageEndingWith("must be of type string and should be enclosed in quotes");
    }

    @Test
    void multiLineQueriesReportRowAndColumn() {
        assertThatThrownBy(() -> parse("SELECT Id,\n  Nope\nFROM User"))
                .hasMessageStartingWith("\n  Nope\n  ^\nERROR at Row:2:Column:3\nNo such column 'Nope'");
    }
}
