package org.consentledger.banner;

import java.util.List;
import java.util.stream.Stream;

/**
 * The GPP sections the banner encodes, as the GPP specification and the IAB's library 3.2.0 lay
 * them out, written here apart from the banner's own table: each one's id, version, whether a GPC
 * subsection follows the core one, and the core's fields in order ({@code name*n}: a list of n).
 */
record GppSections(String name, int id, int version, boolean gpc, String fields) {

    private static final String MSPA = " MspaCoveredTransaction MspaOptOutOptionMode MspaServiceProviderMode";
    /** Maryland's, Indiana's, Kentucky's and Rhode Island's sections open with the MSPA fields, in one mode field. */
    private static final String MSPA_FIRST = "MspaVersion MspaCoveredTransaction MspaMode ";

    static final GppSections USNAT = new GppSections("usnat", 7, 2, true, "Version SharingNotice SaleOptOutNotice "
            + "SharingOptOutNotice TargetedAdvertisingOptOutNotice SensitiveDataProcessingOptOutNotice "
            + "SensitiveDataLimitUseNotice SaleOptOut SharingOptOut TargetedAdvertisingOptOut "
            + "SensitiveDataProcessing*16 KnownChildSensitiveDataConsents*3 PersonalDataConsents" + MSPA);

    /**
     * Florida is no state of the opt-out regime, but the banner's table holds its section (the ids
     * count from 7 there), so it is judged too. usin, usky and usri keep their sensitive-data consents
     * in an optional subsection, which the banner leaves out: the library reports them all the same.
     */
    static final List<GppSections> STATES = List.of(
            new GppSections("usca", 8, 1, true, "Version SaleOptOutNotice SharingOptOutNotice "
                    + "SensitiveDataLimitUseNotice SaleOptOut SharingOptOut SensitiveDataProcessing*9 "
                    + "KnownChildSensitiveDataConsents*2 PersonalDataConsents" + MSPA),
            new GppSections("usva", 9, 1, false, "Version SharingNotice SaleOptOutNotice TargetedAdvertisingOptOutNotice "
                    + "SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 KnownChildSensitiveDataConsents" + MSPA),
            new GppSections("usco", 10, 1, true, "Version SharingNotice SaleOptOutNotice TargetedAdvertisingOptOutNotice "
                    + "SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*7 KnownChildSensitiveDataConsents" + MSPA),
            new GppSections("usut", 11, 1, false, "Version SharingNotice SaleOptOutNotice TargetedAdvertisingOptOutNotice "
                    + "SensitiveDataProcessingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents" + MSPA),
            new GppSections("usct", 12, 1, true, "Version SharingNotice SaleOptOutNotice TargetedAdvertisingOptOutNotice "
                    + "SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 KnownChildSensitiveDataConsents*3"
                    + MSPA),
            new GppSections("usfl", 13, 1, false, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents*3 AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usmt", 14, 1, true, "Version SharingNotice SaleOptOutNotice TargetedAdvertisingOptOutNotice "
                    + "SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 KnownChildSensitiveDataConsents*3 "
                    + "AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usor", 15, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*11 "
                    + "KnownChildSensitiveDataConsents*3 AdditionalDataProcessingConsent" + MSPA),
            new GppSections("ustx", 16, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usde", 17, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*9 "
                    + "KnownChildSensitiveDataConsents*5 AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usia", 18, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SensitiveDataOptOutNotice SaleOptOut TargetedAdvertisingOptOut "
                    + "SensitiveDataProcessing*8 KnownChildSensitiveDataConsents" + MSPA),
            new GppSections("usne", 19, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usnh", 20, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents*3 AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usnj", 21, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*10 "
                    + "KnownChildSensitiveDataConsents*5 AdditionalDataProcessingConsent" + MSPA),
            new GppSections("ustn", 22, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usmn", 23, 1, true, "Version ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut SensitiveDataProcessing*8 "
                    + "KnownChildSensitiveDataConsents AdditionalDataProcessingConsent" + MSPA),
            new GppSections("usmd", 24, 1, true, MSPA_FIRST + "ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut AdditionalDataProcessingConsent"),
            new GppSections("usin", 25, 1, false, MSPA_FIRST + "ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut KnownChildSensitiveDataConsents "
                    + "AdditionalDataProcessingConsent SensitiveDataProcessing*8"),
            new GppSections("usky", 26, 1, false, MSPA_FIRST + "ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut KnownChildSensitiveDataConsents "
                    + "AdditionalDataProcessingConsent SensitiveDataProcessing*8"),
            new GppSections("usri", 27, 1, false, MSPA_FIRST + "ProcessingNotice SaleOptOutNotice "
                    + "TargetedAdvertisingOptOutNotice SaleOptOut TargetedAdvertisingOptOut KnownChildSensitiveDataConsents "
                    + "AdditionalDataProcessingConsent SensitiveDataProcessing*8"));

    /** usnat, then the states, in id order. */
    static Stream<GppSections> all() {
        return Stream.concat(Stream.of(USNAT), STATES.stream());
    }
}
