package dev.switchboard.telephony;

import java.util.Set;

/** The capabilities a provider reports for one number. */
public record Capabilities(boolean voice, boolean sms, boolean mms, boolean fax) {

    public static final Capabilities NONE = new Capabilities(false, false, false, false);

    public boolean has(Capability capability) {
        return switch (capability) {
            case VOICE -> voice;
            case SMS -> sms;
            case MMS -> mms;
            case FAX -> fax;
        };
    }

    public boolean hasAll(Set<Capability> wanted) {
        return wanted.stream().allMatch(this::has);
    }
}
