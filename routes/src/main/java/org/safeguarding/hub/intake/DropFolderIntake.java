package org.safeguarding.hub.intake;

import org.apache.camel.Body;
import org.apache.camel.Header;
import org.apache.camel.Exchange;
import org.safeguarding.hub.partner.Feed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Education files left in the drop folder: {@code <folder>/<agency-id>/<file>.csv}. The agency is
 * the sub-folder's name, which only that agency's transfer account can write to (the operator sets
 * the folder permissions), never anything inside the file. A refused file fails the exchange, so
 * Camel moves it to {@code .failed}.
 */
@Component
public class DropFolderIntake {

    private static final Logger log = LoggerFactory.getLogger(DropFolderIntake.class);

    private final IntakeService intake;

    DropFolderIntake(IntakeService intake) {
        this.intake = intake;
    }

    public Receipt submit(@Header(Exchange.FILE_NAME) String relativeName, @Body byte[] body) {
        String name = relativeName.replace('\\', '/');
        int slash = name.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("drop-folder file " + name + " is not in an agency's sub-folder");
        }
        String agency = name.substring(0, slash);
        Receipt receipt = intake.submit(agency, "drop-folder:" + agency, Feed.EDUCATION, null, "text/csv", body);
        log.info("Drop-folder file {}: receipt {}, {} accepted, {} duplicate, {} rejected", name, receipt.receiptId(),
                receipt.accepted(), receipt.duplicates(), receipt.rejected());
        return receipt;
    }
}
