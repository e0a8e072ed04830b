"""Did a measure work? Orders per week before and after its date, the rate ratio and its exact
95 % confidence interval, and the sentence that says it.

The interval is the exact conditional one for two Poisson rates: given n orders in both periods,
the after-count is Binomial(n, p) with p = r·t₁ / (r·t₁ + t₀) under rate ratio r, so the
Clopper–Pearson interval of p (scipy.stats.binomtest) maps to one for r.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from desk.i18n import _, pgettext


@dataclass(frozen=True)
class Effect:
    before: int
    before_weeks: float
    after: int
    after_weeks: float
    ratio: float | None  # after rate / before rate; None when there was nothing before
    low: float | None
    high: float | None
    p_value: float | None

    @property
    def before_rate(self) -> float:
        return self.before / self.before_weeks if self.before_weeks else 0.0

    @property
    def after_rate(self) -> float:
        return self.after / self.after_weeks if self.after_weeks else 0.0

    @property
    def significant(self) -> bool:
        return self.low is not None and (self.high < 1.0 or self.low > 1.0)


def rate_ratio(before: int, before_weeks: float, after: int, after_weeks: float) -> Effect:
    if before_weeks <= 0 or after_weeks <= 0 or before + after == 0:
        return Effect(before, before_weeks, after, after_weeks, None, None, None, None)
    from scipy.stats import binomtest  # imported on first use (worker thread)

    n = before + after
    share = after_weeks / (before_weeks + after_weeks)
    test = binomtest(after, n, share)
    ci = test.proportion_ci(confidence_level=0.95, method="exact")

    def to_ratio(p: float) -> float:
        if p >= 1.0:
            return math.inf
        return (p / (1.0 - p)) * (before_weeks / after_weeks)

    ratio = (after / after_weeks) / (before / before_weeks) if before else None
    return Effect(before, before_weeks, after, after_weeks, ratio, to_ratio(ci.low), to_ratio(ci.high), float(test.pvalue))


def _pct(x: float) -> str:
    return f"{round(100 * x)} %"


def sentence(e: Effect) -> str:
    """措施后每周投诉从 6.2 件降到 1.1 件，下降 82 %（95 % 置信区间 70 %–90 %）."""
    if e.ratio is None:
        if e.before + e.after == 0:
            return _("No orders about it before or after the measure.")
        return _("No orders before the measure; {after_rate:.1f} a week after.").format(after_rate=e.after_rate)
    # Chinese says "fell to" (降到) or "rose to" (升到) where English says "to": one msgid, two contexts.
    rates = (pgettext("desk.services.pulse.effect: fell", "After the measure, orders per week went from "
                      "{before:.1f} to {after:.1f}") if e.ratio < 1 else
             pgettext("desk.services.pulse.effect: rose", "After the measure, orders per week went from "
                      "{before:.1f} to {after:.1f}")).format(before=e.before_rate, after=e.after_rate)
    high = "∞" if math.isinf(e.high) else f"{e.high:.2f}"
    if not e.significant:  # the interval holds 1: say the ratio, not a rise or a fall
        text = _("{rates}, rate ratio {ratio:.2f} (95 % confidence interval {low:.2f}–{high}); the change may be "
                 "chance (p = {p:.2f})").format(rates=rates, ratio=e.ratio, low=e.low, high=high, p=e.p_value)
    elif e.ratio < 1:
        text = _("{rates}, down {change} (95 % confidence interval {low}–{high})").format(
            rates=rates, change=_pct(1 - e.ratio), low=_pct(1 - e.high), high=_pct(1 - e.low))
    else:
        up_high = "∞" if math.isinf(e.high) else _pct(e.high - 1)
        text = _("{rates}, up {change} (95 % confidence interval {low}–{high})").format(
            rates=rates, change=_pct(e.ratio - 1), low=_pct(e.low - 1), high=up_high)
    return _("{sentence}.").format(sentence=text)
