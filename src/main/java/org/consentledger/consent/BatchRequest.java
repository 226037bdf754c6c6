package org.consentledger.consent;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Up to 100 events; each is read, checked and recorded on its own, so one bad event spoils no
 * other: not even one whose fields have the wrong JSON types, which is why they arrive unread.
 */
public record BatchRequest(@NotNull @Size(min = 1, max = 100) List<@NotNull JsonNode> events) {
}
