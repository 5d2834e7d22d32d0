"""What each command does, given parsed arguments (see ``_cli.py``)."""

from __future__ import annotations

import functools
import os
import sys
from argparse import Namespace
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

from ._batch import Batch, Target, convert_input
from ._cli import EXIT_FAILED, EXIT_OK, UsageError
from ._inputs import STDIN, InputProblem, find_inputs, in_order, total_size
from ._jobs import cpu_count, process_pool
from ._progress import Progress
from .diagnostics import Diagnostic, Severity
from .exporters import (ExportError, formats, get_exporter, make_options, parse_option_values,
                        stream_separator)
from .exporters._options import describe_options


_JOBS_PER_CPU = 4


def _reporter(quiet: bool, write=lambda line: print(line, file=sys.stderr)):
    def report(diagnostic: Diagnostic) -> None:
        if quiet and diagnostic.severity is Severity.WARNING:
            return
        write(diagnostic.format())
    return report


def _targets(spec: str, raw_options: list[str]) -> tuple[Target, ...]:
    names = [name.strip() for name in spec.split(",") if name.strip()]
    if "all" in names:  # every format; naming one of them too changes nothing
        for name in names:
            if name != "all":
                _exporter(name)  # but a name that is no format stays a usage error
        available = formats()
        for info in available:
            if info.error:  # a broken plugin is named, and never stops the others
                print(f"wikipress: warning: {info.error}; --to all goes on without it",
                      file=sys.stderr)
        names = [info.name for info in available if info.error is None]
    if not names:
        raise UsageError("no output format given")
    options = _split_options(raw_options)
    targets, used = [], set()
    for name in dict.fromkeys(names):
        exporter = _exporter(name)
        try:
            values = parse_option_values(exporter.Options, options)
            make_options(exporter.Options, values)  # a bad value is a usage error too
        except ExportError as error:
            raise UsageError(f"{name}: {error}") from None
        used.update(values)
        targets.append(Target(name, values))
    unknown = sorted(set(options) - used)
    if unknown:
        valid = sorted({o.name for t in targets for o in describe_options(get_exporter(t.format).Options)})
        raise UsageError(f"unknown option {', '.join(unknown)} for {', '.join(names)} "
                         f"(valid: {', '.join(valid) or 'none'}; see 'wikipress formats')")
    return tuple(targets)


def _exporter(name: str) -> Any:
    try:
        return get_exporter(name)
    except ExportError as error:
        raise UsageError(str(error)) from None


def _split_options(raw: list[str]) -> dict[str, str]:
    options = {}
    for item in raw:
        key, equals, value = item.partition("=")
        if not equals or not key.strip():
            raise UsageError(f"option {item!r} is not KEY=VALUE")
        options[key.strip()] = value
    return options


def convert(args: Namespace) -> int:
    targets = _targets(args.to, args.option)
    only_stdin = args.inputs == ["-"]
    to_stdout = args.output == "-" or (args.output is None and only_stdin)
    _check_standard_streams(args.inputs, to_stdout)
    if args.split and to_stdout:
        raise UsageError("--split writes one file per article; give an output folder with -o DIR")
    if to_stdout:
        _check_stdout_format(targets)
    if not to_stdout and args.output:
        _check_output_folder(args.output)
    progress = Progress()
    batch = Batch(targets, None if to_stdout else Path(args.output or "."), args.strict,
                  _reporter(args.quiet, progress.write), split=args.split,
                  progress=progress.advance,
                  announce=progress.write if args.verbose else lambda message: None)
    # Converting a tiny article loads all a conversion needs (lark, the grammar,
    # the exporters' libraries). Workers do it first, while the inputs are found
    # and planned here; a run on one process does it at its first article.
    warm_up = functools.partial(convert_input, "warm-up", b"= Warm-up =\n", targets, False)
    with _workers(args, _most_inputs(args.inputs, batch.corpora), warm_up) as (executor, workers):
        inputs, problems = find_inputs(args.inputs, batch.real_paths, skip=batch.folder)
        if to_stdout and len(inputs) > 1:
            _check_stdout_takes_several(targets[0], len(inputs))
        plans = batch.prepare(inputs)
        batch.executor, batch.workers = executor, workers
        batch.workers_write = not args.scheduler
        if not args.quiet:
            progress.start(total_size(inputs) if batch.corpora else len(inputs),
                           in_bytes=batch.corpora)
        try:
            batch.run(inputs, plans, problems)
        finally:
            progress.close()
    return EXIT_FAILED if batch.failures else EXIT_OK


