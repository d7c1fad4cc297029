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
        for (Capability capability : wanted) { // a loop, not a stream: checked for every number of every search
            if (!has(capability)) {
                return false;
            }
        }
        return true;
    }
}
