package dev.switchboard.agents;

import java.util.List;
import java.util.Set;

/**
 * The value sets and ranges agents and their resources accept, and the defaults a new agent takes. They follow
 * the hosted voice-agent API the seed comes from (Vocode's "conversational dials", webhook events, action types);
 * docs/design.md ("Agents") says where each comes from.
 */
final class Vocabulary {

    private Vocabulary() {}

    static final List<String> INTERRUPT_SENSITIVITIES = List.of("low", "high");
    static final List<String> ENDPOINTING_SENSITIVITIES = List.of("auto", "relaxed", "sensitive");
    static final List<String> IVR_NAVIGATION_MODES = List.of("default", "off");
    /** Large-language-model providers an agent can think with. */
    static final List<String> LLM_PROVIDERS = List.of("openai", "azure_openai", "anthropic", "google", "groq");

    /** ISO 639-1 codes of the languages the speech stack transcribes and speaks; a region may follow (en-US). */
    static final Set<String> LANGUAGES = Set.of("ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "et", "fi",
            "fr", "he", "hi", "hu", "id", "it", "ja", "ko", "lt", "lv", "ms", "nl", "no", "pl", "pt", "ro", "ru", "sk",
            "sv", "ta", "th", "tr", "uk", "vi", "zh");

    static final List<String> ACTION_TYPES = List.of("action_transfer_call", "action_end_conversation", "action_dtmf",
            "action_add_to_conference", "action_set_hold", "action_external");
    static final List<String> ACTION_TRIGGER_TYPES = List.of("action_trigger_function_call",
            "action_trigger_phrase_based");

    static final List<String> WEBHOOK_EVENTS = List.of("event_message", "event_action", "event_phone_call_connected",
            "event_phone_call_ended", "event_phone_call_did_not_connect", "event_transcript",
            "event_transcript_complete", "event_recording", "event_human_detection");
    /** The number events a webhook may subscribe to in {@code number_events}: numbers.NumberEvent.Type's wire names. */
    static final List<String> NUMBER_EVENTS = List.of("number.purchased", "number.linked", "number.updated",
            "number.released", "number.routing_failed", "number.routing_drifted");
    static final List<String> WEBHOOK_METHODS = List.of("POST", "GET");

    /** Text-to-speech providers a voice can come from. */
    static final List<String> VOICE_PROVIDERS = List.of("azure", "eleven_labs", "play_ht", "rime", "cartesia",
            "openai", "deepgram");

    static final List<String> PROMPT_TYPES = List.of("prompt");

    // Ranges, inclusive.
    static final double CONVERSATION_SPEED_MIN = 0.5;
    static final double CONVERSATION_SPEED_MAX = 2.0;
    static final double LLM_TEMPERATURE_MIN = 0.0;
    static final double LLM_TEMPERATURE_MAX = 2.0;
    static final int INITIAL_MESSAGE_DELAY_MAX_MS = 10_000;
    static final int IDLE_TIME_SECONDS_MIN = 1;
    static final int IDLE_TIME_SECONDS_MAX = 600;
    static final int CALL_DURATION_SEC_MIN = 10;
    static final int CALL_DURATION_SEC_MAX = 14_400; // four hours, the longest call Twilio and Telnyx keep up
    static final int MAX_IDLE_CHECK_COUNT_MAX = 20;
    static final double DEEPGRAM_BOOST_MAX = 100.0;
    static final int MAX_DEEPGRAM_KEYWORDS = 200;
    static final int MAX_ACTIONS = 20;

    // What a new agent takes when the request leaves a setting out.
    static final String DEFAULT_LANGUAGE = "en";
    static final String DEFAULT_INTERRUPT_SENSITIVITY = "low";
    static final String DEFAULT_ENDPOINTING_SENSITIVITY = "auto";
    static final String DEFAULT_IVR_NAVIGATION_MODE = "default";
    static final double DEFAULT_CONVERSATION_SPEED = 1.0;
    static final int DEFAULT_INITIAL_MESSAGE_DELAY = 0;
    static final int DEFAULT_IDLE_TIME_SECONDS = 15;
    static final double DEFAULT_LLM_TEMPERATURE = 1.0;
    static final String DEFAULT_PROVIDER = "openai";
    static final String DEFAULT_MODEL = "gpt-4o";
    static final int DEFAULT_CALL_DURATION_SEC = 3_600;
    static final int DEFAULT_MAX_IDLE_CHECK_COUNT = 3;
}
