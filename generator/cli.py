"""The ``katalog`` command: a thin front end over content, validate and build."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from datetime import date
from pathlib import Path

from .cache import check_folder
from .content import Content, ContentDirError, load_content
from .location import REGISTRIES, OutputDirError, display_path, misplaced_problems, typed_paths
from .problems import Problem, format_problems, shown, sort_problems, summary, visible
from .rules import check_content
from .rules.review import GitError, added_since, new_samples
from .rules.verification import changed_verified, codeowners_problems
from .verification import codeowners_path

EXIT_OK, EXIT_ERRORS, EXIT_USAGE = 0, 1, 2

#: Set to 1 to let an unexpected exception end the command with its full traceback (for developers).
DEBUG_ENV = "KATALOG_DEBUG"


#: argparse's own words (usage, help, usage errors), said in Indonesian.
_ARGPARSE_ID = {
    "usage: ": "cara pakai: ",
    "positional arguments": "argumen",
    "options": "pilihan",
    "show this help message and exit": "tampilkan bantuan ini lalu keluar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: kesalahan: %(message)s\n",
    "the following arguments are required: %s": "argumen berikut wajib diisi: %s",
    "unrecognized arguments: %s": "argumen tidak dikenal: %s",
    "argument %(argument_name)s: %(message)s": "argumen %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "pilihan %(value)r tidak sah (pilih salah satu: %(choices)s)",
    "invalid %(type)s value: %(value)r": "nilai %(value)r tidak sah (harus %(type)s)",
    "expected one argument": "harus diikuti satu nilai",
    "ambiguous option: %(option)s could match %(matches)s": "pilihan %(option)s ambigu: bisa berarti %(matches)s",
    "not allowed with argument %s": "tidak boleh dipakai bersama %s",
    "ignored explicit argument %r": "nilai %r diabaikan",
}
argparse._ = lambda text: _ARGPARSE_ID.get(text, text)  # type: ignore[attr-defined]


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' bukan bilangan bulat; tulis angka saja, misalnya 2025") from None


def _day(text: str) -> date:
    try:
        if len(text) == 10 and text[4] == text[7] == "-":
            return date.fromisoformat(text)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' bukan tanggal TTTT-BB-HH yang ada, misalnya 2026-05-04")


#: What a reviewer may type for a verification status, and the status it means.
_STATUS_WORDS = {"terima": "diterima", "setuju": "diterima", "disetujui": "diterima", "sesuai": "diterima",
                 "tolak": "dikembalikan", "ditolak": "dikembalikan", "kembali": "dikembalikan", "kembalikan": "dikembalikan",
                 "revisi": "dikembalikan", "perbaiki": "dikembalikan"}


def _status(text: str) -> str:
    if text in ("diterima", "dikembalikan"):
        return text
    meant = _STATUS_WORDS.get(text.strip().lower()) or text.strip().lower()
    hint = f"; maksud Anda '{meant}'?" if meant in ("diterima", "dikembalikan") else ""
    raise argparse.ArgumentTypeError(f"'{text}' bukan status yang sah (diterima, dikembalikan){hint}")


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--content", default="content", metavar="DIR", help="folder konten (bawaan: content)")
    parser = argparse.ArgumentParser(prog="katalog", description="Katalog Inovasi Daerah: periksa, bangun dan pratinjau situs.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="PERINTAH")

    check = sub.add_parser("check", parents=[common], help="periksa berkas konten")
    check.add_argument("files", nargs="*", metavar="FILE", help="hanya berkas ini (beserta yang dirujuknya)")
    check.add_argument("--strict", action="store_true", help="peringatan dihitung sebagai kesalahan")
    check.add_argument("--semua", action="store_true", help="tampilkan setiap perangkat daerah yang belum memenuhi target "
                                                            "(bawaan: satu baris ringkasan)")
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help="bentuk keluaran")
    check.add_argument("--dasar", metavar="REV", help="rujukan Git (cabang/commit) dasar; berkas yang ditambahkan sejak "
                                                      "rujukan itu diperiksa sebagai usulan baru")

    build = sub.add_parser("build", parents=[common], help="periksa lalu bangun situs")
    build.add_argument("--site", default="site", metavar="DIR", help="folder hasil (bawaan: site)")
    build.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="berkas konfigurasi MkDocs")
    build.add_argument("--strict", action="store_true", help="peringatan MkDocs dihitung sebagai kesalahan")
    build.add_argument("--mesin", choices=("mkdocs", "zensical"), default="mkdocs",
                       help="mesin situs (bawaan: mkdocs; zensical: penerus Material for MkDocs, lihat README)")

    serve = sub.add_parser("serve", parents=[common], help="pratinjau langsung di peramban")
    serve.add_argument("--config", default="mkdocs.yml", metavar="FILE", help="berkas konfigurasi MkDocs")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="ALAMAT", help="alamat:port (bawaan 127.0.0.1:8000)")

    new = sub.add_parser("new", parents=[common], help="buat berkas inovasi baru dari templat")
    new.add_argument("nama", nargs="?", help="nama inovasi; tanpa nama, perintah ini bertanya langsung di terminal")
    new.add_argument("--unit", metavar="ID", help="id perangkat daerah pemilik (dari perangkat-daerah.yml)")
    new.add_argument("--slug", metavar="SLUG", help="nama berkas dan alamat halaman (bawaan: diturunkan dari nama)")
    new.add_argument("--tahun", type=_whole_number, metavar="TAHUN", help="tahun inovasi diusulkan (bawaan: tahun ini)")
    generate = sub.add_parser("generate", parents=[common], help="tulis halaman Markdown hasil generator ke folder")
    generate.add_argument("--out", required=True, metavar="DIR", help="folder keluaran (berkas yang tidak berubah tidak ditulis "
                                                                      "ulang)")

    verify = sub.add_parser("verifikasi", parents=[common], help="catat hasil verifikasi IID Bapperida atas satu inovasi",
                            description="Mencatat keputusan verifikator di content/verifikasi/SLUG.yml, terikat pada sidik "
                                        "nilai dan bukti saat ini: bila perangkat daerah mengubahnya, indikator itu kembali "
                                        "menunggu verifikasi.")
    verify.add_argument("slug", metavar="SLUG", help="inovasi yang diverifikasi: nama berkasnya tanpa .yml")
    which = verify.add_mutually_exclusive_group()
    which.add_argument("--indikator", nargs="+", metavar="KUNCI", help="indikator yang diverifikasi, misalnya regulasi sdm "
                                                                       "(bawaan: inovasi dan semua indikator yang sudah diisi)")
    which.add_argument("--inovasi", action="store_true", help="hanya inovasi secara keseluruhan (profil, kelayakan)")
    verify.add_argument("--status", required=True, type=_status, metavar="{diterima,dikembalikan}",
                        help="keputusan verifikator")
    verify.add_argument("--catatan", required=True, metavar="TEKS", help="alasan keputusan; untuk dikembalikan: apa yang "
                                                                         "harus diperbaiki")
    verify.add_argument("--oleh", metavar="NAMA", help="nama atau akun GitHub verifikator (bawaan: git config user.name)")
    verify.add_argument("--tanggal", type=_day, metavar="TTTT-BB-HH", help="tanggal verifikasi (bawaan: hari ini, WIB)")

    migrate = sub.add_parser("migrasi-iid", parents=[common], help="ubah blok indikator lama ke bentuk IID 2026",
                             description="Mengubah blok indikator berkas inovasi ke bentuk IID 2026: kunci 'kualitas' menjadi "
                                         "'video', bukti berupa tautan atau satu nama berkas menjadi butir bukti (url atau "
                                         "berkas, dan keterangan), bukti berupa teks lain dipindah ke 'catatan' tanpa diubah. "
                                         "Nilai tidak diubah. Tanpa --tulis hanya menampilkan perubahan.")
    migrate.add_argument("files", nargs="*", metavar="FILE", help="hanya berkas ini (bawaan: semua berkas di content/inovasi/)")
    migrate.add_argument("--tulis", action="store_true", help="tulis perubahannya ke berkas (bawaan: hanya tampilkan)")

    report = sub.add_parser("laporan", parents=[common], help="tulis laporan internal IID dan ekspor untuk portal IID",
                            description="Menulis ke folder DIR: laporan internal IID lengkap (semua skor, apa pun "
                                        "iid.skor_publik), buku kerja Excel untuk portal IID (lembar Profil, Indikator, "
                                        "Ringkasan; hanya inovasi yang layak, tanpa inovasi contoh), folder bukti/ berisi "
                                        "berkas bukti bernama <slug>/<nomor>-<kunci>-<urutan> dan arsip ZIP-nya. Konten "
                                        "diperiksa dulu seperti katalog check; bila ada kesalahan, tidak ada yang ditulis.")
    report.add_argument("--out", required=True, metavar="DIR", help="folder hasil: folder baru, atau folder hasil katalog "
                                                                    "laporan sebelumnya (diganti seluruhnya)")
    report.add_argument("--contoh", action="store_true", help="uji coba: inovasi contoh (contoh: true) ikut dihitung dan "
                                                              "diekspor; semua berkas ditandai DATA CONTOH")
    report.add_argument("--tanggal", type=_day, metavar="TTTT-BB-HH", help="tanggal laporan, untuk sisa hari pelaporan "
                                                                           "(bawaan: hari ini, WIB)")

    sample = sub.add_parser("sample", help="buat katalog sintetis untuk uji kinerja")
    sample.add_argument("--count", type=_whole_number, required=True, metavar="N", help="jumlah inovasi")
    sample.add_argument("--out", required=True, metavar="DIR", help="folder konten baru (harus belum ada atau kosong)")
    sample.add_argument("--seed", type=_whole_number, default=1, metavar="S", help="benih acak (bawaan 1)")
    return parser


def _selected(problems: list[Problem], files: list[str], content_root: Path) -> list[Problem]:
    """Problems of the named files, plus errors in the registries they refer to."""
    wanted = {Path(f).resolve() for f in files}
    return [p for p in problems
            if (content_root / p.path).resolve() in wanted or (p.path in REGISTRIES and p.severity == "error")]


def _found(content: Content, every_unit: bool, whole: bool) -> list[Problem]:
    """What a check finds in the content; a whole check also compares the generated CODEOWNERS block (outside content/)."""
    problems = check_content(content, every_unit=every_unit)
    return [*problems, *codeowners_problems(content)] if whole else problems


def cmd_check(args: argparse.Namespace) -> int:
    root = Path(args.content)
    for name in args.files:
        if Path(name).is_dir():
            print(f"katalog: '{name}' adalah folder; sebutkan berkasnya (misalnya {name.rstrip('/')}/<slug>.yml), "
                  "atau jalankan 'katalog check' tanpa nama berkas untuk memeriksa seluruh konten", file=sys.stderr)
            return EXIT_USAGE
        if not Path(name).exists():
            print(f"katalog: berkas '{name}' tidak ditemukan", file=sys.stderr)
            return EXIT_USAGE
    whole = not args.files
    try:
        # Reused from the last run when nothing it reads has changed (generator/cache.py).
        checked = check_folder(root, lambda content: _found(content, args.semua, whole),
                               options={"semua": args.semua, "seluruh": whole},
                               extra_inputs={"codeowners": codeowners_path(root)} if whole else None)
    except ContentDirError as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return EXIT_USAGE
    try:
        added = added_since(root, args.dasar) if args.dasar is not None else set()
        # verified indicators whose value or evidence the change alters: the reviewer sees them at their lines
        changed = changed_verified(checked.content, args.dasar) if args.dasar is not None else []
    except GitError as exc:
        print(f"katalog: --dasar: {exc}", file=sys.stderr)
        return EXIT_USAGE
    problems = checked.problems
    problems = sort_problems([*problems, *changed]) if changed else problems
    if added:  # files a pull request adds: new_samples warns on contoh: true; their problems come first
        problems = sort_problems([*problems, *new_samples(checked.content.innovations, added)])
        problems.sort(key=lambda p: p.path not in added)  # stable: file and line order kept
    # Files as the user types them from here (content/inovasi/x.yml); a named file outside content/ as typed.
    name = typed_paths(root, args.files)
    if args.files:
        # A named file the catalog never loads is reported, and checked as if it were in its place.
        found = [*_selected(problems, args.files, root), *misplaced_problems(args.files, root)]
        problems = sort_problems(shown(p, name) for p in found)
    else:
        problems = [shown(p, name) for p in problems]
    sys.stdout.write(format_problems(problems, args.format))
    count = len(args.files) if args.files else checked.count
    print(summary(problems, count), file=sys.stderr)
    failing = [p for p in problems if p.severity == "error" or args.strict]
    return EXIT_ERRORS if failing else EXIT_OK


def _build_failed(exc: Exception, content: str) -> int:
    """Print why a build or generation failed: the content's problem lines, then the reason."""
    sys.stdout.write(format_problems(getattr(exc, "problems", []), "text", typed_paths(Path(content))))
    print(f"katalog: {exc}", file=sys.stderr)
    return EXIT_ERRORS


