"""The house: the package's rooms, read from the code with ``ast``.

Data flows one way: a room imports only the rooms below it in LAPISAN (or itself), so no two
rooms import each other and the lower layers never reach up. The README's module map names
exactly the rooms and modules on disk.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

AKAR = Path(__file__).resolve().parent.parent
PAKET = AKAR / "poskinerja"

# The rooms, lowest first: each may import only itself and the rooms before it.
LAPISAN = ("inti", "berkas", "master", "formulir", "kompilasi", "siklus", "dokumen", "excel", "kantor",
           "contoh", "cli")


def _nama_modul(path: Path, akar: Path) -> str:
    bagian = path.relative_to(akar).with_suffix("").parts
    return ".".join(bagian[:-1] if bagian[-1] == "__init__" else bagian)


def _impor(path: Path, akar: Path = AKAR) -> set[str]:
    """Every poskinerja module this file imports, at the top or inside a function."""
    modul = _nama_modul(path, akar)
    paket = modul if path.name == "__init__.py" else modul.rpartition(".")[0]
    hasil = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            hasil |= {a.name for a in node.names if a.name.split(".")[0] == "poskinerja"}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                dasar = paket.split(".")[: len(paket.split(".")) - (node.level - 1)]
                target = ".".join(dasar + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "poskinerja":
                continue
            if node.module is None or target.count(".") < 2:
                # `from . import x` / `from poskinerja.kamar import x`: x may be a module of its own
                hasil |= {f"{target}.{a.name}" for a in node.names}
            else:
                hasil.add(target)
    return hasil


def _kamar(modul: str, paket: Path) -> str | None:
    bagian = modul.split(".")
    return bagian[1] if len(bagian) > 1 and (paket / bagian[1]).is_dir() else None


def graf_kamar(akar: Path = AKAR) -> dict[str, dict[str, set[str]]]:
    """room -> room it imports -> the files that do, from every module of the package."""
    paket = akar / "poskinerja"
    graf: dict[str, dict[str, set[str]]] = {}
    for path in sorted(paket.rglob("*.py")):
        asal = _kamar(_nama_modul(path, akar), paket)
        for target in _impor(path, akar):
            tujuan = _kamar(target, paket)
            if asal and tujuan and tujuan != asal:
                graf.setdefault(asal, {}).setdefault(tujuan, set()).add(path.relative_to(akar).as_posix())
    return graf


def test_every_module_lives_in_a_room():
    kamar = {p.name for p in PAKET.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert kamar == set(LAPISAN)
    lepas = sorted(p.name for p in PAKET.glob("*.py"))
    assert lepas == ["__init__.py", "__main__.py"], "a module outside the rooms"


def test_no_room_imports_upward():
    naik = [f"{asal} -> {tujuan} ({', '.join(sorted(berkas))})"
            for asal, ke in graf_kamar().items() for tujuan, berkas in ke.items()
            if LAPISAN.index(tujuan) > LAPISAN.index(asal)]
    assert naik == []


def test_no_circle_between_rooms():
    graf = {asal: set(ke) for asal, ke in graf_kamar().items()}

    def lingkar_dari(awal: str) -> list[str] | None:
        tumpukan = [(awal, [awal])]
        while tumpukan:
            simpul, jalur = tumpukan.pop()
            for lanjut in graf.get(simpul, ()):
                if lanjut == awal:
                    return jalur + [awal]
                if lanjut not in jalur:
                    tumpukan.append((lanjut, jalur + [lanjut]))
        return None

    assert [c for c in map(lingkar_dari, LAPISAN) if c] == []


def test_the_checker_sees_a_lazy_upward_import(tmp_path):
    # read from source text: an import inside a function counts as much as one at the top
    palsu = tmp_path / "poskinerja"
    for kamar in ("inti", "cli"):
        (palsu / kamar).mkdir(parents=True)
        (palsu / kamar / "__init__.py").write_text("")
    (palsu / "inti" / "model.py").write_text("def f():\n    from ..cli import utama\n")
    (palsu / "cli" / "utama.py").write_text("from ..inti.model import f\n")
    assert graf_kamar(tmp_path) == {"inti": {"cli": {"poskinerja/inti/model.py"}},
                                    "cli": {"inti": {"poskinerja/cli/utama.py"}}}


def _peta_readme() -> dict[str, set[str]]:
    """The README's module map: `kamar/` -> the module names its row lists."""
    teks = (AKAR / "README.md").read_text(encoding="utf-8")
    bagian = teks.split("### Peta modul", 1)[1].split("\n#", 1)[0]
    peta: dict[str, set[str]] = {}
    for baris in bagian.splitlines():
        cocok = re.match(r"\| `(\w+)/` \| ([^|]+) \|", baris)
        if cocok:
            peta[cocok.group(1)] = set(re.findall(r"`(\w+)`", cocok.group(2)))
    return peta


def test_readme_module_map_matches_the_folders():
    peta = _peta_readme()
    assert list(peta) == list(LAPISAN), "the README lists the rooms in layer order"
    for kamar, modul in peta.items():
        di_disk = {p.stem for p in (PAKET / kamar).glob("*.py") if p.stem not in ("__init__", "__main__")}
        assert modul == di_disk, kamar


@pytest.mark.parametrize("entry", ["poskinerja/__main__.py", "poskinerja/cli/__main__.py"])
def test_entry_points_import_only_the_cli(entry):
    assert _impor(AKAR / entry) == {"poskinerja.cli.main"}
