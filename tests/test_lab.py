"""`make lab` for analysts: JupyterLab on the project folder (as root too, with LAB_ARGS), the
project's `orgsocial` kernel with the venv's bin on PATH, scratch notebooks ignored by git and
ruff, outputs stripped from notebooks by a git filter, and notebook 02 run in Dutch in a real
JupyterLab driven through Debian's chromium (Playwright's Python package, no browser download).

The Makefile's targets are run for real with ``make -o <venv>/.installed`` so that a test never
rebuilds the venv, and with every place they write to pointed at a temporary folder."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from conftest import CHROMIUM, CHROMIUM_FLAGS, small_demo
from orgsocial import __version__

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/02_business_unit.ipynb"
VENV = Path(sys.prefix)
MAKE = shutil.which("make")
GIT = shutil.which("git")
#: JupyterLab's settings for the test: nothing is saved behind our back, every cell is in
#: the page (no virtual scrolling), no news or update checks.
LAB_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {
        "fetchNews": "false",
        "checkForUpdates": False,
    },
}
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")
needs_git = pytest.mark.skipif(GIT is None, reason="git is not installed")


def make(*arguments: str, cwd: Path = ROOT, **variables: str) -> subprocess.CompletedProcess:
    """Run the project's Makefile in ``cwd`` with this Python's venv, never rebuilding it."""
    command = [
        str(MAKE),
        "--no-print-directory",
        "-f",
        str(ROOT / "Makefile"),
        "-C",
        str(cwd),
        "-o",
        str(VENV / ".installed"),
        f"VENV={VENV}",
        *(f"{name}={value}" for name, value in variables.items()),
        *arguments,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def git(repo: Path, *arguments: str) -> str:
    """Run git in ``repo`` (an author is given, so committing works anywhere); its output."""
    command = [str(GIT), "-c", "user.name=test", "-c", "user.email=test@example.org"]
    result = subprocess.run(
        [*command, *arguments], cwd=repo, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


# ---------------------------------------------------------------------------- make lab


@needs_make
def test_lab_opens_the_project_folder_with_the_options_given():
    result = make("-n", "lab", LAB_ARGS="--no-browser --port 8899")
    assert result.returncode == 0, result.stderr
    commands = result.stdout.replace("\\\n", " ").splitlines()
    words = shlex.split(next(line for line in commands if "jupyter lab" in line))
    assert "--ServerApp.root_dir=." in words
    assert words[-3:] == ["--no-browser", "--port", "8899"]
    assert "--MappingKernelManager.default_kernel_name=orgsocial" in words
    assert ("--allow-root" in words) == (os.geteuid() == 0)
    assert words[0] == f"PATH={VENV / 'bin'}:$PATH"


# ---------------------------------------------------------------------------- the kernel


@pytest.fixture(scope="module")
def kernel_prefix(tmp_path_factory) -> Path:
    """The `orgsocial` kernel as `make kernel` installs it, into a temporary prefix."""
    if MAKE is None:
        pytest.skip("make is not installed")
    prefix = tmp_path_factory.mktemp("kernel")
    result = make("kernel", KERNEL_PREFIX=str(prefix))
    assert result.returncode == 0, result.stdout + result.stderr
    return prefix


def test_kernel_is_named_and_puts_the_venv_first_on_path(kernel_prefix):
    spec = json.loads(
        (kernel_prefix / "share/jupyter/kernels/orgsocial/kernel.json").read_text("utf-8")
    )
    assert spec["display_name"] == "orgsocial (.venv)"
    assert spec["argv"][0] == str(VENV / "bin" / "python")
    assert spec["env"]["PATH"] == f"{VENV / 'bin'}:${{PATH}}"


def test_kernel_install_is_idempotent(kernel_prefix):
    spec = kernel_prefix / "share/jupyter/kernels/orgsocial/kernel.json"
    before = spec.stat().st_mtime_ns
    result = make("kernel", KERNEL_PREFIX=str(kernel_prefix))
    assert result.returncode == 0, result.stderr
    assert spec.stat().st_mtime_ns == before


def test_orgsocial_command_runs_in_the_kernel(kernel_prefix):
    """`!orgsocial --version` in a notebook, started from a PATH without the venv."""
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    specs = KernelSpecManager(kernel_dirs=[str(kernel_prefix / "share/jupyter/kernels")])
    manager = KernelManager(kernel_name="orgsocial", kernel_spec_manager=specs)
    manager.start_kernel(env={**os.environ, "PATH": "/usr/bin:/bin"})
    client = manager.client()
    client.start_channels()
    lines: list[str] = []

    def collect(message: dict) -> None:
        if message["msg_type"] == "stream":
            lines.append(message["content"]["text"])

    try:
        client.wait_for_ready(timeout=60)
        client.execute_interactive(
            "!orgsocial --version\nimport sys; print(sys.prefix)",
            timeout=60,
            output_hook=collect,
        )
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    assert "".join(lines).split() == [__version__, str(VENV)]


# ---------------------------------------------------------------------------- scratch notebooks


@needs_git
def test_scratch_notebooks_are_ignored_by_git():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    ignored = subprocess.run(
        [str(GIT), "check-ignore", "-q", "notebooks/scratch/my-analysis.ipynb"], cwd=ROOT
    )
    kept = subprocess.run([str(GIT), "check-ignore", "-q", "notebooks/scratch/README.md"], cwd=ROOT)
    assert ignored.returncode == 0
    assert kept.returncode == 1
    assert (ROOT / "notebooks/scratch/README.md").is_file()


def test_scratch_notebooks_are_left_out_of_ruff(tmp_path):
    """`make test` runs ruff on notebooks/: an analyst's scratch notebook must not fail it."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    sloppy = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os,sys\nx=1 ;y=2")])
    (tmp_path / "notebooks/scratch").mkdir(parents=True)
    nbformat.write(sloppy, tmp_path / "notebooks/scratch/mine.ipynb")
    ruff = [str(VENV / "bin" / "ruff"), "check", "--no-cache", "notebooks"]
    scratch_only = subprocess.run(ruff, cwd=tmp_path, capture_output=True, text=True)
    assert scratch_only.returncode == 0, scratch_only.stdout + scratch_only.stderr
    nbformat.write(sloppy, tmp_path / "notebooks/tracked.ipynb")  # the same outside fails
    both = subprocess.run(ruff, cwd=tmp_path, capture_output=True, text=True)
    assert both.returncode == 1, both.stderr
    assert "tracked.ipynb" in both.stdout and "mine.ipynb" not in both.stdout


