"""A run's outputs are one generation: recap and manifest of the same run, whatever happens to the run.

Real runs of the CLI as a subprocess, killed (SIGKILL, Ctrl-C) at random
moments or started twice into one folder; the folder is then read back:
the manifest's sha256 and run id must be the recap's, no temporary file may
survive the next run, and no worker may outlive its parent by over 5 s.
"""
from __future__ import annotations

import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from conftest import KASI, KEPALA, STAF_A, STAF_B, mini_rows
from isi import fill_form
from poskinerja.formulir import tulis as F
from poskinerja.berkas.aman import awalan_sementara, tanda_komputer
from poskinerja.kompilasi.generasi import NAMA_JURNAL, NAMA_KUNCI, FolderSedangDipakai, Generasi, cocok, pulihkan
from poskinerja.kompilasi.jalan import KompilasiGagal, kompilasi
from poskinerja.master.baca import muat_master
from poskinerja.master.tulis import tulis_master

ROOT = Path(__file__).resolve().parent.parent
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
REKAP, MANIFEST = "Rekap Kinerja 2026 TW1.xlsx", "kompilasi-2026-TW1.json"
WORKER_GRACE = 5.0


@pytest.fixture(scope="module")
def lembaga(tmp_path_factory):
    """A master and a small folder of filled forms (four ASN, two units)."""
    root = tmp_path_factory.mktemp("lembaga")
    master_path = tulis_master(root / "master.xlsx", mini_rows())
    master = muat_master(master_path)
    src = {p.name.split(" - ")[0]: p for p in F.buat_formulir(master, root / "asli")}
    masuk = root / "masuk"
    values = {KEPALA: {("IKU-01", "Realisasi TW I"): 20, ("IKU-02", "Realisasi TW I"): 1},
              KASI: {("PMS-01", "Realisasi TW I"): 3, ("PMS-02", "Realisasi TW I"): 0},
              STAF_A: {("A-01", "Realisasi TW I"): 9, ("A-02", "Realisasi TW I"): 5},
              STAF_B: {("B-01", "Realisasi TW I"): 55, ("B-02", "Realisasi TW I"): 2}}
    for nip, isian in values.items():
        fill_form(src[nip], masuk / f"{nip}.xlsx", pengukuran=isian)
    return root, master_path, masuk


def _cmd(lembaga, keluar: Path, workers: bool = True) -> list[str]:
    """The CLI kompilasi; with ``workers`` the forms are read by a pool of two processes."""
    _, master_path, masuk = lembaga
    return [sys.executable, "-m", "poskinerja", "kompilasi", str(masuk), "--master", str(master_path),
            "--triwulan", "1", "--keluar", str(keluar), *(["--proses", "2"] if workers else [])]


def _start(lembaga, keluar: Path, workers: bool = True, capture: bool = True, **kw) -> subprocess.Popen:
    """A CLI run in the background; killed runs are not captured (a surviving worker would hold the pipe)."""
    out = subprocess.PIPE if capture else subprocess.DEVNULL
    return subprocess.Popen(_cmd(lembaga, keluar, workers), env=ENV, stdout=out, stderr=out, text=True, **kw)


def _run(lembaga, keluar: Path) -> subprocess.CompletedProcess:
    return subprocess.run(_cmd(lembaga, keluar), env=ENV, capture_output=True, text=True, timeout=120)


def _id_in_recap(rekap: Path) -> str:
    xml = zipfile.ZipFile(rekap).read("docProps/custom.xml").decode("utf-8")
    m = re.search(r'name="id_run"><vt:lpwstr>([^<]+)<', xml)
    return m.group(1) if m else ""


def _one_generation(keluar: Path) -> str:
    """Assert recap and manifest are of one run; return its id."""
    rekap, manifest = keluar / REKAP, keluar / MANIFEST
    assert cocok(rekap, manifest), sorted(p.name for p in keluar.iterdir())
    run_id = json.loads(manifest.read_text("utf-8"))["id_run"]
    assert run_id and _id_in_recap(rekap) == run_id
    return run_id


def _leftovers(keluar: Path) -> list[str]:
    return sorted(p.name for p in keluar.iterdir() if p.name.startswith(".~"))


def _children(pid: int) -> list[int]:
    out = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry.name))
    return out


