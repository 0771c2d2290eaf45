package io.salesforcealerts.simulator;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SalesforceIdsTest {

    @Test
    void caseSafeSuffixMatchesSalesforcesAlgorithm() {
        // example from Salesforce's documentation of the 18-char id
        assertThat(SalesforceIds.to18("001D000000IqhSL")).isEqualTo("001D000000IqhSLIAZ");
    }

    @Test
    void generatedIdsHaveThePrefixAndEighteenChars() {
        String id = SalesforceIds.id("005", 123_456_789L);
        assertThat(id).hasSize(18).startsWith("005");
        assertThat(SalesforceIds.to18(SalesforceIds.to15(id))).isEqualTo(id);
        assertThat(SalesforceIds.id("005", 1)).isNotEqualTo(SalesforceIds.id("005", 2));
    }
}
