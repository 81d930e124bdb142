package org.rectransfer.datasets;

import java.util.Arrays;

/**
 * Assigns dense codes to ids in first-seen order, looking them up straight from a char buffer so
 * that a repeated id costs no allocation (open addressing, linear probing). Not thread-safe.
 */
final class IdDictionary {
    private String[] keys = new String[1024];
    private int[] hashes = new int[1024];
    private int[] codes = new int[1024];
    private String[] byCode = new String[256];
    private int size;

    /** The code of the id {@code a[s, e)}, adding it if new. */
    int code(char[] a, int s, int e) {
        int h = 0;
        for (int i = s; i < e; i++) {
            h = 31 * h + a[i];
        }
        int mask = keys.length - 1;
        int slot = spread(h) & mask;
        for (String k = keys[slot]; k != null; k = keys[slot]) {
            if (hashes[slot] == h && matches(k, a, s, e)) {
                return codes[slot];
            }
            slot = (slot + 1) & mask;
        }
        String id = new String(a, s, e - s);
        keys[slot] = id;
        hashes[slot] = h;
        codes[slot] = size;
        if (size == byCode.length) {
            byCode = Arrays.copyOf(byCode, size * 2);
        }
        byCode[size] = id;
        size++;
        if (size * 2 > keys.length) {
            rehash();
        }
        return size - 1;
    }

    /** The code of {@code id}, adding it if new (same codes as {@link #code(char[], int, int)}). */
    int code(String id) {
        int h = id.hashCode(); // the same 31*h + c hash as code(char[], int, int)
        int mask = keys.length - 1;
        int slot = spread(h) & mask;
        for (String k = keys[slot]; k != null; k = keys[slot]) {
            if (hashes[slot] == h && k.equals(id)) {
                return codes[slot];
            }
            slot = (slot + 1) & mask;
        }
        keys[slot] = id;
        hashes[slot] = h;
        codes[slot] = size;
        if (size == byCode.length) {
            byCode = Arrays.copyOf(byCode, size * 2);
        }
        byCode[size] = id;
        size++;
        if (size * 2 > keys.length) {
            rehash();
        }
        return size - 1;
    }

    /** The ids in code order. */
    String[] ids() {
        return Arrays.copyOf(byCode, size);
    }

    private static boolean matches(String k, char[] a, int s, int e) {
        if (k.length() != e - s) {
            return false;
        }
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) != a[s + i]) {
                return false;
            }
        }
        return true;
    }

    private static int spread(int h) {
        h *= 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void rehash() {
        String[] oldKeys = keys;
        int[] oldHashes = hashes;
        int[] oldCodes = codes;
        keys = new String[oldKeys.length * 2];
        hashes = new int[keys.length];
        codes = new int[keys.length];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = spread(oldHashes[i]) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                hashes[slot] = oldHashes[i];
                codes[slot] = oldCodes[i];
            }
        }
    }
}