def _running(pid: int) -> bool:
    """Alive and not a zombie (a re-parented zombie waits for a reaper, it runs nothing)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def _assert_workers_end(workers: list[int], context: str) -> None:
    deadline = time.monotonic() + WORKER_GRACE
    while time.monotonic() < deadline and any(_running(w) for w in workers):
        time.sleep(0.05)
    survivors = [w for w in workers if _running(w)]
    for w in survivors:  # do not leave them to the next test
        os.kill(w, signal.SIGKILL)
    assert not survivors, f"pekerja {survivors} hidup > {WORKER_GRACE} s setelah induknya mati ({context})"


@pytest.fixture(scope="module")
def durasi(lembaga, tmp_path_factory):
    """How long a whole CLI run takes here, for spreading kill moments over it."""
    keluar = tmp_path_factory.mktemp("ukur")
    start = time.monotonic()
    run = _run(lembaga, keluar)
    assert run.returncode == 0, run.stderr
    return time.monotonic() - start


# --- one run ---------------------------------------------------------------------------------------

def test_recap_and_manifest_carry_the_same_run(lembaga, tmp_path):
    _, master_path, masuk = lembaga
    out = kompilasi(master_path, masuk, 1, tmp_path / "keluar")
    assert _one_generation(tmp_path / "keluar") == out.id_run
    manifest = json.loads(out.manifest.read_text("utf-8"))
    assert manifest["rekap"] == REKAP and len(manifest["berkas"]) == 4
    assert _leftovers(tmp_path / "keluar") == []  # no lock, journal or staging folder after the run
    again = kompilasi(master_path, masuk, 1, tmp_path / "keluar")
    assert again.id_run != out.id_run and _one_generation(tmp_path / "keluar") == again.id_run


def test_failed_run_keeps_the_previous_generation_whole(lembaga, tmp_path, monkeypatch):
    _, master_path, masuk = lembaga
    keluar = tmp_path / "keluar"
    first = kompilasi(master_path, masuk, 1, keluar)
    before = {p.name: p.read_bytes() for p in keluar.iterdir()}
    from poskinerja.kompilasi import jalan as K

    def crash(*args, **kwargs):
        raise RuntimeError("listrik padam")
    monkeypatch.setattr(K, "_manifest", crash)  # the recap is already written when this fails
    with pytest.raises(RuntimeError):
        kompilasi(master_path, masuk, 1, keluar)
    assert {p.name: p.read_bytes() for p in keluar.iterdir()} == before
    assert _one_generation(keluar) == first.id_run


def test_failed_run_into_a_new_folder_leaves_no_folder(lembaga, tmp_path):
    _, master_path, _ = lembaga
    with pytest.raises(KompilasiGagal):
        kompilasi(master_path, tmp_path / "tidak-ada", 1, tmp_path / "keluar")
    assert not (tmp_path / "keluar").exists()


def test_one_process_cannot_hold_a_folder_twice(tmp_path):
    with Generasi(tmp_path, "kompilasi"):
        with pytest.raises(FolderSedangDipakai, match=f"PID {os.getpid()}"):
            with Generasi(tmp_path, "laporan"):
                pass
    with Generasi(tmp_path, "kompilasi"):  # released: usable again
        pass
    assert _leftovers(tmp_path) == []


# --- a second run, another holder -------------------------------------------------------------------

HOLDER = textwrap.dedent("""
    import sys, time
    from poskinerja.kompilasi.generasi import Generasi
    with Generasi(sys.argv[1], "kompilasi"):
        print("siap", flush=True)
        time.sleep(60)