def _check_output_folder(name: str, path: Path | None = None) -> None:
    """*path* (by default the ``-o`` folder *name* itself), or the nearest of its
    parents that exists, is a folder."""
    path = Path(name) if path is None else path
    for folder in (path, *path.parents):
        if os.path.lexists(folder):  # a dangling link too: it is no folder
            if folder.is_dir():
                return
            if folder == Path(name):
                raise UsageError(f"-o {name}: not a folder (give a folder, or - for standard output)")
            raise UsageError(f"-o {name}: {folder} is a file, not a folder")


def _check_stdout_format(targets: tuple[Target, ...]) -> None:
    """Standard output takes one format, and a binary one only when it is not a
    terminal (where a PDF would print as unreadable bytes)."""
    if len(targets) > 1:
        raise UsageError("-o -: standard output takes one format at a time; "
                         "give an output folder with -o DIR for several")
    exporter = get_exporter(targets[0].format)
    if exporter.binary and sys.stdout.isatty():
        raise UsageError(f"-o -: standard output is a terminal, where a {targets[0].format} file "
                         f"prints as unreadable bytes; redirect it (> file.{exporter.extension}) "
                         f"or give an output folder with -o DIR")


def _check_stdout_takes_several(target: Target, count: int) -> None:
    """Several articles share standard output only in a format that says how
    one follows another (:func:`.exporters.stream_separator`)."""
    if stream_separator(get_exporter(target.format)) is None:
        raise UsageError(f"-o -: the {target.format} format holds one article per file, so "
                         f"{count} articles cannot share standard output; use --to jsonl, "
                         f"or give an output folder with -o DIR")


def _check_standard_streams(arguments: list[str], to_stdout: bool) -> None:
    """Refuse to read or write a standard stream the shell closed (``<&-``, ``>&-``)."""
    if STDIN in arguments and sys.stdin is None:
        raise UsageError("standard input is closed: there is nothing to read for '-'")
    if to_stdout and sys.stdout is None:
        raise UsageError("standard output is closed: give an output folder with -o DIR")


def _most_inputs(arguments: list[str], corpora: bool) -> int | None:
    """How many work items a run can have at most, judged before its inputs are
    found: one per argument, unless one is a folder or the inputs are corpora
    (None: no telling). A run of one is not worth worker processes, and more
    workers than items would only wait."""
    if corpora or any(os.path.isdir(name) for name in arguments):
        return None
    return len(arguments)


def _say(kind: str, message: str) -> None:
    print(f"wikipress: {kind}: {message}", file=sys.stderr, flush=True)


@contextmanager
def _workers(args: Namespace, most: int | None, warm_up: Callable[[], Any]):
    """The executor for a run (None: convert here) and its number of workers."""
    if args.scheduler:
        try:
            from .dask import SchedulerUnreachable, cluster_executor
        except ImportError as error:
            raise UsageError(f"--scheduler needs Dask: pip install 'wikipress[dask]' "
                             f"({error})") from None
        try:
            waiting = None if args.quiet else functools.partial(_say, "note")
            with cluster_executor(args.scheduler, waiting=waiting) as (executor, workers):
                yield executor, workers
        except SchedulerUnreachable as error:
            raise UsageError(str(error)) from None
        return
    workers = min(_worker_count(args.jobs, args.quiet), most or sys.maxsize)
    if workers < 2:
        yield None, 1
        return
    pool = process_pool(workers, warm_up)
    try:
        yield pool, workers
    except BaseException:
        # Stopped (Ctrl-C, SIGTERM) or failed: the batches not started are dropped, and
        # the ones started are finished, so that every article has all its outputs or none.
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()


