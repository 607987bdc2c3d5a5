"""Load the Uông Bí demo: organisation tree, people, documents, one account per role, conferences.

Idempotent (an existing root "Đảng bộ tỉnh Quảng Ninh" means the demo is there), so `make run`
may call it every time. Every choice comes from one seeded random generator; dates are counted from
the day of loading (see `dates`): a conference in progress now, one in ten days, the past year's;
this month's orientation bulletin and the ten before it; programmes issued months ago with tasks
due over the coming months; this year's review of the corps. Real documents and the national
conference of 7/2/2026 keep their real dates. Site codes and meeting rooms are drawn by the
planning services as for any user.

Writes go through the apps' services (orgs, documents, conferences planning and check-in,
dialogue, polls, presenters, programmes); the ~10 000 people and past attendance are bulk inserts,
as each module's docstring explains.

Measured on a fresh SQLite database (2-core machine, `time .venv/bin/python manage.py load_demo`):
5.6–5.9 s for the load, 7.4–7.7 s wall-clock for the command, 6.9–7.2 s of CPU (December 2026,
with the programmes, bulletins and reviews dated from the load day).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from quantriet.conferences.models import CheckIn, Conference
from quantriet.demo.accounts import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoAccount
from quantriet.demo.bulletins_data import BulletinCounts, create_bulletins
from quantriet.demo.conferences import create_conferences
from quantriet.demo.conferences_data import XIV_TITLE
from quantriet.demo.corps import PresenterCounts, create_presenters
from quantriet.demo.documents_data import DOCUMENTS
from quantriet.demo.live_data import LiveCounts, create_live_conference
from quantriet.demo.national_dialogue import DialogueCounts, create_dialogue
from quantriet.demo.orgs_data import PROFILES, ROOT_NAME, OrgSpec, tree
from quantriet.demo.people import PeopleMaker, allocate
from quantriet.demo.planner import ConferenceCounts
from quantriet.demo.programs import ProgramCounts, create_programs
from quantriet.documents import services as documents
from quantriet.documents.models import Document
from quantriet.orgs.models import Category, Org, OrgKind, OrgLevel, Person, Role
from quantriet.orgs.services import create_org, grant_role

SEED = 2025
BATCH_SIZE = 2000


@dataclass
class DemoResult:
    created: bool
    orgs: int = 0
    people: int = 0
    documents: int = 0
    conferences: ConferenceCounts = field(default_factory=ConferenceCounts)
    live: LiveCounts = field(default_factory=LiveCounts)
    dialogue: DialogueCounts = field(default_factory=DialogueCounts)
    presenters: PresenterCounts = field(default_factory=PresenterCounts)
    bulletins: BulletinCounts = field(default_factory=BulletinCounts)
    programs: ProgramCounts = field(default_factory=ProgramCounts)
    accounts: list[DemoAccount] = field(default_factory=lambda: list(DEMO_ACCOUNTS))


def is_loaded() -> bool:
    return Org.objects.filter(depth=1, name=ROOT_NAME).exists()


def load_demo(*, people: int = 10_000) -> DemoResult:
    """Create the demo unless it is there already; `people` is the size of the member lists."""
    if is_loaded():
        return DemoResult(created=False)
    with transaction.atomic():
        loader = _Loader(people)
        loader.run()
    return DemoResult(
        created=True,
        orgs=len(loader.orgs),
        people=loader.people_count,
        documents=loader.documents_count,
        conferences=loader.conference_counts,
        live=loader.live_counts,
        dialogue=loader.dialogue_counts,
        presenters=loader.presenter_counts,
        bulletins=loader.bulletin_counts,
        programs=loader.program_counts,
    )


class _Loader:
    def __init__(self, people: int) -> None:
        self.people_total = people
        self.rng = random.Random(SEED)  # noqa: S311 — demo data, not secrets
        self.levels = {level.code: level for level in OrgLevel.objects.all()}
        self.kinds = {kind.code: kind for kind in OrgKind.objects.all()}
        # In creation order, with the profile that says who belongs there.
        self.orgs: list[tuple[Org, str]] = []
        self.by_name: dict[str, Org] = {}
        taken = Person.objects.exclude(party_card_no=None).values_list("party_card_no", flat=True)
        self.maker = PeopleMaker(self.rng, set(taken))
        self.people_count = 0
        self.documents_count = 0
        self.documents: dict[str, Document] = {}
        self.conference_counts = ConferenceCounts()
        self.live_counts = LiveCounts()
        self.dialogue_counts = DialogueCounts()
        self.presenter_counts = PresenterCounts()
        self.bulletin_counts = BulletinCounts()
        self.program_counts = ProgramCounts()

    def run(self) -> None:
        self.create_orgs(tree(), parent=None)
        self.create_people()
        users = self.create_accounts()
        self.create_documents(created_by=users.get("bantuyengiao"))
        create_conferences(
            rng=self.rng,
            orgs=[org for org, _profile in self.orgs],
            users=users,
            documents=self.documents,
            counts=self.conference_counts,
        )
        self.dialogue_counts = create_dialogue(
            rng=self.rng, conference=Conference.objects.get(title=XIV_TITLE), users=users
        )
        self.presenter_counts = create_presenters(
            rng=self.rng, users=users, conferences=self.conference_counts
        )
        self.live_counts = create_live_conference(
            rng=self.rng, users=users, documents=self.documents, counts=self.conference_counts
        )
        self.bulletin_counts = create_bulletins(rng=self.rng, users=users)
        self.program_counts = create_programs(
            rng=self.rng, users=users, document=self.documents["qn16"]
        )

    # --- organisations ------------------------------------------------------------

    def create_orgs(self, spec: OrgSpec, parent: Org | None) -> None:
        org = create_org(
            name=spec.name,
            kind=self.kinds[spec.kind],
            level=self.levels[spec.level],
            parent=parent,
            short_name=spec.short_name,
            address=spec.address,
            is_active=spec.is_active,
            dissolved_on=spec.dissolved_on,
        )
        self.orgs.append((org, spec.profile))
        # Names repeat across companies ("Chi bộ Phân xưởng Khai thác 1"); the first one wins,
        # and only unique names are looked up by accounts and documents.
        self.by_name.setdefault(org.name, org)
        for child in spec.children:
            self.create_orgs(child, parent=org)

    def org(self, name: str) -> Org:
        return self.by_name[name]

    # --- people -------------------------------------------------------------------

    def create_people(self) -> None:
        members = [(org, PROFILES[profile]) for org, profile in self.orgs if profile]
        weights = [self.rng.randint(*profile.members) for _org, profile in members]
        counts = allocate(self.people_total, weights)
        batch: list[Person] = []
        for (org, profile), count in zip(members, counts, strict=True):
            batch.extend(self.maker.for_org(org, profile, count))
            if len(batch) >= BATCH_SIZE:
                self.flush(batch)
                batch = []
        self.flush(batch)

    def flush(self, batch: list[Person]) -> None:
        Person.objects.bulk_create(batch, batch_size=BATCH_SIZE)
        self.people_count += len(batch)

    # --- accounts -----------------------------------------------------------------

    def create_accounts(self) -> dict[str, User]:
        # One argon2 hash (about 0.4 s) shared by every account: they have the same password.
        self.password_hash = make_password(DEMO_PASSWORD)
        users = {}
        for account in DEMO_ACCOUNTS:
            users[account.username] = self.create_account(account)
        return users

    def create_account(self, account: DemoAccount) -> User:
        user = User.objects.filter(username=account.username).first()
        if user is None:
            if not account.role:
                return User.objects.create(
                    username=account.username,
                    password=self.password_hash,
                    is_staff=True,
                    is_superuser=True,
                )
            user = User.objects.create(
                username=account.username,
                email=f"{account.username}@quangninh.demo",
                password=self.password_hash,
            )
        if not account.role:
            return user
        grant_role(account=user, role=account.role, org=self.org(account.org_name))
        if not Person.objects.filter(user=user).exists():
            self.create_account_person(account, user)
        return user

    def create_account_person(self, account: DemoAccount, user: User) -> None:
        org = self.org(account.person_org_name or account.org_name)
        key = account.role in (Role.ADMIN, Role.OFFICER)
        born = self.maker.birth_date((35, 55, 45) if key else (28, 60, 40))
        Person.objects.create(
            full_name=account.full_name,
            gender=account.gender,
            date_of_birth=born,
            category=Category.KEY_CADRE if key else Category.PARTY_MEMBER,
            party_card_no=self.maker.card(),
            org=org,
            position=account.position,
            phone=self.maker.phone() or "0912345678",
            email=user.email,
            address=org.address,
            user=user,
        )
        self.people_count += 1

    # --- documents ----------------------------------------------------------------

    def create_documents(self, created_by: User | None) -> None:
        """Registered by the department's administrator through the documents services."""
        if created_by is None:
            return
        created: dict[str, Document] = {}
        for data in DOCUMENTS:
            issuing_org = data.get("issuing_org")
            created[data["key"]] = documents.create_document(
                user=created_by,
                kind=data["kind"],
                number=data["number"],
                level=self.levels[data["level"]],
                issuer=data["issuer"],
                issuing_org=self.org(issuing_org) if issuing_org else None,
                issued_on=data["issued_on"],
                term=data["term"],
                title=data["title"],
                summary=data["summary"],
                core_points=data["core_points"],
                new_points=data["new_points"],
                audiences=data["audiences"],
                secrecy=data.get("secrecy", ""),
                urgency=data.get("urgency", ""),
                circulation=[(self.org(name), role) for name, role in data.get("circulation", [])],
            )
        for data in DOCUMENTS:
            for relation, target in data.get("links", []):
                documents.link_documents(
                    user=created_by,
                    source=created[data["key"]],
                    target=created[target],
                    relation=relation,
                )
        self.documents_count = len(created)
        self.documents = created


def describe_counts() -> dict[str, int]:
    """What the database holds now, for the command's closing line."""
    return {
        "orgs": Org.objects.count(),
        "people": Person.objects.count(),
        "documents": Document.objects.count(),
        "conferences": Conference.objects.count(),
        "checkins": CheckIn.objects.count(),
    }
