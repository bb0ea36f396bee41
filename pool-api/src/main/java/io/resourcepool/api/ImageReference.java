package io.resourcepool.api;

import java.util.regex.Pattern;

/**
 * The syntax of a container image reference, as registries and podman read it:
 * {@code [HOST[:PORT]/]NAME[/NAME…][:TAG][@ALGORITHM:HEX]}, names in lower case. Checked strictly because the
 * reference reaches a command line on the worker: it can never start with {@code -} nor hold a space or a control
 * character.
 */
final class ImageReference {
    private static final String HOST_PART = "[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?";
    private static final String HOST = HOST_PART + "(?:\\." + HOST_PART + ")*(?::[0-9]{1,5})?";
    private static final String NAME_PART = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String TAG = "[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}";
    private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}";
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:" + HOST + "/)?" + NAME_PART + "(?:/" + NAME_PART + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");

    private ImageReference() {}

    /** Checks a reference: empty (no image) or well-formed and at most {@code maxChars} long. */
    static String check(String image, int maxChars) {
        Checks.text(image, "image", maxChars);
        if (!image.isEmpty() && !REFERENCE.matcher(image).matches()) {
            throw new IllegalArgumentException("image '" + printable(image) + "' is not an image reference such as"
                    + " docker.io/library/debian:12, localhost/tools:1 or name@sha256:HEX (names in lower case)");
        }
        return image;
    }

    private static String printable(String image) {
        String shown = image.length() > 80 ? image.substring(0, 80) + "…" : image;
        return shown.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
