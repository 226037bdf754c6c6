package org.consentledger.identity;

import javax.sql.DataSource;

import org.consentledger.consent.LinkedVisitors;

/** The identity links read through a data source of the test's choosing, such as a recording one. */
public final class RecordedLinks {

    private RecordedLinks() {
    }

    public static LinkedVisitors on(DataSource dataSource) {
        return new IdentityLinks(dataSource);
    }
}
