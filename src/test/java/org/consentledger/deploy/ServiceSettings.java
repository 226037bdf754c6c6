package org.consentledger.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.jwt.config.JWTAuthContextInfoProvider;

/**
 * Every configuration property the service reads, and whether an environment variable sets one
 * (the SmallRye way: a property's name upper-cased with each non-alphanumeric as '_'). The names
 * come from where the service reads them, not from a list kept by hand:
 * <ul>
 * <li>application.properties (without profile prefixes);</li>
 * <li>the service's own {@code @ConfigMapping} interfaces and {@code @ConfigProperty} injections;</li>
 * <li>every Quarkus extension's config roots (META-INF/quarkus-config-roots.list);</li>
 * <li>the MP-JWT settings, which smallrye-jwt injects with {@code @ConfigProperty}.</li>
 * </ul>
 */
final class ServiceSettings {

    private static final String WILDCARD = "\u0000";

    private final Set<String> properties;
    private final List<Pattern> envNames;

    private ServiceSettings(Set<String> properties) {
        this.properties = properties;
        this.envNames = properties.stream().map(ServiceSettings::envPattern).toList();
    }

    static ServiceSettings load() {
        Set<String> names = new TreeSet<>();
        names.addAll(applicationProperties());
        JavaClassesHolder.CLASSES.forEach(c -> names.addAll(ownSettings(c.reflect())));
        names.addAll(configRoots());
        names.addAll(injected(JWTAuthContextInfoProvider.class));
        return new ServiceSettings(names);
    }

    /** Whether an environment variable of this name sets a property the service reads. */
    boolean reads(String envVar) {
        return envNames.stream().anyMatch(p -> p.matcher(envVar).matches());
    }

    Set<String> properties() {
        return Collections.unmodifiableSet(properties);
    }

    private static Pattern envPattern(String property) {
        String marked = property.replace("\"*\"", WILDCARD).replace("[*]", "").replace("*", WILDCARD);
        StringBuilder regex = new StringBuilder();
        for (String part : marked.split(WILDCARD, -1)) {
            if (regex.length() > 0 || marked.startsWith(WILDCARD)) {
                regex.append("(?:[A-Z0-9_]+_)?"); // a map key, or none for the unnamed (default) entry
            }
            regex.append(Pattern.quote(part.replaceAll("[^A-Za-z0-9]", "_").toUpperCase()));
        }
        return Pattern.compile(regex.toString().replace("__", "_"));
    }

    private static Set<String> applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = ServiceSettings.class.getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> names = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            names.add(name.startsWith("%") ? name.substring(name.indexOf('.') + 1) : name);
        }
        return names;
    }

    private static Set<String> ownSettings(Class<?> type) {
        Set<String> names = new TreeSet<>();
        ConfigMapping mapping = type.getAnnotation(ConfigMapping.class);
        if (mapping != null && type.isInterface()) {
            names.addAll(ConfigMappings.getProperties(new ConfigMappings.ConfigClass(type, mapping.prefix())).keySet());
        }
        names.addAll(injected(type));
        return names;
    }

    private static Set<String> injected(Class<?> type) {
        List<AnnotatedElement> points = new ArrayList<>(List.of(type.getDeclaredFields()));
        for (Constructor<?> constructor : type.getDeclaredConstructors()) {
            points.addAll(List.of(constructor.getParameters()));
        }
        Set<String> names = new TreeSet<>();
        for (AnnotatedElement point : points) {
            ConfigProperty property = point.getAnnotation(ConfigProperty.class);
            if (property != null && !property.name().isEmpty()) {
                names.add(property.name());
            }
        }
        return names;
    }

    private static Set<String> configRoots() {
        Set<String> names = new TreeSet<>();
        try {
            Enumeration<URL> lists = ServiceSettings.class.getClassLoader().getResources("META-INF/quarkus-config-roots.list");
            while (lists.hasMoreElements()) {
                try (InputStream in = lists.nextElement().openStream()) {
                    for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                        String root = line.trim();
                        if (!root.isEmpty() && !root.startsWith("#")) {
                            names.addAll(rootProperties(root));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Set<String> rootProperties(String className) {
        try {
            Class<?> root = Class.forName(className, false, ServiceSettings.class.getClassLoader());
            ConfigMapping mapping = root.getAnnotation(ConfigMapping.class);
            if (mapping == null) {
                return Set.of();
            }
            return ConfigMappings.getProperties(new ConfigMappings.ConfigClass(root, mapping.prefix())).keySet();
        } catch (ClassNotFoundException | LinkageError | RuntimeException e) {
            return Set.of(); // a root for another launch mode or platform
        }
    }

    /** The service's classes, imported once. */
    private static final class JavaClassesHolder {
        static final List<JavaClass> CLASSES = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.consentledger").stream().toList();
    }
}