# ---------------------------------------------------------------------------- outputs stripped


@needs_git
def test_committed_notebooks_have_no_outputs():
    """What is committed (not the working copy, which may hold a run's outputs)."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    names = git(ROOT, "ls-tree", "-r", "--name-only", "HEAD", "notebooks").split()
    notebooks = [name for name in names if name.endswith(".ipynb")]
    assert notebooks
    for name in notebooks:
        notebook = nbformat.reads(git(ROOT, "show", f"HEAD:{name}"), as_version=4)
        for cell in notebook.cells:
            if cell.cell_type == "code":
                assert cell.outputs == [], f"{name}: a cell has outputs"
                assert cell.execution_count is None, f"{name}: a cell has a count"


def small_notebook() -> nbformat.NotebookNode:
    """A notebook as it is committed: ids, a kernelspec, no outputs."""
    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_code_cell("x = 1", id="cell-00"),
        nbformat.v4.new_code_cell("print(x)", id="cell-01"),
    ]
    notebook.metadata = {
        "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
        "language_info": {"name": "python"},
    }
    return notebook


def ran(notebook: nbformat.NotebookNode, source: str | None = None) -> nbformat.NotebookNode:
    """The notebook as a run saves it: outputs, counts, the kernel's language_info."""
    notebook = nbformat.from_dict(json.loads(nbformat.writes(notebook)))
    if source is not None:
        notebook.cells[1].source = source
    for count, cell in enumerate(notebook.cells, 1):
        cell.execution_count = count
        cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="OUTPUT-TEXT\n")]
    notebook.cells[0].outputs.append(
        nbformat.v4.new_output("display_data", data={"image/png": "iVBORw0KGgo="})
    )
    notebook.metadata["language_info"] = {
        "codemirror_mode": {"name": "ipython", "version": 3},
        "file_extension": ".py",
        "mimetype": "text/x-python",
        "name": "python",
        "nbconvert_exporter": "python",
        "pygments_lexer": "ipython3",
        "version": "3.11.7",
    }
    return notebook


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git checkout holding one committed notebook, with the project's filter registered."""
    if MAKE is None or GIT is None:
        pytest.skip("make and git are needed")
    folder = tmp_path / "checkout"
    folder.mkdir()
    git(folder, "init", "-q")
    nbformat.write(small_notebook(), folder / "analysis.ipynb")
    git(folder, "add", "analysis.ipynb")
    git(folder, "commit", "-q", "-m", "notebook")
    result = make("git-filter", cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_a_notebook_that_ran_is_unchanged_for_git(repo):
    nbformat.write(ran(small_notebook()), repo / "analysis.ipynb")
    assert git(repo, "diff") == ""
    git(repo, "add", "--all")
    assert git(repo, "diff", "--cached") == ""
    assert git(repo, "status", "--porcelain") == ""


def test_diff_and_commit_of_an_edited_notebook_show_the_edit_without_outputs(repo):
    nbformat.write(ran(small_notebook(), "print(x + 1)"), repo / "analysis.ipynb")
    diff = git(repo, "diff")
    assert '+    "print(x + 1)"' in diff
    assert "OUTPUT-TEXT" not in diff and "image/png" not in diff and "3.11.7" not in diff
    git(repo, "commit", "-q", "-a", "-m", "edit")
    committed = nbformat.reads(git(repo, "show", "HEAD:analysis.ipynb"), as_version=4)
    expected = small_notebook()
    expected.cells[1].source = "print(x + 1)"
    assert committed == expected


@needs_make
def test_git_filter_outside_a_checkout_is_a_note_not_a_failure(tmp_path):
    unpacked = tmp_path / "orgsocial-main"  # as from a downloaded zip
    unpacked.mkdir()
    result = make("git-filter", cwd=unpacked)
    assert result.returncode == 0, result.stderr
    assert "not a git checkout" in result.stdout


@needs_make
@needs_git
def test_git_filter_leaves_an_enclosing_repository_alone(tmp_path):
    git(tmp_path, "init", "-q")
    inside = tmp_path / "downloads" / "orgsocial-main"
    inside.mkdir(parents=True)
    result = make("git-filter", cwd=inside)
    assert result.returncode == 0, result.stderr
    assert "not a git checkout" in result.stdout
    assert "nbstripout" not in (tmp_path / ".git/config").read_text()


# ---------------------------------------------------------------------------- real JupyterLab


def free_port() -> int:
    """A TCP port on the loopback interface that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_server(url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    """Wait until Jupyter Server answers ``url``; fail with its log if it stops or never does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"JupyterLab stopped ({process.returncode}):\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.5)
    pytest.fail(f"JupyterLab did not answer within {timeout:.0f} s:\n{log.read_text()}")


def stop_server(base: str, token: str, process: subprocess.Popen) -> None:
    """Shut Jupyter Server down (its kernels too); kill its process group if it hangs."""
    request = urllib.request.Request(
        f"{base}/api/shutdown", method="POST", headers={"Authorization": f"token {token}"}
    )
    try:
        urllib.request.urlopen(request, timeout=10).close()
        process.wait(timeout=30)
    except (urllib.error.URLError, ConnectionError, TimeoutError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(scope="module")
def lab(tmp_path_factory, kernel_prefix) -> Iterator[dict[str, object]]:
    """JupyterLab as `make lab` starts it (options through LAB_ARGS), on a free port, with
    its settings and workspaces in a temporary folder and a small demo organisation."""
    if MAKE is None:
        pytest.skip("make is not installed")
    home = tmp_path_factory.mktemp("lab")
    dataset = home / "demo"
    plan = (("Centre", 3), ("East", 4), ("North", 1), ("West", 2))
    small_demo(dataset, 4, plan)
    settings = home / "settings"
    for plugin, values in LAB_SETTINGS.items():
        path = settings / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), "utf-8")
    port, token = free_port(), "orgsocial-test-token"
    options = [
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        f"--IdentityProvider.token={token}",
        f"--LabApp.user_settings_dir={settings}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        f"--FileCheckpoints.root_dir={home / 'checkpoints'}",  # none in the project
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = home / "lab.log"
    environment = {
        **os.environ,
        "JUPYTER_PATH": str(kernel_prefix / "share/jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    environment.pop("MPLBACKEND", None)  # the kernel's own default, as for an analyst
    command = [
        str(MAKE),
        "--no-print-directory",
        "-C",
        str(ROOT),
        "-o",
        str(VENV / ".installed"),
        f"VENV={VENV}",
        f"KERNEL_PREFIX={kernel_prefix}",
        f"DEMO={dataset}",
        f"LAB_ARGS={shlex.join(options)}",
        "lab",
    ]
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for_server(f"{base}/api/status?token={token}", process, log, timeout=120)
        yield {"url": base, "token": token, "dataset": dataset}
    finally:
        stop_server(base, token, process)


def parameters_for(dataset: Path, lang: str) -> str:
    """The tracked notebook's parameters cell with ``dataset`` (relative to notebooks/, so
    it is found only when the kernel runs in the notebook's folder) and ``lang`` changed."""
    notebook = nbformat.read(ROOT / NOTEBOOK, as_version=4)
    cell = next(c for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    relative = os.path.relpath(dataset, ROOT / "notebooks")
    source, changed = re.subn(
        r'^(dataset: str = )"[^"]*"', rf'\g<1>"{relative}"', cell.source, flags=re.M
    )
    source, changed_lang = re.subn(r'^(lang: str = )"[^"]*"', rf'\g<1>"{lang}"', source, flags=re.M)
    assert changed == changed_lang == 1, cell.source
    return source


#: The open notebook's code cells as nbformat JSON, and tests on an output (JavaScript).
CODE_CELLS = (
    "window.jupyterapp.shell.currentWidget.content.model.toJSON().cells"
    ".filter(cell => cell.cell_type === 'code')"
)
FIGURE = "o => o.output_type !== 'error' && o.data !== undefined && 'image/svg+xml' in o.data"
ERROR = "o => o.output_type === 'error'"


@pytest.mark.e2e
@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_notebook_02_runs_in_dutch_in_jupyterlab(lab, record_property):
    sync_api = pytest.importorskip("playwright.sync_api")
    tracked = (ROOT / NOTEBOOK).read_bytes()
    parameters = parameters_for(lab["dataset"], "nl")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(120_000)
            page.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                    else route.abort()
                ),
            )
            opened = time.monotonic()
            page.goto(f"{lab['url']}/lab/tree/{NOTEBOOK}?token={lab['token']}")
            notebook = page.locator(".jp-NotebookPanel:visible .jp-Notebook")
            notebook.locator(".jp-Cell").first.wait_for()
            wait_for_kernel(page, "idle")

            editor = notebook.locator(".jp-CodeCell").first.locator(".cm-content")
            editor.click()
            page.keyboard.press("Control+a")
            page.keyboard.insert_text(parameters)
            page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
            page.locator('.lm-Menu-item[data-command="runmenu:run-all"]').click()

            page.wait_for_function(  # the first figure, or an error that means none comes
                f"() => {CODE_CELLS}.some(c => c.outputs.some({FIGURE}) || c.outputs.some({ERROR}))"
            )
            record_property("seconds_to_first_figure", round(time.monotonic() - opened, 1))
            wait_for_run(page)
            cells = page.evaluate(
                "window.jupyterapp.shell.currentWidget.content.model.toJSON().cells"
            )
            shown = notebook.locator(".jp-OutputArea").all_inner_texts()
            headings = notebook.locator(".jp-OutputArea h1").all_inner_texts()
            command = run_in_kernel(page, "!orgsocial --version")

            page.keyboard.press("Alt+w")  # close the tab and discard the edit
            page.locator(".jp-Dialog button", has_text="Discard").click()
            page.locator(".jp-NotebookPanel").wait_for(state="detached")
        finally:
            browser.close()

    code = [cell for cell in cells if cell["cell_type"] == "code"]
    assert code[0]["source"] == parameters
    errors = [o for c in code for o in c["outputs"] if o["output_type"] == "error"]
    assert errors == [], [f"{e['ename']}: {e['evalue']}" for e in errors]
    assert all(c["execution_count"] for c in code)
    figures = [o for c in code for o in c["outputs"] if "image/svg+xml" in o.get("data", {})]
    assert len(figures) >= 3
    text = "\n".join(shown)
    assert headings and headings[0].startswith("Bedrijfsonderdeel: ")
    assert "Business unit:" not in text
    assert command.split() == [__version__]  # `make lab` puts the venv's bin on PATH
    assert (ROOT / NOTEBOOK).read_bytes() == tracked


def wait_for_kernel(page, status: str) -> None:
    """Wait until the open notebook's kernel reports ``status``."""
    page.wait_for_function(
        """status => {
            const widget = window.jupyterapp && window.jupyterapp.shell.currentWidget;
            const kernel = widget && widget.sessionContext && widget.sessionContext.session
                && widget.sessionContext.session.kernel;
            return kernel && kernel.status === status;
        }""",
        arg=status,
    )


def wait_for_run(page) -> None:
    """Wait until a "Run All" is over: the kernel idle, no cell pending, and every code cell
    run or one failed (JupyterLab then leaves the cells below it unrun)."""
    page.wait_for_function(
        f"""() => {{
            const widget = window.jupyterapp.shell.currentWidget;
            const cells = {CODE_CELLS};
            const pending = widget.content.node.querySelectorAll('.jp-mod-pending').length;
            const over = cells.every(cell => cell.execution_count !== null)
                || cells.some(cell => cell.outputs.some({ERROR}));
            return widget.sessionContext.session.kernel.status === 'idle' && !pending && over;
        }}"""
    )


def run_in_kernel(page, code: str) -> str:
    """Run ``code`` in the open notebook's kernel (not in a cell); what it printed."""
    return page.evaluate(
        """async code => {
            const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
            const future = kernel.requestExecute({code, store_history: false});
            let printed = '';
            future.onIOPub = message => {
                if (message.header.msg_type === 'stream') printed += message.content.text;
            };
            await future.done;
            return printed;
        }""",
        code,
    )
