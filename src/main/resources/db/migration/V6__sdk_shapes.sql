-- Issue 16: the platform's SDK creates agents without a name (AgentParams.name is optional).
-- Voices, collect fields and LLM fallbacks keep their columns: rows in the old shapes are read into the SDK's
-- shapes in code (VoiceRepository, CollectField, LlmFallback), so nothing stored needs rewriting.
ALTER TABLE agents ALTER COLUMN name DROP NOT NULL;
