"""Attacks on the organisation surfaces (the pre-receive hook's project config, clone URLs
that carry credentials), each tried as the one input an attacker controls.

Every test here failed on the code before its fix, unless it says it is a control;
docs/threat-model.md lists each attack with what stops it.
"""

from __future__ import annotations

import functools
import json
import secrets
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from binance_secrets.hooks.commands.config_from import ENV_CONFIG_FROM
from binance_secrets.plugins.detection.findings import fingerprint
from tests.cli_process import env_text, hooked_server, run_cli
from tests.fake_values import random_key
from tests.gitrepo import GitRepo, scratch_git_env


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return scratch_git_env(tmp_path)


def push(client: GitRepo, server: Path, *refs: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["git", "push", str(server), *(refs or ("main",))], cwd=client.path, env=client.env(),
        capture_output=True, text=True, check=False,
    )  # fmt: skip


def server_ref(server: Path, client: GitRepo, name: str) -> str:
    return subprocess.run(
        ["git", "rev-parse", "-q", "--verify", name], cwd=server, env=client.env(),
        capture_output=True, text=True, check=False,
    ).stdout.strip()  # fmt: skip


def served(tmp_path: Path, env: dict[str, str], files: dict[str, str]) -> tuple[Path, GitRepo]:
    """A bare server with the pre-receive hook whose main holds ``files`` (pushed clean),
    and the client that pushed it."""
    server = hooked_server(tmp_path, env)
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n", **files})
    done = push(client, server.path)
    assert done.returncode == 0, done.stderr
    return server.path, client


def ignoring(*values: str) -> str:
    return "".join(
        f'[[ignore]]\nfingerprint = "{fingerprint(value)}"\nreason = "accepted"\n\n'
        for value in values
    )


# -- the pre-receive hook judges a push by the config the server had ------------------------


@pytest.mark.parametrize("config", ["exclude everything", "ignore its own key"])
@pytest.mark.parametrize("file", [".binance-secrets.toml", "pyproject.toml"])
def test_a_push_cannot_bring_the_config_that_lets_its_own_key_through(
    tmp_path: Path, env: dict[str, str], config: str, file: str
) -> None:
    """The attack: one push to the default branch adds a key and, beside it, a project
    config that excludes every path or ignores that key's fingerprint. The hook read the
    config of the pushed tip, so the push judged itself and passed (exit 0)."""
    server, client = served(tmp_path, env, {})
    key, secret = random_key(), random_key()
    everything = '[exclude]\npaths = ["**"]\n'
    text = everything if config == "exclude everything" else ignoring(key, secret)
    if file == "pyproject.toml":
        text = text.replace("[exclude]", "[tool.binance-secrets.exclude]")
        text = text.replace("[[ignore]]", "[[tool.binance-secrets.ignore]]")
    before = server_ref(server, client, "main")
    client.commit("settings", {".env": env_text(key, secret), file: text})

    done = push(client, server)

    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr
    assert server_ref(server, client, "main") == before


