package org.consentledger.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that keeps only its newest entries, up to a capacity (the oldest written go first), safe
 * for several threads: what a process holds of what it wrote lately, so that a later step finds it
 * in memory instead of reading it back. A key not found here is for the caller to read elsewhere.
 */
public final class NewestEntries<K, V> {

    private final Map<K, V> entries;

    public NewestEntries(int capacity) {
        this.entries = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    public synchronized void putAll(Map<K, V> values) {
        entries.putAll(values);
    }

    /** Those of the keys held here, with their values; they stay held. */
    public synchronized Map<K, V> found(Collection<K> keys) {
        Map<K, V> found = new HashMap<>();
        for (K key : keys) {
            V value = entries.get(key);
            if (value != null) {
                found.put(key, value);
            }
        }
        return found;
    }

    /** Those of the keys held here, with their values, no longer held. */
    public synchronized Map<K, V> taken(Collection<K> keys) {
        Map<K, V> taken = new HashMap<>();
        for (K key : keys) {
            V value = entries.remove(key);
            if (value != null) {
                taken.put(key, value);
            }
        }
        return taken;
    }
}
