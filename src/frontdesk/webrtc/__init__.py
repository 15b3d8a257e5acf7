"""Browser calls: the ``/call`` page and its WebRTC audio (Pipecat SmallWebRTC, aiortc)."""
