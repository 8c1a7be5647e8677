"""Registers stage benchmark: build (load) time, update time, lookup latency.

    .venv/bin/python benchmarks/registers_bench.py [--rounds 3] [--from-dir DIR]

Prints, in the same run, the references the figures should be read against: raw
decompression + naive tab splitting of the shipped files (the floor for any load), and a
naive linear scan of all entries for each query (what the index replaces).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from vigipub.registers import Registers, snapshot
from vigipub.registers.formats import read_bdpm
from vigipub.registers.text import fold
from vigipub.registers.update import update

QUERIES = [
    "Kymriah", "kymirah", "tisagenlecleucel", "AXICABTAGÈNE CILOLEUCEL", "cellules dendritiques",
    "CAR-T", "gene therapy", "paracetamol", "doliprane", "ibuprofene", "plasma", "stem cells",
    "mesenchymal stromal cells", "exosomes", "Zolgensma", "onasemnogene", "amoxicilline acide clavulanique",
]  # fmt: skip


def _t(fn, rounds: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _fmt(values: list[float], unit: str = "s") -> str:
    scale = 1000 if unit == "ms" else 1
    return f"median {statistics.median(values) * scale:.2f} {unit} (min {min(values) * scale:.2f}, max {max(values) * scale:.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--from-dir", type=Path, default=None, help="folder with the register files for the update test"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)

        # Reference: what any loader must at least do (decompress + split lines and tabs).
        def naive_load() -> None:
            files = snapshot.shipped_files()
            for name in ("CIS_bdpm.txt", "CIS_COMPO_bdpm.txt"):
                _ = [line.split("\t") for line in files[name].data.decode("cp1252").splitlines()]

        print(f"reference  decompress + split BDPM text: {_fmt(_t(naive_load, args.rounds))}")

        files = snapshot.shipped_files()
        print(
            f"bdpm only  validate CIS+COMPO:            {_fmt(_t(lambda: [read_bdpm(files[n].data, n) for n in ('CIS_bdpm.txt', 'CIS_COMPO_bdpm.txt')], args.rounds))}"
        )

        def first_build() -> None:
            db = tmpdir / f"load-{time.monotonic_ns()}.sqlite"
            Registers.open(db).close()

        print(f"load       first use (build from shipped snapshot): {_fmt(_t(first_build, args.rounds))}")

        db = tmpdir / "registers.sqlite"
        Registers.open(db).close()
        print(
            f"open       existing database:              {_fmt(_t(lambda: Registers.open(db).close(), args.rounds * 3), 'ms')}"
        )

        folder = args.from_dir
        if folder is None:
            folder = tmpdir / "files"
            folder.mkdir()
            for name, source in files.items():
                (folder / name).write_bytes(source.data)
        reports = []

        def do_update() -> None:
            reports.append(update(db, from_dir=folder))

        times = _t(do_update, args.rounds)
        last = reports[-1]
        print(f"update     whole BDPM + EMA (validate, index, atomic swap): {_fmt(times)}; "
              f"last: read {last.seconds_fetch:.2f} s, validate+entries {last.seconds_parse:.2f} s, "
              f"write {last.seconds_build:.2f} s")  # fmt: skip

        with Registers.open(db) as reg:
            names = [
                (r[0], fold(r[1] + " " + r[2]))
                for r in reg._conn.execute("SELECT id, product, substances_json FROM entries")
            ]
            lat, naive = [], []
            for q in QUERIES:
                lat += _t(lambda q=q: reg.lookup(q), args.rounds * 5)
                fq = fold(q)
                naive += _t(lambda fq=fq: [i for i, text in names if fq in text], args.rounds * 5)
            print(f"lookup     {len(QUERIES)} queries (brands, INNs, typos, families): {_fmt(lat, 'ms')}; "
                  f"p95 {sorted(lat)[int(0.95 * len(lat))] * 1000:.2f} ms")  # fmt: skip
            print(
                f"reference  naive substring scan of {len(names)} entries (no typos, no families): {_fmt(naive, 'ms')}"
            )
            start = time.perf_counter()
            for family in ("car_t", "dendritic_cells", "exosomes", "stem_cells"):
                reg.check_therapy(family, diseases_icd10=["F84.0"])
            print(f"check      check_therapy x4: {(time.perf_counter() - start) * 1000 / 4:.2f} ms per call")
        sizes = {
            n: (Path(str(snapshot.data_path(s["stored_as"]))).stat().st_size)
            for n, s in snapshot.load_snapshot_manifest()["files"].items()
        }
        print(f"package    shipped snapshot {sum(sizes.values()) / 1e6:.2f} MB; database {db.stat().st_size / 1e6:.1f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
