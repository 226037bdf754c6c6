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

    /** usnat alone, and usnat with each state's section: [7, 8] is one run in the header, the others two ids. */
    private static List<List<String>> sectionLists() {
        List<List<String>> lists = new ArrayList<>(List.of(List.of("usnat")));
        GppSections.STATES.forEach(state -> lists.add(List.of("usnat", state.name())));
        return lists;
    }

    @Test
    void everyCombinationIsReadAsTheRulesSayAndIsTheStringTheLibraryMakes() throws Exception {
        List<Map<String, Object>> cases = new ArrayList<>();
        for (boolean optedOut : BOTH) {
            for (boolean gpc : BOTH) {
                cases.add(signal(null, optedOut, gpc));
                for (List<String> sections : sectionLists()) {
                    cases.add(signal(gpp(sections, false, null), optedOut, gpc));
                    for (String mode : MODES) {
                        cases.add(signal(gpp(sections, true, mode), optedOut, gpc));
                    }
                }
            }
        }

        List<Map<String, Object>> results = GppJudge.encodeAndJudge(cases);

        assertThat(results).hasSize(4 * (1 + 4 * (1 + GppSections.STATES.size())));
        for (Map<String, Object> result : results) {
            Map<String, Object> c = object(result.get("case"));
            Map<String, Object> made = object(result.get("made"));
            Map<String, Object> judged = object(result.get("judged"));
            Map<String, Object> expected = expectedSections(object(c.get("gpp")), (boolean) c.get("optedOut"),
                    (boolean) c.get("gpc"));
            List<Integer> ids = GppSections.all().filter(section -> expected.containsKey(section.name()))
                    .map(GppSections::id).toList();
            String string = (String) made.get("string");
            // One group of ids, a single one or the run [7, 8], or two single ids such as [7, 9] and [7, 27].
            String header = ids.isEmpty() ? "DBAA" : ids.size() == 1 ? "DBABLA~" : ids.get(1) == 8 ? "DBABrw~" : "DBAC";

            assertThat(judged).as("the library reads %s, made for %s", string, c).doesNotContainKey("error");
            assertThat(judged.get("canonical")).as("the library's own string of the same fields, for %s", c)
                    .isEqualTo(string);
            assertThat(judged.get("sectionIds")).as("the header's section ids, for %s", c).isEqualTo(ids);
            assertThat(judged.get("sections")).as("every field as the library reads it, for %s", c).isEqualTo(expected);
            assertThat(made.get("ids")).as("what the ping gives as sectionList, for %s", c).isEqualTo(ids);
            assertThat(made.get("sections")).as("what getSection answers, for %s", c).isEqualTo(expected);
            assertThat(string).as("the header, for %s", c).startsWith(header);
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
                signal(gpp(List.of("usnat", "usca"), true, "SERVICE_PROVIDER"), false, false),
                signal(gpp(List.of("usnat", "usva"), false, null), true, true),
                signal(gpp(List.of("usnat", "usnj"), false, null), false, true),
                signal(gpp(List.of("usnat", "usmd"), true, "SERVICE_PROVIDER"), false, false),
                signal(gpp(List.of("usnat", "usri"), true, null), true, false)));

        assertThat(results).extracting(r -> object(r.get("made")).get("string")).containsExactly(
                "DBAA",
                "DBABLA~CVQVAAAAAACA.YA",
                "DBABLA~CVQqAAAAAACA.QA",
                "DBABrw~CVQVAAAAAABY.QA~BUUAAABY.QA",
                "DBABrw~CVQqAAAAAABk.QA~BUoAAABk.QA",
                "DBACLMA~CVQVAAAAAACA.YA~BVUAACA",
                "DBACLQw~CVQVAAAAAACA.YA~BVUAAAAAgA.YA",
                "DBACLUw~CVQqAAAAAABk.QA~BZWg.QA",
                "DBACLKw~CVQVAAAAAABY.QA~BVVQ");
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

    /** An optional subsection is there or not as the string has it: the judge's own string keeps it so. */
    @Test
    void theJudgeKeepsAnOptionalSubsectionOutOrInAsTheStringHasIt() throws Exception {
        List<Map<String, Object>> judged = GppJudge.decodeAll(
                List.of("DBACLKw~CVQqAAAAAACA.QA~BhWg", "DBACLKw~CVQqAAAAAACA.QA~BhWg.AAA"));

        assertThat(judged.get(0).get("canonical")).isEqualTo("DBACLKw~CVQqAAAAAACA.QA~BhWg");
        assertThat(judged.get(1).get("canonical")).isEqualTo("DBACLKw~CVQqAAAAAACA.QA~BhWg.AAA");
        assertThat(judged.get(1).get("sections")).isEqualTo(judged.get(0).get("sections"));
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
     * The rules, written again here: the notices the banner gives are 1 (ProcessingNotice too), the
     * sensitive-data ones and every sensitive-data, child and consent field 0; an opt-out (the
     * visitor's or GPC) is 1, else 2; a covered transaction is 1 with the mode named (no name: opt-out
     * option) 1 and the other 2, or in a single MspaMode field 1 for the opt-out option mode and 2 for
     * the service provider mode.
     */
    private static Map<String, Object> expectedSections(Map<String, Object> gpp, boolean optedOut, boolean gpc) {
        Map<String, Object> sections = new LinkedHashMap<>();
        if (gpp == null) {
            return sections;
        }
        int out = optedOut || gpc ? 1 : 2;
        boolean covered = (boolean) gpp.get("mspaCoveredTransaction");
        boolean provider = "SERVICE_PROVIDER".equals(gpp.get("mspaMode"));
        List<?> names = (List<?>) gpp.get("sections");
        for (GppSections section : GppSections.all().toList()) {
            if (!names.contains(section.name())) {
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            for (String field : section.fields().split(" ")) {
                String[] nameAndLength = field.split("\\*");
                fields.put(nameAndLength[0], nameAndLength.length > 1 ? zeros(Integer.parseInt(nameAndLength[1]))
                        : value(nameAndLength[0], section.version(), out, covered, provider));
            }
            if (section.gpc()) {
                fields.putAll(fields("GpcSegmentType", 1, "Gpc", gpc));
            }
            sections.put(section.name(), fields);
        }
        return sections;
    }

    private static int value(String field, int version, int out, boolean covered, boolean provider) {
        return switch (field) {
            case "Version", "MspaVersion" -> version;
            case "SharingNotice", "SaleOptOutNotice", "SharingOptOutNotice", "TargetedAdvertisingOptOutNotice",
                    "ProcessingNotice" -> 1;
            case "SaleOptOut", "SharingOptOut", "TargetedAdvertisingOptOut" -> out;
            case "MspaCoveredTransaction" -> covered ? 1 : 2;
            case "MspaOptOutOptionMode" -> covered ? (provider ? 2 : 1) : 0;
            case "MspaServiceProviderMode" -> covered ? (provider ? 1 : 2) : 0;
            case "MspaMode" -> covered ? (provider ? 2 : 1) : 0;
            default -> 0; // the sensitive-data notices, and every sensitive-data, child and consent field
        };
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
