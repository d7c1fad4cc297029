package dev.switchboard.telephony.sandbox;

import dev.switchboard.telephony.AvailableNumber;
import dev.switchboard.telephony.Capabilities;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One phone number as the sandbox keeps it: its ten national digits, the rate center it rings in and what the
 * sandbox says it can do. Kept apart from {@link AvailableNumber} so the inventory holds one small object per
 * number and shares the place, price and capability values; the port's value is built only for numbers returned.
 *
 * @param nationalNumber {@code NPANXXXXXX}, without the country code 1
 * @param addressRequirements {@code none}, {@code any} or {@code local}
 * @param providerNumberId the sandbox's id of an owned number; null for a number on sale
 */
record SandboxNumber(
        String nationalNumber,
        RateCenter rateCenter,
        Capabilities capabilities,
        String addressRequirements,
        @Nullable String providerNumberId) {

    SandboxNumber {
        Objects.requireNonNull(nationalNumber);
        Objects.requireNonNull(rateCenter);
        Objects.requireNonNull(capabilities);
        Objects.requireNonNull(addressRequirements);
        if (!isTenDigits(nationalNumber) || !nationalNumber.startsWith(rateCenter.areaCode())
                || !isAssignableExchange(Integer.parseInt(nationalNumber, 3, 6, 10))) {
            throw new IllegalArgumentException("not a NANP number of area code " + rateCenter.areaCode() + ": "
                    + nationalNumber);
        }
    }

    private static boolean isTenDigits(String digits) {
        if (digits.length() != 10) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether a central office code (NXX) can hold ordinary subscriber numbers: the first digit is 2-9, and it is
     * none of the codes a real provider never sells from: N11 (service codes such as 411 and 911), 555 (directory
     * assistance and the fictional 555-01XX), 950/958/959 (carrier access and plant test) and 976 (premium).
     */
    static boolean isAssignableExchange(int nxx) {
        return nxx >= 200 && nxx <= 999 && nxx % 100 != 11 && nxx != 555 && nxx != 950 && nxx != 958 && nxx != 959
                && nxx != 976;
    }

    String e164() {
        return "+1" + nationalNumber;
    }

    boolean addressRequired() {
        return !"none".equals(addressRequirements);
    }

    /** The same number once an account owns it, under the sandbox's id for it. */
    SandboxNumber ownedAs(String id) {
        return new SandboxNumber(nationalNumber, rateCenter, capabilities, addressRequirements, id);
    }

    AvailableNumber toAvailableNumber(boolean bestEffortMatch) {
        return new AvailableNumber(e164(), rateCenter.country(), rateCenter.type(), rateCenter.region(),
                rateCenter.locality(), rateCenter.postalCode(), capabilities, addressRequirements,
                rateCenter.monthlyPrice(), bestEffortMatch, providerNumberId);
    }
}
