"""Speech engines: local STT (faster-whisper) and TTS (Piper, espeak-ng), premium TTS, phrase cache.

One engine of each kind per process, shared by every call through a bounded worker pool.
"""