""")


def test_second_run_exits_1_naming_the_holder(lembaga, tmp_path):
    keluar = tmp_path / "keluar"
    assert _run(lembaga, keluar).returncode == 0
    before = {p.name: p.read_bytes() for p in keluar.iterdir()}
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(keluar)], env=ENV, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "siap"
        second = _run(lembaga, keluar)
        assert second.returncode == 1, second.stderr
        err = second.stderr
        assert "Traceback" not in err and "sedang dipakai oleh proses kompilasi lain" in err
        assert f"PID {holder.pid} di komputer {socket.gethostname()}" in err
        assert re.search(r"mulai \d\d/\d\d/\d{4} \d\d:\d\d:\d\d", err) and "Tunggu sampai" in err
        assert {p.name: p.read_bytes() for p in keluar.iterdir() if not p.name.startswith(".~")} == before
    finally:
        holder.kill()  # SIGKILL: the holder never releases; the kernel does
        holder.wait()
    assert (keluar / NAMA_KUNCI).exists()
    third = _run(lembaga, keluar)
    assert third.returncode == 0, third.stderr
    _one_generation(keluar)
    assert _leftovers(keluar) == []


# --- a kill between the two renames ----------------------------------------------------------------

KILL_BETWEEN_RENAMES = textwrap.dedent("""
    import os, signal, sys
    real_replace = os.replace
    def replace(src, dst):
        if str(dst).endswith(".json") and os.path.basename(os.path.dirname(src)).startswith(".~tmp-"):
            os.kill(os.getpid(), signal.SIGKILL)  # the recap is in place, the manifest not yet
        return real_replace(src, dst)
    os.replace = replace
    from poskinerja.cli.utama import main
    sys.exit(main(sys.argv[1:]))
""")


def test_kill_between_the_renames_is_rolled_forward(lembaga, tmp_path):
    keluar = tmp_path / "keluar"
    assert _run(lembaga, keluar).returncode == 0
    old_id = _one_generation(keluar)
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, *_cmd(lembaga, keluar)[3:]],
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    # A reader sees the mismatch: the new recap beside the old manifest, and the journal naming the rest.
    assert not cocok(keluar / REKAP, keluar / MANIFEST)
    journal = json.loads((keluar / NAMA_JURNAL).read_text("utf-8"))
    assert journal["berkas"] == [REKAP, MANIFEST] and journal["id_run"] != old_id
    assert _id_in_recap(keluar / REKAP) == journal["id_run"]
    assert pulihkan(keluar) == [MANIFEST]
    assert _one_generation(keluar) == journal["id_run"]
    assert _leftovers(keluar) == []

    # And the next run does the same by itself before its own work.
    killed = subprocess.run([sys.executable, "-c", KILL_BETWEEN_RENAMES, *_cmd(lembaga, keluar)[3:]],
                            env=ENV, capture_output=True, text=True, timeout=120)
    assert killed.returncode == -signal.SIGKILL and (keluar / NAMA_JURNAL).exists()
    assert _run(lembaga, keluar).returncode == 0
    _one_generation(keluar)
    assert _leftovers(keluar) == []


def test_abandoned_temporaries_are_removed_live_ones_kept(lembaga, tmp_path):
    _, master_path, masuk = lembaga
    keluar = tmp_path / "keluar"
    keluar.mkdir()
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    tag = tanda_komputer()
    gone = [f".~tmp-{tag}-{dead.pid}-abc.xlsx", ".~tmp-lama.json", f".~tmp-{tag}-{dead.pid}-a1b2c3",
            ".~tmp-0badc0de-4242-jauh-lama.docx"]
    (keluar / gone[0]).write_bytes(b"setengah")
    (keluar / gone[1]).write_text("{")
    (keluar / gone[2]).mkdir()
    (keluar / gone[2] / REKAP).write_bytes(b"setengah")
    (keluar / gone[3]).write_bytes(b"x")
    os.utime(keluar / gone[3], (time.time() - 3600,) * 2)  # another computer's, untouched for an hour
    kept = [f"{awalan_sementara()}sedang-ditulis.xlsx", ".~tmp-0badc0de-4242-jauh-baru.docx", "catatan.txt"]
    for name in kept:  # this live process's, another computer's recent one, the user's own
        (keluar / name).write_bytes(b"x")
    kompilasi(master_path, masuk, 1, keluar)
    names = {p.name for p in keluar.iterdir()}
    assert not names & set(gone)
    assert names == {*kept, REKAP, MANIFEST}


# --- acceptance: SIGKILL at random moments, two runs into one folder, Ctrl-C ------------------------

def test_sigkill_at_20_random_moments(lembaga, durasi, tmp_path):
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    keluar = tmp_path / "keluar"
    assert _run(lembaga, keluar).returncode == 0
    hit_workers = left_behind = 0
    for i in range(20):
        run = _start(lembaga, keluar, capture=False)
        workers: list[int] = []
        if i % 2:  # the first moment the workers are seen up (they may live a few ms only)
            deadline = time.monotonic() + 10
            while not workers and run.poll() is None and time.monotonic() < deadline:
                workers = _children(run.pid)
        else:  # any moment of the run
            time.sleep(rnd.uniform(0, durasi * 1.1))
            workers = _children(run.pid)
        run.kill()
        run.wait()
        hit_workers += bool(workers)
        left_behind += bool(_leftovers(keluar))  # lock file, staging folder: the next run's to clear
        context = f"seed {seed}, kill {i}"
        _assert_workers_end(workers, context)
        # Before the next run, a reader can always tell: one generation, or a journal to finish.
        assert cocok(keluar / REKAP, keluar / MANIFEST) or (keluar / NAMA_JURNAL).exists(), context
        if i % 4 == 3:  # the next run, whole
            after = _run(lembaga, keluar)
            assert after.returncode == 0, (context, after.stderr)
        else:  # what every run does first, without the cost of a whole run
            pulihkan(keluar)
        _one_generation(keluar)
        assert _leftovers(keluar) == [], context
    assert hit_workers >= 5, f"only {hit_workers} kills met running workers (seed {seed})"
    assert left_behind >= 5, f"only {left_behind} kills left anything to clear (seed {seed})"


def test_two_runs_into_one_folder_20_times(lembaga, tmp_path):
    keluar = tmp_path / "keluar"
    refused = 0
    for i in range(20):
        runs = [_start(lembaga, keluar, workers=False), _start(lembaga, keluar, workers=False)]
        errs = [r.communicate(timeout=120)[1] for r in runs]
        results = [(r.pid, r.returncode, err) for r, err in zip(runs, errs)]
        codes = sorted(code for _, code, _ in results)
        assert codes in ([0, 0], [0, 1]), results
        for pid, code, err in results:
            if code == 1:
                refused += 1
                other = next(p for p, _, _ in results if p != pid)
                assert f"PID {other} di komputer" in err and "Traceback" not in err, err
        _one_generation(keluar)
        assert _leftovers(keluar) == [], i
    assert refused >= 1, "the two runs never overlapped: the test proved nothing"


def test_ctrl_c_leaves_nothing_half_written(lembaga, durasi, tmp_path):
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    keluar = tmp_path / "keluar"
    assert _run(lembaga, keluar).returncode == 0
    for i in range(6):
        run = _start(lembaga, keluar, capture=False, start_new_session=True)
        time.sleep(rnd.uniform(0.1, durasi * 1.1))
        workers = _children(run.pid)
        try:
            os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does: the whole group
        except ProcessLookupError:  # the run had already finished
            pass
        run.wait(timeout=60)
        context = f"seed {seed}, Ctrl-C {i}"
        _assert_workers_end(workers, context)
        _one_generation(keluar)
        assert _leftovers(keluar) == [], context  # no temp, journal or lock: nothing for the next run


# --- workers end with their parent ------------------------------------------------------------------

POOL_PARENT = textwrap.dedent("""
    import os, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from poskinerja.berkas import proses
    if sys.argv[1] == "watcher":  # what macOS and Windows rely on: no kernel help
        proses._pdeathsig = lambda: None
    def work(_):
        time.sleep(60)
    with ProcessPoolExecutor(max_workers=2, initializer=proses.ikat_ke_induk) as pool:
        futures = [pool.submit(work, n) for n in range(2)]
        time.sleep(0.5)
        print(" ".join(str(p) for p in pool._processes), flush=True)
        time.sleep(60)
