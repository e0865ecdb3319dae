package org.safeguarding.hub.audit.review;

import org.safeguarding.hub.audit.AuditChainReport;
import org.safeguarding.hub.audit.AuditChainVerifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code ./hub verify-audit [--anchor=<seq>:<hash>]}: starts the hub without its web server
 * ({@code --hub.command=verify-audit}), walks the audit chain, prints the result and exits with 0
 * when the chain is intact, 1 when it is broken, 2 when the anchor cannot be read.
 */
@Component
@ConditionalOnProperty(name = "hub.command", havingValue = "verify-audit")
class AuditVerificationCommand implements ApplicationRunner {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int USAGE = 2;

    private final AuditChainVerifier verifier;
    private final ConfigurableApplicationContext context;

    AuditVerificationCommand(AuditChainVerifier verifier, ConfigurableApplicationContext context) {
        this.verifier = verifier;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> anchors = Optional.ofNullable(args.getOptionValues("anchor")).orElse(List.of());
        int code = execute(anchors.stream().findFirst(), System.out);
        System.exit(SpringApplication.exit(context, () -> code));
    }

    /** Verifies and prints one line (and the anchor to keep, when intact); returns the exit code. */
    int execute(Optional<String> anchor, PrintStream out) {
        Optional<AuditChainVerifier.Anchor> parsed;
        try {
            parsed = anchor.map(AuditChainVerifier.Anchor::parse);
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return USAGE;
        }
        AuditChainReport report = verifier.verify(parsed);
        out.println(report.describe());
        if (report instanceof AuditChainReport.Intact intact && intact.entries() > 0) {
            out.println("Keep this anchor to detect entries later cut off the end: --anchor="
                    + intact.headSeq() + ":" + intact.headHash());
        }
        return report.intact() ? INTACT : BROKEN;
    }
}
