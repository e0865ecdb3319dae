package org.safeguarding.hub.intake;

import org.junit.jupiter.api.Test;
import org.safeguarding.hub.child.BirthDate;
import org.safeguarding.hub.child.ChildDetails;
import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.validation.NhsNumber;
import org.safeguarding.hub.validation.Upn;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which identifiers may link records (issue 12, item 9) and which birth dates may be one child's (item 8). */
class LinkingKeysTest {

    @Test
    void placeholdersPassTheirCheckDigitsButAreNeverLinkingKeys() {
        // d repeated ten times: the weighted sum is 54d and 54d mod 11 = 11 - d, so the check digit is d: all valid.
        for (int d = 0; d <= 9; d++) {
            String same = String.valueOf(d).repeat(10);
            assertThat(NhsNumber.isValid(same)).as(same).isTrue();
            assertThat(IdentifierKind.NHS_NUMBER.isPlaceholder(same)).as(same).isTrue();
        }
        // 0123456789: 9+16+21+24+25+24+21+16 = 156, 156 mod 11 = 2, check 9. 9876543210: 330 mod 11 = 0, check 0.
        assertThat(NhsNumber.isValid("0123456789")).isTrue();
        assertThat(NhsNumber.isValid("9876543210")).isTrue();
        assertThat(IdentifierKind.NHS_NUMBER.isPlaceholder("0123456789")).isTrue();
        assertThat(IdentifierKind.NHS_NUMBER.isPlaceholder("9876543210")).isTrue();
        // Real and NHS England test numbers link.
        assertThat(IdentifierKind.NHS_NUMBER.isPlaceholder("9434765919")).isFalse();
        assertThat(IdentifierKind.NHS_NUMBER.isPlaceholder("9990000018")).isFalse();
        // A000000000000: the check letter of twelve zeros is A (sum 0); LA 000 is no authority.
        assertThat(Upn.isValid("A000000000000")).isTrue();
        assertThat(IdentifierKind.UPN.isPlaceholder("A000000000000")).isTrue();
        String la000 = Upn.checkLetter("000123456789") + "000123456789";
        assertThat(IdentifierKind.UPN.isPlaceholder(la000)).isTrue();
        assertThat(IdentifierKind.UPN.isPlaceholder("E884200126001")).isFalse();
        assertThat(IdentifierKind.POLICE_PERSON_REF.isPlaceholder("N/A")).isTrue();
        assertThat(IdentifierKind.LA_CHILD_ID.isPlaceholder("Unknown")).isTrue();
        assertThat(IdentifierKind.LA_CHILD_ID.isPlaceholder("HC-C-1001")).isFalse();
        assertThatThrownBy(() -> new ChildDetails(null, "X", LocalDate.of(2012, 1, 1), null, "HR1 1AA", null,
                Map.of(IdentifierKind.NHS_NUMBER, "0000000000"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMonthOrAYearIsAPeriodNeverItsFirstDay() {
        BirthDate day = BirthDate.of(LocalDate.of(2016, 1, 1));
        BirthDate year = BirthDate.ofYear(2016);
        BirthDate march = BirthDate.of(YearMonth.of(2015, 3));
        assertThat(year).isNotEqualTo(day);
        assertThat(year.toString()).isEqualTo("2016");
        assertThat(march.toString()).isEqualTo("2015-03");
        assertThat(year.compatible(day)).isTrue();
        assertThat(year.coarser(day)).isEqualTo(BirthDate.Precision.YEAR);
        assertThat(march.compatible(BirthDate.of(LocalDate.of(2015, 3, 31)))).isTrue();
        assertThat(march.compatible(BirthDate.of(LocalDate.of(2015, 4, 1)))).isFalse();
        assertThat(march.compatible(BirthDate.ofYear(2015))).isTrue();
        assertThat(march.last()).isEqualTo(LocalDate.of(2015, 3, 31));
        assertThat(year.last()).isEqualTo(LocalDate.of(2016, 12, 31));
    }
}
