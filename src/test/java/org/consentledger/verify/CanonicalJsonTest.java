package org.consentledger.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CanonicalJsonTest {

    @Test
    void keysAreSortedAndThereIsNoWhitespace() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", 2L);
        value.put("a", Arrays.asList("x", null, true));
        value.put("c", Map.of("z", false, "y", "é"));
        assertThat(CanonicalJson.string(value)).isEqualTo("{\"a\":[\"x\",null,true],\"b\":2,\"c\":{\"y\":\"é\",\"z\":false}}");
    }

    @Test
    void onlyQuotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(CanonicalJson.string("a\"b\\c\nd\u0001/é")).isEqualTo("\"a\\\"b\\\\c\\u000ad\\u0001/é\"");
    }

    @Test
    void parsingAndReserialisingGivesTheSameBytes() {
        String canonical = "{\"a\":[1,-2,{\"k\":null}],\"b\":\"q\\\"\\\\\\u000a\",\"c\":true}";
        assertThat(CanonicalJson.string(Json.parse(canonical))).isEqualTo(canonical);
        assertThat(CanonicalJson.string(Json.parse("{ \"c\" : true, \"b\":\"q\\\"\\\\\\n\", \"a\":[1,-2,{\"k\":null}] }")))
                .isEqualTo(canonical);
    }

    @Test
    void floatingPointNumbersAndDuplicateKeysAreRefused() {
        assertThatThrownBy(() -> CanonicalJson.string(List.of(1.5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.string(Json.parse("[1.5]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":1,\"a\":2}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("{\"a\":1} x")).isInstanceOf(IllegalArgumentException.class);
    }
}
