package dev.switchboard.limits;

/** A per-user quota, by the setting that sets it. */
public enum Quota {
    CONNECTIONS("account connections", "switchboard.quotas.connections-per-user"),
    AGENTS("agents", "switchboard.quotas.agents-per-user"),
    NUMBERS("active numbers", "switchboard.quotas.numbers-per-user"),
    API_KEYS("active API keys", "switchboard.quotas.api-keys-per-user");

    private final String what;
    private final String setting;

    Quota(String what, String setting) {
        this.what = what;
        this.setting = setting;
    }

    String what() {
        return what;
    }

    String setting() {
        return setting;
    }
}
