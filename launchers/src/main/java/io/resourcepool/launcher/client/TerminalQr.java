package io.resourcepool.launcher.client;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Draws a QR code in a terminal with Unicode half blocks, two rows of modules per line of text. Light modules
 * (and the quiet zone around the code) are drawn, dark ones left blank, so the code reads right on the usual
 * light-on-dark terminal, as {@code qrencode -t UTF8} draws it.
 */
final class TerminalQr {
    /** Modules of quiet zone on each side; scanners need some, and two is enough on a screen. */
    static final int QUIET_ZONE = 2;

    private static final char BOTH = '█';
    private static final char TOP = '▀';
    private static final char BOTTOM = '▄';
    private static final char NEITHER = ' ';

    private TerminalQr() {}

    /**
     * Draws a QR code of the text.
     *
     * @param text what the code holds
     * @return the lines to print
     */
    static List<String> draw(String text) {
        BitMatrix code = encode(text);
        int size = code.getWidth();
        List<String> lines = new ArrayList<>();
        for (int y = -QUIET_ZONE; y < size + QUIET_ZONE; y += 2) {
            StringBuilder line = new StringBuilder();
            for (int x = -QUIET_ZONE; x < size + QUIET_ZONE; x++) {
                boolean top = light(code, x, y);
                boolean bottom = light(code, x, y + 1);
                line.append(top ? (bottom ? BOTH : TOP) : (bottom ? BOTTOM : NEITHER));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean light(BitMatrix code, int x, int y) {
        boolean inside = x >= 0 && y >= 0 && x < code.getWidth() && y < code.getHeight();
        return !inside || !code.get(x, y);
    }

    private static BitMatrix encode(String text) {
        try {
            return new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text is too long for a QR code (" + text.length() + " characters)", e);
        }
    }
}
