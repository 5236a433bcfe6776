package org.hospital.surveillance.projection.support;

/**
 * Map keys inside read-model documents come from submitted ids (case ids, sample ids), and a dot
 * or a dollar sign in a field name would be read by MongoDB as a path or an operator. They are
 * percent-escaped, which keeps ordinary ids readable ({@code C-001} stays {@code C-001}).
 */
public final class MongoKeys {

    private MongoKeys() {
    }

    public static String escape(String key) {
        if (key.isEmpty()) {
            // an empty field name is rejected by MongoDB; "%" alone can never come out of escaping
            return "%";
        }
        return key.replace("%", "%25").replace(".", "%2E").replace("$", "%24");
    }

    /** The key {@link #escape} was given. */
    public static String unescape(String escaped) {
        if (escaped.equals("%")) {
            return "";
        }
        StringBuilder key = new StringBuilder(escaped.length());
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%' && i + 2 < escaped.length()) {
                String code = escaped.substring(i + 1, i + 3);
                key.append(switch (code) {
                    case "25" -> "%";
                    case "2E" -> ".";
                    case "24" -> "$";
                    default -> throw new IllegalArgumentException("Not an escaped key: " + escaped);
                });
                i += 2;
            } else if (c == '%') {
                throw new IllegalArgumentException("Not an escaped key: " + escaped);
            } else {
                key.append(c);
            }
        }
        return key.toString();
    }

    /** The dotted path of an entry inside a map field, for $set and $unset. */
    public static String path(String mapField, String key) {
        return mapField + "." + escape(key);
    }
}
