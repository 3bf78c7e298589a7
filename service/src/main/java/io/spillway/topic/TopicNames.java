package io.spillway.topic;

import io.spillway.api.InvalidRequestException;
import java.util.regex.Pattern;

/** Kafka's rules for topic names, checked before a name reaches the broker: a clear 400 instead of its error. */
final class TopicNames {
    static final int MAX_LENGTH = 249;
    private static final Pattern LEGAL = Pattern.compile("[a-zA-Z0-9._-]+");

    private TopicNames() {
    }

    static String require(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidRequestException("topic_name is empty: give a name of letters, digits, '.', '_' or '-'");
        }
        if (name.equals(".") || name.equals("..")) {
            throw new InvalidRequestException("topic_name cannot be '" + name + "': Kafka forbids it");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidRequestException("topic_name is " + name.length() + " characters long: Kafka allows at most "
                    + MAX_LENGTH);
        }
        if (!LEGAL.matcher(name).matches()) {
            String shown = (name.length() > 60 ? name.substring(0, 60) + "..." : name).replaceAll("\\p{Cntrl}", "?");
            throw new InvalidRequestException("topic_name '" + shown
                    + "' is not a legal Kafka topic name: use only letters, digits, '.', '_' and '-'");
        }
        return name;
    }
}
