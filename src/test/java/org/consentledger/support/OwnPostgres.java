package org.consentledger.support;

import java.util.Arrays;

/**
 * Marks a test profile whose service needs an embedded PostgreSQL of its own, which its tests
 * may kill, freeze and restart ({@link PostgresTestResource} starts it, {@link Postgres} controls it).
 */
public interface OwnPostgres {

    /** By name: the test resource may see the profile through another class loader than this one. */
    static boolean isImplementedBy(String profileClassName) {
        try {
            Class<?> profile = Class.forName(profileClassName, false, Thread.currentThread().getContextClassLoader());
            return Arrays.stream(profile.getInterfaces()).anyMatch(i -> i.getName().equals(OwnPostgres.class.getName()));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
