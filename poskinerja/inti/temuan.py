"""Problems found in data (Temuan): one table of stable codes and Indonesian
message templates; records carry the file, sheet and cell they are about.

Validation never raises on bad data: it returns a list of these.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

# kode: (message template, description of when it is raised)
KODE: dict[str, tuple[str, str]] = {
    # --- forms returned by staff (kompilasi) ---
    "FILE_RUSAK": ("Berkas tidak dapat dibaca sebagai lembar kerja Excel ({alasan}). Buka berkas itu di Excel dan "
                   "simpan ulang sebagai Buku Kerja Excel (.xlsx), atau pakai salinan yang utuh.",
                   "Berkas rusak, terpotong, terkunci kata sandi, atau bukan xlsx."),
    "BERKAS_TERLALU_BESAR": ("Berkas tidak dibaca: {alasan}, jauh melebihi formulir mana pun.",
                             "Ukuran berkas, isi arsip zip atau rentang sel lembar melewati batas "
                             "yang tidak pernah didekati formulir asli; berkas tidak diurai."),
    "BUKAN_FORMULIR": ("Berkas ini bukan formulir poskinerja (lembar metadata tidak ada).",
                       "Lembar kerja tanpa metadata formulir."),
    "TAHUN_BERBEDA": ("Formulir untuk tahun {tahun_formulir}, sedangkan kompilasi untuk tahun {tahun}.",
                      "Tahun formulir tidak sama dengan tahun master."),
    "VERSI_FORMULIR_LAMA": ("Versi formulir {versi_formulir} tidak didukung (versi sekarang {versi}); "
                            "minta ASN mengisi formulir terbaru.",
                            "Formulir dibuat oleh versi lama yang tata letaknya berbeda."),
    "NIP_TIDAK_DIKENAL": ("NIP {nip} pada formulir tidak terdaftar di master.",
                          "Formulir milik ASN yang tidak ada di lembar ASN master."),
    "DUPLIKAT": ("Ada {jumlah} formulir untuk NIP {nip}; yang dipakai adalah {dasar}: "
                 "{dipakai}. Diabaikan: {diabaikan}.",
                 "Lebih dari satu formulir untuk satu ASN."),
    "IDENTITAS_TIDAK_COCOK": ("Identitas formulir \"{berkas}\" tidak cocok: {sumber}, sedangkan "
                              "{metadata} berisi NIP {nip}. Berkas ini tidak menggantikan formulir "
                              "NIP {nip} lain yang identitasnya cocok; pastikan siapa pemilik berkas ini.",
                              "NIP di metadata, NIP yang tampil di formulir, NIP di nama berkas, dan "
                              "sidik isian praisi tidak saling cocok."),
    "NILAI_TIDAK_VALID": ("Nilai \"{mentah}\" pada {kolom} bukan angka yang dapat dibaca{saran}.",
                          "Isian realisasi yang tidak dapat dibaca sebagai angka, atau negatif."),
    "NILAI_KOSONG": ("Realisasi TW {tw} untuk indikator \"{indikator}\" belum diisi.",
                     "Realisasi triwulan yang diminta kosong."),
    "NILAI_PERSEN": ("Nilai diketik sebagai persen ({mentah}); dibaca sebagai {nilai}.",
                     "Angka berformat persen pada indikator bersatuan %: 0,85 dibaca 85."),
    "PRAISI_DIUBAH": ("{kolom} pada formulir (\"{isi_formulir}\") berbeda dengan master (\"{isi_master}\"); "
                      "yang dipakai adalah nilai master.",
                      "Isian yang diisikan dari master telah diubah di formulir."),
    "INDIKATOR_TIDAK_DIKENAL": ("Indikator berkode {kode_indikator} tidak ada di master untuk NIP {nip}; "
                                "baris ini tidak digabungkan.",
                                "Baris indikator di formulir yang tidak ada di master."),
    "INDIKATOR_HILANG": ("Indikator berkode {kode_indikator} dari master tidak ditemukan di formulir.",
                         "Baris indikator master yang hilang dari formulir."),
    "STATUS_TIDAK_VALID": ("Status kegiatan \"{mentah}\" tidak dikenal; pilih salah satu: {pilihan}.",
                           "Isian status kegiatan di luar daftar pilihan."),
    "BELUM_MENGUMPULKAN": ("{nama} ({unit}) belum mengumpulkan formulir.",
                           "ASN di master tanpa formulir di folder."),
    "TERLAMBAT": ("Formulir disimpan {disimpan}, melewati batas TW {tw} ({batas}).",
                  "Formulir disimpan sesudah batas pengumpulan triwulan."),
    # --- internal evaluation workbook ---
    "JAWABAN_KOSONG": ("Kriteria {kode_kriteria} belum dijawab; dihitung 0.",
                       "Kriteria LKE tanpa jawaban unit maupun evaluator."),
    "JAWABAN_TIDAK_VALID": ("Jawaban \"{mentah}\" untuk kriteria {kode_kriteria} tidak valid; pilih salah satu: "
                            "{pilihan}. Dihitung 0.", "Jawaban LKE di luar AA/A/BB/B/CC/C/D/E."),
    # --- master workbook ---
    "MASTER_LEMBAR_HILANG": ("Lembar \"{sheet}\" tidak ada di master.", "Lembar wajib tidak ada."),
    "MASTER_LEMBAR_GANDA": ("Ada beberapa lembar bernama \"{sheet}\" yang hanya berbeda huruf besar/kecil "
                            "atau spasi: {daftar}. Hapus atau ganti nama lembar yang tidak dipakai, agar jelas "
                            "lembar mana yang dibaca.", "Dua lembar yang namanya hanya berbeda huruf atau spasi."),
    "MASTER_TEKS_TIDAK_VALID": ("{lokasi}: teks memuat {alasan} yang tidak dapat dimuat di dokumen Word/Excel; "
                                "karakter itu dibuang di setiap keluaran. Hapus karakter itu (ketik ulang "
                                "teksnya) agar master sama dengan keluarannya.",
                                "Karakter kendali atau bukan-karakter di teks master (peringatan)."),
    "MASTER_KOLOM_HILANG": ("Kolom \"{kolom}\" tidak ada di baris judul (baris 1) lembar \"{sheet}\".",
                            "Kolom wajib tidak ada."),
    "MASTER_PENGATURAN": ("Pengaturan \"{kunci}\": {alasan}.", "Isian lembar Pengaturan tidak benar."),
    "MASTER_WAJIB_KOSONG": ("{lokasi}: kolom {kolom} wajib diisi.", "Isian wajib kosong."),
    "MASTER_NIP_TIDAK_VALID": ("{lokasi}: NIP \"{mentah}\" tidak valid: {alasan}.",
                               "NIP bukan 18 digit, tanggal lahir mustahil, atau tersimpan sebagai angka."),
    "MASTER_NIP_GANDA": ("{lokasi}: NIP {nip} sudah dipakai di baris {baris_lain}.", "NIP ganda."),
    "MASTER_UNIT_TIDAK_DIKENAL": ("{lokasi}: kode_unit \"{kode_unit}\" tidak ada di lembar Unit.",
                                  "Kode unit tidak dikenal."),
    "MASTER_KODE_GANDA": ("{lokasi}: kode \"{kode_baris}\" sudah dipakai di baris {baris_lain} untuk NIP {nip}.",
                          "Kode indikator/kegiatan ganda untuk satu ASN."),
    "MASTER_NIP_TIDAK_DIKENAL": ("{lokasi}: {kolom} \"{nip}\" tidak ada di lembar ASN.",
                                 "NIP (atasan, kepala unit, pemilik indikator) tidak dikenal."),
    "MASTER_ANGKA_TIDAK_VALID": ("{lokasi}: {kolom} \"{mentah}\" bukan angka{alasan}.",
                                 "Target/pagu/bobot bukan angka atau negatif."),
    "MASTER_TARGET_TIDAK_SESUAI": ("{lokasi}: {alasan}.",
                                   "Target triwulan tidak cocok dengan target tahun."),
    "MASTER_PILIHAN_TIDAK_VALID": ("{lokasi}: {kolom} \"{mentah}\" harus salah satu dari: {pilihan}.",
                                   "Polaritas, kumulatif atau jenis di luar pilihan."),
    "MASTER_KODE_TIDAK_DIKENAL": ("{lokasi}: kode_indikator \"{kode_baris}\" tidak ada di lembar Indikator.",
                                  "Kegiatan menunjuk indikator yang tidak ada."),
    "MASTER_BULAN_TIDAK_VALID": ("{lokasi}: {kolom} \"{mentah}\" harus bulan 1–12{alasan}.",
                                 "Bulan di luar 1–12."),
}


@dataclass(frozen=True)
class Temuan:
    kode: str
    pesan: str
    nip: str = ""
    file: str = ""
    sheet: str = ""
    sel: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        where = " ".join(p for p in (self.file, f"lembar {self.sheet}" if self.sheet else "",
                                      f"sel {self.sel}" if self.sel else "") if p)
        return f"[{self.kode}] {where}: {self.pesan}" if where else f"[{self.kode}] {self.pesan}"


def buat(kode: str, *, nip: str = "", file: str = "", sheet: str = "", sel: str = "",
         **fields) -> Temuan:
    """A Temuan with its message filled from the code's template."""
    template = KODE[kode][0]
    return Temuan(kode, template.format(nip=nip, sheet=sheet, **fields), nip, file, sheet, sel)


def keterangan(kode: str) -> str:
    """What a code means, in one line."""
    return KODE[kode][1] if kode in KODE else ""


COLUMNS = ("kode", "nip", "file", "sheet", "sel", "pesan")
