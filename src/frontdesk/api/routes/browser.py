"""Browser calls: the ``/call`` page and its WebRTC signalling (one offer/answer round trip)."""

from __future__ import annotations

import html
import json
from functools import cache
from importlib import resources

from fastapi import APIRouter, Depends
from fastapi.responses import HTMLResponse

from frontdesk.api.deps import ServicesDep
from frontdesk.api.schemas import WebRTCAnswer, WebRTCOffer, errors
from frontdesk.api.security import public_endpoint

# Public (a website links to the page): rate limited, from allowed origins only.
router = APIRouter(tags=["browser"], dependencies=[Depends(public_endpoint)])


@cache
def _page() -> str:
    return resources.files("frontdesk.webrtc").joinpath("static/call.html").read_text("utf-8")


@router.get("/call", response_class=HTMLResponse, include_in_schema=False)
async def call_page(services: ServicesDep) -> HTMLResponse:
    """Call button, live transcript and agent state; plain HTML + JS, no build step."""
    profiles = "".join(f'<option value="{html.escape(key)}">{html.escape(p.name)}</option>'
                       for key, p in sorted(services.brain.profiles.items()))
    ice = json.dumps([{"urls": url} for url in services.settings.webrtc.ice_servers])
    return HTMLResponse(_page().replace("{{PROFILES}}", profiles).replace("{{ICE_SERVERS}}", ice))


@router.post("/api/webrtc/offer", response_model=WebRTCAnswer,
             responses=errors(400, 403, 429, 503))
async def webrtc_offer(body: WebRTCOffer, services: ServicesDep) -> WebRTCAnswer:
    services.brain.profile(body.profile)  # unknown profile → 422
    answer = await services.browser.answer(sdp=body.sdp, type_=body.type,
                                                profile=body.profile)
    token = await services.accounts.conversation_token(answer.conversation_id)
    return WebRTCAnswer(sdp=answer.sdp, type=answer.type, pc_id=answer.pc_id,
                        session_id=answer.conversation_id, session_token=token)
