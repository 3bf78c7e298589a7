package io.spillway.pipeline;

import java.util.regex.Pattern;

/** Hides credentials in target URLs before they reach a log line or an error message. */
public final class Redaction {
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");
    private static final Pattern PASSWORD_PARAM = Pattern.compile("(?i)(password|token|secret|key)=[^&]*");

    private Redaction() {
    }

    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String noUser = USER_INFO.matcher(url).replaceAll("//****@");
        return PASSWORD_PARAM.matcher(noUser).replaceAll("$1=****");
    }
}
