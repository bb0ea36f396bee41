package io.resourcepool.store.jdbc;

/**
 * Turns a literal prefix into a LIKE pattern escaped with {@code !}, which, unlike a backslash, means the
 * same in the string literals of every database.
 */
final class LikePatterns {
    private LikePatterns() {}

    static String prefix(String literal) {
        StringBuilder pattern = new StringBuilder(literal.length() + 1);
        for (int i = 0; i < literal.length(); i++) {
            char c = literal.charAt(i);
            if (c == '!' || c == '%' || c == '_') {
                pattern.append('!');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }
}
