package org.safeguarding.hub.validation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IdentifierCheckTest {

    @Test
    void nhsNumberModulus11() {
        // 9 4 3 4 7 6 5 9 1 with weights 10..2: 90+36+24+28+42+30+20+27+2 = 299; 299 mod 11 = 2; 11-2 = 9.
        assertThat(NhsNumber.isValid("9434765919")).isTrue();
        assertThat(NhsNumber.isValid("9434765918")).isFalse();
        assertThat(NhsNumber.normalise("943 476 5919")).contains("9434765919");
        // 9 9 9 0 0 0 0 0 1: 90+81+72+2 = 245; 245 mod 11 = 3; 11-3 = 8.
        assertThat(NhsNumber.isValid("9990000018")).isTrue();
        // 0 0 0 0 0 0 0 6 0: 6*3 = 18; 18 mod 11 = 7; 11-7 = 4.
        assertThat(NhsNumber.isValid("0000000604")).isTrue();
        // 0 0 0 0 0 0 0 0 6: 6*2 = 12; 12 mod 11 = 1; 11-1 = 10: no check digit fits, every ending is invalid.
        for (int last = 0; last <= 9; last++) {
            assertThat(NhsNumber.isValid("000000006" + last)).isFalse();
        }
        assertThat(NhsNumber.isValid("94347659")).isFalse();
        assertThat(NhsNumber.isValid("94347659AB")).isFalse();
        assertThat(NhsNumber.normalise(null)).isEmpty();
    }

    @Test
    void upnCheckLetter() {
        // 8 8 4 2 0 0 1 2 6 0 0 1 with weights 2..13: 16+24+16+10+0+0+8+18+60+0+0+13 = 165;
        // 165 mod 23 = 4; the fifth letter of ABCDEFGHJKLMNPQRTUVWXYZ is E.
        assertThat(Upn.checkLetter("884200126001")).isEqualTo('E');
        assertThat(Upn.isValid("E884200126001")).isTrue();
        // ...009: 165 - 13 + 9*13 = 269; 269 mod 23 = 16 -> T, not E.
        assertThat(Upn.isValid("E884200126009")).isFalse();
        assertThat(Upn.isValid("T884200126009")).isTrue();
        assertThat(Upn.normalise(" e884200126001 ")).contains("E884200126001");
        assertThat(Upn.isValid("E88420012600")).isFalse();
        // A temporary UPN ends in a letter valued by its index: A = 0, so ...00A sums as ...000: 165 - 13 = 152;
        // 152 mod 23 = 14 -> Q.
        assertThat(Upn.isValid("Q88420012600A")).isTrue();
    }
}
