"""The snapshot shipped in the package: byte-exact copies with recorded dates and digests."""

from __future__ import annotations

import gzip
import hashlib
import json

import pytest

from vigipub.registers.config import data_path
from vigipub.registers.formats import EMA_FILE

from .conftest import SHARED_REGISTRIES

#: Published in /work/shared/data/registries/README.md.
README_SHA256 = {
    "CIS_bdpm.txt": "35e686e2188b3f96237a5848351e4806549e991ee6e53fb982dc90d2e70ebd32",
    "CIS_COMPO_bdpm.txt": "ae13de7097d211f0b368839ef35b99a532e016a4afa07120d996d21a55d04847",
    EMA_FILE: "0a1bcac33112bb6ba391ffcb64f38a1ebb3e5ac2c36348d2c82d28006f31ac03",
}


def test_manifest_records_date_source_digest_size_and_attribution() -> None:
    manifest = json.loads(data_path("snapshot.json").read_text(encoding="utf-8"))
    assert set(manifest["files"]) == set(README_SHA256)
    for name, spec in manifest["files"].items():
        stored = data_path(spec["stored_as"]).read_bytes()
        original = gzip.decompress(stored) if spec["stored_as"].endswith(".gz") else stored
        assert hashlib.sha256(original).hexdigest() == spec["sha256"] == README_SHA256[name]
        assert len(original) == spec["bytes"]
        assert spec["source_url"].startswith("https://")
        assert spec["snapshot_date"]
    assert manifest["files"]["CIS_bdpm.txt"]["snapshot_date"] == "2026-07-07"
    assert manifest["files"][EMA_FILE]["snapshot_date"] == "2026-03-14"
    assert "Licence Ouverte" in manifest["attribution"]["BDPM"]["licence"]
    assert "European Medicines Agency" in manifest["attribution"]["EMA"]["credit"]


@pytest.mark.skipif(not SHARED_REGISTRIES.is_dir(), reason="shared register files absent")
def test_shipped_files_are_the_shared_files_byte_for_byte(shipped: dict) -> None:
    for name, source in shipped.items():
        sub = "ema" if name == EMA_FILE else "bdpm"
        assert source.data == (SHARED_REGISTRIES / sub / name).read_bytes()
