"""Writes to organisations, people and roles. Callers have already checked access.

Every writer validates its input itself and raises a Django ValidationError whose dict maps
the API's field names to Vietnamese messages, so forms and the API report the same words.
"""

import datetime

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quantriet.core.text import nfc
from quantriet.core.validation import clean_fields, require_fields
from quantriet.orgs.models import Category, Gender, Grant, Org, OrgKind, OrgLevel, Person, Role
from quantriet.orgs.validators import normalise_party_card

# Nobody alive was born before this many years ago; an earlier date is a typing slip.
MAX_AGE_YEARS = 120

PERSON_TEXT_FIELDS = ("position", "phone", "email", "address")
PERSON_FIELDS = (
    "full_name",
    "gender",
    "date_of_birth",
    "category",
    "party_card_no",
    "org",
    *PERSON_TEXT_FIELDS,
    "user",
)


@transaction.atomic
def create_org(
    *, name: str, kind: OrgKind, level: OrgLevel, parent: Org | None = None, **fields: object
) -> Org:
    """Add an organisation under `parent` (a root when None), keeping `path` and `parent` in step.

    Raises ValidationError naming each field the model refuses (a name past 255 characters…)."""
    create = {"name": nfc(name or "").strip(), "kind": kind, "level": level, "parent": parent}
    for key, value in fields.items():
        create[key] = nfc(value).strip() if isinstance(value, str) else value
    require_fields(Org, create)
    if parent is None:
        return Org.objects.add_root(create)
    # treebeard reads the parent's numchild to place the new path; use the stored value.
    parent.refresh_from_db(fields=["path", "depth", "numchild"])
    return Org.objects.add_child(parent, create)


# --- validation of person fields ------------------------------------------------


def clean_party_card(value: str | None, *, exclude_pk: int | None = None) -> str | None:
    """A normalised, unused card number (`24.074351`), or None when blank."""
    if value is None or not str(value).strip():
        return None
    card = normalise_party_card(str(value).strip())
    taken = Person.objects.filter(party_card_no=card)
    if exclude_pk is not None:
        taken = taken.exclude(pk=exclude_pk)
    if taken.exists():
        # Say which card, never whose: the holder may be outside the caller's scope.
        raise ValidationError(
            _("Số thẻ đảng viên %(card)s đã được dùng cho một người khác trong hệ thống.")
            % {"card": card},
            code="duplicate_party_card",
        )
    return card


def clean_date_of_birth(value: datetime.date | None) -> datetime.date | None:
    """A plausible date of birth: not in the future, not more than MAX_AGE_YEARS ago."""
    if value is None:
        return None
    today = timezone.localdate()
    if value > today:
        raise ValidationError(
            _("Ngày sinh %(date)s ở tương lai; vui lòng kiểm tra lại.")
            % {"date": value.strftime("%d/%m/%Y")},
            code="future_date_of_birth",
        )
    if value.year < today.year - MAX_AGE_YEARS:
        raise ValidationError(
            _("Ngày sinh %(date)s không hợp lý (quá %(years)s năm trước).")
            % {"date": value.strftime("%d/%m/%Y"), "years": MAX_AGE_YEARS},
            code="absurd_date_of_birth",
        )
    return value


