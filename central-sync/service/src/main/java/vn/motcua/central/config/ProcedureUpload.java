package vn.motcua.central.config;

import vn.motcua.central.api.BadParameterException;
import vn.motcua.protocol.message.SiteConfig;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An uploaded procedure catalogue: an Excel workbook (.xlsx) or CSV, told apart by its first bytes, not by its
 * name. CSV must be UTF-8 (Excel's "CSV UTF-8"); text in another encoding is refused rather than imported with
 * its Vietnamese letters garbled.
 */
public final class ProcedureUpload {
    static final int MAX_BYTES = 8 * 1024 * 1024;
    private static final String PARAMETER = "file";

    private ProcedureUpload() {
    }

    public static List<SiteConfig.Procedure> parse(byte[] file) {
        if (file.length == 0) {
            throw new BadParameterException(PARAMETER, "is empty");
        }
        if (file.length > MAX_BYTES) {
            throw new BadParameterException(PARAMETER, "is larger than " + MAX_BYTES / (1024 * 1024) + " MB");
        }
        if (ProcedureXlsx.looksLikeXlsx(file) || ProcedureXlsx.looksLikeOle2(file)) {
            return ProcedureXlsx.parse(file);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
        } catch (CharacterCodingException e) {
            throw new BadParameterException(PARAMETER, "is neither an Excel workbook (.xlsx) nor CSV in UTF-8: "
                    + "save it as Excel Workbook (.xlsx) or as CSV UTF-8");
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new BadParameterException(PARAMETER, "is neither an Excel workbook (.xlsx) nor CSV text");
        }
        return ProcedureCsv.parse(text);
    }
}
