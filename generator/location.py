"""Where things are: output folders the tool may write to, and files the catalog publishes.

Two questions about places, both answered with resolved paths (symbolic links
followed), so that ``--site ./x/..`` or a link to the project cannot slip past:

* may ``katalog build`` / ``katalog generate`` write (and therefore delete) in a
  folder? Never in the content, the project or the generator's own sources;
* would a file named to ``katalog check FILE`` be published where it is? A file
  the catalog never loads is reported, and still checked as if it were moved
  to the place it belongs.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .problems import WHOLE_FILE, Problem, in_content, sort_problems

#: The generator's own source folder (never an output folder).
GENERATOR_DIR = Path(__file__).resolve().parent

#: The files of the catalog that live directly in the content folder.
REGISTRIES = ("katalog.yml", "perangkat-daerah.yml", "urusan.yml")
YAML_SUFFIXES = (".yml", ".yaml")


class OutputDirError(Exception):
    """An output folder the tool refuses to write to (exit code 2: bad usage)."""


# --- output folders -------------------------------------------------------------------------


def _relation(folder: Path, protected: Path) -> str | None:
    """How ``folder`` stands to ``protected`` (both resolved): same, contains, inside, or None."""
    if folder == protected:
        return "same"
    if folder in protected.parents:
        return "contains"
    if protected in folder.parents:
        return "inside"
    return None


def refuse_unsafe_output(out: Path, *, content: Path, projects: list[Path], option: str) -> None:
    """Raise OutputDirError when writing into ``out`` could destroy what the tool does not own.

    Refused: the content folder, a folder containing it or inside it; a project
    folder (where mkdocs.yml is, or the current folder) or any folder containing
    it; the generator's sources, a folder containing them or inside them.
    ``option`` is the command-line option that named ``out`` (for the message).
    """
    target = out.resolve()
    shown = f"folder hasil '{out}' ({option})"
    advice = "pilih folder lain, misalnya site" if option == "--site" else "pilih folder baru, misalnya keluaran"
    content_dir = content.resolve()
    relation = _relation(target, content_dir)
    if relation == "same":
        raise OutputDirError(f"{shown} adalah folder konten; isinya akan terhapus: {advice}")
    if relation == "contains":
        raise OutputDirError(f"{shown} berisi folder konten '{content}'; konten akan terhapus: {advice}")
    if relation == "inside":
        raise OutputDirError(f"{shown} berada di dalam folder konten '{content}'; hasil tidak boleh ditulis ke konten: {advice}")
    for project in projects:
        relation = _relation(target, project.resolve())
        if relation == "same":
            raise OutputDirError(f"{shown} adalah folder proyek '{project}'; seluruh proyek akan terhapus: {advice}")
        if relation == "contains":
            raise OutputDirError(f"{shown} berisi folder proyek '{project}'; seluruh proyek akan terhapus: {advice}")
    relation = _relation(target, GENERATOR_DIR)
    if relation is not None:
        where = {"same": "adalah", "contains": "berisi", "inside": "berada di dalam"}[relation]
        raise OutputDirError(f"{shown} {where} folder kode generator '{GENERATOR_DIR}'; kode katalog akan rusak: {advice}")


# --- files named to `katalog check FILE` ------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """Where a named file stands: ``loaded`` when the catalog reads it where it is."""

    loaded: bool
    #: For a file that is not loaded: what it seems to be (innovation, registry, page, media, other).
    kind: str = ""
    #: The reason, in Indonesian, and where it belongs.
    message: str = ""


# --- paths as the user types them (front ends only) ----------------------------------------


def display_path(path: Path) -> str:
    """The path as the user would type it: relative to the current directory when inside it."""
    absolute = os.path.abspath(path)
    cwd = os.getcwd()
    if absolute.startswith(cwd + os.sep):
        return absolute[len(cwd) + 1:]
    return str(path)


def content_relative(path: Path, root: Path) -> str:
    """``path`` (as typed) relative to the content folder ``root`` (as given), POSIX: the path a Problem carries."""
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def typed_paths(root: Path, typed: Iterable[str] = ()) -> Callable[[str], str]:
    """How the command line names a path relative to the content folder ``root`` (as given): as its user would type
    it from the current folder (``content/inovasi/x.yml``; the folder itself without a trailing slash, ``.`` for the
    current folder). A file outside the content folder that was named on the command line (``typed``) keeps its name."""
    by_place = {os.path.abspath(name): name for name in typed}

    def name(relative: str) -> str:
        path = root / relative if relative else root
        if ".." in PurePosixPath(relative).parts:
            absolute = os.path.abspath(path)
            if absolute in by_place:
                return display_path(Path(by_place[absolute]))
            path = Path(os.path.normpath(path))
        return display_path(path).rstrip("/\\") or "."

    return name


def _mention(folder: Path, root: Path) -> str:
    """A folder named in a message: one inside the content folder as a mention each front end names
    (:func:`~generator.problems.in_content`), another as the user would type it."""
    try:
        relative = folder.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return display_path(folder).rstrip("/\\") or "."
    return in_content("" if relative == "." else relative)


def placement(name: str, root: Path) -> Placement:
    """Whether the file ``name`` (as typed) is one the catalog in ``root`` loads, and if not, why."""
    path = Path(name)
    # The file's own name is kept: a symlink inside content/ is judged (and refused) by the loader.
    where = path.parent.resolve()
    base = path.name
    content = root.resolve()
    c = in_content()
    inovasi, halaman = content / "inovasi", content / "halaman"
    hidden = base.startswith(".")
    suffix = Path(base).suffix.lower()
    stem = base.lstrip(".")
    stem = stem[: -len(suffix)] if suffix and stem.lower().endswith(suffix) else stem
    if where == content and base in REGISTRIES:
        return Placement(True)
    if where == inovasi and not hidden:
        return Placement(True)
    if where == halaman and not hidden:
        return Placement(True)
    if where == content / "verifikasi" and not hidden:
        return Placement(True)
    if where == content / "iid" and not hidden:
        return Placement(True)

    if where == inovasi:  # a hidden file in inovasi/: the loader skips it
        return Placement(False, "innovation", f"berkas inovasi ini tidak akan diterbitkan karena namanya diawali titik "
                                              f"(berkas tersembunyi diabaikan); ganti nama menjadi {c}/inovasi/{stem}.yml")
    if where == halaman:
        return Placement(False, "page" if suffix == ".md" else "other",
                         f"berkas ini tidak akan diterbitkan karena namanya diawali titik (berkas tersembunyi diabaikan); "
                         f"ganti nama menjadi {c}/halaman/{stem}{suffix}")
    if suffix in YAML_SUFFIXES and stem + ".yml" in REGISTRIES:
        if where == content:
            return Placement(False, "registry", f"berkas ini tidak dibaca karena namanya bukan {stem}.yml; "
                                                f"ganti nama menjadi {c}/{stem}.yml")
        return Placement(False, "registry", f"berkas {stem}.yml ini tidak dibaca karena berada di luar {c}/; "
                                            f"katalog hanya membaca {c}/{stem}.yml: pindahkan ke sana")
    hint = _other_content_hint(where, content)
    if suffix in YAML_SUFFIXES:
        if inovasi in where.parents:
            reason = f"berada di subfolder {_mention(path.parent, root)}/, bukan langsung di {c}/inovasi/"
        else:
            reason = f"berada di luar {c}/inovasi/"
        return Placement(False, "innovation", f"berkas inovasi ini tidak akan diterbitkan karena {reason}; "
                                              f"pindahkan ke {c}/inovasi/{stem}.yml{hint}")
    if suffix == ".md":
        if halaman in where.parents:
            reason = f"berada di subfolder {_mention(path.parent, root)}/, bukan langsung di {c}/halaman/"
        else:
            reason = f"berada di luar {c}/halaman/"
        return Placement(False, "page", f"halaman ini tidak akan diterbitkan karena {reason}; "
                                        f"pindahkan ke {c}/halaman/{stem}.md{hint}")
    media = content / "media"
    if media in where.parents:
        slug = where.relative_to(media).parts[0]
        return Placement(False, "media", f"berkas media tidak diperiksa sendiri; gambar diperiksa bersama inovasinya: "
                                         f"jalankan katalog check {c}/inovasi/{slug}.yml")
    return Placement(False, "other", f"berkas ini tidak dibaca katalog dan tidak akan diterbitkan; katalog hanya membaca "
                                     f"berkas inovasi {c}/inovasi/<slug>.yml, halaman {c}/halaman/<nama>.md "
                                     f"dan {', '.join(f'{c}/{r}' for r in REGISTRIES)}{hint}")


def _other_content_hint(where: Path, content: Path) -> str:
    """When the file sits in another catalog's inovasi/ or halaman/ folder: suggest ``--content``."""
    if where.name in ("inovasi", "halaman") and (where.parent / "katalog.yml").is_file() and where.parent != content:
        return f" (atau, bila berkas ini milik katalog lain, jalankan dengan --content {_mention(where.parent, content)})"
    return ""