def _worker_count(jobs: int | None, quiet: bool) -> int:
    """``--jobs``, or the CPUs; at most :data:`_JOBS_PER_CPU` per CPU. The work is
    CPU-bound: more processes than that only take memory (each holds the parser),
    and a mistyped ``-j 100000`` must not fork a machine to a halt."""
    most = _JOBS_PER_CPU * cpu_count()
    if jobs is not None and jobs > most:
        if not quiet:
            print(f"wikipress: warning: --jobs {jobs} is more than {_JOBS_PER_CPU} per CPU; "
                  f"using at most {most}", file=sys.stderr)
        return most
    return jobs or cpu_count()


def check(args: Namespace) -> int:
    """Parse only: a batch with no output formats writes nothing."""
    _check_standard_streams(args.inputs, to_stdout=False)
    inputs, problems = find_inputs(args.inputs)
    batch = Batch((), None, args.strict, _reporter(args.quiet), split=args.split)
    batch.run(inputs, problems=problems)
    return EXIT_FAILED if batch.failures else EXIT_OK


def book(args: Namespace) -> int:
    """Many inputs, one PDF; failing inputs are reported and left out."""
    from ._book import BookRun, default_title

    (target,) = _targets("pdf", args.option)
    _check_standard_streams(args.inputs, to_stdout=False)
    output = _book_path(args.output)
    title = default_title(output) if args.title is None else args.title
    if not title.strip():
        raise UsageError("--title must not be empty")
    inputs, problems = find_inputs(args.inputs)
    if any(item.real is not None and item.real == os.path.realpath(output) for item in inputs):
        raise UsageError(f"the book {output} would overwrite one of its inputs")
    if not _replaceable_pdf(output):
        what = "the file exists and is not a PDF" if output.is_file() else "not a regular file"
        raise UsageError(f"-o {output}: {what}; a book replaces only an earlier PDF "
                         f"(remove it, or give another name)")
    run = BookRun(output, title, target.options, args.strict, _reporter(args.quiet))
    for item in in_order(inputs, problems):
        if isinstance(item, InputProblem):
            run.fail(item.name, item.message)
        else:
            run.add(item)
    run.write()
    return EXIT_FAILED if run.failures else EXIT_OK


def _book_path(name: str) -> Path:
    """The book's file: a file name, not standard output or a folder."""
    if name in ("-", ""):
        raise UsageError("a book is written to a file: give its name with -o, such as book.pdf")
    path = Path(name)
    if name.endswith(("/", os.sep)) or path.is_dir():
        raise UsageError(f"-o {name}: a folder; give the book's file name, such as {path / 'book.pdf'}")
    _check_output_folder(name, path.parent)
    return path


def _replaceable_pdf(path: Path) -> bool:
    """Whether writing a book to *path* loses nothing: there is no file there, or
    it is a PDF (an earlier book) or empty, not a mistyped name of something else."""
    if not os.path.lexists(path):
        return True
    if path.is_symlink() or not path.is_file():  # a link, a FIFO, a device: never replaced
        return False
    try:
        with path.open("rb") as existing:
            return existing.read(5) in (b"%PDF-", b"")
    except OSError:
        return False


def list_formats() -> int:
    broken = False
    for info in formats():
        if info.error:
            print(f"wikipress: error: {info.error}", file=sys.stderr)
            broken = True
            continue
        exporter = info.exporter
        kind = "binary" if exporter.binary else "text"
        print(f"{info.name:<10} .{exporter.extension:<6} {kind:<6}  {info.origin}")
        rows = [(f"{option.name}={_shown(option.default)}", option.type, option.help)
                for option in describe_options(exporter.Options)]
        settings, types = (max((len(row[column]) for row in rows), default=0) for column in (0, 1))
        for setting, type_, help_ in rows:
            print(f"    -O {setting:<{settings}}  {type_:<{types}}  {help_}")
    return EXIT_FAILED if broken else EXIT_OK


def _shown(default: Any) -> str:
    """An option's default as it is written after ``-O KEY=``."""
    return str(default).lower() if isinstance(default, bool) else str(default)
