package vn.motcua.agent.printer;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an ESC/POS job back into the picture the paper would show: raster images (GS v 0, all four scale modes),
 * justification (ESC a), dot and line feeds (ESC J, ESC d). Initialise and cut are skipped; any other command is
 * refused, so a job this class accepts holds nothing the preview would miss.
 */
public final class RasterPreview {
    /** ESC d n feeds n lines of the default 1/6 inch. */
    private static final int LINE_DOTS = 34;

    private RasterPreview() {
    }

    public static BufferedImage decode(byte[] job, int dotsWide) {
        List<int[]> rows = new ArrayList<>();
        int justification = 0;
        int i = 0;
        while (i < job.length) {
            int b = job[i] & 0xFF;
            if (b == 0x1B && i + 1 < job.length) {
                int c = job[i + 1] & 0xFF;
                switch (c) {
                    case '@' -> i += 2;
                    case 'a' -> {
                        justification = job[i + 2] & 0x03;
                        i += 3;
                    }
                    case 'J' -> {
                        blank(rows, dotsWide, job[i + 2] & 0xFF);
                        i += 3;
                    }
                    case 'd' -> {
                        blank(rows, dotsWide, (job[i + 2] & 0xFF) * LINE_DOTS);
                        i += 3;
                    }
                    default -> throw new IllegalArgumentException(String.format("unexpected ESC 0x%02X at byte %d", c, i));
                }
            } else if (b == 0x1D && i + 1 < job.length && (job[i + 1] & 0xFF) == 'v') {
                int mode = job[i + 3] & 0x03;
                int xBytes = (job[i + 4] & 0xFF) | (job[i + 5] & 0xFF) << 8;
                int height = (job[i + 6] & 0xFF) | (job[i + 7] & 0xFF) << 8;
                int start = i + 8;
                if (start + xBytes * height > job.length) {
                    throw new IllegalArgumentException("raster at byte " + i + " runs past the end of the job");
                }
                int sx = (mode & 1) == 1 ? 2 : 1;
                int sy = (mode & 2) == 2 ? 2 : 1;
                int width = xBytes * 8 * sx;
                if (width > dotsWide) {
                    throw new IllegalArgumentException("raster at byte " + i + " is " + width + " dots wide, the paper "
                            + dotsWide);
                }
                int left = justification == 1 ? (dotsWide - width) / 2 : justification == 2 ? dotsWide - width : 0;
                for (int y = 0; y < height; y++) {
                    int[] row = new int[dotsWide];
                    for (int x = 0; x < xBytes * 8; x++) {
                        int bit = (job[start + y * xBytes + x / 8] >> (7 - x % 8)) & 1;
                        for (int k = 0; k < sx; k++) {
                            row[left + x * sx + k] = bit;
                        }
                    }
                    for (int k = 0; k < sy; k++) {
                        rows.add(row);
                    }
                }
                i = start + xBytes * height;
            } else if (b == 0x1D && i + 1 < job.length && (job[i + 1] & 0xFF) == 'V') {
                int m = job[i + 2] & 0xFF;
                i += (m == 65 || m == 66) ? 4 : 3;
            } else {
                throw new IllegalArgumentException(String.format("unexpected byte 0x%02X at %d", b, i));
            }
        }
        BufferedImage img = new BufferedImage(dotsWide, Math.max(1, rows.size()), BufferedImage.TYPE_BYTE_BINARY);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.dispose();
        for (int y = 0; y < rows.size(); y++) {
            int[] row = rows.get(y);
            for (int x = 0; x < dotsWide; x++) {
                if (row[x] == 1) {
                    img.setRGB(x, y, 0x000000);
                }
            }
        }
        return img;
    }

    private static void blank(List<int[]> rows, int dotsWide, int n) {
        int[] white = new int[dotsWide];
        for (int k = 0; k < n; k++) {
            rows.add(white);
        }
    }
}
