"""The API: one NinjaAPI, with every capability's router mounted here — the only module that
imports them all (`quantriet.api` is the base they build on and imports none of them)."""

from ninja import NinjaAPI

from quantriet.api import errors
from quantriet.api.auth import AUTH
from quantriet.api.views import router as auth_router
from quantriet.bulletins.api import router as bulletins_router
from quantriet.conferences.attendance.api import router as attendance_router
from quantriet.conferences.checkin.api import router as checkin_router
from quantriet.conferences.planning.api import router as conferences_router
from quantriet.dialogue.api import router as dialogue_router
from quantriet.dialogue.poll_api import router as poll_router
from quantriet.documents.api import router as documents_router
from quantriet.notifications.api import router as notifications_router
from quantriet.orgs.api import router as orgs_router
from quantriet.orgs.import_api import router as import_router
from quantriet.presenters.api import router as presenters_router
from quantriet.presenters.corps_api import router as corps_router
from quantriet.programs.api import router as programs_router

api = NinjaAPI(
    title="quantriet API",
    version="1",
    description="Học tập, quán triệt và triển khai thực hiện nghị quyết — API cho ứng dụng di động và thiết bị điểm cầu.",
    auth=AUTH,
    urls_namespace="api",
)
errors.install(api)
# Check-ins first: URL resolution tries patterns in order, and the scanners' endpoint is the
# busiest of all (it then matches third instead of thirty-second).
api.add_router("/", checkin_router)
api.add_router("/", auth_router)
api.add_router("/", import_router)  # before /people/{id}
api.add_router("/", orgs_router)
api.add_router("/", documents_router)
api.add_router("/", conferences_router)
api.add_router("/", attendance_router)
api.add_router("/", poll_router)
api.add_router("/", dialogue_router)
api.add_router("/", presenters_router)
api.add_router("/", corps_router)
api.add_router("/", programs_router)
api.add_router("/", bulletins_router)
api.add_router("/", notifications_router)
