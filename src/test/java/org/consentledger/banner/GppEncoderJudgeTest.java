package org.consentledger.banner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.consentledger.support.GppJudge;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The GPP encoder of banner.js (its text between the "gpp encoder" markers, run by Node.js) against
 * the IAB's own library, @iabgpp/cmpapi: for every combination the banner meets, the library reads
 * each field as the banner's rules give it, and makes of those fields the very string the banner made.
 */
@Tag("process")
class GppEncoderJudgeTest {

    private static final List<Boolean> BOTH = List.of(false, true);
    /** null: the site named no MSPA mode. */
    private static final List<String> MODES = Arrays.asList("OPT_OUT_OPTION", "SERVICE_PROVIDER", null);
    private static final List<List<String>> SECTIONS = List.of(List.of("usnat"), List.of("usnat", "usca"));

    @Test
    void everyCombinationIsReadAsTheRulesSayAndIsTheStringTheLibraryMakes() throws Exception {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (boolean optedOut : BOTH) {
            for (boolean gpc : BOTH) {
                cases.add(signal(null, optedOut, gpc));
                for (List<String> sections : SECTIONS) {
                    cases.add(signal(gpp(sections, false, null), optedOut, gpc));
                    for (String mode : MODES) {
                        cases.add(signal(gpp(sections, true, mode), optedOut, gpc));
                    }
                }
            }
        }

        List<Map<String, Object>> results = GppJudge.encodeAndJudge(cases);

        assertThat(results).hasSize(36);
        for (Map<String, Object> result : results) {
            Map<String, Object> c = object(result.get("case"));
            Map<String, Object> made = object(result.get("made"));
            Map<String, Object> judged = object(result.get("judged"));
            Map<String, Object> expected = expectedSections(object(c.get("gpp")), (boolean) c.get("optedOut"),
                    (boolean) c.get("gpc"));
            List<Integer> ids = expected.containsKey("usca") ? List.of(7, 8) : expected.isEmpty() ? List.of() : List.of(7);
            String string = (String) made.get("string");

            assertThat(judged).as("the library reads %s, made for %s", string, c).doesNotContainKey("error");
            assertThat(judged.get("canonical")).as("the library's own string of the same fields, for %s", c)
                    .isEqualTo(string);
            assertThat(judged.get("sectionIds")).as("the header's section ids, for %s", c).isEqualTo(ids);
            assertThat(judged.get("sections")).as("every field as the library reads it, for %s", c).isEqualTo(expected);
            assertThat(made.get("ids")).as("what the ping gives as sectionList, for %s", c).isEqualTo(ids);
            assertThat(made.get("sections")).as("what getSection answers, for %s", c).isEqualTo(expected);
            assertThat(string).as("the header, for %s", c)
                    .startsWith(ids.isEmpty() ? "DBAA" : ids.size() == 1 ? "DBABLA~" : "DBABrw~");
        }
    }

    /** Events carry these strings into the ledger: a change to any of them is a change of format. */
    @Test
    void theBannersStringsStayAsPinned() throws Exception {
        List<Map<String, Object>> results = GppJudge.encodeAndJudge(List.of(
                signal(null, true, true),
                signal(gpp(List.of("usnat"), false, null), true, true),
                signal(gpp(List.of("usnat"), false, null), false, false),
                signal(gpp(List.of("usnat", "usca"), true, null), true, false),
                signal(gpp(List.of("usnat", "usca"), true, "SERVICE_PROVIDER"), false, false)));

        assertThat(results).extracting(r -> object(r.get("made")).get("string")).containsExactly(
                "DBAA",
                "DBABLA~CVQVAAAAAACA.YA",
                "DBABLA~CVQqAAAAAACA.QA",
                "DBABrw~CVQVAAAAAABY.QA~BUUAAABY.QA",
                "DBABrw~CVQqAAAAAABk.QA~BUoAAABk.QA");
    }

