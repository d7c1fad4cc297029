package dev.switchboard.numbers;

import org.jspecify.annotations.Nullable;

/** Body of {@code POST /v1/numbers/link}: a number the connection's account already owns at its provider. */
record LinkNumberRequest(
        @Nullable String phoneNumber,
        @Nullable String telephonyProvider,
        @Nullable String telephonyAccountConnection,
        @Nullable Boolean outboundOnly,
        @Nullable InboundAgentField inboundAgent) {}
