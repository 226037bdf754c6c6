package org.consentledger.decision;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Up to {@value #MAX_SUBJECTS} subjects, answered in the same order; duplicates are answered twice. */
public record DecisionQuery(@NotNull @Size(min = 1, max = MAX_SUBJECTS) List<@NotNull @Valid Subject> subjects) {

    public static final int MAX_SUBJECTS = 1000;
}
