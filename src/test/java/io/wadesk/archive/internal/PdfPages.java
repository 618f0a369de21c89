package io.wadesk.archive.internal;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads an exported PDF back: its text, and its first page drawn as an image, as a person would see it. */
final class PdfPages {

    record FirstPage(int width, int height, int inkedRows) {}

    private PdfPages() {}

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** Renders the first page at 100 dpi, writes it as PNG, and counts the rows of pixels that are not blank. */
    static FirstPage renderFirstPage(byte[] pdf, String pngPath) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(document).renderImageWithDPI(0, 100);
            File png = new File(pngPath);
            png.getParentFile().mkdirs();
            ImageIO.write(image, "png", png);
            int inked = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                        inked++;
                        break;
                    }
                }
            }
            return new FirstPage(image.getWidth(), image.getHeight(), inked);
        }
    }
}
