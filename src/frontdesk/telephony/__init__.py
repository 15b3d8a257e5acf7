"""Twilio telephony: TwiML, webhook signatures, the REST API, calling hours, Media Streams."""
