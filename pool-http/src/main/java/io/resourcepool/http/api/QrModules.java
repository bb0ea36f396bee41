package io.resourcepool.http.api;

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
 * A QR code as its modules, for a browser to draw: one string a row, {@code 1} for a dark module and {@code 0} for a
 * light one, without the quiet zone (the page leaves it). Encoded by ZXing on the hub, so the page needs no QR library
 * and nothing but the answer it already has ever sees the text.
 *
 * @param size modules per side
 * @param rows the rows, top to bottom
 */
record QrModules(int size, List<String> rows) {
    /** Copies the rows. */
    QrModules {
        rows = List.copyOf(rows);
    }

    /**
     * Encodes text at error correction level M, as authenticator apps expect.
     *
     * @param text what the code holds
     * @return its modules
     * @throws IllegalArgumentException when the text is too long for a QR code
     */
    static QrModules of(String text) {
        BitMatrix code;
        try {
            code = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.MARGIN, 0, EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M));
        } catch (WriterException e) {
            throw new IllegalArgumentException("the text is too long for a QR code (" + text.length() + " characters)", e);
        }
        List<String> rows = new ArrayList<>(code.getHeight());
        for (int y = 0; y < code.getHeight(); y++) {
            StringBuilder row = new StringBuilder(code.getWidth());
            for (int x = 0; x < code.getWidth(); x++) {
                row.append(code.get(x, y) ? '1' : '0');
            }
            rows.add(row.toString());
        }
        return new QrModules(code.getWidth(), rows);
    }

    @Override
    public String toString() {
        return "QrModules[size=" + size + "]"; // the modules hold the seed
    }
}