def cmd_build(args: argparse.Namespace) -> int:
    from .build import BuildError, build_site

    try:
        if args.mesin == "zensical":
            from .zensical import build_with_zensical

            build_with_zensical(Path(args.config), Path(args.content), Path(args.site), strict=args.strict)
        else:
            build_site(Path(args.config), Path(args.content), Path(args.site), strict=args.strict)
    except (ContentDirError, OutputDirError) as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as exc:
        return _build_failed(exc, args.content)
    print(f"Situs dibangun di {args.site}/", file=sys.stderr)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from .build import serve_site

    return serve_site(Path(args.config), Path(args.content), args.dev_addr)


def cmd_new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_innovation

    try:
        path = new_innovation(Path(args.content), args.nama, args.unit, slug=args.slug, year=args.tahun,
                              interactive=sys.stdin.isatty())
    except ScaffoldError as exc:
        for message in exc.messages:
            print(f"katalog: {message}", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_ERRORS
    except (EOFError, KeyboardInterrupt) as exc:
        print("\nkatalog: dibatalkan; tidak ada berkas yang ditulis", file=sys.stderr)
        return 130 if isinstance(exc, KeyboardInterrupt) else EXIT_ERRORS
    shown = display_path(path)
    print(f"Berkas dibuat: {shown}")
    print(f"Langkah berikutnya: isi kolom bertanda ISI:, lalu jalankan katalog check {shown}")
    return EXIT_OK


def cmd_generate(args: argparse.Namespace) -> int:
    from .build import BuildError, generate_markdown

    try:
        changed = generate_markdown(Path(args.content), Path(args.out))
    except (ContentDirError, OutputDirError) as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BuildError as exc:
        return _build_failed(exc, args.content)
    print(f"{changed} berkas ditulis atau dihapus di {args.out}/", file=sys.stderr)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from . import clock
    from .verification import Decision, VerificationError, default_reviewer, write_verification

    root = Path(args.content)
    try:
        content = load_content(root)
    except ContentDirError as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return EXIT_USAGE
    oleh = args.oleh if args.oleh is not None else default_reviewer(root)
    if not oleh:
        print("katalog: tulis nama verifikator dengan --oleh NAMA (Git belum punya user.name)", file=sys.stderr)
        return EXIT_USAGE
    decision = Decision(args.status, args.catatan, oleh, args.tanggal or clock.today())
    try:
        written = write_verification(content, args.slug, decision, indicators=args.indikator, whole=args.inovasi)
    except VerificationError as exc:
        print(f"katalog: {visible(str(exc))}", file=sys.stderr)
        return EXIT_USAGE if exc.usage else EXIT_ERRORS
    for line in written:
        print(line)
    return EXIT_OK


def cmd_sample(args: argparse.Namespace) -> int:
    from .sample import write_sample

    out = Path(args.out)
    if args.count < 0:
        print("katalog: --count harus 0 atau lebih", file=sys.stderr)
        return EXIT_USAGE
    if out.exists() and any(out.iterdir()):
        print(f"katalog: folder '{out}' sudah berisi berkas; pilih folder baru", file=sys.stderr)
        return EXIT_USAGE
    write_sample(out, args.count, args.seed)
    print(f"{args.count} inovasi sintetis ditulis ke {out}/", file=sys.stderr)
    return EXIT_OK


def cmd_migrate(args: argparse.Namespace) -> int:
    from .migrate import run

    for name in args.files:
        if not Path(name).is_file():
            print(f"katalog: berkas '{name}' tidak ditemukan", file=sys.stderr)
            return EXIT_USAGE
    return run(Path(args.content), args.files, tulis=args.tulis, out=sys.stdout, err=sys.stderr)


def cmd_report(args: argparse.Namespace) -> int:
    from . import clock
    from .iid_export import ReportError, write_report

    try:
        written = write_report(Path(args.content), Path(args.out), today=args.tanggal or clock.today(), contoh=args.contoh)
    except (ContentDirError, OutputDirError) as exc:
        print(f"katalog: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ReportError as exc:
        return _build_failed(exc, args.content)
    for line in written.lines():
        print(visible(line))
    return EXIT_OK


class Terminated(KeyboardInterrupt):
    """SIGTERM (a CI job cancelled, ``timeout``, a service manager): stopped as Ctrl-C stops a command, so that what it
    started (temporary folders, Pagefind, the render process) is cleaned up on the way out."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``katalog`` command."""
    args = _parser().parse_args(argv)
    handler = {"check": cmd_check, "build": cmd_build, "serve": cmd_serve, "new": cmd_new, "sample": cmd_sample,
               "generate": cmd_generate, "verifikasi": cmd_verify, "migrasi-iid": cmd_migrate,
               "laporan": cmd_report}[args.command]
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:  # not the main thread (a caller's own thread): its handling stays
        previous = None
    try:
        return handler(args)
    except Terminated:
        return 128 + signal.SIGTERM
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``katalog check | head``): nothing left to say.
        _silence_stdout()
        return EXIT_ERRORS
    except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into one line
        if os.environ.get(DEBUG_ENV) == "1":
            raise
        print(f"katalog: {unexpected(exc)}", file=sys.stderr)
        return EXIT_ERRORS
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def unexpected(exc: BaseException) -> str:
    """One Indonesian line for an exception nobody expected: its type and message (as the plugin shows them)."""
    detail = visible(str(exc))[:300]
    what = type(exc).__name__ + (f": {detail}" if detail else "")
    return f"kesalahan tak terduga ({what}); jalankan ulang dengan {DEBUG_ENV}=1 untuk rinciannya"


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
