"""Pure audio helpers on bytes and numpy arrays: PCM, µ-law, resampling, WAV. No framework types."""
