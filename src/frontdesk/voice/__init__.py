"""The per-call voice pipeline on Pipecat: VAD → STT → brain → TTS, barge-in, latency per turn."""
