"""The effectiveness score of a presenter for a year, with its parts, and what to do about it.

Parts (0–100 each):
- audience feedback: the Bayesian average of the post-conference presenter ratings, pulled
  towards the scale's neutral 3 by PRIOR_WEIGHT phantom ratings, so that three 5-star ratings
  (3.26) do not outrank two hundred 4.6-star ones (4.45): a few ratings are little evidence.
  (Pulling towards the mean of all ratings instead would let a handful of fives beat any
  presenter rated at the mean.)
- the department's review: the weighted mean of the year's review criteria;
- sessions given (agenda items presented) against the standard's yearly number;
- questions answered in the live dialogue, against ANSWER_TARGET;
- training hours attended against the standard's yearly hours.
A part without data (no review yet, no ratings) is left out and the weights of the others are
scaled up, and the answer says so.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from quantriet.presenters.models import Standard, TheoryLevel

PRIOR_WEIGHT = 20
PRIOR_MEAN = 3.0
ANSWER_TARGET = 10
WEIGHTS = {"feedback": 40, "review": 30, "sessions": 10, "answers": 5, "training": 15}


class Recommendation:
    PRIORITISE = "prioritise"
    KEEP = "keep"
    RETRAIN = "retrain"
    REPLACE = "replace"


def recommendation_label(code: str) -> str:
    return {
        Recommendation.PRIORITISE: _("Ưu tiên bố trí"),
        Recommendation.KEEP: _("Duy trì"),
        Recommendation.RETRAIN: _("Bồi dưỡng thêm"),
        Recommendation.REPLACE: _("Xem xét thay thế"),
    }[code]


@dataclass
class Figures:
    """A presenter's raw figures for the year (read by selectors.ranking in a few queries)."""

    ratings: int = 0
    rating_sum: float = 0.0
    review: float | None = None  # weighted mean of criteria, 1–5
    sessions: int = 0
    answers: int = 0
    training_hours: int = 0
    theory_level: int = TheoryLevel.NONE


@dataclass
class Score:
    total: float
    parts: dict[str, float | None]
    weights: dict[str, float]
    feedback_average: float | None
    bayesian_average: float
    shortfalls: list[str] = field(default_factory=list)
    recommendation: str = Recommendation.KEEP
    reason: str = ""


def bayesian(ratings: int, rating_sum: float, mean: float) -> float:
    return (PRIOR_WEIGHT * mean + rating_sum) / (PRIOR_WEIGHT + ratings)


def _scale(value_1_to_5: float) -> float:
    return max(0.0, min(100.0, (value_1_to_5 - 1) / 4 * 100))


def _ratio(done: float, target: float) -> float:
    return 100.0 if target <= 0 else min(100.0, done / target * 100)


def score(figures: Figures, standard: Standard) -> Score:
    bayes = bayesian(figures.ratings, figures.rating_sum, PRIOR_MEAN)
    parts: dict[str, float | None] = {
        "feedback": _scale(bayes) if figures.ratings else None,
        "review": _scale(figures.review) if figures.review is not None else None,
        "sessions": _ratio(figures.sessions, standard.sessions),
        "answers": _ratio(figures.answers, ANSWER_TARGET),
        "training": _ratio(figures.training_hours, standard.training_hours),
    }
    present = {k: WEIGHTS[k] for k, v in parts.items() if v is not None}
    scale = 100 / sum(present.values())
    weights = {k: round(w * scale, 1) for k, w in present.items()}
    total = round(sum(parts[k] * w for k, w in present.items()) * scale / 100, 1)  # type: ignore[operator]
    result = Score(
        total=total,
        parts={k: (round(v, 1) if v is not None else None) for k, v in parts.items()},
        weights=weights,
        feedback_average=(figures.rating_sum / figures.ratings) if figures.ratings else None,
        bayesian_average=round(bayes, 2),
    )
    result.shortfalls = shortfalls(figures, standard, total)
    result.recommendation, result.reason = recommend(figures, standard, result)
    return result


def _number(value: float) -> str:
    """One decimal, in the active language's format (69,1 in Vietnamese)."""
    return number_format(value, 1)


def shortfalls(figures: Figures, standard: Standard, total: float) -> list[str]:
    return [text for _kind, text in _shortfalls(figures, standard, total)]


def _shortfalls(figures: Figures, standard: Standard, total: float) -> list[tuple[str, str]]:
    """(kind, words) per standard not met; kind says whose move it is (training or assigning)."""
    out = []
    if figures.theory_level < standard.min_theory_level:
        out.append(
            (
                "train",
                _("Trình độ lý luận chính trị dưới mức %(level)s")
                % {"level": str(TheoryLevel(standard.min_theory_level).label)},
            )
        )
    if figures.training_hours < standard.training_hours:
        out.append(
            (
                "train",
                _("Bồi dưỡng %(done)s/%(need)s giờ trong năm")
                % {"done": figures.training_hours, "need": standard.training_hours},
            )
        )
    if figures.sessions < standard.sessions:
        out.append(
            (
                "assign",
                _("Báo cáo %(done)s/%(need)s buổi trong năm")
                % {"done": figures.sessions, "need": standard.sessions},
            )
        )
    if total < standard.min_score:
        out.append(
            (
                "train",
                _("Điểm hiệu quả %(score)s dưới mức %(need)s")
                % {"score": _number(total), "need": standard.min_score},
            )
        )
    return out


def recommend(figures: Figures, standard: Standard, result: Score) -> tuple[str, str]:
    total = _number(result.total)
    if result.total < 40 and figures.ratings >= 10:
        return Recommendation.REPLACE, _(
            "Điểm hiệu quả %(score)s, người nghe đánh giá trung bình %(avg)s/5 qua %(n)s lượt: "
            "đề nghị xem xét thay thế bằng người đáp ứng tiêu chuẩn."
        ) % {"score": total, "avg": _number(result.feedback_average or 0), "n": figures.ratings}
    short = _shortfalls(figures, standard, result.total)
    to_train = [text for kind, text in short if kind == "train"]
    if to_train:
        return Recommendation.RETRAIN, _("Chưa đạt: %(list)s.") % {"list": "; ".join(to_train)}
    if short:  # only too few sessions: the department's to assign, not the presenter's fault
        return Recommendation.KEEP, _(
            "Điểm hiệu quả %(score)s; cần bố trí thêm buổi báo cáo (%(list)s)."
        ) % {"score": total, "list": "; ".join(text for _kind, text in short)}
    if result.total >= max(80, standard.min_score + 15):
        return Recommendation.PRIORITISE, _(
            "Điểm hiệu quả %(score)s, đạt mọi tiêu chuẩn: ưu tiên bố trí báo cáo."
        ) % {"score": total}
    return Recommendation.KEEP, _("Điểm hiệu quả %(score)s, đạt các tiêu chuẩn.") % {"score": total}
