package org.consentledger.notice;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** The public notice's body, field for field, marked as a preview that no visitor was shown. */
@JsonPropertyOrder({ "preview" })
public record NoticePreview(boolean preview, @JsonUnwrapped Notice notice) {

    static NoticePreview of(Notice notice) {
        return new NoticePreview(true, notice);
    }
}
