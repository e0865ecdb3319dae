package org.safeguarding.hub.support;

import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.validation.Upn;

import java.util.concurrent.ThreadLocalRandom;

/** Fresh, valid child identifiers for tests that must not meet another test's children. */
public final class ChildIdentifiers {

    private ChildIdentifiers() {
    }

    /** A random NHS number with a valid modulus-11 check digit, never a placeholder. */
    public static String nhsNumber() {
        while (true) {
            StringBuilder digits = new StringBuilder();
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                int d = ThreadLocalRandom.current().nextInt(10);
                digits.append(d);
                sum += d * (10 - i);
            }
            int check = 11 - sum % 11;
            if (check != 10 && !IdentifierKind.NHS_NUMBER.isPlaceholder(digits.toString() + (check == 11 ? 0 : check))) {
                return digits.append(check == 11 ? 0 : check).toString();
            }
        }
    }

    /** A random unique pupil number with its DfE check letter. */
    public static String upn() {
        while (true) {
            StringBuilder twelve = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                twelve.append(ThreadLocalRandom.current().nextInt(10));
            }
            String upn = Upn.checkLetter(twelve.toString()) + twelve.toString();
            if (!IdentifierKind.UPN.isPlaceholder(upn)) {
                return upn;
            }
        }
    }
}