""")


@pytest.mark.parametrize("how", ["pdeathsig", "watcher"])
def test_busy_workers_end_within_5_s_of_a_killed_parent(how):
    parent = subprocess.Popen([sys.executable, "-c", POOL_PARENT, how], env=ENV, stdout=subprocess.PIPE,
                              text=True)
    workers = [int(p) for p in parent.stdout.readline().split()]
    assert len(workers) == 2 and all(_running(w) for w in workers)
    parent.kill()
    parent.wait()
    _assert_workers_end(workers, how)


# --- a report set from laporan -----------------------------------------------------------------------

def test_report_set_is_one_generation(lembaga, tmp_path, monkeypatch):
    from poskinerja.dokumen import penyaji as dokumen
    from poskinerja.dokumen.laporan import susun_laporan

    _, master_path, masuk = lembaga
    keluar = tmp_path / "laporan"
    paths = susun_laporan(master_path, masuk, keluar, triwulan=1)
    assert len(paths) == 3 and all(p.parent == keluar and p.is_file() for p in paths)  # institute + 2 units
    assert sorted(p.name for p in keluar.iterdir()) == sorted(p.name for p in paths)
    before = {p.name: p.read_bytes() for p in keluar.iterdir()}

    real_tulis, calls = dokumen.Penyaji.tulis, []

    def fails_on_the_second(self, context, dest, *args, **kwargs):
        calls.append(dest)
        if len(calls) == 2:
            raise RuntimeError("listrik padam")
        return real_tulis(self, context, dest, *args, **kwargs)
    monkeypatch.setattr(dokumen.Penyaji, "tulis", fails_on_the_second)
    with pytest.raises(RuntimeError):
        susun_laporan(master_path, masuk, keluar, triwulan=1)
    assert {p.name: p.read_bytes() for p in keluar.iterdir()} == before  # not one report of the new set
    monkeypatch.undo()

    with Generasi(keluar, "kompilasi"):
        with pytest.raises(FolderSedangDipakai, match="proses kompilasi lain"):
            susun_laporan(master_path, masuk, keluar, triwulan=1)
    assert {p.name: p.read_bytes() for p in keluar.iterdir()} == before


def test_panel_shows_the_holder_not_an_unexpected_error(tmp_path):
    from poskinerja.excel.tombol import _gagal

    exc = FolderSedangDipakai(tmp_path, {"pid": 4321, "komputer": "PC-TU", "perintah": "kompilasi",
                                         "mulai": "2026-04-10T08:15:00"})
    pesan, singkat = _gagal(None, exc)
    assert "PID 4321 di komputer PC-TU, mulai 10/04/2026 08:15:00" in pesan and "tidak terduga" not in pesan
    assert singkat == "Folder keluaran sedang dipakai proses lain"


def test_one_folder_by_two_names_is_one_folder(tmp_path):
    (tmp_path / "keluar").mkdir()
    (tmp_path / "pintasan").symlink_to(tmp_path / "keluar")
    with Generasi(tmp_path / "keluar", "kompilasi"):
        with pytest.raises(FolderSedangDipakai):
            with Generasi(tmp_path / "pintasan", "laporan"):
                pass


def test_a_file_system_without_locks_still_runs(lembaga, tmp_path, monkeypatch):
    import errno
    import fcntl

    def no_locks(fd, how):
        raise OSError(errno.ENOLCK, "No locks available")
    monkeypatch.setattr(fcntl, "lockf", no_locks)
    _, master_path, masuk = lembaga
    out = kompilasi(master_path, masuk, 1, tmp_path / "keluar")
    assert _one_generation(tmp_path / "keluar") == out.id_run and _leftovers(tmp_path / "keluar") == []


def test_errors_name_the_users_file_never_our_temporary_one(lembaga, tmp_path, monkeypatch, capsys):
    import errno

    from poskinerja.cli import utama as cli
    from poskinerja.kompilasi import generasi
    from poskinerja.kompilasi import jalan as K

    _, master_path, masuk = lembaga
    keluar = tmp_path / "keluar"
    args = ["kompilasi", str(masuk), "--master", str(master_path), "--triwulan", "1", "--keluar", str(keluar)]

    def disk_full(hasil, dest, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(dest))
    monkeypatch.setattr(K, "tulis_rekap", disk_full)
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert f"{keluar / REKAP}: ruang disk penuh" in err and ".~" not in err
    monkeypatch.undo()

    def read_only(path):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))
    monkeypatch.setattr(generasi, "_buka_kunci", read_only)
    assert cli.main(args) == 1
    err = capsys.readouterr().err
    assert f"{keluar}: akses ditolak" in err and ".~" not in err
    assert not keluar.exists()  # made for this run, left as it was found


def test_format_workers_end_with_a_killed_format(lembaga, tmp_path):
    _, master_path, _ = lembaga
    ended_with_workers = 0
    for i in range(2):
        run = subprocess.Popen([sys.executable, "-m", "poskinerja", "format", str(master_path), "--keluar",
                                str(tmp_path / f"formulir{i}"), "--proses", "2"], env=ENV,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        workers: list[int] = []
        deadline = time.monotonic() + 20
        while not workers and run.poll() is None and time.monotonic() < deadline:
            workers = _children(run.pid)
        run.kill()
        run.wait()
        ended_with_workers += bool(workers)
        _assert_workers_end(workers, f"format {i}")
    assert ended_with_workers >= 1