def misplaced_problems(files: list[str], root: Path) -> list[Problem]:
    """Problems of the named files the catalog in ``root`` would never load.

    Each gets one error saying where it belongs, plus the problems its content
    would have there: the real catalog is loaded again with the file put in its
    place (an innovation of the same file name, or the registry of that name,
    is replaced), and validated by the ordinary rules.
    """
    from .content import load_content, read_page, read_source
    from .rules import check_content

    out: list[Problem] = []
    placed = []
    for name in files:
        where = placement(name, root)
        if where.loaded:
            continue
        path = Path(name)
        out.append(Problem(content_relative(path, root), 1, 1, "error", WHOLE_FILE, where.message))
        if where.kind in ("innovation", "registry", "page"):
            placed.append((where.kind, path))
    if not placed:
        return sort_problems(out)

    content = load_content(root)
    wanted = set()
    for kind, path in placed:
        if kind == "page":
            source = read_page(path, content_relative(path, root))
            content.page_sources.append(source)
        else:
            source = read_source(path, content_relative(path, root))
            stem = path.name.lstrip(".").rsplit(".", 1)[0]
            if kind == "registry":
                setattr(content, {"katalog": "katalog", "perangkat-daerah": "units", "urusan": "affairs"}[stem], source)
            else:
                # The file takes the place of content/inovasi/<stem>.yml, as if it had been moved there.
                content.innovations = [s for s in content.innovations if Path(s.path).name != f"{stem}.yml"]
                content.innovations.append(source)
        wanted.add(source.path)
    problems = check_content(content)
    out.extend(p for p in problems if p.path in wanted)
    return sort_problems(out)
