"""wikipress.dask on a real LocalCluster (two worker processes on loopback).

Every output is compared with what the single-process code gives.
"""

import errno
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

import fsspec  # noqa: E402
import fsspec.implementations.memory  # noqa: E402

import wikipress  # noqa: E402
from wikipress import Diagnostic, parse_articles, to_dict  # noqa: E402
from wikipress.dask import read_articles, write_articles, write_partitions  # noqa: E402

SAMPLE = (Path(__file__).resolve().parents[1] / "samples" / "mangaize-attack.txt").read_text("utf-8")
CLI = [sys.executable, "-c", "from wikipress._cli import run; run()"]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=":0") as cluster:
        with distributed.Client(cluster) as client:
            yield cluster, client


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for number in range(6):
        text = SAMPLE.replace("Mangaïzé attack", f"Mangaïzé attack {number}", 1)
        (folder / f"single{number}.txt").write_text(text, encoding="utf-8")
    corpus = "".join(f"= Topic {n % 4} =\n\nText {n}.\n\n=== Jump ===\n" for n in range(9))
    (folder / "corpus.txt").write_text(corpus, encoding="utf-8")
    return folder


def test_read_articles_gives_what_parse_articles_gives(cluster, inputs):
    _, client = cluster
    bag = read_articles(str(inputs / "*.txt"), files_per_partition=3)
    assert bag.npartitions == 3
    got = bag.compute()
    expected = [d for path in sorted(inputs.glob("*.txt")) for d in parse_articles(path)]
    assert got == expected
    assert [d.diagnostics for d in got] == [d.diagnostics for d in expected]
    assert got[0].source == str(inputs / "corpus.txt")
    assert len(client.scheduler_info()["workers"]) == 2


def test_read_articles_as_dicts_and_from_a_list(cluster, inputs):
    paths = [inputs / "single1.txt", inputs / "corpus.txt"]
    got = read_articles(paths, as_dicts=True).compute()
    assert got == [to_dict(d) for path in paths for d in parse_articles(path)]


def test_bad_articles_fail_the_computation_or_stay_as_diagnostics(cluster, tmp_path):
    (tmp_path / "c.txt").write_bytes(b"= A =\nok\n= B =\n\xff\n= C =\nok\n")
    with pytest.raises(wikipress.ParseError, match=r"c.txt:4:1: error: invalid UTF-8"):
        read_articles(str(tmp_path / "c.txt")).compute()
    items = read_articles(str(tmp_path / "c.txt"), keep_errors=True).compute()
    assert [type(i).__name__ for i in items] == ["Document", "Diagnostic", "Document"]
    assert isinstance(items[1], Diagnostic) and (items[1].line, items[1].column) == (4, 1)


def convert_split(inputs, out, *extra):
    result = subprocess.run(CLI + ["convert", *map(str, sorted(inputs.glob("*.txt"))), "--split",
                                   "-o", str(out), "-j", "1", *extra],
                            capture_output=True, timeout=120)
    return result


