package org.consentledger.common;

public record FieldError(String field, String message) {
}