    /** The judge itself: a string the library's own tests know, read field by field. */
    @Test
    void theJudgeReadsAKnownStringAsTheLibraryMadeIt() throws Exception {
        Map<String, Object> judged = GppJudge.decode("DBABLA~CUAQAAAAAABA.YA");

        assertThat(judged.get("sectionIds")).isEqualTo(List.of(7));
        assertThat(judged.get("canonical")).isEqualTo("DBABLA~CUAQAAAAAABA.YA");
        assertThat(object(object(judged.get("sections")).get("usnat"))).containsAllEntriesOf(fields(
                "SharingNotice", 1, "SaleOptOutNotice", 1, "SharingOptOutNotice", 0, "SaleOptOut", 1,
                "MspaCoveredTransaction", 1, "MspaOptOutOptionMode", 0, "MspaServiceProviderMode", 0,
                "GpcSegmentType", 1, "Gpc", true));
    }

    /** The library's decoder reads past wrong padding; the canonical string is what catches it. */
    @Test
    void theJudgeTellsAStringPaddedAsTheLibraryWouldNotFromTheRightOne() throws Exception {
        List<Map<String, Object>> judged = GppJudge.decodeAll(
                List.of("DBABLA~CVQVAAAAAACA.YA", "DBABLAAA~CVQVAAAAAACA.YA", "DBABLA~"));

        assertThat(judged.get(1).get("sections")).isEqualTo(judged.get(0).get("sections"));
        assertThat(judged.get(0).get("canonical")).isEqualTo("DBABLA~CVQVAAAAAACA.YA");
        assertThat(judged.get(1).get("canonical")).isEqualTo("DBABLA~CVQVAAAAAACA.YA");
        assertThat(judged.get(2)).containsKey("error");
    }

    private static Map<String, Object> signal(Map<String, Object> gpp, boolean optedOut, boolean gpc) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("gpp", gpp);
        c.put("optedOut", optedOut);
        c.put("gpc", gpc);
        return c;
    }

    /** The notice's signals.gpp, as the server sends it. */
    private static Map<String, Object> gpp(List<String> sections, boolean covered, String mode) {
        Map<String, Object> gpp = new LinkedHashMap<>();
        gpp.put("sections", sections);
        gpp.put("mspaCoveredTransaction", covered);
        gpp.put("mspaMode", mode);
        return gpp;
    }

    /**
     * The rules, written again here: the notices the banner gives are 1, the sensitive-data ones and
     * every sensitive-data, child and consent field 0; an opt-out (the visitor's or GPC) is 1, else 2;
     * a covered transaction is 1 with the mode named (no name: opt-out option) 1 and the other 2.
     */
    private static Map<String, Object> expectedSections(Map<String, Object> gpp, boolean optedOut, boolean gpc) {
        Map<String, Object> sections = new LinkedHashMap<>();
        if (gpp == null) {
            return sections;
        }
        int out = optedOut || gpc ? 1 : 2;
        boolean covered = (boolean) gpp.get("mspaCoveredTransaction");
        boolean provider = "SERVICE_PROVIDER".equals(gpp.get("mspaMode"));
        Map<String, Object> mspa = fields("PersonalDataConsents", 0, "MspaCoveredTransaction", covered ? 1 : 2,
                "MspaOptOutOptionMode", covered ? (provider ? 2 : 1) : 0,
                "MspaServiceProviderMode", covered ? (provider ? 1 : 2) : 0, "GpcSegmentType", 1, "Gpc", gpc);
        Map<String, Object> usnat = fields("Version", 2, "SharingNotice", 1, "SaleOptOutNotice", 1,
                "SharingOptOutNotice", 1, "TargetedAdvertisingOptOutNotice", 1, "SensitiveDataProcessingOptOutNotice", 0,
                "SensitiveDataLimitUseNotice", 0, "SaleOptOut", out, "SharingOptOut", out, "TargetedAdvertisingOptOut", out,
                "SensitiveDataProcessing", zeros(16), "KnownChildSensitiveDataConsents", zeros(3));
        usnat.putAll(mspa);
        sections.put("usnat", usnat);
        if (((List<?>) gpp.get("sections")).contains("usca")) {
            Map<String, Object> usca = fields("Version", 1, "SaleOptOutNotice", 1, "SharingOptOutNotice", 1,
                    "SensitiveDataLimitUseNotice", 0, "SaleOptOut", out, "SharingOptOut", out,
                    "SensitiveDataProcessing", zeros(9), "KnownChildSensitiveDataConsents", zeros(2));
            usca.putAll(mspa);
            sections.put("usca", usca);
        }
        return sections;
    }

    private static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    private static List<Integer> zeros(int n) {
        return Collections.nCopies(n, 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        return (Map<String, Object>) json;
    }
}
