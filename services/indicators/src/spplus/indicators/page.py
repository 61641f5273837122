"""The public indicators page: the main figures as charts, in plain HTML and inline SVG.

No script and no external asset: it loads anywhere, prints, and reads on a phone (the SVGs scale
with the screen). Every chart has a text equivalent (a title, a description, and the numbers
written beside the bars) for screen readers.
"""

from __future__ import annotations

from html import escape
from typing import Any

from spplus.contracts.reference import ORGANISATIONS

_NAMES = {o.network: o.name for o in ORGANISATIONS}
_FEELINGS = (
    ("positive", "Positif", "#18753c"),
    ("neutral", "Neutre", "#716043"),
    ("negative", "Négatif", "#ce0500"),
)
_CHANNELS = {
    "counter": "Accueil",
    "phone": "Téléphone",
    "email": "Email",
    "website": "Site internet",
    "app": "Application",
    "mail": "Courrier",
    "chat": "Messagerie",
    "other": "Autre",
}
HIDDEN = "—"


def _n(value: Any, unit: str = "") -> str:
    if value is None:
        return HIDDEN
    if isinstance(value, float):
        text = f"{value:.1f}".replace(".", ",")
    else:
        text = f"{value:,}".replace(",", "\u202f")
    return f"{text}{unit}"


def _pct(rate: float | None) -> str:
    return HIDDEN if rate is None else f"{round(rate * 100)}\u202f%"


def _bars(
    chart_id: str, title: str, rows: list[tuple[str, list[tuple[float | None, str, str]]]]
) -> str:
    """Horizontal bars: one row per label, each with stacked segments (value, colour, text)."""
    width, label_w, row_h = 420, 120, 30
    height = row_h * max(len(rows), 1) + 10
    top = max((sum(v or 0 for v, _, _ in segs) for _, segs in rows), default=0) or 1
    parts = [
        f'<svg id="{chart_id}" class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-t" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
    ]
    for i, (label, segments) in enumerate(rows):
        y = 5 + i * row_h
        parts.append(f'<text x="0" y="{y + 20}" class="label">{escape(label)}</text>')
        x = float(label_w)
        texts = []
        for value, colour, text in segments:
            w = (value or 0) / top * (width - label_w - 170)
            if w > 0:
                parts.append(
                    f'<rect x="{x:.1f}" y="{y + 4}" width="{w:.1f}" height="{row_h - 12}" fill="{colour}">'
                    f"<title>{escape(text)}</title></rect>"
                )
            x += w
            texts.append(text)
        parts.append(
            f'<text x="{x + 6:.1f}" y="{y + 20}" class="value">{escape(" · ".join(texts))}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _card(label: str, value: str, note: str = "") -> str:
    return (
        f'<div class="card"><p class="big" data-figure="{escape(label)}">{escape(value)}</p>'
        f"<p>{escape(label)}</p>{f'<p class=note>{escape(note)}</p>' if note else ''}</div>"
    )


def render(
    overall: dict[str, Any], months: dict[str, Any], per_network: dict[str, dict[str, Any]]
) -> str:
    v = overall["buckets"][0]["values"]
    k = overall["min_count"]
    cards = "".join(
        [
            _card("expériences publiées", _n(v["published"])),
            _card("taux de réponse", _pct(v["response_rate"]["rate"])),
            _card(
                "délai médian de première réponse",
                _n(v["response_hours"]["median"], " h"),
                "en heures ouvrées",
            ),
            _card("réponses dans le délai", _pct(v["within_deadline"]["rate"])),
            _card(
                "délai médian de modération",
                _n(v["moderation_hours"]["median"], " h"),
                f"p90 : {_n(v['moderation_hours']['p90'], ' h')}",
            ),
            _card("actions d'amélioration", _n(v["improvement_actions"])),
        ]
    )
    monthly = _bars(
        "chart-months",
        "Expériences publiées et réponses, par mois",
        [
            (
                b["period"],
                [
                    (
                        b["values"]["published"],
                        "#000091",
                        f"{_n(b['values']['published'])} publiées",
                    ),
                    (
                        b["values"]["response_rate"]["answered"],
                        "#6a6af4",
                        f"{_n(b['values']['response_rate']['answered'])} avec réponse",
                    ),
                ],
            )
            for b in months["buckets"]
        ],
    )
    feelings = _bars(
        "chart-feelings",
        "Ressenti des usagers",
        [
            (name, [(v["feelings"][key], colour, _n(v["feelings"][key]))])
            for key, name, colour in _FEELINGS
        ],
    )
    channels = _bars(
        "chart-channels",
        "Ressenti par canal de contact",
        [
            (
                _CHANNELS.get(channel, channel),
                [(counts[key], colour, _n(counts[key])) for key, _, colour in _FEELINGS],
            )
            for channel, counts in v["feelings_by_channel"].items()
        ],
    )
    networks = _bars(
        "chart-networks",
        "Taux de réponse par réseau",
        [
            (
                code.replace("_", " ").title() if len(code) > 12 else code,
                [
                    (
                        (values["response_rate"]["rate"] or 0) * 100,
                        "#000091",
                        f"{_pct(values['response_rate']['rate'])} de {_n(values['response_rate']['n'])}",
                    )
                ],
            )
            for code, values in sorted(per_network.items())
        ],
    )
    return f"""<!DOCTYPE html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Indicateurs de qualité — Services Publics +</title>
<style>
body {{ margin: 0; font-family: Marianne, Arial, sans-serif; color: #161616; background: #fff; line-height: 1.5; }}
main {{ max-width: 960px; margin: 0 auto; padding: 16px; }}
h1 {{ font-size: 1.6rem; margin: 0.5rem 0; }}
h2 {{ font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 12px; }}
.card {{ border: 1px solid #ddd; border-left: 4px solid #000091; padding: 8px 12px; }}
.card p {{ margin: 0; }}
.big {{ font-size: 1.8rem; font-weight: bold; }}
.note {{ color: #555; font-size: 0.85rem; }}
.chart {{ width: 100%; height: auto; }}
.label, .value {{ font-size: 13px; fill: #161616; }}
.chart {{ max-width: 640px; }}
footer {{ color: #555; font-size: 0.85rem; margin-top: 2rem; }}
</style>
</head>
<body>
<main>
<h1>Indicateurs de qualité</h1>
<p>Ce que les usagers racontent de leurs démarches, et comment les services publics leur répondent.
Chiffres depuis l'ouverture, mis à jour en continu.</p>
<section aria-label="Chiffres clés"><div class="cards">{cards}</div></section>
<h2>Par mois</h2>{monthly}
<h2>Ressenti des usagers</h2>{feelings}
<h2>Ressenti par canal</h2>{channels}
<h2>Réponses par réseau</h2>{networks}
<footer>« {HIDDEN} » : moins de {k} récits, le chiffre n'est pas affiché pour qu'aucune expérience
ne puisse être reconnue. Les délais comptent les heures ouvrées (9 h – 18 h, jours ouvrés).
Données ouvertes : <a href="/api/v1/indicators">/api/v1/indicators</a>.</footer>
</main>
</body>
</html>
"""