def _clean_person(data: dict[str, object], *, person: Person | None) -> dict[str, object]:
    """Validate the given person fields; all errors at once, keyed by field name. The
    model's own bounds (lengths, choices) are checked last, for fields not already wrong."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, object] = {}
    for name, value in data.items():
        try:
            cleaned[name] = _clean_person_field(name, value, person=person)
        except ValidationError as exc:
            errors[name] = exc.messages[:1]
    clean_fields(Person, {k: v for k, v in cleaned.items() if k != "user"}, errors)
    if errors:
        raise ValidationError(errors)
    return cleaned


def _clean_person_field(name: str, value: object, *, person: Person | None) -> object:
    if name == "full_name":
        text = nfc(str(value or "")).strip()
        if not text:
            raise ValidationError(_("Họ và tên không được để trống."))
        return text
    if name == "gender":
        value = value or ""
        if value and value not in Gender.values:
            raise ValidationError(_("Giới tính phải là “male” (Nam) hoặc “female” (Nữ)."))
        return value
    if name == "category":
        if value not in Category.values:
            raise ValidationError(
                _("Đối tượng không hợp lệ; chọn một trong: %(choices)s.")
                % {"choices": ", ".join(Category.values)}
            )
        return value
    if name == "date_of_birth":
        return clean_date_of_birth(value)  # type: ignore[arg-type]
    if name == "party_card_no":
        return clean_party_card(value, exclude_pk=person.pk if person else None)  # type: ignore[arg-type]
    if name == "email":
        text = str(value or "").strip()
        if text:
            try:
                validate_email(text)
            except ValidationError:
                raise ValidationError(
                    _("Địa chỉ thư điện tử “%(value)s” không hợp lệ.") % {"value": text}
                ) from None
        return text
    if name == "user":
        if value is not None and (
            Person.objects.filter(user=value).exclude(pk=person.pk if person else None).exists()
        ):
            raise ValidationError(_("Tài khoản này đã gắn với một người khác."))
        return value
    if name in ("position", "phone", "address"):
        return nfc(str(value or "")).strip()
    return value


# --- people ---------------------------------------------------------------------------


@transaction.atomic
def create_person(
    *,
    full_name: str,
    org: Org,
    gender: str = "",
    date_of_birth: datetime.date | None = None,
    category: str = Category.PARTY_MEMBER,
    party_card_no: str | None = None,
    position: str = "",
    phone: str = "",
    email: str = "",
    address: str = "",
    user: User | None = None,
) -> Person:
    """Add a person to `org`. The caller has checked that `org` is theirs to manage."""
    cleaned = _clean_person(
        {
            "full_name": full_name,
            "gender": gender,
            "date_of_birth": date_of_birth,
            "category": category,
            "party_card_no": party_card_no,
            "position": position,
            "phone": phone,
            "email": email,
            "address": address,
            "user": user,
        },
        person=None,
    )
    person = Person(org=org, **cleaned)
    person.save()
    return person


@transaction.atomic
def update_person(*, person: Person, **changes: object) -> Person:
    """Change the given fields of `person` (names as in PERSON_FIELDS); others stay as they are."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"unknown person fields: {sorted(unknown)}")
    org = changes.pop("org", None)
    cleaned = _clean_person(changes, person=person)
    if org is not None:
        cleaned["org"] = org
    for name, value in cleaned.items():
        setattr(person, name, value)
    person.save()
    return person


# --- accounts and roles ------------------------------------------------------------

# Django's Vietnamese catalogue lacks some password messages; ours by validator code.
_PASSWORD_MESSAGES = {
    "password_too_short": gettext_lazy("Mật khẩu quá ngắn: cần ít nhất %(min_length)s ký tự."),
    "password_too_similar": gettext_lazy(
        "Mật khẩu quá giống tên đăng nhập hoặc thông tin cá nhân."
    ),
    "password_too_common": gettext_lazy("Mật khẩu này quá phổ biến."),
    "password_entirely_numeric": gettext_lazy("Mật khẩu không được chỉ gồm chữ số."),
}


def _password_messages(exc: ValidationError) -> list[str]:
    messages = []
    for error in exc.error_list:
        template = _PASSWORD_MESSAGES.get(error.code or "")
        if template:
            messages.append(str(template) % (error.params or {}))
        else:
            messages.extend(error.messages)
    return messages


@transaction.atomic
def create_account(*, person: Person, username: str, password: str) -> User:
    """Create a log-in for `person` and link it. The caller is an administrator over the person."""
    errors: dict[str, list[str]] = {}
    username = nfc(username or "").strip()
    if person.user_id is not None:
        errors["person"] = [_("Người này đã có tài khoản đăng nhập.")]
    if not username:
        errors["username"] = [_("Tên đăng nhập không được để trống.")]
    elif len(username) > User._meta.get_field("username").max_length:
        errors["username"] = [_("Tên đăng nhập quá dài (tối đa 150 ký tự).")]
    else:
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            errors["username"] = [
                _("Tên đăng nhập chỉ gồm chữ, số và các ký tự @ . + - _ (không có dấu cách).")
            ]
        else:
            if User.objects.filter(username__iexact=username).exists():
                errors["username"] = [
                    _("Tên đăng nhập “%(username)s” đã có người dùng.") % {"username": username}
                ]
    candidate = User(username=username, email=person.email, first_name=person.full_name)
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as exc:
        errors["password"] = _password_messages(exc)
    if errors:
        raise ValidationError(errors)
    user = User(username=username, email=person.email, first_name=person.full_name[:150])
    user.set_password(password)
    user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    return user


def grant_role(*, account: User, role: str, org: Org, granted_by: User | None = None) -> Grant:
    """Give `account` the `role` over `org`'s subtree; granting a role already held is a no-op."""
    if role not in Role.values:
        raise ValidationError(
            {
                "role": _("Vai trò không hợp lệ; chọn một trong: %(choices)s.")
                % {"choices": ", ".join(Role.values)}
            }
        )
    grant, _created = Grant.objects.get_or_create(
        account=account, role=role, org=org, defaults={"granted_by": granted_by}
    )
    return grant


def revoke_role(*, grant: Grant) -> None:
    """Take a role away; the account's scope shrinks on its next request."""
    grant.delete()
