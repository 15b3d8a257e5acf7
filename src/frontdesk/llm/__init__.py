"""Optional language-model help for the brain: OpenAI-compatible client, cache, guards, prompts.

Nothing here decides anything the business depends on. The brain asks (through its
``LanguageAssist`` port) and keeps its deterministic answer whenever the model is slow,
failing, or says something the business's facts do not support.
"""
