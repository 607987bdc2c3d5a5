"""Realistic demo people: Vietnamese names, ages, positions and Party card numbers."""

from __future__ import annotations

import datetime
import random
from itertools import accumulate

from quantriet.core.text import fold, nfc
from quantriet.demo import names
from quantriet.demo.orgs_data import PARTY, Profile
from quantriet.orgs.models import Category, Gender, Org, Person
from quantriet.orgs.validators import normalise_party_card

# Ages are counted at this day so the data does not drift with the calendar.
REFERENCE_DAY = datetime.date(2026, 1, 1)
# Party cards of Quảng Ninh in the demo start with this province code.
CARD_PREFIX = "24"


class _Weighted:
    """A weighted choice with its cumulative weights computed once."""

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        self.values = [value for value, _weight in pairs]
        self.cum = list(accumulate(weight for _value, weight in pairs))

    def pick(self, rng: random.Random) -> str:
        return rng.choices(self.values, cum_weights=self.cum)[0]


_SURNAMES = _Weighted(names.SURNAMES)
_MIDDLE = {
    (Gender.MALE, False): _Weighted(names.MIDDLE_MALE_OLD),
    (Gender.MALE, True): _Weighted(names.MIDDLE_MALE_YOUNG),
    (Gender.FEMALE, False): _Weighted(names.MIDDLE_FEMALE_OLD),
    (Gender.FEMALE, True): _Weighted(names.MIDDLE_FEMALE_YOUNG),
}
_SECOND_MIDDLE = ("Thu", "Ngọc", "Thanh", "Hồng", "Kim", "Minh", "Phương", "Thùy", "Lan", "Mai")
_GIVEN = {Gender.MALE: names.GIVEN_MALE, Gender.FEMALE: names.GIVEN_FEMALE}


def allocate(total: int, weights: list[int]) -> list[int]:
    """Split `total` in proportion to `weights` (largest remainder, so the sum is exact)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    shares = [total * w / whole for w in weights]
    counts = [int(s) for s in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - counts[i], reverse=True)
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class PeopleMaker:
    """Makes unsaved Person rows; `bulk_create` skips Person.save(), so names are folded here."""

    def __init__(self, rng: random.Random, taken_cards: set[str]) -> None:
        self.rng = rng
        self.taken_cards = set(taken_cards)

    def card(self) -> str:
        while True:
            card = f"{CARD_PREFIX}.{self.rng.randrange(10_000, 1_000_000):06d}"
            if card not in self.taken_cards:
                self.taken_cards.add(card)
                return normalise_party_card(card)

    def full_name(self, gender: str, born: int) -> str:
        rng = self.rng
        young = born >= 1985
        middle = _MIDDLE[(gender, young)].pick(rng)
        # Some women carry two middle names: "Nguyễn Thị Thu Hà", "Trần Thị Ngọc Anh".
        if gender == Gender.FEMALE and middle == "Thị" and rng.random() < 0.18:
            middle = f"Thị {rng.choice(_SECOND_MIDDLE)}"
        given = rng.choice(_GIVEN[gender])
        return nfc(f"{_SURNAMES.pick(rng)} {middle} {given}")

    def birth_date(self, ages: tuple[int, int, int]) -> datetime.date:
        low, high, mode = ages
        age = round(self.rng.triangular(low, high, mode))
        return REFERENCE_DAY - datetime.timedelta(days=age * 365 + self.rng.randrange(365))

    def phone(self) -> str:
        if self.rng.random() < 0.12:
            return ""
        return self.rng.choice(names.PHONE_PREFIXES) + f"{self.rng.randrange(10_000_000):07d}"

    def for_org(self, org: Org, profile: Profile, count: int) -> list[Person]:
        rng = self.rng
        people = []
        for i in range(count):
            head = profile.heads[i] if i < len(profile.heads) else None
            gender = Gender.FEMALE if rng.random() < profile.female else Gender.MALE
            born = self.birth_date(profile.ages)
            if head:
                position, is_key = head
                # Heads of mass organisations are Party members too.
                category = Category.KEY_CADRE if is_key else Category.PARTY_MEMBER
            else:
                position = rng.choice(profile.staff)
                category = profile.category
            has_card = category in (Category.KEY_CADRE, Category.PARTY_MEMBER)
            full_name = self.full_name(gender, born.year)
            people.append(
                Person(
                    full_name=full_name,
                    search_name=fold(full_name),
                    gender=gender,
                    date_of_birth=born,
                    category=category,
                    party_card_no=self.card() if has_card else None,
                    org=org,
                    position=nfc(position),
                    phone=self.phone(),
                    address=org.address if profile.category == PARTY and not head else "",
                )
            )
        return people
