"""The desk's pages and forms, mounted under `/desk` of the web app (`desk_routes`).

Every page needs a signed-in account; every form needs its CSRF token (403 without); a request
of an office the account does not work for is answered 404 like an unknown one; every view of a
request is written to its audit trail. Actions go through the handoff service, so they take the
person's lock and write the outbox in the same commit as the request, exactly as the Telegram
buttons do.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from http import HTTPStatus
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote
from zoneinfo import ZoneInfo

from starlette.requests import Request as HttpRequest
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.desk.accounts import Account, Accounts
from bot.desk.auth import (
    LOGIN_COOKIE,
    SESSION_COOKIE,
    AddressLimiter,
    DeskSession,
    Signer,
    new_login_nonce,
)
from bot.handoff.changes import Actor, Outcome
from bot.handoff.group import ACTIONS_BY_STATUS
from bot.handoff.model import Request, Status
from bot.handoff.service import HandoffService
from bot.handoff.summary import german_summary, language_name

if TYPE_CHECKING:
    from bot.runtime import Runtime

HERE = Path(__file__).parent
PREFIX = "/desk"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; form-action 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
FORM_ACTIONS = ("claim", "close", "propose", "write", "handover")

Page = Callable[[HttpRequest], Awaitable[Response]]


class Desk:
    """The desk for one running bot: its handoff service and the accounts."""

    def __init__(self, handoff: HandoffService, accounts: Accounts, *, secure: bool = True) -> None:
        self.handoff = handoff
        self.accounts = accounts
        self.signer = Signer(accounts.secret)
        self.limiter = AddressLimiter()
        self.secure = secure
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))

    @property
    def now(self) -> datetime:
        return self.handoff.clock.now()

    # --- helpers ---------------------------------------------------------------------------

    def render(
        self, request: HttpRequest, name: str, status: int = 200, **context: Any
    ) -> Response:
        context.setdefault("account", None)
        response = self.templates.TemplateResponse(request, name, context, status_code=status)
        response.headers.update(SECURITY_HEADERS)
        return response

    def signed_in(self, request: HttpRequest) -> tuple[Account, str] | None:
        cookie = request.cookies.get(SESSION_COOKIE, "")
        session = self.signer.session_of(cookie) if cookie else None
        if session is None or session.expired(self.now):
            return None
        account = self.accounts.get(session.login)
        if account is None or account.generation != session.generation:
            return None
        return account, cookie

    def actor(self, account: Account) -> Actor:
        return Actor(0, account.name, offices=frozenset(account.offices), login=account.login)

    def _redirect(self, path: str) -> Response:
        response = RedirectResponse(PREFIX + path, status_code=HTTPStatus.SEE_OTHER)
        response.headers.update(SECURITY_HEADERS)
        return response

    def _forbidden(self) -> Response:
        return PlainTextResponse(
            "Formular abgelaufen oder ungültig.", HTTPStatus.FORBIDDEN, headers=SECURITY_HEADERS
        )

    def _not_found(self) -> Response:
        return PlainTextResponse("Nicht gefunden.", HTTPStatus.NOT_FOUND, headers=SECURITY_HEADERS)

    def _set_cookie(self, response: Response, name: str, value: str, path: str = PREFIX) -> None:
        response.set_cookie(
            name, value, path=path, secure=self.secure, httponly=True, samesite="strict"
        )

    def flash(self, outcome: Outcome) -> str:
        mac = self._flash_mac(outcome.message)
        return f"?m={quote(outcome.message)}&s={mac}&ok={int(outcome.ok)}"

    def _flash_mac(self, message: str) -> str:
        return hmac.new(
            self.accounts.secret, b"flash:" + message.encode(), hashlib.sha256
        ).hexdigest()[:16]

    def flashed(self, request: HttpRequest) -> tuple[str, bool] | None:
        message, mac = request.query_params.get("m", ""), request.query_params.get("s", "")
        if message and hmac.compare_digest(mac, self._flash_mac(message)):
            return message, request.query_params.get("ok") == "1"
        return None

    # --- sign-in ---------------------------------------------------------------------------

    async def login_page(
        self, request: HttpRequest, problem: str = "", status: int = 200
    ) -> Response:
        nonce = new_login_nonce()
        expired = request.query_params.get("expired") == "1"
        response = self.render(
            request,
            "login.html",
            status,
            csrf=self.signer.csrf(nonce),
            problem=problem,
            expired=expired,
        )
        self._set_cookie(response, LOGIN_COOKIE, nonce)
        return response

    async def login(self, request: HttpRequest) -> Response:
        form = await request.form()
        nonce = request.cookies.get(LOGIN_COOKIE, "")
        if not self.signer.csrf_ok(nonce, str(form.get("csrf", ""))):
            return self._forbidden()
        address = request.client.host if request.client else "?"
        if not self.limiter.allow(address, self.now):
            return await self.login_page(
                request,
                "Zu viele Anmeldeversuche. Bitte später erneut.",
                HTTPStatus.TOO_MANY_REQUESTS,
            )
        login = str(form.get("login", "")).strip()
        account = self.accounts.check(
            login, str(form.get("password", "")), str(form.get("code", "")), self.now
        )
        if account is None:
            known = self.accounts.get(login)
            if known is not None and known.locked(self.now):
                problem = "Das Konto ist nach mehreren Fehlversuchen für 15 Minuten gesperrt."
            else:
                problem = "Anmeldung fehlgeschlagen: Name, Passwort oder Code stimmen nicht."
            return await self.login_page(request, problem, HTTPStatus.UNAUTHORIZED)
        session = DeskSession(account.login, account.generation, self.now)
        response = self._redirect("/requests")
        self._set_cookie(response, SESSION_COOKIE, self.signer.session_cookie(session))
        response.delete_cookie(LOGIN_COOKIE, path=PREFIX)
        return response

    async def logout(self, request: HttpRequest) -> Response:
        signed = await self._checked_form(request)
        if isinstance(signed, Response):
            return signed
        account, _, form = signed
        if form.get("everywhere") == "1":
            self.accounts.log_out_everywhere(account.login)
        response = self._redirect("/login")
        response.delete_cookie(SESSION_COOKIE, path=PREFIX)
        return response

    async def _checked_form(self, request: HttpRequest) -> Response | tuple[Account, str, Any]:
        """The signed-in account, its cookie and the form; 403 without the form's token."""
        signed = self.signed_in(request)
        if signed is None:
            return self._forbidden()
        form = await request.form()
        if not self.signer.csrf_ok(signed[1], str(form.get("csrf", ""))):
            return self._forbidden()
        return signed[0], signed[1], form

    # --- pages -----------------------------------------------------------------------------

    async def home(self, request: HttpRequest) -> Response:
        return self._redirect("/requests")

    async def requests_page(self, request: HttpRequest) -> Response:
        signed = self.signed_in(request)
        if signed is None:
            return self._to_login(request)
        account, cookie = signed
        found = await self.handoff.store.requests_in(account.offices)
        rows = [self._row(r) for r in found]
        return self.render(
            request, "requests.html", account=account, csrf=self.signer.csrf(cookie), rows=rows
        )

    async def request_page(self, request: HttpRequest) -> Response:
        signed = self.signed_in(request)
        if signed is None:
            return self._to_login(request)
        account, cookie = signed
        ref = request.path_params["ref"]
        found = await self.handoff.read(ref, self.actor(account))
        if found is None:
            return self._not_found()
        content = self.handoff.content
        staff = {key: text.source for key, text in content.staff.items()}
        audit = await self.handoff.audit_of(ref)
        offices = [
            (office_id, office.name)
            for office_id, office in content.offices.items()
            if office_id != found.office
        ]
        return self.render(
            request,
            "request.html",
            account=account,
            csrf=self.signer.csrf(cookie),
            request_=found,
            row=self._row(found),
            summary=german_summary(content, found, staff).split("\n"),
            messages=[self._message(m) for m in found.messages],
            audit=[(self._local(a.at), a.actor, a.action, a.detail) for a in audit],
            actions=ACTIONS_BY_STATUS[found.status],
            offices=offices,
            flash=self.flashed(request),
            min_date=self._local(self.now + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        )

    async def action(self, request: HttpRequest) -> Response:
        signed = await self._checked_form(request)
        if isinstance(signed, Response):
            return signed
        account, _, form = signed
        ref, action = request.path_params["ref"], request.path_params["action"]
        actor = self.actor(account)
        request_, _ = await self.handoff.counsellors.checked(ref, actor)
        if request_ is None or action not in FORM_ACTIONS:
            return self._not_found()
        outcome = await self._apply(action, ref, actor, form)
        return self._redirect(f"/requests/{ref}" + self.flash(outcome))

    async def _apply(self, action: str, ref: str, actor: Actor, form: Any) -> Outcome:
        service = self.handoff
        if action in ("claim", "close"):
            return await service.act(ref, action, actor)
        if action == "propose":
            return await service.propose(ref, actor, _appointment_text(form))
        if action == "handover":
            return await service.hand_over(ref, actor, str(form.get("office", "")))
        text = str(form.get("text", "")).strip()
        if not text:
            return Outcome(False, "Bitte eine Nachricht eingeben.")
        return await service.relay_to_person(ref, actor, text)

    def _to_login(self, request: HttpRequest) -> Response:
        expired = bool(request.cookies.get(SESSION_COOKIE))
        return self._redirect("/login" + ("?expired=1" if expired else ""))

    # --- shaping for the templates -------------------------------------------------------

    def _local(self, at: datetime) -> datetime:
        return at.astimezone(ZoneInfo(self.handoff.config.timezone))

    def _row(self, request: Request) -> dict[str, Any]:
        content = self.handoff.content
        topic = content.ui.get(f"topic_{request.topic}")
        return {
            "ref": request.ref,
            "status": content.staff_text(f"status_{request.status.value}")
            if request.status is not Status.DELETED
            else "gelöscht",
            "open": request.is_open,
            "deleted": request.status is Status.DELETED,
            "urgent": request.urgent,
            "topic": topic.source if topic else request.topic,
            "language": language_name(request.language),
            "office": content.offices[request.office].name
            if request.office in content.offices
            else request.office,
            "age": _age(self.now - request.created_at),
            "created": self._local(request.created_at).strftime("%d.%m.%Y %H:%M"),
            "deletion": self._deletion(request),
        }

    def _deletion(self, request: Request) -> str:
        days = self.handoff.config.retention_days
        if request.is_open:
            return f"{days} Tage nach Abschluss"
        when = (request.updated_at or request.created_at) + timedelta(days=days)
        return self._local(when).strftime("%d.%m.%Y")

    def _message(self, message: dict[str, str]) -> dict[str, str]:
        at = datetime.fromisoformat(message["at"])
        who = "Person" if message.get("by") == "person" else "Beratung"
        text = (
            message.get("text") or "(Sprachnachricht, Foto oder Dokument im Messenger der Person)"
        )
        return {"at": self._local(at).strftime("%d.%m.%Y %H:%M"), "who": who, "text": text}


def _appointment_text(form: Any) -> str:
    """The form's date picker (Europe/Berlin) and place in the form the service parses."""
    when, place = str(form.get("when", "")), str(form.get("place", "")).strip()
    try:
        starts = datetime.fromisoformat(when)
    except ValueError:
        return when
    return f"{starts:%d.%m.%Y %H:%M} {place}".strip()


def _age(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 60:
        return f"{max(minutes, 0)} Min."
    if minutes < 48 * 60:
        return f"{minutes // 60} Std."
    return f"{minutes // (24 * 60)} Tage"


def desk_routes(
    handoff: HandoffService, accounts: Accounts, *, secure: bool = True
) -> list[BaseRoute]:
    """The desk under `/desk`, for `bot.web.create_web_app(extra_routes=...)`."""
    desk = Desk(handoff, accounts, secure=secure)
    return [desk_mount(desk)]


def desk_mount(desk: Desk) -> Mount:
    routes: list[BaseRoute] = [
        Route("/", desk.home, methods=["GET"]),
        Route("/login", desk.login_page, methods=["GET"]),
        Route("/login", desk.login, methods=["POST"]),
        Route("/logout", desk.logout, methods=["POST"]),
        Route("/requests", desk.requests_page, methods=["GET"]),
        Route("/requests/{ref}", desk.request_page, methods=["GET"]),
        Route("/requests/{ref}/{action}", desk.action, methods=["POST"]),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    return Mount(PREFIX, routes=routes)


def desk_of_runtime(runtime: Runtime, data_dir: Path) -> list[BaseRoute]:
    """The desk routes for a running bot, or none while no desk account exists."""
    accounts = Accounts(data_dir, runtime.cipher)
    if not accounts.path.exists():
        return []
    return desk_routes(runtime.handoff, accounts)
