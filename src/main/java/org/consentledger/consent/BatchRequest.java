package org.consentledger.consent;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Up to 100 events; each is checked and recorded on its own, so one bad event spoils no other. */
public record BatchRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull EventRequest> events) {
}