def files(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_write_articles_equals_convert_split(cluster, inputs, tmp_path):
    written = write_articles(read_articles(str(inputs / "*.txt")), tmp_path / "dask", "yaml")
    assert len(written) == 15
    reference = convert_split(inputs, tmp_path / "cli", "--to", "yaml")
    assert reference.returncode == 0
    assert files(tmp_path / "dask") == files(tmp_path / "cli")
    assert "topic-0-3.yaml" in files(tmp_path / "dask")


def test_write_partitions_equals_convert_to_jsonl(cluster, inputs, tmp_path):
    paths = [inputs / "corpus.txt", inputs / "single0.txt"]
    written = write_partitions(read_articles(paths, files_per_partition=1), tmp_path / "parts",
                               "jsonl")
    assert [Path(p).name for p in written] == ["part-00000.jsonl", "part-00001.jsonl"]
    for path, part in zip(paths, written):
        expected = "".join(wikipress.export(d, "jsonl") for d in parse_articles(path))
        assert Path(part).read_text("utf-8") == expected
    lines = Path(written[0]).read_text("utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == [f"Topic {n % 4}" for n in range(9)]


def test_write_partitions_needs_a_multi_document_format(cluster, inputs, tmp_path):
    with pytest.raises(wikipress.ExportError, match="one document per file"):
        write_partitions(read_articles(str(inputs / "corpus.txt")), tmp_path, "yaml")


def test_bags_of_dicts_write_too(cluster, inputs, tmp_path):
    bag = read_articles(str(inputs / "corpus.txt"), as_dicts=True)
    write_articles(bag, tmp_path / "d", "json", indent=0)
    data = json.loads((tmp_path / "d" / "topic-1.json").read_text("utf-8"))
    assert data["content"] == [{"paragraph": "Text 1."}]


def test_cli_scheduler_gives_the_same_outputs_and_diagnostics(cluster, inputs, tmp_path):
    local_cluster, _ = cluster
    for extra in ([], ["--to", "yaml,jsonl"]):
        reference = convert_split(inputs, tmp_path / "ref", *extra)
        remote = convert_split(inputs, tmp_path / "remote", "--scheduler",
                               local_cluster.scheduler_address, *extra)
        assert remote.returncode == reference.returncode == 0, remote.stderr
        assert files(tmp_path / "remote") == files(tmp_path / "ref")
        assert remote.stderr == reference.stderr
        assert remote.stderr.count(b"heading level jumps") == 9
    whole = subprocess.run(CLI + ["convert", str(inputs / "corpus.txt"), "--to", "jsonl", "-o", "-",
                                  "--scheduler", local_cluster.scheduler_address],
                           capture_output=True, timeout=120)
    assert whole.stdout.decode().count("\n") == 9


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:9", "nonsense"])
def test_cli_unreachable_scheduler_is_a_clear_error(tmp_path, inputs, address):
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="1s")
    result = subprocess.run(CLI + ["convert", str(inputs), "-o", str(tmp_path / "o"),
                                   "--scheduler", address],
                            capture_output=True, timeout=120, env=env)
    assert result.returncode == 2
    assert result.stderr.splitlines()[-1].startswith(b"wikipress: error: cannot reach the Dask "
                                                     b"scheduler at " + address.encode())
    assert b"Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_a_scheduler_that_starts_late_is_waited_for_and_the_wait_is_said(tmp_path, inputs):
    """A scheduler's port refuses connections until it has started: the client
    keeps trying (Dask's connect timeout), and after a second says it waits."""
    with socket.socket() as probe:  # a port that was free a moment ago
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = dict(os.environ, DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT="60s")
    convert = subprocess.Popen(CLI + ["convert", str(inputs), "--split", "-o", str(tmp_path / "o"),
                                      "--scheduler", f"tcp://127.0.0.1:{port}"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    first = convert.stderr.readline()  # said once the wait passes a second
    assert first == f"wikipress: note: waiting for the Dask scheduler at tcp://127.0.0.1:{port} " \
                    f"(at most 60s)\n".encode()
    scheduler = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                                  "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker",
                               f"tcp://127.0.0.1:{port}", "--nthreads", "1", "--no-dashboard"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _, rest = convert.communicate(timeout=120)
    finally:
        for process in (worker, scheduler):
            process.terminate()
            process.wait(timeout=30)
    assert convert.returncode == 0, rest
    assert (tmp_path / "o").is_dir() and any((tmp_path / "o").iterdir())


def test_a_big_corpus_file_is_read_in_blocks_with_whole_file_positions(cluster, tmp_path):
    parts = [f"= Entry {n} =\r\n\r\nWords {'x ' * (n % 13)}\r\n==== Deep ====\r\n" for n in range(300)]
    data = ("A lead.\r\n" + "".join(parts)).encode().replace(b"Entry 150 ", b"Entry \xff150 ")
    path = tmp_path / "big.txt"
    path.write_bytes(data)
    bag = read_articles(str(path), blocksize=2000, keep_errors=True)
    assert bag.npartitions >= 5
    got = bag.compute()
    errors = []
    expected = list(parse_articles(path, on_error=lambda e: errors.append(e.diagnostic)))
    documents = [item for item in got if not isinstance(item, Diagnostic)]
    assert documents == expected
    assert [(d.line, d.diagnostics) for d in documents] == [(d.line, d.diagnostics) for d in expected]
    assert [item for item in got if isinstance(item, Diagnostic)] == errors
    assert errors[0].line == 2 + 4 * 150 and "byte offset" in errors[0].message
    assert read_articles(str(path), blocksize=None).npartitions == 1
    copies = [tmp_path / f"copy{n}.txt" for n in range(3)]
    for copy in copies:
        copy.write_bytes(data)
    assert read_articles(copies, blocksize=None).npartitions == 1
    assert read_articles(copies, blocksize=len(data) * 2).npartitions == 2
    assert read_articles([str(path)] * 3, keep_errors=True).count().compute() == len(got)  # once


def test_the_readme_example_runs_as_a_script_on_the_local_scheduler(tmp_path):
    """As a user saves it: a script of its own, Dask's default scheduler, a fresh process."""
    import re

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    (code,) = [b for b in re.findall(r"```python\n(.*?)```", readme, re.S) if "read_articles(\"dumps" in b]
    samples = Path(__file__).resolve().parents[1] / "samples"
    (tmp_path / "dumps").mkdir()
    for name in ("mangaize-attack.txt", "printing-press.txt"):
        (tmp_path / "dumps" / name).write_bytes((samples / name).read_bytes())
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    done = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with_infobox = sum(wikipress.parse_file(tmp_path / "dumps" / n).infobox is not None
                       for n in ("mangaize-attack.txt", "printing-press.txt"))
    assert done.stdout.strip() == str(with_infobox)
    lines = (tmp_path / "out" / "part-00000.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["title"] for line in lines] == ["Mangaïzé attack", "Printing press"]
    assert sorted(p.name for p in (tmp_path / "out" / "yaml").iterdir()) == [
        "mangaize-attack.yaml", "printing-press.yaml"]


def test_a_folder_is_read_as_the_command_line_reads_it(cluster, tmp_path):
    from wikipress._inputs import find_inputs

    folder = tmp_path / "articles"
    for relative in ("z.txt", "a.wiki", "sub/b.txt", "sub/deeper/c.txt", "another/d.txt",
                     ".hidden/e.txt", "sub/.f.txt"):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"= {relative} =\n\nText.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article\n", encoding="utf-8")
    (folder / "dump.wiki").mkdir()  # a folder named like an article is searched
    (folder / "dump.wiki" / "g.txt").write_text("= g =\n", encoding="utf-8")
    (folder / "sub" / "alias.txt").symlink_to(folder / "z.txt")  # the same file: read once
    inputs, problems = find_inputs([str(folder), str(folder / "z.txt")])
    assert len(inputs) == 6
    got = read_articles([str(folder), str(folder / "z.txt")]).compute()
    assert [document.source for document in got] == [str(item.path) for item in inputs]
    assert got == [wikipress.parse_file(item.path) for item in inputs]
    (tmp_path / "empty").mkdir()
    with pytest.raises(FileNotFoundError, match="holds no \\*.txt or \\*.wiki files"):
        read_articles([str(folder), str(tmp_path / "empty")])


def test_a_link_in_a_folder_counts_as_the_file_it_links_to(cluster, tmp_path):
    """fsspec lists a link as neither file nor folder; convert reads what it links to,
    in the link's place, once however many ways it is reached."""
    from wikipress._inputs import find_inputs

    folder, elsewhere = tmp_path / "articles", tmp_path / "elsewhere"
    (folder / "sub").mkdir(parents=True)
    elsewhere.mkdir()
    for path in (folder / "a.txt", folder / "sub" / "z.txt", elsewhere / "x.txt"):
        path.write_text(f"= {path.stem} =\n\nText.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(elsewhere / "x.txt")  # read through the link only
    (folder / "0.wiki").symlink_to("sub/z.txt")  # comes first: read here, not at sub/z.txt
    (folder / "sub" / "again.txt").symlink_to("../b.txt")  # a link to a link: x.txt again
    (folder / "sub" / "a.txt").symlink_to(folder / "a.txt")  # a.txt again
    (folder / "there.txt").symlink_to(elsewhere)  # a link to a folder: not followed
    inputs, problems = find_inputs([str(folder)])
    assert [str(item.path) for item in inputs] == [
        str(folder / name) for name in ("0.wiki", "a.txt", "b.txt")]
    assert problems == []
    for per_partition in (1, 64):
        got = read_articles(str(folder), files_per_partition=per_partition).compute()
        assert [document.source for document in got] == [str(item.path) for item in inputs]
        assert got == [wikipress.parse_file(item.path) for item in inputs]
    got = read_articles([str(folder / "sub" / "*.txt"), str(folder)]).compute()
    assert [document.title_text for document in got] == ["a", "x", "z"]


def reported_by_convert(*arguments, out):
    """The lines ``wikipress convert ARGUMENTS`` prints on standard error (it fails: status 1)."""
    done = subprocess.run(CLI + ["convert", *map(str, arguments), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    return done.stderr.splitlines()


def in_bag_order(items):
    return [str(item) if isinstance(item, Diagnostic) else item.title_text for item in items]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_in_a_folder_is_reported_as_the_command_line_reports_it(cluster, tmp_path):
    """Never opened (a task reading it would wait forever), never passed over in silence:
    read_articles raises before any task runs, or with keep_errors puts a Diagnostic in
    its place, in the words convert prints."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("= A =\n\nText.\n", encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("= C =\n\nText.\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    os.mkfifo(folder / "sub" / "z.wiki")
    (folder / "sub" / "link.txt").symlink_to(folder / "b.txt")  # a link to a FIFO: one too
    os.mkfifo(folder / ".hidden.txt")  # hidden: passed over, as convert does
    os.mkfifo(folder / "sub" / "notes.md")  # not named like an article: not an input
    reported = reported_by_convert(folder, out=tmp_path / "out")
    assert reported == [f"{folder / name}: error: a FIFO, not a file; not read"
                        for name in ("b.txt", "sub/link.txt", "sub/z.wiki")]
    with pytest.raises(wikipress.ParseError) as raised:
        read_articles(str(folder))  # the bag is not even built
    assert str(raised.value) == reported[0]
    assert raised.value.source == str(folder / "b.txt")
    for per_partition in (1, 64):
        items = read_articles(str(folder), keep_errors=True,
                              files_per_partition=per_partition).compute()
        assert in_bag_order(items) == ["A", reported[0], "C", *reported[1:]]
    (tmp_path / "only").mkdir()
    os.mkfifo(tmp_path / "only" / "x.txt")  # not a folder without articles: a FIFO
    with pytest.raises(wikipress.ParseError, match="x.txt: error: a FIFO, not a file"):
        read_articles(str(tmp_path / "only"))


@contextmanager
def fifos_watched(*fifos):
    """The FIFOs among *fifos* that were opened meanwhile (a list, filled as it
    happens). A reader blocked on one is let go at once (the FIFO is opened for
    writing and closed: it reads an empty file), so a regression fails a test
    instead of hanging it, wherever the FIFO was opened (here or in a worker)."""
    opened, done = [], threading.Event()

    def watch():
        while not done.wait(0.05):
            for fifo in fifos:
                try:
                    os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
                except OSError:  # ENXIO: no one has it open for reading
                    continue
                opened.append(str(fifo))

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield opened
    finally:
        done.set()
        watcher.join()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_a_fifo_named_or_matched_by_a_glob_is_reported_never_opened(cluster, tmp_path):
    """fsspec's glob matches FIFOs (and links to them); a task cannot read a stream,
    so read_articles reads regular files only, whatever names them."""
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("= A =\n\nText.\n", encoding="utf-8")
    (folder / "c.txt").write_text("= C =\n\nText.\n", encoding="utf-8")
    os.mkfifo(folder / "b.txt")
    (folder / "d.txt").symlink_to(folder / "b.txt")  # a link to a FIFO: one too
    reported = reported_by_convert(folder, out=tmp_path / "out")
    assert reported == [f"{folder / name}: error: a FIFO, not a file; not read"
                        for name in ("b.txt", "d.txt")]
    with fifos_watched(folder / "b.txt") as opened:
        items = read_articles(str(folder / "*.txt"), keep_errors=True).compute()
        named = read_articles([str(folder / "b.txt"), str(folder / "a.txt")],
                              keep_errors=True).compute()
        with pytest.raises(wikipress.ParseError) as raised:
            read_articles(str(folder / "*.txt"))  # the bag is not even built
        with pytest.raises(wikipress.ParseError):
            read_articles(str(folder / "b.txt"))
    assert opened == []
    assert in_bag_order(items) == ["A", reported[0], "C", reported[1]]
    assert in_bag_order(named) == [reported[0], "A"]
    assert str(raised.value) == reported[0]


def test_a_dangling_or_looping_link_is_reported_as_the_command_line_reports_it(cluster,
                                                                             tmp_path):
    """convert prints PATH: error: cannot read: ... (once however it is reached); so does
    read_articles, in a folder or matched by a glob, handled as a FIFO is."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("= A =\n\nText.\n", encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("= C =\n\nText.\n", encoding="utf-8")
    (folder / "b.txt").symlink_to(tmp_path / "gone.txt")
    (folder / "sub" / "loop.wiki").symlink_to("loop.wiki")
    reported = reported_by_convert(folder, folder / "b.txt", out=tmp_path / "out")
    assert reported == [f"{folder / 'b.txt'}: error: cannot read: {os.strerror(errno.ENOENT)}",
                        f"{folder / 'sub' / 'loop.wiki'}: error: cannot read: "
                        f"{os.strerror(errno.ELOOP)}"]
    with pytest.raises(wikipress.ParseError) as raised:
        read_articles(str(folder))  # the bag is not even built
    assert str(raised.value) == reported[0]
    with pytest.raises(wikipress.ParseError) as raised:
        read_articles(str(folder / "*.txt"))
    assert str(raised.value) == reported[0]
    items = read_articles([str(folder), str(folder / "b.txt")], keep_errors=True).compute()
    assert in_bag_order(items) == ["A", reported[0], "C", reported[1]]
    items = read_articles(str(folder / "*.txt"), keep_errors=True).compute()
    assert in_bag_order(items) == ["A", reported[0]]
    with pytest.raises(FileNotFoundError):  # named, and not there at all: as open() says
        read_articles(str(tmp_path / "missing.txt"))


def unreadable(path):
    """Make *path* unreadable (mode 0); whether this process is refused it then (root,
    who may read any file, is not)."""
    path.chmod(0)
    try:
        path.read_bytes()
    except PermissionError:
        return True
    return False


def rerun_refused_by_modes(request, tmp_path):
    """Run this test again in a process that file modes bind: root without the
    capabilities that let it read any file (setpriv drops them for it and for all it
    starts: its LocalCluster's workers, convert). Skipped where that cannot be done."""
    drop = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
    if (os.environ.get("WIKIPRESS_TEST_BY_MODES") or not shutil.which("setpriv")
            or subprocess.run(drop + ["true"], capture_output=True).returncode != 0):
        pytest.skip("this process reads any file, whatever its mode")
    done = subprocess.run(drop + [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                                  "--basetemp", str(tmp_path / "by-modes"), request.node.nodeid],
                          cwd=request.config.rootpath, capture_output=True, text=True,
                          timeout=300, env={**os.environ, "WIKIPRESS_TEST_BY_MODES": "1"})
    if done.returncode == 0 and "1 skipped" in done.stdout:
        pytest.skip("this process reads any file, whatever its mode, even without them")
    assert done.returncode == 0 and "1 passed" in done.stdout, done.stdout + done.stderr


def test_an_unreadable_file_is_reported_as_the_command_line_reports_it(cluster, tmp_path,
                                                                       request):
    """convert prints PATH: error: cannot read: Permission denied and carries on. Only a
    task can tell (it may run on a machine where the file can be read): with keep_errors
    the Diagnostic takes the file's place, else the computation fails with its ParseError."""
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("= A =\n\nText.\n", encoding="utf-8")
    (folder / "b.txt").write_text("= B =\n\n" + "Text.\n" * 20, encoding="utf-8")
    (folder / "sub" / "c.txt").write_text("= C =\n\nText.\n", encoding="utf-8")
    if not unreadable(folder / "b.txt"):
        return rerun_refused_by_modes(request, tmp_path)
    reported = reported_by_convert(folder, out=tmp_path / "out")
    assert reported == [f"{folder / 'b.txt'}: error: cannot read: {os.strerror(errno.EACCES)}"]
    for blocksize in ("64MiB", 8):  # 8 bytes: every file is cut into blocks, or would be
        items = read_articles(str(folder), keep_errors=True, blocksize=blocksize).compute()
        assert in_bag_order(items) == ["A", reported[0], "C"]
        bag = read_articles(str(folder), blocksize=blocksize)
        with pytest.raises(wikipress.ParseError) as raised:
            bag.compute()
        assert str(raised.value) == reported[0]


def test_an_unlistable_folder_is_reported_as_the_command_line_reports_it(cluster, tmp_path,
                                                                         request):
    """convert prints PATH: error: cannot read folder: Permission denied for a sub-folder
    it cannot list, in its place, and carries on (fsspec's find passes it over in
    silence); so does read_articles, handled as a FIFO is."""
    folder = tmp_path / "articles"
    for relative in ("a.txt", "sub/b.txt", "tail/c.txt"):
        path = folder / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"= {path.stem.upper()} =\n\nText.\n", encoding="utf-8")
    (folder / "sub").chmod(0)
    try:
        os.listdir(folder / "sub")
        return rerun_refused_by_modes(request, tmp_path)  # root lists it all the same
    except PermissionError:
        pass
    reported = reported_by_convert(folder, out=tmp_path / "out")
    assert reported == [f"{folder / 'sub'}: error: cannot read folder: "
                        f"{os.strerror(errno.EACCES)}"]
    with pytest.raises(wikipress.ParseError) as raised:
        read_articles(str(folder))  # the bag is not even built
    assert str(raised.value) == reported[0]
    for per_partition in (1, 64):
        items = read_articles(str(folder), keep_errors=True,
                              files_per_partition=per_partition).compute()
        assert in_bag_order(items) == ["A", reported[0], "C"]


@pytest.mark.skipif(not hasattr(__import__("socket"), "AF_UNIX"), reason="no Unix sockets")
def test_a_socket_in_a_folder_is_reported_as_the_command_line_reports_it(cluster, tmp_path,
                                                                         monkeypatch):
    import socket

    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "a.txt").write_text("= A =\n\nText.\n", encoding="utf-8")
    monkeypatch.chdir(folder)  # a relative name: a socket's path has a short length limit
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind("s.wiki")
        reported = reported_by_convert(folder, out=tmp_path / "out")
        assert reported == [f"{folder / 's.wiki'}: error: a socket, not a file; not read"]
        items = read_articles(str(folder), keep_errors=True).compute()
    assert in_bag_order(items) == ["A", reported[0]]


@pytest.mark.parametrize("url", ["s3://bucket/out", "file:///tmp/out"])
def test_the_writers_refuse_a_url_before_computing_anything(cluster, inputs, tmp_path, url,
                                                            monkeypatch):
    bag = read_articles(str(inputs / "single*.txt"))
    monkeypatch.chdir(tmp_path)  # where a URL taken for a relative folder would be created
    for write in (write_articles, write_partitions):
        with pytest.raises(ValueError, match="is a URL; the writers write to a folder"):
            write(bag, url, "jsonl" if write is write_partitions else "yaml")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in"]


class _ResetMidRead(io.BytesIO):
    """A remote file whose connection is reset after its first read."""

    reads = 0

    def read(self, size=-1):
        return self._served(super().read, size)

    def read1(self, size=-1):
        return self._served(super().read1, size)

    def _served(self, read, size):
        self.reads += 1
        if self.reads > 1:
            raise ConnectionResetError(errno.ECONNRESET, os.strerror(errno.ECONNRESET))
        return read(size)


class _FailingMidRead(fsspec.implementations.memory.MemoryFileSystem):
    """fsspec's in-memory file system, but each file fails after its first read."""

    protocol = "failing-mid-read"
    store, pseudo_dirs = {}, [""]

    @classmethod
    def _strip_protocol(cls, path):  # the memory file system's, for this protocol
        return super()._strip_protocol(str(path).removeprefix(f"{cls.protocol}://"))

    def _open(self, path, mode="rb", **kwargs):
        return _ResetMidRead(super()._open(path, mode, **kwargs).getvalue())


def test_a_failure_while_reading_propagates_so_that_dask_can_retry_the_task():
    """An OSError while reading an opened file (a timeout, a connection reset) became
    a 'cannot read' Diagnostic with keep_errors: the task succeeded, Dask's retries
    never ran, and the articles after that point were missing. Only a file that
    cannot be opened is reported so. Run here: the cluster's workers do not know
    this test's protocol."""
    fsspec.register_implementation(_FailingMidRead.protocol, _FailingMidRead, clobber=True)
    fs = fsspec.filesystem(_FailingMidRead.protocol)
    fs.pipe("/corpus.txt", b"= A =\n\nText.\n" + b"= B =\n\nMore.\n" * 2000)
    try:
        for keep_errors in (True, False):
            bag = read_articles(f"{_FailingMidRead.protocol}://corpus.txt", keep_errors=keep_errors)
            with pytest.raises(ConnectionResetError):
                bag.compute(scheduler="sync")
    finally:
        fs.store.clear()
