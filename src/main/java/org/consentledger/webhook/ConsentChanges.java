package org.consentledger.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.consentledger.consent.ConsentChangeOutbox;

/** consent.changed deliveries, written in the statement that records the events. */
@ApplicationScoped
public class ConsentChanges implements ConsentChangeOutbox {

    @Override
    public String insertFrom(String changes) {
        return Deliveries.insertConsentChanges(changes);
    }
}
