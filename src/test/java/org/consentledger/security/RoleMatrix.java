package org.consentledger.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;

import org.consentledger.support.Tokens;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The role matrix of the API reference (docs/api.md, "Role matrix"): one row per protected
 * endpoint, one column per kind of caller, each cell the status that caller gets. That file is the
 * only copy of the table.
 */
final class RoleMatrix {

    /** The sites a row is called with: {@code siteKey} is "news-a", {@code otherSiteKey} is "shop". */
    record Tenants(String prefix, String siteKey, String otherSiteKey, String versionId, java.util.UUID visitorId) {
    }

    /** The table's columns, in order. A null token means no Authorization header at all. */
    enum Caller {
        NO_TOKEN("no token", t -> null),
        NO_ROLE("no role", t -> Tokens.noRole()),
        ADMIN("`admin`", t -> Tokens.admin()),
        AUDITOR("`auditor`", t -> Tokens.auditor()),
        ADMIN_OF_SITE("`admin:news-a`", t -> Tokens.withGroups("admin:" + t.siteKey())),
        ADMIN_OF_OTHER_SITE("`admin:shop`", t -> Tokens.withGroups("admin:" + t.otherSiteKey())),
        AUDITOR_OF_SITE("`auditor:news-a`", t -> Tokens.withGroups("auditor:" + t.siteKey())),
        AUDITOR_OF_OTHER_SITE("`auditor:shop`", t -> Tokens.withGroups("auditor:" + t.otherSiteKey())),
        AUDITOR_OF_PATTERN("`auditor:news-*`", t -> Tokens.withGroups("auditor:" + t.prefix() + "-*")),
        SERVICE("`service`", t -> Tokens.service()),
        SERVICE_OF_SITE("`service:news-a`", t -> Tokens.withGroups("service:" + t.siteKey())),
        SERVICE_OF_OTHER_SITE("`service:shop`", t -> Tokens.withGroups("service:" + t.otherSiteKey()));

        final String header;
        private final Function<Tenants, String> token;

        Caller(String header, Function<Tenants, String> token) {
            this.header = header;
            this.token = token;
        }

        String tokenFor(Tenants tenants) {
            return token.apply(tenants);
        }

        @Override
        public String toString() {
            return header.replace("`", "");
        }
    }

    /** One row: "METHOD /path/{template}" and the status each caller gets. */
    record Row(String endpoint, Map<Caller, Integer> expected) {
    }

    private static final Path API_REFERENCE = Path.of("docs/api.md");
    private static final String HEADER_START = "| Endpoint | no token |";

    private RoleMatrix() {
    }

    static List<Row> fromApiReference() {
        List<String> lines = apiReference();
        int header = indexOfHeader(lines);
        List<String> columns = cells(lines.get(header));
        List<String> expectedColumns = Arrays.stream(Caller.values()).map(c -> c.header).toList();
        if (!columns.subList(1, columns.size()).equals(expectedColumns)) {
            throw new AssertionError("The role matrix in " + API_REFERENCE + " has columns " + columns + ", expected " + expectedColumns);
        }
        List<Row> rows = new ArrayList<>();
        for (int i = header + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
            List<String> cells = cells(lines.get(i));
            Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
            for (Caller caller : Caller.values()) {
                expected.put(caller, Integer.valueOf(cells.get(caller.ordinal() + 1)));
            }
            rows.add(new Row(cells.get(0).replace("`", ""), expected));
        }
        return rows;
    }

    /**
     * Every endpoint of the main code that needs a token, as "METHOD /path": resource methods that
     * are not {@code @PermitAll}, directly or through their class.
     */
    static Set<String> protectedEndpoints() {
        Set<String> endpoints = new TreeSet<>();
        new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.consentledger").stream()
                .filter(c -> c.isAnnotatedWith(jakarta.ws.rs.Path.class))
                .map(JavaClass::reflect)
                .forEach(resource -> {
                    for (Method method : resource.getDeclaredMethods()) {
                        String verb = httpMethod(method);
                        if (verb != null && !permitsAll(resource, method)) {
                            endpoints.add(verb + " " + path(resource) + path(method));
                        }
                    }
                });
        return endpoints;
    }

    private static boolean permitsAll(Class<?> resource, Method method) {
        if (method.isAnnotationPresent(PermitAll.class)) {
            return true;
        }
        return resource.isAnnotationPresent(PermitAll.class) && !method.isAnnotationPresent(RolesAllowed.class);
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String path(AnnotatedElement element) {
        jakarta.ws.rs.Path path = element.getAnnotation(jakarta.ws.rs.Path.class);
        return path == null ? "" : path.value();
    }

    private static int indexOfHeader(List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(HEADER_START)) {
                return i;
            }
        }
        throw new AssertionError(API_REFERENCE + " has no role matrix (a table starting with '" + HEADER_START + "')");
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.lastIndexOf('|'));
        return Arrays.stream(inner.split("\\|")).map(String::trim).toList();
    }

    private static List<String> apiReference() {
        try {
            return Files.readAllLines(API_REFERENCE, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
