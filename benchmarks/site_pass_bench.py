"""Cost of triage's site pass next to its record pass, in the same run.

Usage::

    .venv/bin/python benchmarks/site_pass_bench.py [WARC] [--clinics 40] [--workers 1]
        [--prefilter therapy|therapy-or-disease|off] [--format json]

Two triage runs (local engine, ``--workers`` processes, pre-filter ``--prefilter``), each timed by
pass from its ``run.json``:

- the benchmark archive (default: ../shared/bench/data/real-pages.warc.gz, real news and blog
  pages): what the site pass costs where almost nothing is flagged;
- a synthetic archive written here: ``--clinics`` clinic sites of six pages each (the therapy
  named on the treatment page only; results, prices, stories, contact and team pages without
  it), one news site and one hospital site, spread over two WARC files.

Reference measured in the same run: the floor (FastWARC decompression and iteration of the
same files, CPU seconds of this process). Wall seconds of each pass are printed with the
machine's load average (2 cores shared): compare passes of one run, not runs of two days.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

THERAPIES = [
    ("cellules souches", "cellules souches mésenchymateuses prélevées dans votre graisse"),
    ("exosomes", "exosomes purifiés issus de cellules souches placentaires"),
    ("cellules dendritiques", "cellules dendritiques cultivées à partir de votre sang"),
]
DISEASES = ["l'arthrose du genou", "la sclérose en plaques", "l'autisme", "la maladie de Parkinson"]


def _page(title: str, body: str) -> bytes:
    return (
        f'<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>{title}</title></head>'
        f"<body><nav><a href='/'>Accueil</a> <a href='/contact'>Contact</a></nav>{body}</body></html>"
    ).encode()


def clinic_pages(n: int) -> list[tuple[str, bytes]]:
    """Six pages of the n-th invented clinic; only the first names its therapy."""
    therapy, how = THERAPIES[n % len(THERAPIES)]
    disease = DISEASES[n % len(DISEASES)]
    name = f"Centre Renaissance {n}"
    origin = f"https://www.centre-renaissance-{n}.fr"
    share, price = 80 + n % 17, 4000 + 150 * n
    return [
        (origin + "/traitement", _page(f"{therapy.capitalize()} – {name}",
            f"<h1>Traitement de {disease} par {therapy}</h1><p>Nous injectons des {how}. Elles réparent "
            f"les tissus atteints et font reculer {disease} sans médicament.</p>"
            "<p>Prenez rendez-vous en ligne pour un bilan gratuit.</p>")),
        (origin + "/resultats", _page(f"Résultats – {name}",
            f"<h1>Nos résultats</h1><p>{share} % de nos patients vont mieux trois mois après leur "
            "protocole. Les symptômes reculent durablement et la qualité de vie revient.</p>")),
        (origin + "/tarifs", _page(f"Tarifs – {name}",
            f"<h1>Tarifs</h1><p>Protocole complet : {price} €, séjour compris. Réservez votre "
            "intervention en ligne, paiement en trois fois possible.</p>")),
        (origin + "/temoignages", _page(f"Témoignages – {name}",
            "<h1>Ils témoignent</h1><p>« Trois semaines après la cure, je marchais sans douleur. Je "
            "revis enfin. » — Hélène, 61 ans.</p>")),
        (origin + "/contact", _page(f"Contact – {name}",
            f"<h1>Nous trouver</h1><p>{n} avenue des Lilas, 75000 Paris. Ouvert du lundi au vendredi.</p>")),
        (origin + "/equipe", _page(f"L'équipe – {name}",
            "<h1>Notre équipe</h1><p>Nos médecins et infirmières vous accueillent dans un cadre "
            "calme et lumineux, à deux pas de la gare.</p>")),
    ]  # fmt: skip


def other_pages() -> list[tuple[str, bytes]]:
    news, hospital = "https://www.journal-valmont.fr", "https://www.chu-valmont.fr"
    pages = [
        (
            f"{news}/article-{i}",
            _page(
                f"Article {i}",
                f"<article><h1>Conseil municipal {i}</h1><p>Le conseil "
                f"a voté le budget des écoles pour l'année {2020 + i}. Les travaux commencent au printemps.</p></article>",
            ),
        )
        for i in range(10)
    ]
    pages.append(
        (
            f"{news}/sante/mise-en-garde",
            _page(
                "Mise en garde",
                "<article><h1>Cellules souches : mise en garde</h1><p>L'agence du médicament a averti que des "
                "centres privés vendent des injections de cellules souches sans preuve d'efficacité.</p></article>",
            ),
        )
    )
    pages.append(
        (
            f"{hospital}/recherche/essai",
            _page(
                "Essai clinique – CHU de Valmont",
                "<h1>Essai clinique</h1><p>Le service participe à un essai autorisé de phase II qui évalue la "
                "sécurité d'une thérapie par cellules souches ; les résultats ne sont pas encore connus.</p>",
            ),
        )
    )
    return pages  # fmt: skip


def write_synthetic(folder: Path, clinics: int) -> list[Path]:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [p for n in range(clinics) for p in clinic_pages(n)] + other_pages()
    paths = [folder / "clinics-a.warc.gz", folder / "clinics-b.warc.gz"]
    for index, path in enumerate(paths):
        with open(path, "wb") as fh:
            writer = WARCWriter(fh, gzip=True)
            for url, body in pages[index::2]:
                http = StatusAndHeaders(
                    "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
                )
                writer.write_record(
                    writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
                )
    return paths


def floor_cpu(paths: list[Path]) -> float:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    started = time.process_time()
    for path in paths:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                record.reader.read()
    return time.process_time() - started


def timed_run(paths: list[Path], out: Path, workers: int, prefilter: str = "therapy") -> dict[str, Any]:
    from vigipub.batch import triage
    from vigipub.batch.local import TriageSettings

    load = os.getloadavg()
    started = time.perf_counter()
    run = triage(
        [str(p) for p in paths],
        out,
        workers=workers,
        settings=TriageSettings(prefilter=prefilter),
        progress=False,
    )
    wall = time.perf_counter() - started
    record = json.loads((out / "run.json").read_text(encoding="utf-8"))
    site = record["site_pass"]
    return {
        "inputs": [p.name for p in paths],
        "records": run.totals["rows"],
        "record_pass_s": record["record_pass_seconds"],
        "site_pass_s": site["seconds"],
        "total_s": round(wall, 3),
        "site_share": round(site["seconds"] / max(wall, 1e-9), 3),
        "candidate_sites": site["sites"],
        "pages_reread": site["pages"],
        "pages_raised": site["raised"],
        "ms_per_reread_page": round(1000 * site["seconds"] / site["pages"], 2) if site["pages"] else None,
        "verdicts": run.totals["verdicts"],
        "domains": run.totals["domains"],
        "floor_cpu_s": round(floor_cpu(paths), 3),
        "load_average_before": [round(x, 2) for x in load],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("warc", nargs="?", type=Path, default=None)
    parser.add_argument("--clinics", type=int, default=40)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--prefilter", choices=["therapy", "therapy-or-disease", "off"], default="therapy")
    parser.add_argument("--format", choices=["table", "json"], default="table")
    args = parser.parse_args(argv)
    from vigipub import pipeline
    from vigipub.cli.bench import default_warc

    pipeline.warm_up_detection()  # built once, outside both runs' timings
    bench = args.warc or default_warc()
    results = {}
    with tempfile.TemporaryDirectory(prefix="vigipub-site-bench-") as scratch:
        folder = Path(scratch)
        if bench.is_file():
            results["bench"] = timed_run([bench], folder / "bench", args.workers, args.prefilter)
        else:
            print(f"{bench} is absent: the benchmark archive is skipped", file=sys.stderr)
        results["synthetic"] = timed_run(
            write_synthetic(folder, args.clinics), folder / "synthetic", args.workers, args.prefilter
        )
    if args.format == "json":
        print(json.dumps(results, indent=2))
        return 0
    print(
        f"site pass benchmark — pre-filter {args.prefilter}, workers {args.workers} — load average now {os.getloadavg()[0]:.2f} (2 cores)"
    )
    print(f"{'archive':<12}{'records':>8}{'floor CPU s':>12}{'record s':>10}{'site s':>8}{'sites':>7}"
          f"{'re-read':>9}{'raised':>8}{'ms/page':>9}  verdicts")  # fmt: skip
    for name, r in results.items():
        print(
            f"{name:<12}{r['records']:>8}{r['floor_cpu_s']:>12.3f}{r['record_pass_s']:>10.3f}{r['site_pass_s']:>8.3f}"
            f"{r['candidate_sites']:>7}{r['pages_reread']:>9}{r['pages_raised']:>8}"
            f"{r['ms_per_reread_page'] or 0:>9.2f}  {r['verdicts']} (load {r['load_average_before'][0]})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