def test_a_push_cannot_widen_the_servers_config_for_itself(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """The same attack on a config the server already has: the push rewrites it to ignore
    its own key as well as the entry the team accepted."""
    accepted = random_key()
    server, client = served(tmp_path, env, {".binance-secrets.toml": ignoring(accepted)})
    key, secret = random_key(), random_key()
    client.commit(
        "settings",
        {".env": env_text(key, secret), ".binance-secrets.toml": ignoring(accepted, key, secret)},
    )
    done = push(client, server)
    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr


def test_a_config_on_another_branch_judges_nothing(tmp_path: Path, env: dict[str, str]) -> None:
    """A regression test: a branch whose tip excludes everything is judged by the default
    branch's config, as before."""
    server, client = served(tmp_path, env, {})
    client.git("checkout", "-q", "-b", "feature")
    client.commit("config", {".binance-secrets.toml": '[exclude]\npaths = ["**"]\n'})
    assert push(client, server, "feature").returncode == 0
    client.commit("settings", {".env": env_text(random_key(), random_key())})
    done = push(client, server, "feature")
    assert done.returncode != 0, done.stderr
    assert "binance-secrets rejected this push" in done.stderr


def test_a_server_config_that_cannot_be_used_judges_strictly_and_can_be_fixed(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """A config the server already holds that cannot be used (committed before the hook,
    or by another version): the push is judged with no config and a one-line warning, so
    a key still fails and the push that fixes the config lands. A malformed config pushed
    to the default branch is refused, so the server keeps a usable one."""
    client = GitRepo(tmp_path / "client")
    client.commit("bot", {"bot.py": "import binance\n", ".binance-secrets.toml": "[nonsense]\n"})
    bare = GitRepo(tmp_path / "server.git", bare=True)
    client.git("push", "-q", str(bare.path), "main")  # before the hook is installed
    server = hooked_server(tmp_path, env)
    assert server.path == bare.path
    client.commit("settings", {".env": env_text(random_key(), random_key())})
    done = push(client, server.path)
    assert done.returncode != 0
    assert "binance-secrets rejected this push" in done.stderr
    assert "judged without it" in done.stderr
    assert "Traceback" not in done.stderr
    client.git("reset", "-q", "--hard", "HEAD~1")
    client.commit("fix the config", {".binance-secrets.toml": '[exclude]\npaths = ["docs/**"]\n'})
    fixed = push(client, server.path)
    assert fixed.returncode == 0, fixed.stderr
    client.commit("break it again", {".binance-secrets.toml": "[nonsense]\n"})
    refused = push(client, server.path)
    assert refused.returncode != 0
    assert ".binance-secrets.toml as pushed to refs/heads/main" in refused.stderr
    assert "Traceback" not in refused.stderr


# -- clone URLs that carry credentials --------------------------------------------------------


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A static HTTP server on 127.0.0.1 (git's "dumb" HTTP protocol: a bare repository
    after ``git update-server-info`` is served as plain files), its base URL and the
    directory it serves. It asks for no credentials: what a URL carries is only carried."""
    served = tmp_path / "served"
    served.mkdir()
    handler = functools.partial(QuietHandler, directory=str(served))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        pass


def test_credentials_in_clone_urls_reach_no_output_and_no_kept_clone(
    tmp_path: Path, env: dict[str, str], http_server: tuple[str, Path]
) -> None:
    """The attack (a leak of the sweeper's own token): clone URLs carrying a token, as
    users paste them: the token alone as the user name (``https://TOKEN@host``, which
    GitHub and GitLab accept), the legacy ``TOKEN:x-oauth-basic``, a password holding an
    unescaped "@", a token in the query. Only ``user:password@`` was masked: the others
    reached the report's ``repository``, the text and SARIF, the progress lines and the
    errors whole, and every kept clone's ``config`` held its URL's token
    (``remote.origin.url``), ready to leave in a CI artifact or cache."""
    host, served = http_server
    leaky = GitRepo(tmp_path / "leaky")
    leaky.commit("bot", {"bot.py": "import binance\n"})
    leaky.commit("settings", {".env": env_text(random_key(), random_key())})
    leaky.git("clone", "-q", "--bare", str(leaky.path), str(served / "bot.git"))
    leaky.git("--git-dir", str(served / "bot.git"), "update-server-info")
    tokens = [secrets.token_hex(12) + "Tk" for _ in range(5)]
    urls = [
        f"http://{tokens[0]}@{host}/bot.git",
        f"http://{tokens[1]}:x-oauth-basic@{host}/bot.git/",
        f"http://bot:{tokens[2]}@{tokens[3]}@{host}/other.git",  # "@" unescaped
        f"http://{host}/missing.git?private_token={tokens[4]}",
    ]
    listing = tmp_path / "repos.txt"
    listing.write_text("\n".join(urls) + "\n")
    kept = tmp_path / "kept"
    outputs = []
    for fmt in ("json", "text", "sarif"):
        out = tmp_path / f"org.{fmt}"
        done = run_cli(
            "sweep", "--jobs", "1", "--format", fmt, "-o", str(out), "--repos", str(listing),
            *(["--keep-clones", str(kept)] if fmt == "json" else []), cwd=tmp_path, env=env,
        )  # fmt: skip
        assert done.returncode == 1, done.stderr
        outputs += [out.read_text(), done.stdout, done.stderr]
    everything = "\n".join(outputs)
    kept_files = [p for p in kept.rglob("*") if p.is_file()]
    everything += "\n".join(str(p) for p in kept.rglob("*"))
    everything += "\n".join(p.read_bytes().decode("latin-1") for p in kept_files)

    for token in tokens:
        assert token not in everything
    report = json.loads(outputs[0])
    repositories = {entry["repository"] for entry in report["repositories"]}
    assert f"http://***@{host}/bot.git" in repositories  # the URL still says where
    assert f"http://{host}/missing.git?private_token=***" in repositories
    swept = [e for e in report["repositories"] if "error" not in e]
    assert len(swept) == 2, report["repositories"]  # cloned and swept: the URLs worked
    assert all(f"[{n}/4]" in outputs[2] for n in range(1, 5)), outputs[2]  # progress lines
    configs = sorted(kept.glob("*/config"))
    assert len(configs) == 2
    assert f"url = http://{host}/bot.git" in configs[0].read_text()


def test_merge_masks_a_token_in_a_reports_repository_url(tmp_path: Path) -> None:
    """The same token in a report made elsewhere (an older version, another tool's job)
    and merged: ``merge`` printed it whole in text, JSON and SARIF."""
    repository = GitRepo(tmp_path / "bot")
    repository.commit("settings", {".env": env_text(random_key(), random_key())})
    report = tmp_path / "one.json"
    run_cli(
        "sweep", "--quiet", "--format", "json", "-o", str(report), str(repository.path),
        cwd=tmp_path,
    )  # fmt: skip
    token = secrets.token_hex(16)
    document = json.loads(report.read_text())
    document["repository"] = f"https://{token}@git.example.invalid/org/bot.git"
    report.write_text(json.dumps(document))
    for fmt in ("text", "json", "sarif"):
        done = run_cli("merge", "--format", fmt, str(report), cwd=tmp_path)
        assert done.returncode == 1, done.stderr
        assert token not in done.stdout + done.stderr
        assert "https://***@git.example.invalid/org/bot.git" in done.stdout


@pytest.mark.parametrize(
    ("given", "shown", "kept"),
    [
        ("https://TOKEN@h/o/r.git", "https://***@h/o/r.git", "https://h/o/r.git"),
        ("https://u:p@ss@h:8/r", "https://***@h:8/r", "https://h:8/r"),
        ("https://h/r.git?a=TOKEN&b#f", "https://h/r.git?a=***&***#f", "https://h/r.git"),
        ("ssh://git@h/o/r.git", "ssh://git@h/o/r.git", "ssh://git@h/o/r.git"),  # an account
        ("ssh://git:PASS@h/r", "ssh://***@h/r", "ssh://h/r"),
        ("git@github.com:o/r.git", "git@github.com:o/r.git", "git@github.com:o/r.git"),
        ("file:///srv/a@b/r.git", "file:///srv/a@b/r.git", "file:///srv/a@b/r.git"),
        ("/srv/user@host/r.git", "/srv/user@host/r.git", "/srv/user@host/r.git"),
    ],
)
def test_what_a_url_shows_and_what_a_kept_clone_records(given: str, shown: str, kept: str) -> None:
    from binance_secrets.hooks.reports.sanitize import printable
    from binance_secrets.plugins.detection.redaction import url_without_credentials

    assert printable(f"fatal: unable to access '{given}': refused") == (
        f"fatal: unable to access '{shown}': refused"
    )
    assert url_without_credentials(given) == kept


def test_finding_urls_costs_linear_time() -> None:
    """Every string of every report goes through it: a long run of scheme characters, or
    of "://", must not cost a regex's backtracking."""
    import time

    from binance_secrets.plugins.detection.redaction import redact_url_credentials

    started = time.process_time()
    redact_url_credentials("a" * 2_000_000 + "://t@h")
    redact_url_credentials("://" * 700_000)
    assert time.process_time() - started < 2


# -- the CI templates: a token only where it is needed -------------------------------------

CI = Path(__file__).resolve().parent.parent / "docs" / "ci"


def recording_shims(directory: Path, *names: str) -> dict[str, Path]:
    """Programs named ``names`` in ``directory`` that write the environment they were
    started with to ``<name>.env`` beside them and succeed (creating the file an
    ``--output`` names, so the scripts go on as after a clean run)."""
    directory.mkdir(parents=True, exist_ok=True)
    dumps = {}
    for name in names:
        dumps[name] = directory / f"{name}.env"
        shim = directory / name
        shim.write_text(
            "#!/bin/sh\n"
            f"env >> '{dumps[name]}'\n"
            'while [ $# -gt 0 ]; do [ "$1" = --output ] && echo "{}" > "$2"; shift; done\n'
        )
        shim.chmod(0o755)
    return dumps


def run_shell(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", script], cwd=cwd, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip


def test_the_github_templates_leave_no_token_in_the_checkout() -> None:
    """actions/checkout writes the job's token into ``.git/config`` unless told not to, and
    every later step (pip's unpinned dependencies included) could read it; the
    templates' steps need none after the checkout."""
    import yaml

    for name in ("github-actions.yml", "github-org-sweep.yml"):
        workflow = yaml.safe_load((CI / name).read_text())
        checkouts = [
            step
            for job in workflow["jobs"].values()
            for step in job["steps"]
            if str(step.get("uses", "")).startswith("actions/checkout@")
        ]
        assert checkouts, name
        for step in checkouts:
            assert step.get("with", {}).get("persist-credentials") is False, name


def test_the_github_org_sweep_keeps_its_token_in_the_sweeps_own_step(tmp_path: Path) -> None:
    """The sweep step wrote the organisation's read token into the global git config,
    where every later step of the job (the artifact upload, anything it runs) could read
    it. Now it reaches git through that step's environment alone."""
    import yaml

    workflow = yaml.safe_load((CI / "github-org-sweep.yml").read_text())
    run = next(
        s["run"] for s in workflow["jobs"]["sweep"]["steps"] if s.get("name") == "Sweep this shard"
    )
    token = "ghs_" + secrets.token_hex(18)
    dumps = recording_shims(tmp_path / "bin", "binance-secrets")
    (tmp_path / "repos.txt").write_text("https://github.com/example/bot.git\n")
    (tmp_path / "shard-count.txt").write_text("1\n")
    global_config = tmp_path / "gitconfig"
    env = {
        "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
        "GIT_CONFIG_GLOBAL": str(global_config), "GIT_CONFIG_NOSYSTEM": "1",
        "GH_TOKEN": token, "SHARD": "0",
    }  # fmt: skip
    done = run_shell(run, tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert not global_config.exists() or token not in global_config.read_text()
    seen = dumps["binance-secrets"].read_text()
    assert f"GIT_CONFIG_KEY_0=url.https://x-access-token:{token}@github.com/.insteadOf" in seen


@pytest.mark.parametrize("job", ["sweep", "merge"])
def test_the_gitlab_org_sweep_hands_its_token_to_git_alone(tmp_path: Path, job: str) -> None:
    """GitLab puts the READ_TOKEN variable in every job's environment: apt-get, pip (and
    the unpinned packages it installs) and the merge job, which need no token, inherited
    it, and the sweep wrote it into the global git config. Now it is moved into a shell
    variable no program inherits, and only the sweep's git is given it."""
    import yaml

    pipeline = yaml.safe_load((CI / "gitlab-org-sweep.yml").read_text())
    script = "\n".join(pipeline[".binance-secrets"]["before_script"] + pipeline[job]["script"])
    token = "glpat-" + secrets.token_hex(10)
    dumps = recording_shims(tmp_path / "bin", "apt-get", "python", "binance-secrets")
    global_config = tmp_path / "gitconfig"
    (tmp_path / "report-a.json").write_text("{}")
    env = {
        "PATH": f"{tmp_path / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path),
        "GIT_CONFIG_GLOBAL": str(global_config), "GIT_CONFIG_NOSYSTEM": "1",
        "READ_TOKEN": token, "GITLAB_HOST": "gitlab.example.invalid",
        "REQUIREMENT": "binance-secrets", "REPOSITORY": "https://gitlab.example.invalid/g/bot.git",
    }  # fmt: skip
    done = run_shell(script, tmp_path, env)
    assert done.returncode == 0, done.stderr
    assert token not in dumps["apt-get"].read_text()
    assert token not in dumps["python"].read_text()
    assert not global_config.exists() or token not in global_config.read_text()
    seen = dumps["binance-secrets"].read_text()
    assert f"READ_TOKEN={token}" not in seen
    if job == "sweep":
        assert f"url.https://oauth2:{token}@gitlab.example.invalid/.insteadOf" in seen
    else:
        assert token not in seen


# -- a server with many refs -----------------------------------------------------------------


def test_a_server_with_many_refs_still_judges_pushes(tmp_path: Path, env: dict[str, str]) -> None:
    """The hook named every ref of the server on git's command line (``^<sha>`` each), so
    a repository whose refs point at more distinct commits than the system's argument
    limit takes (a GitLab project's keep-around and merge-request refs run to hundreds of
    thousands) rejected every push, clean or not, with "Argument list too long". Here the
    limit is lowered (a 1 MiB stack gives a 256 KiB argument limit) and the server holds
    8,000 refs at distinct commits; the push is judged by the commits it stands on."""
    import resource

    server = hooked_server(tmp_path, env)
    count = 8000
    stream = "".join(
        f"commit refs/heads/main\nmark :{n + 1}\ncommitter A <a@example.invalid> "
        f"{1_700_000_000 + n} +0000\ndata 2\nc\n" + (f"from :{n}\n" if n else "") + "\n"
        for n in range(count)
    ) + "".join(f"reset refs/keep-around/k{n}\nfrom :{n + 1}\n\n" for n in range(count))
    subprocess.run(
        ["git", "fast-import", "--quiet"], cwd=server.path, input=stream, text=True,
        env=env, check=True,
    )  # fmt: skip
    client = GitRepo(tmp_path / "client")
    client.git("fetch", "-q", str(server.path), "main")
    client.git("reset", "-q", "--hard", "FETCH_HEAD")

    def limited() -> None:
        resource.setrlimit(resource.RLIMIT_STACK, (1 << 20, 1 << 20))

    def push_main() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["git", "push", str(server.path), "HEAD:main"], cwd=client.path, env=client.env(),
            capture_output=True, text=True, check=False, preexec_fn=limited,
        )  # fmt: skip

    client.commit("settings", {".env": env_text(random_key(), random_key())})
    leaked = push_main()
    assert leaked.returncode != 0
    assert "binance-secrets rejected this push" in leaked.stderr, leaked.stderr
    client.git("reset", "-q", "--hard", "HEAD~1")
    client.commit("readme", {"README.md": "hello\n"})
    clean = push_main()
    assert clean.returncode == 0, clean.stderr


# -- a pull request's own config in CI --------------------------------------------------------


def pull_request_accepting_its_key(tmp_path: Path, env: dict[str, str], how: str) -> GitRepo:
    """A repository whose main accepts one revoked sample, and a pull request branch that
    adds a key and, beside it, what would accept it: ``exclude = ["**"]``, an ignore entry
    for it, or a ``.secrets.baseline`` recording it."""
    sample_key, sample_secret = random_key(), random_key()
    repo = GitRepo(tmp_path / "checkout")
    repo.commit(
        "bot and its accepted sample",
        {"bot.py": "import binance\n", ".binance-secrets.toml": ignoring(sample_key, sample_secret),
         "tests/sample.env": env_text(sample_key, sample_secret)},
    )  # fmt: skip
    repo.git("checkout", "-q", "-b", "feature")
    key, secret = random_key(), random_key()
    files = {".env": env_text(key, secret)}
    if how == "exclude everything":
        files[".binance-secrets.toml"] = '[exclude]\npaths = ["**"]\n'
    elif how == "ignore its own key":
        files[".binance-secrets.toml"] = ignoring(sample_key, sample_secret, key, secret)
    repo.commit("feature", files)
    if how == "a baseline recording it":
        done = run_cli("baseline", cwd=repo.path, env=env)
        assert done.returncode == 0, done.stderr
        repo.commit(
            "baseline", {".secrets.baseline": (repo.path / ".secrets.baseline").read_text()}
        )
    return repo


@pytest.mark.parametrize(
    "how", ["exclude everything", "ignore its own key", "a baseline recording it"]
)
def test_a_pull_request_is_judged_by_its_bases_config_with_config_from(
    tmp_path: Path, env: dict[str, str], how: str
) -> None:
    """The attack, in CI on a pull request: the checkout is the pull request's, and so were
    the project config and baseline `scan` and `sweep --range` read: a pull request that
    adds a key and accepts it beside passed (exit 0). ``--config-from BASE`` reads both
    from the base's tree; the templates give it on pull requests. The base's own config
    still counts: its accepted sample does not fail."""
    repo = pull_request_accepting_its_key(tmp_path, env, how)
    for command in (("scan",), ("sweep", "--quiet", "--range", "main..feature")):
        accepted = run_cli(*command, "--format", "json", cwd=repo.path, env=env)
        assert accepted.returncode == 0, accepted.stdout + accepted.stderr  # the hole, as it is
        judged = run_cli(
            *command, "--config-from", "main", "--format", "json", cwd=repo.path, env=env
        )
        assert judged.returncode == 1, judged.stdout + judged.stderr
        found = {f["path"] for f in json.loads(judged.stdout)["findings"]}
        assert ".env" in found and "tests/sample.env" not in found
        # As the templates give it: in the environment, where empty means none.
        by_env = run_cli(*command, cwd=repo.path, env={**env, ENV_CONFIG_FROM: "main"})
        assert by_env.returncode == 1, by_env.stdout + by_env.stderr
        unset = run_cli(*command, cwd=repo.path, env={**env, ENV_CONFIG_FROM: ""})
        assert unset.returncode == 0, unset.stdout + unset.stderr


def test_config_from_a_rev_that_is_no_commit_is_one_line(
    tmp_path: Path, env: dict[str, str]
) -> None:
    from tests.cli_process import assert_one_line_error

    repo = GitRepo(tmp_path / "checkout")
    repo.commit("bot", {"bot.py": "import binance\n"})
    for rev in ("0" * 40, "--output=x", "main:bot.py"):
        for command in (("scan",), ("sweep", "--quiet")):
            done = run_cli(*command, "--config-from", rev, cwd=repo.path, env=env)
            assert_one_line_error(done, "--config-from", "not a commit")
    assert not (repo.path / "x").exists()
